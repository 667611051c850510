"""--skip-bad-rows (issue 15): strict by default; with the option, every unreadable row is
left out and listed (file, row, column, reason) in the data-quality report, summary.json
and the CLI output, and read = skipped + dropped + used."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from ecosystem import load
from ecosystem.cli import main
from ecosystem.exceptions import InputDataError

ROOT = Path(__file__).resolve().parent.parent
SWAFS = ROOT / "datasets" / "cordis_h2020" / "h2020_swafs_participations.csv"


@pytest.fixture()
def participations(tmp_path):
    """The public CORDIS SwafS participation file with 3 organisation ids blanked."""
    lines = SWAFS.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    pic = header.index("pic")
    for i in (10, 500, 1200):  # file rows 11, 501, 1201
        cells = lines[i].split(",")
        cells[pic] = ""
        lines[i] = ",".join(cells)
    f = tmp_path / "participations.csv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f, len(lines) - 1


def test_strict_by_default_every_bad_row_is_an_error(participations):
    f, _ = participations
    with pytest.raises(InputDataError) as err:
        load(f)
    assert [p.row for p in err.value.problems if p.severity == "error"] == [11, 501, 1201]


def test_skip_bad_rows_analyses_the_rest_and_counts_reconcile(participations):
    f, n = participations
    eco = load(f, skip_bad_rows=True)
    skipped = eco.report.skipped()
    assert [(s["file"], s["row"], s["column"]) for s in skipped] == [
        ("participations.csv", 11, "pic"), ("participations.csv", 501, "pic"),
        ("participations.csv", 1201, "pic")]
    assert all(s["reason"] == "empty partner id" for s in skipped)
    rows = eco.report.rows["participations"]
    assert rows["read"] == n and rows["skipped"] == 3
    assert rows["read"] == rows["skipped"] + rows["dropped"] + rows["used"]
    full = load(SWAFS)
    assert full.report.rows["participations"]["used"] == rows["used"] + 3 - (
        full.report.rows["participations"]["dropped"] - rows["dropped"])


def test_relation_table_rows_skipped_with_every_reason(tmp_path):
    f = tmp_path / "rel.csv"
    f.write_text("source,target,weight,date\n"
                 "a,b,1,2024-01-01\n"      # row 2 ok
                 ",c,1,2024-01-01\n"       # row 3 empty id
                 "b,c,abc,2024-01-01\n"    # row 4 bad weight
                 "c,d,1,-2024\n"           # row 5 bad date
                 "d,e,2,2024-02-01\n"      # row 6 ok
                 "e,e,1,2024-02-01\n"      # row 7 self-loop (dropped, a repair)
                 "a,b,1,2024-01-01\n",     # row 8 duplicate of row 2 (merged)
                 encoding="utf-8")
    with pytest.raises(InputDataError):
        load(f)
    eco = load(f, skip_bad_rows=True)
    assert [(s["row"], s["column"]) for s in eco.report.skipped()] == [
        (3, "source"), (4, "weight"), (5, "date")]
    assert eco.report.rows["relations"] == {"read": 7, "skipped": 3, "dropped": 2, "used": 2}
    assert sorted(eco.ids) == ["a", "b", "d", "e"]  # c only appears in skipped rows


def test_cli_lists_skipped_rows_and_summary_json_holds_them(tmp_path):
    f = tmp_path / "rel.csv"
    f.write_text("source,target,weight\na,b,1\nb,c,x\nc,d,2\nd,a,1\n", encoding="utf-8")
    cfg = tmp_path / "c.yaml"
    cfg.write_text("outputs: {map.png: false, metrics.xlsx: false}\n"
                   "analyses: {resilience: false, evolution: false}\n", encoding="utf-8")
    runner = CliRunner()
    r = runner.invoke(main, ["analyze", str(f), "-o", str(tmp_path / "out"), "-q", "-c", str(cfg),
                             "--stability-runs", "0"])
    assert r.exit_code == 2 and "row 3" in r.output
    r = runner.invoke(main, ["analyze", str(f), "-o", str(tmp_path / "out"), "-q", "-c", str(cfg),
                             "--stability-runs", "0", "--skip-bad-rows"])
    assert r.exit_code == 0, r.output
    assert "Skipped 1 row" in r.output and "rel.csv, row 3, column 'weight'" in r.output
    assert "4 rows read = 1 skipped + 0 dropped" in r.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    dq = summary["data_quality"]
    assert dq["skipped_rows"][0]["row"] == 3 and dq["skipped_rows"][0]["column"] == "weight"
    assert dq["rows"]["relations"] == {"read": 4, "skipped": 1, "dropped": 0, "used": 3}
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "row skipped (--skip-bad-rows)" in html
    assert "4 rows read = 1 skipped (--skip-bad-rows) + 0 dropped" in html
    r = runner.invoke(main, ["validate", str(f), "--skip-bad-rows", "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.output)["skipped_rows"][0]["row"] == 3


def test_config_key_skip_bad_rows(tmp_path):
    from ecosystem.pipeline import load_data

    f = tmp_path / "rel.csv"
    f.write_text("source,target\na,b\n,c\n", encoding="utf-8")
    eco = load_data({"data": {"skip_bad_rows": True}}, str(f))
    assert eco.report.rows["relations"]["skipped"] == 1


def test_partner_rows_with_empty_ids_are_skipped_and_counted(tmp_path):
    rel = tmp_path / "rel.csv"
    rel.write_text("source,target\na,b\n", encoding="utf-8")
    part = tmp_path / "part.csv"
    part.write_text("id,name\na,A\n,Nobody\nb,B\nb,B\n", encoding="utf-8")
    eco = load(rel, part, skip_bad_rows=True)
    assert eco.report.rows["partners"] == {"read": 4, "skipped": 1, "dropped": 1, "used": 2}
