"""Trust and risk in the report: the demo's first run shows them (English and Korean), the
risk matrix is a PNG and an interactive, offline, escaped chart, and summary.json holds them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ecosystem.cli import main
from ecosystem.pipeline import analyze

from test_report import FAST, SCHEMA, hostile_ecosystem

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "datasets" / "demo"


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("demo") / "report"
    result = CliRunner().invoke(main, ["analyze", "--demo", "-o", str(out), "--format", "json",
                                       "--stability-runs", "2", "-q"])
    assert result.exit_code == 0, result.output
    return out, json.loads(result.stdout)


def test_analyze_demo_uses_the_bundled_synthetic_survey(demo_run):
    out, info = demo_run
    for name in ("risk_matrix.png", "risk_matrix.csv"):
        assert name in info["files"] and (out / name).is_file()
    assert (out / "risk_matrix.png").read_bytes()[:4] == b"\x89PNG"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    trust = summary["trust"]
    assert Path(trust["params"]["file"]).name == "partner_survey_synthetic.csv"
    assert [w["wave"] for w in trust["waves"]] == ["1", "2"]
    assert 0.25 <= trust["network"]["trust_share"] <= 1
    # the demo's built-in story: the smart-city group's only link is the one to act on
    first = summary["risk"]["partners"][0]
    assert (first["name"], first["quadrant"]) == ("판교스마트시티랩", "act_now")
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'id="trust"' in html and 'id="risk"' in html and "<svg class=\"chart risk-svg\"" in html
    assert "판교스마트시티랩 would cut off 7 partners if it left" in html
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "## Partner risk matrix" in md and "](risk_matrix.png)" in md
    risk = pd.read_csv(out / "risk_matrix.csv", encoding="utf-8-sig")
    assert {"id", "name", "quadrant", "impact", "likelihood"} <= set(risk.columns)


def test_summary_with_trust_and_risk_validates_against_the_schema(demo_run):
    jsonschema = pytest.importorskip("jsonschema")
    out, _ = demo_run
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(
        json.loads((out / "summary.json").read_text(encoding="utf-8")))


def test_korean_report_sections(tmp_path):
    a = analyze("demo", {**FAST, "survey": {"file": str(DEMO / "partner_survey_synthetic.csv")},
                         "analyses": {"recommendations": False, "resilience": False}})
    a.write_report(tmp_path / "ko", lang="ko", outputs=["report.html", "report.md",
                                                        "risk_matrix.png"])
    html = (tmp_path / "ko" / "report.html").read_text(encoding="utf-8")
    for text in ("신뢰와 가치", "파트너 위험 매트릭스", "즉시 대응", "핵심 관리", "인식 차이",
                 "판교스마트시티랩: 빠지면 파트너 7곳이 나머지 네트워크와 끊김"):
        assert text in html, text
    assert (tmp_path / "ko" / "risk_matrix.png").is_file()


def test_hostile_names_are_escaped_in_the_interactive_chart(tmp_path, page_probe):
    eco = hostile_ecosystem()
    ties = eco.ties
    lines = ["respondent,partner,trust,value"]
    for s, t in zip(ties["source"].head(60), ties["target"].head(60)):
        lines += [f"{s},{t},1,2", f"{t},{s},2,1"]
    (tmp_path / "s.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    a = analyze(eco, {**FAST, "survey": {"file": str(tmp_path / "s.csv")}})
    assert a.risk is not None and a.trust is not None
    out = tmp_path / "rep"
    a.write_report(out, outputs=["report.html", "metrics.xlsx", "risk_matrix.png"])
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert('name')</script>" not in html
    csv = (out / "risk_matrix.csv").read_text(encoding="utf-8-sig")
    assert "\n=HYPERLINK" not in csv and ",=HYPERLINK" not in csv
    page = page_probe.open(out / "report.html", wait_ms=200)
    assert page_probe.dialogs == [] and page_probe.page_errors == []
    assert page_probe.blocked == []
    dots = page.locator("#risk-matrix g.pt")
    assert dots.count() == len(a.risk.table)
    # choose a quadrant: only its partners stay in the table, the other dots fade
    quadrant = a.risk.table["quadrant"].iloc[0]
    page.locator(f"#risk-matrix button[data-q='{quadrant}']").click()
    rows = page.locator("#risk-table tbody tr")
    visible = [r.get_attribute("data-q") for r in rows.all() if r.is_visible()]
    assert visible and set(visible) == {quadrant}
    assert page.locator("#risk-matrix g.pt.dim").count() == \
        int((a.risk.table["quadrant"] != quadrant).sum())
    dots.first.hover()
    assert page.locator("#risk-tip").inner_text().strip() != ""


def test_demo_survey_is_reproduced_byte_for_byte(tmp_path):
    subprocess.run([sys.executable, str(DEMO / "make_survey.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True, timeout=120)
    name = "partner_survey_synthetic.csv"
    assert (tmp_path / name).read_bytes() == (DEMO / name).read_bytes()


def test_trust_command_on_the_demo(runner):
    result = runner.invoke(main, ["trust", "demo", "--survey",
                                  str(DEMO / "partner_survey_synthetic.csv"), "--format", "json",
                                  "--show", "network", "--show", "risk", "--show", "gaps"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["waves"] == ["1", "2"] and data["layout"] == "wide"
    assert data["risk_counts"]["act_now"] >= 1
    assert {r["indicator"] for r in data["gaps"]} <= {"reliability", "mission", "openness",
                                                      "power", "involvement", "resources"}
    text = runner.invoke(main, ["trust", "demo", "--survey",
                                str(DEMO / "partner_survey_synthetic.csv"), "--rule", "respondent"])
    assert text.exit_code == 2 and "--perspective" in text.stderr


def test_evolve_shows_trust_per_wave(runner):
    result = runner.invoke(main, ["evolve", "demo", "--survey",
                                  str(DEMO / "partner_survey_synthetic.csv"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [w["wave"] for w in data["trust_waves"]] == ["1", "2"]
    first = data["trust_changes"][0]
    assert first["trust_change"] == pytest.approx(first["trust_last"] - first["trust_first"])


def test_diff_compares_two_surveys(runner, tmp_path):
    text = (DEMO / "partner_survey_synthetic.csv").read_text(encoding="utf-8").splitlines()
    for wave in ("1", "2"):
        (tmp_path / f"w{wave}.csv").write_text(
            "\n".join([text[0]] + [x for x in text[1:] if x.startswith(wave + ",")]) + "\n",
            encoding="utf-8")
    result = runner.invoke(main, ["diff", "demo", "demo", "--survey", str(tmp_path / "w1.csv"),
                                  "--survey-b", str(tmp_path / "w2.csv"), "--format", "json",
                                  "--recommendations", "0"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["side"] for r in data["trust_network"]] == data["labels"]
    by_id = {r["id"]: r for r in data["trust_partners"]}
    # the same numbers as the two waves of one file (evolve / trust_scores)
    from ecosystem import load, read_survey, trust_scores

    eco = load("demo")
    ch = trust_scores(read_survey(DEMO / "partner_survey_synthetic.csv", eco=eco), eco)
    p9 = ch.partner_changes.loc["P009"]
    assert by_id["P009"]["trust_change"] == pytest.approx(p9["trust_change"])
