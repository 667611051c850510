"""Validation that loses nothing: every problem listed with file, row, column, value."""
from pathlib import Path

import pandas as pd
import pytest

from ecosystem import Ecosystem, load
from ecosystem.exceptions import InputDataError
from ecosystem.model_validate import match_columns, prepare_tables
from ecosystem import schema as S

DATA = Path(__file__).parent / "data"


def problems_of(*args, **kwargs):
    with pytest.raises(InputDataError) as info:
        load(*args, **kwargs)
    return info.value.problems


def test_every_error_class_is_listed_not_only_the_first():
    problems = problems_of(DATA / "bad_relations.csv", DATA / "bad_partners.csv")
    rel = [(p.row, p.column, p.code, p.value) for p in problems
           if p.file.endswith("bad_relations.csv") and p.severity == "error"]
    assert rel == [
        (4, "source", "empty_id", ""),
        (5, "weight", "bad_weight", "abc"),
        (6, "weight", "bad_weight", "0"),
        (7, "weight", "bad_weight", "-2"),
        (8, "weight", "bad_weight", "NaN"),
        (9, "weight", "bad_weight", "inf"),
        (10, "date", "bad_date", "31/31/2021"),
    ]
    part = [(p.row, p.column, p.code, p.value) for p in problems if p.file.endswith("bad_partners.csv")]
    assert part == [(5, "id", "empty_id", ""), (6, "id", "duplicate_id", "B")]
    warnings = {(p.row, p.code) for p in problems if p.severity == "warning"}
    assert warnings == {(3, "unknown_partner"), (11, "self_loop"), (12, "duplicate_relation")}


def test_messages_read_well():
    text = str(InputDataError(problems_of(DATA / "bad_relations.csv")))
    assert "9 problem" not in text  # only errors are counted in the headline
    assert "bad_relations.csv, row 7, column 'weight': weight must be a finite number > 0 (value: '-2')" in text
    assert "row 10, column 'date': date cannot be read" in text


def test_unknown_partner_is_an_error_without_auto_add():
    problems = problems_of(DATA / "fixable_relations.csv", DATA / "fixable_partners.csv",
                           auto_add_partners=False)
    errors = [(p.row, p.column, p.value) for p in problems if p.severity == "error"]
    assert errors == [(5, "target", "D")]


def test_repairs_are_counted_and_kept_as_warnings():
    eco = load(DATA / "fixable_relations.csv", DATA / "fixable_partners.csv")
    assert eco.report.counts() == {"duplicate_relation": 1, "self_loop": 1, "empty_weight": 1,
                                   "unknown_partner": 1}
    assert eco.n_relations == 2 and "D" in eco.ids and "C" in eco.ids  # C: isolate kept
    dup = next(p for p in eco.report.warnings if p.code == "duplicate_relation")
    assert dup.row == 3 and "duplicate of row 2" in dup.message
    assert eco.relations.set_index("target").loc["D", "weight"] == 1.0  # empty weight -> 1


def test_strict_turns_every_warning_into_an_error():
    problems = problems_of(DATA / "fixable_relations.csv", DATA / "fixable_partners.csv", strict=True)
    assert len(problems) == 4 and all(p.severity == "error" for p in problems)
    assert all("under --strict" in p.message for p in problems)


def test_duplicate_partner_rows_that_agree_are_merged():
    rel = pd.DataFrame({"source": ["a"], "target": ["b"]})
    part = pd.DataFrame({"id": ["a", "b", "a"], "name": ["A", "B", "A"]})
    p, r, report = prepare_tables(rel, part)
    assert p["id"].tolist() == ["a", "b"]
    assert [(x.row, x.code) for x in report.problems] == [(4, "duplicate_partner")]


def test_start_after_end_and_bad_years():
    rel = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "start": ["2022-01-01", "2020"],
                        "end": ["2021-01-01", "2021"], "year": ["2021", "20x1"]})
    with pytest.raises(InputDataError) as info:
        prepare_tables(rel)
    got = [(p.row, p.column, p.code) for p in info.value.problems]
    assert got == [(2, "end", "bad_date"), (3, "year", "bad_date")]


def test_missing_markers_are_no_date_not_an_error():
    rel = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "date": ["NA", "2021-05-01"],
                        "year": ["n/a", "2021"]})
    p, r, report = prepare_tables(rel)
    assert r["date"].isna().tolist() == [True, False] and report.problems == []


def test_thousands_separator_and_decimal_comma():
    rel = pd.DataFrame({"source": ["a"], "target": ["b"], "weight": ["1,250"]})
    assert prepare_tables(rel)[1]["weight"].tolist() == [1250.0]
    assert prepare_tables(rel, decimal=",")[1]["weight"].tolist() == [1.25]


def test_excel_float_ids_match_text_ids():
    rel = pd.DataFrame({"source": [1001.0], "target": ["1002"]})
    part = pd.DataFrame({"id": [1001, 1002]})
    p, r, _ = prepare_tables(rel, part)
    assert r[["source", "target"]].values.tolist() == [["1001", "1002"]] and len(p) == 2


