"""``ecosystem evolve`` and ``ecosystem diff`` through click's CliRunner."""
from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from ecosystem.cli import main
from evolution_history import BROKER, history_frames


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("evo")
    rel, part = history_frames(seed=0)
    part.loc[part["id"] == "e0", "name"] = "=HYPERLINK(\"http://evil\")"
    rel.to_csv(d / "relations.csv", index=False)
    part.to_csv(d / "partners.csv", index=False)
    early = rel[pd.to_datetime(rel["start"]) < "2020-01-01"]
    early.to_csv(d / "early.csv", index=False)
    return d


def run(runner, *args):
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_evolve_table(runner, files):
    r = run(runner, "evolve", files / "relations.csv", "-p", files / "partners.csv")
    assert r.exit_code == 0, r.output
    out = r.output
    assert "5 periods (year), cumulative" in out and "ends from 'end'" in out
    for title in ("Periods", "Health KPIs", "Entrants and exits", "Rising and falling anchors",
                  "Community life cycle"):
        assert title in out
    assert "C1 + C2 merged into C1" in out or "merged into" in out
    assert "Rising Broker 주식회사" in out


def test_evolve_json_has_provenance_ids_and_names(runner, files):
    r = run(runner, "evolve", files / "relations.csv", "-p", files / "partners.csv",
            "--format", "json", "--seed", "3")
    assert r.exit_code == 0
    data = json.loads(r.output)
    p = data["params"]
    assert (p["freq"], p["mode"], p["seed"], p["undated_relations"], p["date_column"]) == \
        ("year", "cumulative", 3, 0, "start")
    assert p["tracking"]["threshold"] == 0.3
    assert [row["period"] for row in data["periods"]] == ["2018", "2019", "2020", "2021", "2022"]
    entrants_2020 = [e for e in data["entrants"] if e["period"] == "2020"]
    assert {e["id"] for e in entrants_2020} == {f"e{i}" for i in range(5)}
    broker = [m for m in data["ranks"] if m["id"] == BROKER]
    assert broker[-1]["name"] == "Rising Broker 주식회사" and broker[-1]["rank"] == 1
    assert {"event", "community", "from", "to"} <= set(data["events"][0])
    assert p["snapshot_sampling"]["betweenness_pivots"] == 50


def test_evolve_samples_option(runner, files):
    r = run(runner, "evolve", files / "relations.csv", "-p", files / "partners.csv",
            "--format", "json", "--samples", "7")
    assert r.exit_code == 0, r.output
    sampling = json.loads(r.output)["params"]["snapshot_sampling"]
    assert sampling["betweenness_pivots"] == sampling["path_length_sources"] == 7
    bad = runner.invoke(main, ["evolve", str(files / "relations.csv"), "--samples", "0"])
    assert bad.exit_code == 2 and "--samples" in bad.output


def test_evolve_csv_tables_are_formula_safe(runner, files):
    r = run(runner, "evolve", files / "relations.csv", "-p", files / "partners.csv",
            "--format", "csv", "--table", "entrants")
    assert r.exit_code == 0
    table = pd.read_csv(io.StringIO(r.output), dtype=str)
    names = set(table["name"])
    assert "'=HYPERLINK(\"http://evil\")" in names
    assert not any(n.startswith("=") for n in names)
    periods = pd.read_csv(io.StringIO(run(runner, "evolve", files / "relations.csv",
                                          "--format", "csv").output))
    assert list(periods["period"]) == [2018, 2019, 2020, 2021, 2022]


def test_evolve_window_quarter_and_bins(runner, files):
    r = run(runner, "evolve", files / "relations.csv", "--mode", "window", "--window", "2",
            "--format", "json")
    p = json.loads(r.output)["params"]
    assert (p["mode"], p["window"]) == ("window", 2)
    r = run(runner, "evolve", files / "early.csv", "--freq", "quarter", "--format", "csv")
    labels = pd.read_csv(io.StringIO(r.output))["period"].tolist()
    assert labels[0] == "2018Q1" and labels[-1] == "2019Q4" and len(labels) == 8
    r = run(runner, "evolve", files / "relations.csv", "--bins", "2018,2020,2023", "--format", "csv")
    assert pd.read_csv(io.StringIO(r.output))["period"].tolist() == ["2018-2019", "2020-2022"]


