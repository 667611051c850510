"""Property: any partner name survives writing to CSV/XLSX/JSON and loading back (lossless)."""
import json

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecosystem import load

HANGUL = st.integers(0xAC00, 0xD7A3).map(chr)
ASCII = st.sampled_from(list("abcXYZ019 ,;|\"'=+-_.()&/#%!?@") + ["\t"])
NAME = st.lists(st.one_of(HANGUL, ASCII), min_size=1, max_size=12).map("".join).map(str.strip) \
    .filter(lambda s: s != "")
NAMES = st.lists(NAME, min_size=2, max_size=6, unique=True)
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _relations(names):
    return pd.DataFrame({"source": names[:-1], "target": names[1:], "weight": range(1, len(names))})


@SETTINGS
@given(names=NAMES, encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp949"]))
def test_csv_round_trip(tmp_path_factory, names, encoding):
    folder = tmp_path_factory.mktemp("csv")
    _relations(names).to_csv(folder / "relations.csv", index=False, encoding=encoding)
    pd.DataFrame({"id": names, "name": names}).to_csv(folder / "partners.csv", index=False,
                                                      encoding=encoding)
    eco = load(folder / "relations.csv", folder / "partners.csv")
    assert list(eco.ids) == names
    assert eco.relations[["source", "target"]].values.tolist() == [
        [a, b] for a, b in zip(names[:-1], names[1:])]
    assert eco.report.problems == []


@SETTINGS
@given(names=NAMES)
def test_xlsx_and_json_round_trip(tmp_path_factory, names):
    folder = tmp_path_factory.mktemp("x")
    import openpyxl

    wb = openpyxl.Workbook()
    rel = wb.active
    rel.title = "Relations"
    part = wb.create_sheet("Partners")
    rows = [("source", "target")] + list(zip(names[:-1], names[1:]))
    for sheet, table in ((rel, rows), (part, [("id",)] + [(n,) for n in names])):
        for r, values in enumerate(table, start=1):
            for c, value in enumerate(values, start=1):
                cell = sheet.cell(row=r, column=c, value=value)
                cell.data_type = "s"  # text as typed, even "=..." (not a formula)
    wb.save(folder / "book.xlsx")
    assert list(load(folder / "book.xlsx").ids) == names
    (folder / "g.json").write_text(json.dumps({
        "nodes": [{"id": n} for n in names],
        "links": [{"source": a, "target": b} for a, b in zip(names[:-1], names[1:])]},
        ensure_ascii=False), encoding="utf-8")
    assert list(load(folder / "g.json").ids) == names
