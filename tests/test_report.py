"""The report folder: every file, safe with hostile names, Korean, atomic."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ecosystem import Ecosystem
from ecosystem.exceptions import InvalidParameterError
from ecosystem.pipeline import analyze

SCHEMA = Path(__file__).resolve().parent.parent / "ecosystem" / "data" / "summary.schema.json"
FAST = {"communities": {"stability_runs": 2}, "resilience": {"runs": 1, "steps": 4}}
HOSTILE = {
    "p0": "=HYPERLINK(\"http://evil.example\",\"click\")",
    "p1": "+SUM(1,2)",
    "p2": "-2+3",
    "p3": "@cmd",
    "p4": "<script>alert('name')</script>",
    "p5": "삼성전자",
    "p6": "한국과학기술원 (KAIST)",
    "p7": "Fraunhofer | IPA *bold* [link](http://x)",
}


def hostile_ecosystem(n: int = 40, seed: int = 3) -> Ecosystem:
    """Four loose groups; some partners have formula-like, HTML or Hangul names."""
    rng = np.random.default_rng(seed)
    ids = [f"p{i}" for i in range(n)]
    names = [HOSTILE.get(i, f"기관 {k}" if k % 3 == 0 else f"Org {k}") for k, i in enumerate(ids)]
    sectors = ["company", "university", "research institute", "government", "=1+1"]
    rows = []
    for i in range(n):
        for j in range(i + 1, n):
            same = i % 4 == j % 4
            if rng.random() < (0.35 if same else 0.03):
                rows.append((ids[i], ids[j], int(rng.integers(1, 4)),
                             str(rng.choice(["joint R&D", "pilot", "=MoU"]))))
    partners = pd.DataFrame({"id": ids, "name": names,
                             "sector": [sectors[k % len(sectors)] for k in range(n)],
                             "note": ["=2*3" if k == 1 else "" for k in range(n)]})
    return Ecosystem.from_edges(rows, partners=partners, name="hostile <eco>")


@pytest.fixture(scope="module")
def hostile_analysis():
    return analyze(hostile_ecosystem(), FAST)


@pytest.fixture(scope="module")
def written(hostile_analysis, tmp_path_factory):
    out = tmp_path_factory.mktemp("rep") / "report"
    info = hostile_analysis.write_report(out, outputs={"map.png": False})
    return out, info


def test_every_output_is_written(written):
    out, info = written
    for name in ("report.html", "report.md", "partners.csv", "communities.csv",
                 "recommendations.csv", "summary.json", "metrics.xlsx", "ties.csv", "map.html"):
        assert (out / name).is_file(), name
        assert name in info["files"]
    assert not list(out.parent.glob(".report.*"))  # no temporary folder left behind


def test_summary_json_validates_against_its_schema(written, hostile_analysis):
    jsonschema = pytest.importorskip("jsonschema")
    out, _ = written
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    jsonschema.validate(summary, schema)
    for key in ("partners", "relations", "anchors", "communities", "gaps", "recommendations",
                "health", "resilience", "parameters"):
        assert key in summary
    assert summary["partners"]["count"] == hostile_analysis.eco.n_partners
    top = hostile_analysis.anchors.sort_values("rank").index[0]
    assert summary["anchors"][0]["id"] == top
    assert summary["communities"]["count"] == hostile_analysis.partition.n_communities
    assert summary["parameters"]["seed"] == 0


def test_html_escapes_names_and_loads_nothing_remote(written):
    out, _ = written
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(" in html
    assert "hostile &lt;eco&gt;" in html
    assert "삼성전자" in html and "한국과학기술원 (KAIST)" in html
    for remote in ('src="http', "src='http", 'href="http', "@import", "cdn."):
        assert remote not in html.split("srcdoc=")[0], remote
    assert "@media print" in html  # printable
    assert html.count("<svg") >= 3  # anchor, roles and resilience charts inline
    # the confidence of the recommended list, in words, beside (above) the list
    assert 'id="recommendation-confidence"' in html and "a test that hid 10% of the ties" in html
    assert html.index('id="recommendation-confidence"') < html.index("<table", html.index(
        'id="recommendations"'))


def test_markdown_escapes_table_cells(written):
    out, _ = written
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "Fraunhofer \\| IPA" in md  # a pipe in a name cannot break the table
    assert "<script>" not in md
    assert md.startswith("# Ecosystem report: hostile")
    for heading in ("## Anchor partners", "## Communities", "## Gaps", "## Recommended partnerships",
                    "## Resilience", "## Methods"):
        assert heading in md


def test_csv_neutralises_formulas_and_keeps_hangul(written):
    out, _ = written
    raw = (out / "partners.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens UTF-8 Hangul correctly
    with open(out / "partners.csv", encoding="utf-8-sig", newline="") as fh:
        rows = {r["id"]: r for r in csv.DictReader(fh)}
    assert rows["p0"]["name"].startswith("'=HYPERLINK")
    assert rows["p1"]["name"] == "'+SUM(1,2)"
    assert rows["p2"]["name"] == "'-2+3"
    assert rows["p3"]["name"] == "'@cmd"
    assert rows["p1"]["note"] == "'=2*3"
    assert rows["p5"]["name"] == "삼성전자"
    assert float(rows["p5"]["degree"]) >= 0  # numbers stay numbers
    for name in ("communities.csv", "recommendations.csv", "ties.csv"):
        text = (out / name).read_text(encoding="utf-8-sig")
        for line in csv.reader(text.splitlines()):
            for cell in line:
                assert not cell.startswith(("=", "+", "@")), (name, cell)


def test_xlsx_has_one_sheet_per_table_and_no_formulas(written):
    openpyxl = pytest.importorskip("openpyxl")
    out, _ = written
    wb = openpyxl.load_workbook(out / "metrics.xlsx")
    for sheet in ("partners", "communities", "anchors", "recommendations", "structural_holes",
                  "articulation_points", "resilience", "ties", "health"):
        assert sheet in wb.sheetnames, sheet
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "@")), (ws.title, cell.value)
    ws = wb["partners"]
    header = [c.value for c in ws[1]]
    names = [r[header.index("name")] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in names and "삼성전자" in names


def test_korean_report(hostile_analysis, tmp_path):
    info = hostile_analysis.write_report(tmp_path / "ko", lang="ko",
                                         outputs=["report.html", "report.md", "summary.json"])
    html = (tmp_path / "ko" / "report.html").read_text(encoding="utf-8")
    md = (tmp_path / "ko" / "report.md").read_text(encoding="utf-8")
    assert info["lang"] == "ko" and 'lang="ko"' in html
    for text in ("앵커 파트너", "커뮤니티", "추천 파트너십", "회복력", "분석 방법", "핵심 지표"):
        assert text in html, text
    assert "## 앵커 파트너" in md
    # the why-sentences are Korean too (from the analyses' own ko explanations)
    assert "협력 강도" in html or "최단 경로" in html
    assert "공통 파트너" in html
    assert json.loads((tmp_path / "ko" / "summary.json").read_text(encoding="utf-8"))["lang"] == "ko"


def test_interrupted_write_keeps_the_previous_report(hostile_analysis, tmp_path, monkeypatch):
    out = tmp_path / "report"
    hostile_analysis.write_report(out, outputs=["report.html", "summary.json", "partners.csv"])
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    import ecosystem.render.report as rep

    def boom(ctx):
        raise RuntimeError("disk full while rendering")

    monkeypatch.setattr(rep, "render_html", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        hostile_analysis.write_report(out, outputs=["partners.csv", "report.html", "summary.json"])
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == before  # the good report is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]  # no temp folder left


def test_refuses_to_replace_a_folder_that_is_not_a_report(hostile_analysis, tmp_path):
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "thesis.docx").write_text("years of work", encoding="utf-8")
    with pytest.raises(InvalidParameterError, match="not empty"):
        hostile_analysis.write_report(precious, outputs=["summary.json"])
    assert (precious / "thesis.docx").read_text(encoding="utf-8") == "years of work"


def test_report_context_is_pure_data(hostile_analysis):
    from ecosystem.render.report import report_context

    ctx = report_context(hostile_analysis, "en", charts=False)
    json.dumps(ctx)  # plain data only
    assert ctx["kpis"][0]["label"] == "Partners"
    assert ctx["anchors"]["rows"][0][1] == hostile_analysis.anchors.sort_values("rank")["name"].iloc[0]
    assert any("Random seed 0" in ctx["seed_text"] for _ in [0])
    assert ctx["parameters"][0] == ["seed", "0"]


def test_every_english_string_has_a_korean_translation():
    from ecosystem.i18n import EN, KO, translator

    missing = sorted(set(EN) - set(KO))
    assert missing == [], missing
    for key, text in EN.items():  # same placeholders in both languages
        import string
        fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}
        assert fields(text) == fields(KO[key]), key
    assert translator("ko")("kpi_some_new_kpi") == "Some new kpi"  # unknown keys never break


def test_data_quality_problems_are_reported(tmp_path):
    eco = Ecosystem.from_edges([("a", "b"), ("a", "a"), ("b", "c"), ("a", "b"), ("c", "d")])
    a = analyze(eco, FAST)
    a.write_report(tmp_path / "q", outputs=["report.html", "report.md", "summary.json"])
    html = (tmp_path / "q" / "report.html").read_text(encoding="utf-8")
    assert "self-loop dropped" in html and "duplicate of row" in html
    summary = json.loads((tmp_path / "q" / "summary.json").read_text(encoding="utf-8"))
    assert summary["data_quality"]["warnings"] == 2
    assert {p["code"] for p in summary["data_quality"]["problems"]} == set(summary["data_quality"]["counts"])


def test_methods_state_sampling_and_its_measured_error_and_the_curve_settings_used():
    # issue 8: "the report says which measures were sampled and with what error bound"
    from ecosystem import Ecosystem, analyze
    from ecosystem.render.report import SAMPLING_ERROR, _parameters

    edges = [(f"p{i}", f"p{(i * 7 + 3) % 40}") for i in range(40)] + [(f"p{i}", f"p{i + 1}") for i in range(39)]
    eco = Ecosystem.from_edges(edges)
    cfg = {"centrality": {"sample": True, "n_samples": 5},
           "communities": {"stability_runs": 0}, "analyses": {"evolution": False}}
    a = analyze(eco, cfg)
    rows = dict((r[0], r[1]) for r in _parameters(a, lambda k, **kw: k, "en"))
    assert "sampled: 5" in rows["centrality"]
    assert rows["sampling_error"] == SAMPLING_ERROR["en"]
    assert "steps 20; runs 10" in rows["resilience"]  # the automatic values, not "None"
    exact = analyze(eco, {**cfg, "centrality": {"sample": False}})
    assert "sampling_error" not in dict((r[0], r[1]) for r in _parameters(exact, lambda k, **kw: k, "en"))


def test_year_axes_show_whole_years_only():
    # evolution charts plotted years as 2018.0, 2018.5, ... (reported by the evolution work)
    import re

    from ecosystem.render.charts import line_chart_svg

    svg = line_chart_svg({"partners": ([2018, 2019, 2020, 2021], [10, 12, 15, 19])},
                         title="KPI", xlabel="year", ylabel="partners")
    ticks = set(re.findall(r">(20\d\d(?:\.\d+)?)<", svg))
    assert ticks and all("." not in t for t in ticks)


def test_korean_report_map_uses_korean_wording(tmp_path):
    from ecosystem import Ecosystem, analyze

    eco = Ecosystem.from_edges([("가", "나"), ("나", "다"), ("다", "가"), ("다", "라")])
    a = analyze(eco, {"communities": {"stability_runs": 0}, "report": {"lang": "ko"}})
    assert a.map_spec()["lang"] == "ko"  # the report's language reaches the map page
    assert a.map_spec(lang="en")["lang"] == "en"


def test_methods_give_the_standard_error_of_sampled_efficiency_and_path_lengths():
    from ecosystem import Ecosystem, analyze
    from ecosystem.analysis.health import health_kpis
    from ecosystem.analysis.resilience import removal_curves
    from ecosystem.render.report import _parameters

    edges = [(f"p{i}", f"p{(i * 7 + 3) % 40}") for i in range(40)] + [(f"p{i}", f"p{i + 1}") for i in range(39)]
    eco = Ecosystem.from_edges(edges)
    a = analyze(eco, {"communities": {"stability_runs": 0}, "analyses": {"evolution": False}})
    rows = dict((r[0], r[1]) for r in _parameters(a, lambda k, **kw: k, "en"))
    assert "resilience.efficiency" not in rows and "health.path_lengths" not in rows  # exact
    # the same network measured as a large one would be: from sampled sources
    a.resilience = removal_curves(eco, strategies=["degree"], steps=4, sample_above=10, n_sources=8)
    a.health = health_kpis(eco, partition=a.partition, sample_above=10, n_sources=8)
    rse_eff = a.resilience.attrs["params"]["efficiency_rse_max"]
    rse_apl = a.health["path_length_rse"]
    for lang in ("en", "ko"):
        rows = dict((r[0], r[1]) for r in _parameters(a, lambda k, **kw: k, lang))
        assert f"{rse_eff:.1%}" in rows["resilience.efficiency"] and "8" in rows["resilience.efficiency"]
        assert f"{rse_apl:.1%}" in rows["health.path_lengths"]
    assert "standard error" in rows["health.path_lengths"] or "표준오차" in rows["health.path_lengths"]


def test_notes_are_in_the_report_language():
    # a Korean report said "evolution: the relations have no dates" in English
    from ecosystem.render.report import report_context

    a = analyze("karate", {**FAST, "analyses": {"resilience": False, "recommendations": False}})
    assert a.notes["evolution"] == "the relations have no dates"   # the API keeps English
    ko = report_context(a, "ko")["notes"]
    assert ["생태계 변화", "관계에 날짜가 없어 시간에 따른 변화를 분석하지 않았습니다"] in ko
    en = report_context(a, "en")["notes"]
    assert ["Evolution", "the relations have no dates"] in en


def test_the_recommendation_score_is_explained_for_its_method():
    # the Score column ran 0.37-0.9 on one network and up to 1.99 on another, unexplained
    from ecosystem.render.report import report_context

    a = analyze("karate", {**FAST, "analyses": {"resilience": False}})
    assert a.recommendations["method"].iloc[0] == "resource_allocation"
    en = report_context(a, "en")["recommendations_score_text"]
    assert en.startswith("Score: each shared partner adds 1 divided by its own number of partners")
    assert "cannot be compared across networks" in en
    assert report_context(a, "ko")["recommendations_score_text"].startswith(
        "점수: 공통 파트너 한 곳마다 1을 그 파트너의 연결 수로 나눈 값을 더합니다")
    b = analyze("karate", {**FAST, "analyses": {"resilience": False},
                           "recommendations": {"method": "jaccard"}})
    assert report_context(b, "en")["recommendations_score_text"].startswith(
        "Score: shared partners divided by all partners of either (Jaccard, 0-1)")


def test_data_quality_rows_name_severity_and_row_in_the_report_language(tmp_path):
    # a Korean report listed "info", "warning", "row 73" in its data-quality table
    from ecosystem.render.report import report_context

    rel = tmp_path / "r.csv"
    rel.write_text("source,target\na,b\na,b\nb,c\n", encoding="utf-8")
    a = analyze(str(rel), {**FAST, "analyses": {"resilience": False, "recommendations": False}})
    en = report_context(a, "en")["quality"]["table"]["rows"]
    ko = report_context(a, "ko")["quality"]["table"]["rows"]
    assert en and any(r[0] == "warning" and "row 3" in r[1] for r in en)
    assert any(r[0] == "경고" and "3행" in r[1] for r in ko)
    assert not any(r[0] in ("info", "warning", "error") for r in ko)