def test_evolve_date_col_and_undated(runner, tmp_path):
    rel = pd.DataFrame({"from": ["a", "b", "x"], "to": ["b", "c", "y"],
                        "agreed": ["2020-03-01", "2021-04-01", ""]})
    rel.to_csv(tmp_path / "r.csv", index=False)
    r = run(runner, "evolve", tmp_path / "r.csv", "--date-col", "agreed")
    assert r.exit_code == 0, r.output
    assert "1 relation(s) without a date were counted in the latest period only" in r.output
    r = run(runner, "evolve", tmp_path / "r.csv", "--date-col", "agreed", "--undated", "include",
            "--format", "json")
    data = json.loads(r.output)
    assert data["params"]["undated"] == "include"
    assert [p["relations"] for p in data["periods"]] == [2, 3]


def test_evolve_errors_exit_2(runner, tmp_path):
    pd.DataFrame({"source": ["a"], "target": ["b"]}).to_csv(tmp_path / "nodates.csv", index=False)
    r = runner.invoke(main, ["evolve", str(tmp_path / "nodates.csv")])
    assert r.exit_code == 2 and "Error:" in r.output and "dates" in r.output
    assert "Traceback" not in r.output
    r = runner.invoke(main, ["evolve", str(tmp_path / "nodates.csv"), "--window", "0"])
    assert r.exit_code == 2
    r = runner.invoke(main, ["evolve", str(tmp_path / "missing.csv")])
    assert r.exit_code == 2 and "Error:" in r.output


def test_diff_two_periods(runner, files):
    r = run(runner, "diff", files / "relations.csv", "-p", files / "partners.csv",
            "--period", "2019", "--period", "2022")
    assert r.exit_code == 0, r.output
    out = r.output
    for title in ("Summary", "KPI changes", "New and lost partners", "Anchors",
                  "Gaps closed and opened", "Recommendations on 2019 that came true in 2022"):
        assert title in out
    r = run(runner, "diff", files / "relations.csv", "--period", "2019", "--period", "2022",
            "--format", "json")
    data = json.loads(r.output)
    assert data["labels"] == ["2019", "2022"] and data["params"]["periods"] == ["2019", "2022"]
    assert {"hits", "hit_rate", "base_rate", "lift"} <= set(data["hit_rate"])
    assert {row["id"] for row in data["partners"] if row["change"] == "new"} == \
        {f"e{i}" for i in range(5)}
    kpis = {row["kpi"]: row for row in data["kpis"]}
    assert kpis["ties"]["delta"] == kpis["ties"]["after"] - kpis["ties"]["before"]


def test_diff_two_files_and_usage_errors(runner, files):
    r = run(runner, "diff", files / "early.csv", files / "relations.csv", "--format", "csv",
            "--table", "partners")
    assert r.exit_code == 0, r.output
    table = pd.read_csv(io.StringIO(r.output))
    assert set(table.loc[table["change"] == "new", "id"]) == {f"e{i}" for i in range(5)}
    r = runner.invoke(main, ["diff", str(files / "relations.csv")])
    assert r.exit_code == 2 and "DATA_B" in r.output
    r = runner.invoke(main, ["diff", str(files / "relations.csv"), "--period", "2019"])
    assert r.exit_code == 2
    r = runner.invoke(main, ["diff", str(files / "relations.csv"), "--period", "2019",
                             "--period", "1999"])
    assert r.exit_code == 2 and "no period '1999'" in r.output


@pytest.mark.browser
def test_evolve_maps_slider_works_offline(runner, files, tmp_path, page_probe):
    out = tmp_path / "maps"
    r = run(runner, "evolve", files / "relations.csv", "-p", files / "partners.csv",
            "--maps", out)
    assert r.exit_code == 0, r.output
    index = out / "index.html"
    assert index.exists() and f"Maps: {index}" in r.output
    pages = sorted(p.name for p in out.glob("period_*.html"))
    assert pages == ["period_00_2018.html", "period_01_2019.html", "period_02_2020.html",
                     "period_03_2021.html", "period_04_2022.html"]
    page = page_probe.open(index, wait_ms=300)
    assert page.text_content("#period") == "2022"
    page.fill("#slider", "0")
    page.dispatch_event("#slider", "input")
    assert page.get_attribute("#map", "src") == "period_00_2018.html"
    assert page.text_content("#period") == "2018"
    page.click("#next")
    assert page.text_content("#period") == "2019"
    page.wait_for_timeout(300)
    frame = page.frame_locator("#map")
    assert "2019" in frame.locator("body").inner_text(timeout=5000)
    assert page_probe.blocked == [] and page_probe.page_errors == [] and page_probe.dialogs == []
