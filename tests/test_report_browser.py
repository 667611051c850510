"""End to end: `ecosystem analyze` on the demo and on a real dataset, opened in headless Chromium."""
from __future__ import annotations

import json

import pytest

from ecosystem.cli import main

pytestmark = pytest.mark.browser

ARGS = ["--stability-runs", "3", "-q"]


def _run(runner, tmp_path_factory, data: str, *extra: str):
    out = tmp_path_factory.mktemp(data) / data
    result = runner_invoke(runner, ["analyze", data, "-o", str(out), *ARGS, *extra])
    assert result.exit_code == 0, result.output
    return out, json.loads((out / "summary.json").read_text(encoding="utf-8"))


def runner_invoke(runner, args):
    return runner.invoke(main, args, catch_exceptions=False)


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory):
    from click.testing import CliRunner

    return _run(CliRunner(), tmp_path_factory, "demo")


@pytest.fixture(scope="module")
def krebs_report(tmp_path_factory):
    from click.testing import CliRunner

    return _run(CliRunner(), tmp_path_factory, "krebs", "--lang", "ko")


def _assert_clean(probe):
    assert probe.blocked == [], probe.blocked          # no request left the page
    assert probe.console_errors == [], probe.console_errors
    assert probe.page_errors == [], probe.page_errors
    assert probe.dialogs == [], probe.dialogs


def _validate(summary):
    jsonschema = pytest.importorskip("jsonschema")
    from pathlib import Path

    schema = Path(__file__).resolve().parent.parent / "ecosystem" / "data" / "summary.schema.json"
    jsonschema.validate(summary, json.loads(schema.read_text(encoding="utf-8")))


def _check_report(probe, out, summary):
    _validate(summary)
    page = probe.open(out / "report.html", wait_ms=800)
    # six headline KPIs against chance; every indicator folded below them
    assert page.locator("#tiles .kpi").count() == 6
    cards = page.locator("#kpis .kpi")
    assert cards.count() >= 10
    partners = page.locator('#kpis .kpi[data-kpi="partners"] .value').text_content()
    assert partners.replace(",", "") == str(summary["partners"]["count"])
    # anchors with their why
    anchors_text = page.locator("#anchors table").first.inner_text()   # then roles, rank stability
    for a in summary["anchors"][:3]:
        assert a["name"] in anchors_text
    assert page.locator("#anchors table").first.locator("tbody tr").count() == len(summary["anchors"])
    # every section is there
    for section in ("communities", "roles", "gaps", "recommendations", "resilience", "methods"):
        assert page.locator(f"section#{section}").count() == 1
    assert page.locator("#resilience-chart svg").count() == 1
    # the interactive map is embedded and drew its canvas
    frame = page.frame_locator("#map-frame")
    frame.locator("canvas").first.wait_for(state="attached", timeout=15000)
    assert frame.locator("canvas").count() >= 1
    return page


def test_demo_report_in_browser(page_probe, demo_report):
    out, summary = demo_report
    page = _check_report(page_probe, out, summary)
    assert "Ecosystem report: demo" in page.locator("h1").inner_text()
    # the demo's relations are dated: the evolution section with its charts is there
    assert page.locator("section#evolution svg").count() >= 2
    # print layout: navigation and the live map are hidden when printing
    page.emulate_media(media="print")
    assert page.locator("nav.toc").is_hidden()
    assert page.locator("#map-frame").is_hidden()
    assert page.locator("section#map img.print-only").is_visible()  # static map on paper
    page.emulate_media(media="screen")
    _assert_clean(page_probe)


#: Every text of every inline chart whose box leaves its SVG's viewBox (would be cut off).
OUTSIDE_VIEWBOX = """() => Array.from(document.querySelectorAll("svg.chart")).flatMap(svg => {
  const vb = svg.viewBox.baseVal, out = [];
  svg.querySelectorAll("text").forEach(t => {
    const b = t.getBBox(), m = svg.getCTM().inverse().multiply(t.getCTM());
    const xs = [b.x, b.x + b.width].flatMap(x => [b.y, b.y + b.height].map(y => m.a * x + m.c * y + m.e));
    const ys = [b.x, b.x + b.width].flatMap(x => [b.y, b.y + b.height].map(y => m.b * x + m.d * y + m.f));
    if (b.width && (Math.min(...xs) < vb.x - 0.5 || Math.max(...xs) > vb.x + vb.width + 0.5
        || Math.min(...ys) < vb.y - 0.5 || Math.max(...ys) > vb.y + vb.height + 0.5))
      out.push(t.textContent);
  });
  return out;
})"""


def test_no_chart_text_is_cut_off_in_the_browser(page_probe, demo_report):
    # the browser draws the charts' text with its own fonts: a long Latin partner name
    # ("Seoul Deep Tech Partners") must still fit the room matplotlib kept for it
    out, _ = demo_report
    page = page_probe.open(out / "report.html", wait_ms=800)
    assert page.locator("svg.chart").count() >= 8
    assert page.evaluate(OUTSIDE_VIEWBOX) == []
    _assert_clean(page_probe)


def test_demo_map_in_browser(page_probe, demo_report):
    out, _ = demo_report
    page = page_probe.open(out / "map.html", wait_ms=500)
    page.locator("canvas").first.wait_for(state="attached", timeout=15000)
    _assert_clean(page_probe)


def test_real_dataset_korean_report_in_browser(page_probe, krebs_report):
    out, summary = krebs_report
    assert summary["partners"]["count"] > 100 and summary["lang"] == "ko"
    page = _check_report(page_probe, out, summary)
    assert "생태계 분석 보고서" in page.locator("h1").inner_text()
    assert "앵커 파트너" in page.locator("#anchors h2").inner_text()
    _assert_clean(page_probe)
