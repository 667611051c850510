"""`ecosystem validate`, `info`, `datasets` through click's CliRunner (exit codes, messages)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ecosystem.cli import main

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent


def run(runner, *args):
    result = runner.invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_validate_ok_prints_the_summary_line(runner):
    r = run(runner, "validate", DATA / "korean_relations_cp949.csv", "--partners",
            DATA / "korean_partners_cp949.csv")
    assert r.exit_code == 0
    assert r.output.splitlines()[0] == "OK: 7 partners, 6 relations, 2 components, 6 sectors"


def test_validate_lists_every_problem_and_exits_2(runner):
    r = run(runner, "validate", DATA / "bad_relations.csv", "--partners", DATA / "bad_partners.csv")
    assert r.exit_code == 2
    out = r.output
    assert out.startswith("FAILED: 9 errors in")
    for fragment in ["row 4, column 'source': empty partner id", "row 5, column 'weight'",
                     "(value: 'abc')", "(value: '0')", "(value: '-2')", "(value: 'NaN')",
                     "(value: 'inf')", "row 10, column 'date'", "bad_partners.csv, row 5",
                     "bad_partners.csv, row 6, column 'id': duplicate partner id"]:
        assert fragment in out
    assert "and 3 warnings" in out and "self-loop dropped" in out


def test_validate_json_carries_every_problem(runner):
    r = run(runner, "validate", DATA / "bad_relations.csv", "--format", "json")
    assert r.exit_code == 2
    payload = json.loads(r.output)
    assert payload["ok"] is False and payload["errors"] == 7
    rows = sorted(p["row"] for p in payload["problems"] if p["severity"] == "error")
    assert rows == [4, 5, 6, 7, 8, 9, 10]
    assert {"file", "row", "column", "value", "message", "code"} <= set(payload["problems"][0])


def test_validate_csv_lists_problems(runner):
    r = run(runner, "validate", DATA / "fixable_relations.csv", "-p", DATA / "fixable_partners.csv",
            "--format", "csv")
    assert r.exit_code == 0
    assert r.output.splitlines()[0] == "severity,code,file,row,column,value,message"
    assert len(r.output.splitlines()) == 5


def test_validate_warnings_pass_but_strict_fails(runner):
    r = run(runner, "validate", DATA / "fixable_relations.csv", "-p", DATA / "fixable_partners.csv")
    assert r.exit_code == 0
    assert "OK: 4 partners, 2 relations" in r.output
    assert "4 warnings (repaired: 1 duplicate relation, 1 empty weight, 1 self loop, 1 unknown partner)" in r.output
    r = run(runner, "validate", DATA / "fixable_relations.csv", "-p", DATA / "fixable_partners.csv",
            "--strict")
    assert r.exit_code == 2 and "FAILED: 4 errors" in r.output and "under --strict" in r.output


def test_validate_no_auto_add(runner):
    r = run(runner, "validate", DATA / "fixable_relations.csv", "-p", DATA / "fixable_partners.csv",
            "--no-auto-add")
    assert r.exit_code == 2 and "row 5, column 'target'" in r.output and "'D'" in r.output


@pytest.mark.parametrize("path, fragment", [
    ("billion_laughs.graphml", "refused: the XML declares entities"),
    ("external_entity.gexf", "refused: the XML declares entities"),
    ("broken.graphml", "not well-formed XML"),
    ("ragged.csv", "row 3: row has 4 cells"),
    ("empty.csv", "file is empty"),
    ("no_source.csv", "missing required columns"),
    ("bad.json", "not valid JSON"),
    ("nope.csv", "file not found"),
])
def test_bad_files_exit_2_with_a_message(runner, path, fragment):
    r = run(runner, "validate", DATA / path)
    assert r.exit_code == 2 and fragment in r.output


def test_wrong_encoding_exits_2_naming_position(runner):
    r = run(runner, "info", DATA / "korean_relations_cp949.csv", "--encoding", "utf-8")
    assert r.exit_code == 2
    assert "Error:" in r.output and "byte position 0" in r.output and "row 1" in r.output


def test_unknown_encoding_exits_2(runner):
    r = run(runner, "info", DATA / "relations.tsv", "--encoding", "klingon")
    assert r.exit_code == 2 and "unknown encoding 'klingon'" in r.output


def test_info_table_and_json(runner):
    r = run(runner, "info", DATA / "gephi_edges.csv", "-p", DATA / "gephi_nodes.csv")
    assert r.exit_code == 0
    assert "directed" in r.output and "yes" in r.output and "investment" in r.output
    r = run(runner, "info", DATA / "gephi_edges.csv", "-p", DATA / "gephi_nodes.csv", "--format", "json")
    info = json.loads(r.output)
    assert (info["partners"], info["relations"], info["ties"], info["isolates"]) == (5, 4, 4, 1)
    assert info["components"] == 2 and info["largest_component"] == 4 and info["directed"] is True
    assert info["density"] == pytest.approx(4 / 20)
    assert info["relation_types"] == {"investment": 2, "pilot": 1, "licence": 1}
    assert info["encoding"] == {"relations": "utf-8", "partners": "utf-8"}
    assert info["settings"]["aggregate"] == "sum" and "method" in info


def test_info_accepts_bundled_names(runner):
    r = run(runner, "info", "karate", "--format", "json")
    info = json.loads(r.output)
    assert (info["partners"], info["ties"], info["total_strength"]) == (34, 78, 231.0)
    assert info["sectors"] == {"Mr. Hi": 17, "Officer": 17}


def test_info_csv(runner):
    r = run(runner, "info", "florentine", "--format", "csv")
    assert r.exit_code == 0 and "partners,16" in r.output and "type:marriage,20" in r.output


def test_affiliation_options(runner):
    r = run(runner, "info", DATA / "participations.csv", "--affiliation", "--partner-col", "org",
            "--group-col", "project", "--projection", "newman", "--format", "json")
    info = json.loads(r.output)
    assert info["ties"] == 8 and info["isolates"] == 1
    # Newman: each project with n members adds n/2 in total: P1 3/2 + P2 2/2 + P3 4/2 (+ P4 alone: 0)
    assert info["total_strength"] == pytest.approx(3 / 2 + 2 / 2 + 4 / 2)
    assert info["metadata"]["source"]["affiliation"]["weighting"] == "newman"


def test_excel_sheet_options(runner):
    r = run(runner, "validate", DATA / "ecosystem.xlsx", "--sheet", "Relations", "--partners-sheet", "2")
    assert r.exit_code == 2 and "ecosystem.xlsx [Relations], row 7, column 'Weight'" in r.output


def test_type_weight_changes_strength(runner):
    r = run(runner, "info", DATA / "relations.tsv", "--type-weight", "pilot=3", "--format", "json")
    assert json.loads(r.output)["total_strength"] == pytest.approx(2 * 3 + 1 + 0.5 * 3)


def test_datasets_list_and_card(runner):
    r = run(runner, "datasets")
    assert r.exit_code == 0
    for name in ("demo", "karate", "florentine", "krebs", "davis", "scotland", "h2020_sc5"):
        assert name in r.output
    r = run(runner, "datasets", "karate")
    assert r.exit_code == 0 and "Zachary" in r.output and "Licence" in r.output and "sha256" in r.output
    r = run(runner, "datasets", "--format", "json")
    names = [d["name"] for d in json.loads(r.output)["datasets"]]
    assert names[0] == "demo" and "h2020_swafs" in names
    r = run(runner, "datasets", "nope")
    assert r.exit_code == 2 and "bundled: demo" in r.output


def test_cli_py_works_from_a_checkout():
    out = subprocess.run([sys.executable, str(ROOT / "cli.py"), "validate", "demo"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("OK: 202 partners")


def test_info_demo_shows_the_date_span_and_sectors(runner):
    r = run(runner, "info", "demo", "--format", "json")
    info = json.loads(r.output)
    assert info["dates"] == {"column": "date", "first": "2018-01-06", "last": "2025-12-31", "undated": 0}
    assert info["partners"] == 202 and info["isolates"] == 5 and len(info["sectors"]) == 8
    r = run(runner, "info", "demo")
    assert "2018-01-06 .. 2025-12-31" in r.output and "startup" in r.output


def test_affiliation_errors_exit_2(runner, tmp_path):
    r = run(runner, "validate", DATA / "participations.csv", "--affiliation", "--partner-col", "org",
            "--group-col", "nope")
    assert r.exit_code == 2 and "--group-col 'nope' is not a column" in r.output
    bad = tmp_path / "p.csv"
    bad.write_text("project,org,year\nP1,a,2020\nP1,,2020\nP2,b,20x0\n", encoding="utf-8")
    r = run(runner, "validate", bad, "--affiliation")
    assert r.exit_code == 2
    assert "row 3, column 'org': empty partner id" in r.output
    assert "row 4, column 'year': year cannot be read" in r.output
    r = run(runner, "validate", DATA / "participations.csv", "--affiliation", "--partner-col", "org",
            "--group-col", "project", "--max-group-size", "3", "--strict")
    assert r.exit_code == 2 and "more than max_group_size=3" in r.output
    r = runner.invoke(main, ["validate", str(DATA / "participations.csv"), "--max-group-size", "1"])
    assert r.exit_code == 2 and "Traceback" not in r.output  # click usage error


def test_delimiter_option(runner, tmp_path):
    f = tmp_path / "odd.csv"
    f.write_text("source;target\nA;B\n", encoding="utf-8")
    r = run(runner, "info", f, "--delimiter", "comma")
    assert r.exit_code == 2 and "missing required columns" in r.output  # one column 'source;target'
    r = run(runner, "info", f, "--delimiter", "semicolon", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.output)["relations"] == 1


def test_info_date_span_of_projects_with_end_years_is_their_starts():
    # h2020_swafs relations carry a start year and an end (their project's end year): the
    # date span is 2014-2021 (the starts), not the ends 2015-2025
    from ecosystem import load
    from ecosystem.analysis.overview import overview

    span = overview(load("h2020_swafs"))["dates"]
    assert span["column"] == "year" and span["first"][:4] == "2014" and span["last"][:4] == "2021"