def test_aliases_case_and_punctuation_insensitive():
    assert match_columns(["SOURCE ID", "Target_Id", "Relation-Type"], S.RELATION_ALIASES) == {
        "source": "SOURCE ID", "target": "Target_Id", "type": "Relation-Type"}
    assert match_columns(["Id", "Label"], S.PARTNER_ALIASES) == {"id": "Id", "name": "Label"}
    assert match_columns(["기관명", "유형"], S.PARTNER_ALIASES) == {"name": "기관명", "sector": "유형"}


def test_from_frames_still_validates_with_default_row_offset():
    with pytest.raises(InputDataError) as info:
        Ecosystem.from_frames(pd.DataFrame({"source": ["a", "b"], "target": ["b", ""]}))
    assert info.value.problems[0].row == 3


def test_more_than_200_problems_are_all_kept():
    rel = pd.DataFrame({"source": [f"p{i}" for i in range(300)], "target": ["x"] * 300,
                        "weight": ["bad"] * 300})
    with pytest.raises(InputDataError) as info:
        prepare_tables(rel)
    assert len(info.value.problems) == 300
    assert "... and 100 more" in str(info.value)


def test_relations_naming_partners_by_name_are_matched_with_a_note():
    rel = pd.DataFrame({"source": ["삼성전자", "K02"], "target": ["kaist ", "K03"]})
    part = pd.DataFrame({"id": ["K01", "K02", "K03"], "name": ["삼성전자", "KAIST", "SNU"]})
    p, r, report = prepare_tables(rel, part)
    assert r[["source", "target"]].values.tolist() == [["K01", "K02"], ["K02", "K03"]]
    assert len(p) == 3 and report.counts() == {"matched_by_name": 2}
    assert all(x.severity == "info" for x in report.problems)


def test_ambiguous_names_are_not_matched():
    rel = pd.DataFrame({"source": ["Acme"], "target": ["K02"]})
    part = pd.DataFrame({"id": ["K01", "K02", "K03"], "name": ["Acme", "B", "Acme"]})
    p, r, report = prepare_tables(rel, part)
    assert "Acme" in set(p["id"]) and report.counts() == {"unknown_partner": 1}


def test_clashing_columns_are_kept_under_a_new_name_not_dropped():
    rel = pd.DataFrame({"source": ["a"], "target": ["b"], "weight": ["2"], "strength": ["high"],
                        "Date": ["2021-01-01"], "date": ["2022-02-02"]})
    p, r, report = prepare_tables(rel)
    assert r["weight"].tolist() == [2.0]
    assert r["strength_input"].tolist() == ["high"]
    assert str(r["date"].iloc[0].date()) == "2021-01-01" and r["date_input"].tolist() == ["2022-02-02"]
    assert report.counts() == {"renamed_column": 2}
    eco = Ecosystem.from_frames(rel)
    assert eco.relations["strength"].tolist() == [2.0] and "strength_input" in eco.relations


def test_header_only_file_is_an_error_but_partners_without_relations_are_fine(tmp_path):
    (tmp_path / "r.csv").write_text("source,target,weight\n", encoding="utf-8")
    (tmp_path / "p.csv").write_text("id,name\na,Alpha\n", encoding="utf-8")
    with pytest.raises(InputDataError, match="no data: the file has a header but no rows"):
        load(tmp_path / "r.csv")
    eco = load(tmp_path / "r.csv", tmp_path / "p.csv")
    assert eco.n_partners == 1 and eco.n_relations == 0


def test_korean_and_european_date_formats():
    rel = pd.DataFrame({"source": ["a"] * 6, "target": ["b", "c", "d", "e", "f", "g"],
                        "date": ["2021-03-02", "2021년 3월 2일", "2021. 3. 2.", "02.03.2021",
                                 "2021.03.02", "2021년 3월"]})
    p, r, report = prepare_tables(rel)
    assert [d.date().isoformat() for d in r["date"]] == ["2021-03-02"] * 5 + ["2021-03-01"]
    assert report.problems == []


def test_percent_weights():
    rel = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "weight": ["80%", "2"]})
    assert prepare_tables(rel)[1]["weight"].tolist() == [0.8, 2.0]


def test_mixed_time_zones_are_read_as_utc_not_a_crash():
    # regression: pandas refuses mixed offsets unless utc=True (found by the evolution work)
    import pandas as pd
    from ecosystem import Ecosystem

    rel = pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"],
                        "date": ["2021-01-01T00:00:00+09:00", "2021-02-01T00:00:00+01:00",
                                 "2021-03-01"]})
    eco = Ecosystem.from_frames(rel)
    assert [str(d) for d in eco.relations["date"]] == [
        "2020-12-31 15:00:00", "2021-01-31 23:00:00", "2021-03-01 00:00:00"]
