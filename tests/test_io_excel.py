"""Excel workbooks: sheets found by name aliases, Excel row numbers, single-sheet files."""
from pathlib import Path

import pytest

from ecosystem import load
from ecosystem.exceptions import InputDataError, UnsupportedFormatError
from ecosystem.io.excel import read_workbook

DATA = Path(__file__).parent / "data"


def test_partners_and_relations_sheets_found_by_name_and_excel_row_reported():
    # the workbook has a README sheet, a Partners and a Relations sheet; the relations
    # sheet starts with a blank row and has a blank row inside; row 7 has weight "two"
    with pytest.raises(InputDataError) as info:
        load(DATA / "ecosystem.xlsx")
    (p,) = info.value.problems
    assert p.file.endswith("ecosystem.xlsx [Relations]")
    assert (p.row, p.column, p.value) == (7, "Weight", "two")


def test_workbook_values_keep_their_types():
    rel, part, info = read_workbook(DATA / "ecosystem.xlsx")
    assert info["relations_sheet"] == "Relations" and info["partners_sheet"] == "Partners"
    assert rel.index.tolist() == [3, 4, 6, 7]  # Excel row numbers
    assert part["Organisation"].tolist()[:2] == ["삼성전자", "한국과학기술원(KAIST)"]


def test_workbook_loads_once_the_bad_cell_is_skipped(tmp_path):
    import openpyxl

    wb = openpyxl.load_workbook(DATA / "ecosystem.xlsx")
    wb["Relations"]["D7"] = 1
    path = tmp_path / "fixed.xlsx"
    wb.save(path)
    eco = load(path)
    assert eco.n_partners == 5 and eco.n_relations == 4
    assert eco.names["1002"] == "한국과학기술원(KAIST)"  # Excel integer ids become text ids
    assert eco.sectors["1005"] == "NGO" and eco.graph.degree("1005") == 0
    assert eco.relations["type"].tolist() == ["joint R&D", "pilot", "licence", "MoU"]
    assert str(eco.relations["date"].iloc[0].date()) == "2021-03-02"  # "Signed" -> date
    assert eco.relations["Trust"].tolist() == [0.9, 0.7, 0.8, 0.5]  # extra column kept
    assert eco.metadata["source"]["sheets"] == {"relations": "Relations", "partners": "Partners"}


def test_korean_sheet_names_and_headers():
    eco = load(DATA / "korean_sheets.xlsx")  # sheets 관계 and 기관
    assert eco.n_partners == 4 and eco.n_relations == 2
    assert eco.sectors["카카오벤처스"] == "investor"
    assert eco.relations["weight"].tolist() == [2.0, 1.0]


def test_single_sheet_workbook_is_the_relations():
    eco = load(DATA / "single_sheet.xlsx")
    assert eco.n_relations == 2 and list(eco.ids) == ["a", "b", "c"]


def test_explicit_sheets_by_name_and_number():
    rel, part, info = read_workbook(DATA / "ecosystem.xlsx", sheet="3", partners_sheet="partners")
    assert info["relations_sheet"] == "Relations" and info["partners_sheet"] == "Partners"


def test_unknown_sheet_lists_the_sheets():
    with pytest.raises(InputDataError, match="no relations sheet named 'Edges'; sheets: 'README', 'Partners', 'Relations'"):
        load(DATA / "ecosystem.xlsx", sheet="Edges")


def test_partner_sheet_from_a_separate_workbook():
    eco = load(DATA / "single_sheet.xlsx", DATA / "korean_sheets.xlsx", auto_add_partners=True)
    # partner workbook: 기관 sheet found by alias; a,b,c are added (not in that table)
    assert eco.report.counts()["unknown_partner"] == 4  # a, b, b, c: one per relation cell


def test_not_a_workbook(tmp_path):
    f = tmp_path / "fake.xlsx"
    f.write_text("source,target\n", encoding="utf-8")
    with pytest.raises(InputDataError, match="cannot be opened as an Excel .xlsx workbook"):
        load(f)


def test_old_xls_is_unsupported_with_advice(tmp_path):
    f = tmp_path / "old.xls"
    f.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UnsupportedFormatError, match="save as .xlsx"):
        load(f)


def test_title_rows_above_the_header_are_skipped_with_a_note(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "협력관계"
    ws.append(["2024년 협력기관 현황"])
    ws.append(["작성: 전략기획팀", None, None])
    ws.append([])
    ws.append(["출발", "도착", "가중치"])
    ws.append(["삼성전자", "KAIST", 2])
    ws.append(["KAIST", "ETRI", "x"])
    path = tmp_path / "titled.xlsx"
    wb.save(path)
    with pytest.raises(InputDataError) as info:
        load(path)
    errors = [p for p in info.value.problems if p.severity == "error"]
    assert [(p.row, p.column, p.value) for p in errors] == [(6, "가중치", "x")]
    note = next(p for p in info.value.problems if p.code == "title_rows")
    assert "rows 1, 2 above the header (row 4)" in note.message


def test_kumu_workbook_elements_connections_and_direction(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    el = wb.active
    el.title = "Elements"
    el.append(["Label", "Type", "Description", "Tags"])
    for row in [("Seoul Ventures", "Investor", "VC", "seed"), ("로보틱스 스타트업", "Startup", "", ""),
                ("Mega Corp", "Corporate", "", "anchor")]:
        el.append(list(row))
    co = wb.create_sheet("Connections")
    co.append(["From", "To", "Type", "Direction", "Strength"])
    co.append(["Seoul Ventures", "로보틱스 스타트업", "investment", "directed", 3])
    co.append(["Mega Corp", "로보틱스 스타트업", "pilot", "directed", 2])
    path = tmp_path / "kumu.xlsx"
    wb.save(path)
    eco = load(path)
    assert eco.directed is True and "Direction" not in eco.relations
    assert eco.sectors.to_dict() == {"Seoul Ventures": "Investor", "로보틱스 스타트업": "Startup",
                                     "Mega Corp": "Corporate"}
    assert eco.relations["type"].tolist() == ["investment", "pilot"]
    assert eco.relations["weight"].tolist() == [3.0, 2.0]
    assert eco.digraph.has_edge("Seoul Ventures", "로보틱스 스타트업")
