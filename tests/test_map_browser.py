"""Maps in a real headless chromium, every network request blocked.

One browser for the session (fixture ``browser``); the maps are written once per module.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd
import pytest

import ecosystem as es
from ecosystem import Ecosystem
from ecosystem import map_spec
from ecosystem.render.maps import map_files, write_map
from conftest import wait_ready  # tests/ is on sys.path (rootdir conftest)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "</script><script>alert(1)</script>"


def xss_eco() -> Ecosystem:
    rel = pd.DataFrame({"source": ["a", "b", "c", "c", "d", "e", "f"],
                        "target": ["b", "c", "a", "d", "e", "f", "d"],
                        "type": ["joint R&D", "pilot", "pilot", "licence", "pilot", "MoU", "pilot"],
                        "weight": [3, 1, 1, 2, 1, 1, 4]})
    part = pd.DataFrame({"id": list("abcdefg"),
                         "name": ["삼성전자", XSS_IMG, XSS_SCRIPT, "한국과학기술원 KAIST",
                                  "<b onmouseover=alert(2)>Naver</b>", "Tom & Jerry", "Isolated Ltd"],
                         "sector": ["company", "startup", "startup", "university", "company",
                                    "", "government"],
                         "note": ["<svg onload=alert(3)>", "", "", "", "", "", ""]})
    return Ecosystem.from_frames(rel, part)


@pytest.fixture(scope="module")
def maps(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("maps")
    eco = xss_eco()
    spec = map_spec(eco)
    demo = es.load(ROOT / "datasets/demo/relations.csv", ROOT / "datasets/demo/partners.csv")
    overview = map_spec(demo, max_nodes=100)
    return {
        "xss": write_map(spec, out / "xss.html"), "xss_spec": spec,
        "embed": write_map(spec, out / "embed.html", embed=True),
        "overview": write_map(overview, out / "demo.html"), "overview_spec": overview,
    }


def open_map(probe, path: Path):
    page = probe.page
    page.goto(Path(path).resolve().as_uri(), wait_until="load")
    return wait_ready(page)


def assert_clean(probe) -> None:
    assert probe.blocked == [], "the page tried to load something from the network"
    assert all(u.startswith("file:") for u in probe.requests)
    assert probe.console_errors == []
    assert probe.page_errors == []
    assert probe.dialogs == []


def test_renders_every_partner_offline_without_errors_or_dialogs(page_probe, maps):
    page = open_map(page_probe, maps["xss"])
    n = len(maps["xss_spec"]["nodes"])
    assert page.evaluate("ecosystemMap.nodes.length") == n == 7
    assert page.evaluate("ecosystemMap.network.body.nodeIndices.length") == n
    m = len(maps["xss_spec"]["edges"]) + len(maps["xss_spec"]["recommended"])
    assert page.evaluate("ecosystemMap.edges.length") == m
    # the canvas was drawn, at the size of the stage
    assert page.evaluate("document.querySelector('#eco-network canvas').width") > 300
    # the data's HTML never became elements
    assert page.evaluate("document.querySelectorAll('img, svg, b').length") == 0
    assert page.evaluate("document.scripts.length") == 3
    assert page.evaluate("document.characterSet") == "UTF-8"
    # Hangul names: the embedded font subset comes first, then the system fonts
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith(
        '"Ecosystem Hangul", "Noto Sans KR"')
    assert page.evaluate("ecosystemMap.network.physics.options.enabled") is False
    page.click("#eco-physics")
    assert page.evaluate("ecosystemMap.network.physics.options.enabled") is True
    page.click("#eco-physics")
    assert_clean(page_probe)


def test_search_by_hangul_name_and_hostile_names_show_as_text(page_probe, maps):
    page = open_map(page_probe, maps["xss"])
    page.fill("#eco-search", "삼성")
    assert page.inner_text("#eco-results").startswith("삼성전자")
    page.fill("#eco-search", "kaist")  # case-insensitive substring of a mixed name
    assert "한국과학기술원 KAIST" in page.inner_text("#eco-results")
    page.fill("#eco-search", "과학기술")
    assert "한국과학기술원 KAIST" in page.inner_text("#eco-results")
    # Hangul typed as decomposed jamo (macOS file names, some IMEs) still matches
    page.fill("#eco-search", unicodedata.normalize("NFD", "과학기술"))
    assert "한국과학기술원 KAIST" in page.inner_text("#eco-results")
    page.fill("#eco-search", "onerror")
    assert page.locator("#eco-results .eco-result-name").all_inner_texts() == [XSS_IMG]
    page.fill("#eco-search", "</script")
    assert page.locator("#eco-results .eco-result-name").all_inner_texts() == [XSS_SCRIPT]
    page.fill("#eco-search", "zzz-not-there")
    assert "No partner" in page.inner_text("#eco-results")
    # clicking a result selects the partner and shows its details as text
    page.fill("#eco-search", "onerror")
    page.click("#eco-results button")
    details = page.inner_text("#eco-details-body")
    assert XSS_IMG in details and "startup" in details
    # hover tooltip: built from text nodes
    page.evaluate("""() => { const m = window.ecosystemMap;
        m.network.emit('hoverNode', {node: 4, pointer: {DOM: {x: 100, y: 100}}}); }""")
    tip = page.inner_text("#eco-tooltip")
    assert "<b onmouseover=alert(2)>Naver</b>" in tip
    # tooltips are short; attributes live in the side panel
    assert len(tip.split("\n")) <= 8
    page.evaluate("ecosystemMap.select(0, false)")
    assert "<svg onload=alert(3)>" in page.inner_text("#eco-details-body")
    page.wait_for_timeout(200)
    assert page.evaluate("document.querySelectorAll('img, svg, b').length") == 0
    assert_clean(page_probe)


def test_legend_shows_every_category_of_the_styling(page_probe, maps):
    spec = maps["xss_spec"]
    page = open_map(page_probe, maps["xss"])
    legend = page.inner_text("#eco-legend")
    for item in spec["colorings"]["community"]["items"]:
        assert item["label"] in legend
    # one colour key: relation types are a filter (and on hover), not a second palette
    types = page.evaluate("document.getElementById('eco-f-type').textContent")
    for t in spec["edge_types"]:
        assert f"{t['label']} ({t['count']})" in types and t["label"] not in legend
    assert "Size: anchor score" in legend and "Line width: tie strength" in legend
    shown = page.evaluate("""() => Array.from(document.querySelectorAll('#eco-legend [data-category]'))
        .map(e => e.getAttribute('data-category'))""")
    assert shown == [it["value"] for it in spec["colorings"]["community"]["items"]]
    page.select_option("#eco-colorby", "sector")
    legend = page.inner_text("#eco-legend")
    for item in spec["colorings"]["sector"]["items"]:
        assert f"{item['label']} ({item['count']})" in legend
    assert "unknown (1)" in legend
    # node colours switched to the sector legend colours
    colors = page.evaluate("ecosystemMap.nodes.get().map(n => n.color.background)")
    lookup = {it["value"]: it["color"] for it in spec["colorings"]["sector"]["items"]}
    assert colors == [lookup[n["categories"]["sector"]] for n in spec["nodes"]]
    page.click("#eco-ov-frag")
    assert "bridge" in page.inner_text("#eco-legend")
    bridge = next(j for j, e in enumerate(spec["edges"]) if e["bridge"])
    assert page.evaluate(f"ecosystemMap.edges.get({bridge}).color.color") == "#000000"
    page.click("#eco-ov-hulls")
    assert "community hull" in page.inner_text("#eco-legend")
    communities_of_3 = sum(1 for it in spec["colorings"]["community"]["items"] if it["count"] >= 3)
    assert page.evaluate("ecosystemMap.hullCount()") == communities_of_3 >= 1
    assert_clean(page_probe)


def test_filters_overlays_and_neighbourhood(page_probe, maps):
    spec = maps["xss_spec"]
    page = open_map(page_probe, maps["xss"])
    page.click("#eco-f-sector summary")
    idx = [it["value"] for it in spec["colorings"]["sector"]["items"]].index("startup")
    page.click(f"#eco-f-sector input[data-index='{idx}']")
    hidden = page.evaluate("ecosystemMap.nodes.get({filter: n => n.hidden}).map(n => n.id)")
    assert sorted(hidden) == [1, 2]  # the two startups
    assert page.evaluate("ecosystemMap.shown.nodes") == 5
    page.click("#eco-reset")
    assert page.evaluate("ecosystemMap.shown.nodes") == 7
    # minimum strength: only the ties with strength >= 2 stay
    page.evaluate("""() => { const s = document.getElementById('eco-minstrength');
        s.value = '2'; s.dispatchEvent(new Event('input')); }""")
    strong = sum(1 for e in spec["edges"] if e["strength"] >= 2)
    assert page.evaluate("ecosystemMap.shown.edges") == strong < len(spec["edges"])
    page.click("#eco-reset")
    # relation type filter
    page.click("#eco-f-type summary")
    pilot = [t["value"] for t in spec["edge_types"]].index("pilot")
    page.click(f"#eco-f-type input[data-index='{pilot}']")
    assert page.evaluate("ecosystemMap.shown.edges") == sum(1 for e in spec["edges"]
                                                            if e["types"] != ["pilot"])
    page.click("#eco-reset")
    # recommended partnerships overlay toggles the dashed edges
    n_rec = len(spec["recommended"])
    assert n_rec > 0
    visible_rec = "ecosystemMap.edges.get({filter: e => String(e.id)[0] === 'r' && !e.hidden}).length"
    assert page.evaluate(visible_rec) == n_rec
    page.click("#eco-ov-rec")
    assert page.evaluate(visible_rec) == 0
    # neighbourhood highlight: partner c (index 2) keeps a, b, d; e, f, g are dimmed
    page.evaluate("ecosystemMap.select(2, false)")
    assert page.evaluate("ecosystemMap.highlighted()") == [0, 1, 2, 3]
    page.click("#eco-clear")
    assert page.evaluate("ecosystemMap.highlighted()") == []
    assert_clean(page_probe)


def test_overview_and_drilldown_pages(page_probe, maps):
    spec = maps["overview_spec"]
    page = open_map(page_probe, maps["overview"])
    assert page.evaluate("ecosystemMap.nodes.length") == len(spec["nodes"])
    assert "communities" in page.inner_text("#eco-stats")
    files = map_files(spec, maps["overview"])
    first = files[1]
    link = page.evaluate("ecosystemMap.data.nodes.link[0]")
    assert link == first.name
    page.evaluate("ecosystemMap.select(0, false)")
    with page.expect_navigation():
        page.click("#eco-details-body a")
    wait_ready(page)
    assert page.url.endswith(first.name)
    assert page.evaluate("ecosystemMap.nodes.length") == len(spec["drilldowns"][0]["spec"]["nodes"])
    assert page.get_attribute("#eco-back", "href") == maps["overview"].name
    assert_clean(page_probe)


def test_deep_link_selects_a_partner_and_escape_clears(page_probe, maps):
    page = page_probe.page
    page.goto(maps["xss"].resolve().as_uri() + "#partner=d", wait_until="load")
    wait_ready(page)
    assert page.evaluate("ecosystemMap.state.selected") == 3
    assert "한국과학기술원 KAIST" in page.inner_text("#eco-details-body")
    page.keyboard.press("Escape")
    assert page.evaluate("ecosystemMap.state.selected") is None
    assert_clean(page_probe)


def test_korean_page(page_probe, maps, tmp_path):
    ko = write_map(map_spec(xss_eco(), lang="ko"), tmp_path / "ko.html")
    page = open_map(page_probe, ko)
    assert page.inner_text("label[for=eco-search]") == "이름으로 파트너 검색"
    assert page.inner_text("#eco-legend").split("\n")[0] == "범례"
    assert "파트너" in page.inner_text("#eco-stats")
    page.fill("#eco-search", "삼성")
    assert page.inner_text("#eco-results").startswith("삼성전자")
    assert_clean(page_probe)


def test_embed_variant_fills_its_container(page_probe, maps):
    page = page_probe.page
    page.set_viewport_size({"width": 640, "height": 420})
    open_map(page_probe, maps["embed"])
    assert page.evaluate("document.querySelector('header')") is None
    box = page.evaluate("(() => { const r = document.getElementById('eco-network')"
                        ".getBoundingClientRect(); return [r.width, r.height]; })()")
    # the drawing fills its frame; the legend (collapsed to a button on a narrow frame)
    # docks beside it
    legend = page.evaluate("(() => { const r = document.getElementById('eco-legend')"
                           ".getBoundingClientRect(); return [r.left, r.width, r.height]; })()")
    assert box[1] == 420 and legend[0] == box[0] and box[0] + legend[1] == 640
    assert legend[1] < 100
    assert page.is_hidden("#eco-panel")
    page.click("#eco-toggle-panel")
    assert page.is_visible("#eco-panel")
    assert_clean(page_probe)
