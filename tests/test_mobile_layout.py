"""The demo's map.html and report.html on a phone (390x844) and on a desktop (1440x900).

On a phone the map is one column: the network is drawn full width at a real height, and
neither page scrolls sideways (wide tables and charts scroll inside their own box). On a
desktop the layout is the one it always was: controls 290 px, drawing, legend 250 px.
"""
from __future__ import annotations

import pytest
from conftest import wait_ready  # tests/ is on sys.path (rootdir conftest)

from ecosystem.cli import main

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("mobile") / "demo"
    res = CliRunner().invoke(main, ["analyze", "--demo", "-o", str(out), "--stability-runs", "2",
                                    "-q"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return out


@pytest.fixture
def phone(page_probe):
    """The offline page of ``page_probe`` at 390x844, as on a phone."""
    page_probe.page.set_viewport_size(PHONE)
    return page_probe


def box(page, selector: str) -> dict:
    return page.evaluate("(s) => { const r = document.querySelector(s).getBoundingClientRect();"
                         " return {x: r.x, y: r.y, w: r.width, h: r.height, right: r.right,"
                         " bottom: r.bottom}; }", selector)


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def drawing_fits(target) -> bool:
    """Every drawn partner lies inside the canvas, and the drawing spans over half its width."""
    return target.evaluate("""(() => {
        const b = ecosystemMap.drawingBox(), c = document.querySelector('#eco-network canvas');
        const w = c.clientWidth, h = c.clientHeight;
        return b[0] >= -1 && b[1] >= -1 && b[2] <= w + 1 && b[3] <= h + 1 && b[2] - b[0] > w / 2;
    })()""")


def test_phone_map_draws_the_network_full_width_without_sideways_scroll(phone, demo):
    page = wait_ready(phone.open(demo / "map.html"))
    canvas = box(page, "#eco-network canvas")
    assert canvas["w"] >= 300 and canvas["h"] >= 300
    assert canvas["w"] == PHONE["width"]
    assert no_sideways_scroll(page)
    assert drawing_fits(page)
    # one column: the drawing first, then the legend, then the controls, each full width
    legend, panel = box(page, "#eco-legend"), box(page, "#eco-panel")
    assert canvas["bottom"] <= legend["y"] + 1 and legend["bottom"] <= panel["y"] + 1
    assert legend["right"] <= PHONE["width"] + 1 and panel["right"] <= PHONE["width"] + 1
    # the toolbar stays on the drawing, off the search box
    toolbar, search = box(page, "#eco-toolbar"), box(page, "#eco-search")
    assert toolbar["x"] >= 0 and toolbar["bottom"] <= canvas["bottom"]
    assert toolbar["bottom"] <= search["y"]
    assert phone.page_errors == [] and phone.blocked == []


def test_map_fits_again_when_its_box_changes_size_unless_the_reader_zoomed(page_probe, demo):
    page = page_probe.page
    page.set_viewport_size(DESKTOP)
    wait_ready(page_probe.open(demo / "map.html"))
    page.set_viewport_size(PHONE)                   # a window narrowed to phone width
    page.wait_for_timeout(300)
    assert box(page, "#eco-network canvas")["w"] == PHONE["width"]
    assert drawing_fits(page)
    page.click("#eco-zoom-in")                      # the reader's own view is kept
    scale = page.evaluate("ecosystemMap.network.getScale()")
    page.set_viewport_size({"width": 390, "height": 700})
    page.wait_for_timeout(300)
    assert page.evaluate("ecosystemMap.network.getScale()") == pytest.approx(scale, rel=0.5)
    assert not drawing_fits(page)
    page.click("#eco-fit")
    page.wait_for_timeout(500)
    assert drawing_fits(page)


def test_phone_report_scrolls_wide_tables_and_the_risk_matrix_in_their_own_box(phone, demo):
    page = phone.open(demo / "report.html", wait_ms=300)
    assert no_sideways_scroll(page)
    # the anchors table (rank, name, sector, role, score, why) scrolls inside its box
    wrap = page.evaluate("""(() => { const w = document.querySelector('#anchors .table-wrap');
        const r = w.getBoundingClientRect(), row = w.querySelector('tbody tr');
        return {right: r.right, client: w.clientWidth, scroll: w.scrollWidth,
                row: row.getBoundingClientRect().height}; })()""")
    assert wrap["right"] <= PHONE["width"] and wrap["scroll"] > wrap["client"]
    assert wrap["row"] < 120                       # the why column is not squeezed to a sliver
    # the risk matrix keeps its labels legible (11 px ticks drawn at 9 px or more)
    risk = page.evaluate("""(() => { const s = document.querySelector('#risk-matrix svg');
        return {w: s.getBoundingClientRect().width, vb: s.viewBox.baseVal.width,
                box: s.parentElement.getBoundingClientRect().right}; })()""")
    assert 11 * risk["w"] / risk["vb"] >= 9 and risk["box"] <= PHONE["width"]
    # every chart wider than its box says so above it, in a line that stays in view while
    # the chart scrolls (the charts scrolled without any visible cue)
    charts = page.evaluate("""(() => [...document.querySelectorAll(
        'figure:has(> svg.chart), .chart-scroll')].map(e => {
            const hint = getComputedStyle(e, '::before').content;
            return {wider: e.scrollWidth > e.clientWidth, hint: hint}; }))()""")
    assert len(charts) >= 4 and all(c["wider"] for c in charts)
    assert all(c["hint"] == '"Swipe sideways to see the whole chart \u2194"' for c in charts)
    # the embedded map is drawn and fitted to its narrow frame
    page.evaluate("document.getElementById('map-frame').scrollIntoView()")
    frame = page.frame_locator("#map-frame")
    frame.locator("canvas").first.wait_for(state="attached", timeout=15000)
    inner = next(f for f in page.frames if f != page.main_frame)
    wait_ready(inner)
    page.wait_for_timeout(200)
    assert drawing_fits(inner)
    # paper is not a phone: printed on A4 (about 700 px), tables keep the page's width
    page.set_viewport_size({"width": 700, "height": 900})
    page.emulate_media(media="print")
    table = page.evaluate("(() => { const t = document.querySelector('#anchors table');"
                          " return [t.offsetWidth, t.parentElement.clientWidth]; })()")
    assert table[0] == table[1]
    assert phone.page_errors == [] and phone.blocked == []


def test_desktop_layout_is_unchanged(page_probe, demo):
    page = page_probe.page
    page.set_viewport_size(DESKTOP)
    wait_ready(page_probe.open(demo / "map.html"))
    panel, network, legend = box(page, "#eco-panel"), box(page, "#eco-network"), box(page, "#eco-legend")
    assert panel["x"] == 0 and panel["w"] == 290
    assert network["x"] == 290 and network["w"] == 900
    assert legend["x"] == 1190 and legend["w"] == 250
    assert network["h"] == DESKTOP["height"] - network["y"]
    # named communities carry their size once in the filter list (it read "... (25곳) (25)")
    filters = page.evaluate("[...document.querySelectorAll('#eco-f-community .eco-list label')]"
                            ".map(l => l.textContent)")
    import re

    assert filters and not any(re.search(r"(\d[\d,]*)\D*\)\s*\(\1\)$", f) for f in filters), filters
    report = page_probe.open(demo / "report.html", wait_ms=300)
    wrap = report.evaluate("(() => { const w = document.querySelector('#anchors .table-wrap');"
                           " return [w.querySelector('table').offsetWidth, w.clientWidth]; })()")
    assert wrap[0] == wrap[1]                      # tables fill the column, as before
    # charts fit: no swipe hint on a desktop
    assert report.evaluate("""[...document.querySelectorAll('figure[data-hint], .chart-scroll')]
        .every(e => getComputedStyle(e, '::before').content === 'none')""")
    assert report.evaluate("document.querySelector('#risk-matrix svg')"
                           ".getBoundingClientRect().width") == 760
