"""Maps people can read, checked in a real headless chromium (1440x900, network blocked).

On the demo and on a generated clustered network of 1,000 partners and 10,000 ties, at the
first view and after two zoom steps: no two drawn label boxes overlap, the legend sits
beside the drawing (its box meets neither the drawing nor the viewport's edge), the
drawing covers at least 70% of its canvas, and one categorical palette is active. The
Korean page shows no English UI word and draws with the embedded font; the time slider
shows, period by period, as many partners and ties as ``evolve``'s snapshots hold.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ecosystem as es
from ecosystem import Ecosystem
from ecosystem.render.map import style
from ecosystem import map_spec
from ecosystem.render.maps import write_map

pytestmark = pytest.mark.browser

#: Words of the English page chrome; none may appear on a Korean page.
ENGLISH_UI = ["Legend", "Community", "Search", "Colour", "Filters", "Overlays", "Sector",
              "partners", "ties", "other", "isolated", "Size", "Line width", "strength",
              "Time", "period", "drawn", "partner map", "Labels", "Fit", "Recommended",
              "hide", "show", "About", "startup", "university", "government", "cluster",
              "around", "unknown"]


def clustered(n: int = 1000, m: int = 10000, k: int = 12, seed: int = 0) -> Ecosystem:
    """``k`` planted communities, 85% of ties inside one, integer strengths 1-5."""
    rng = np.random.default_rng(seed)
    comm = rng.integers(0, k, n)
    members = [np.flatnonzero(comm == c) for c in range(k)]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < m:
        a = int(rng.integers(0, n))
        b = int(rng.choice(members[comm[a]])) if rng.random() < 0.85 else int(rng.integers(0, n))
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    ordered = sorted(pairs)
    rel = pd.DataFrame({"source": [f"p{a}" for a, _ in ordered],
                        "target": [f"p{b}" for _, b in ordered],
                        "weight": rng.integers(1, 6, len(ordered))})
    sectors = np.array(["company", "startup", "university", "research institute",
                        "government", "investor"])
    part = pd.DataFrame({"id": [f"p{i}" for i in range(n)],
                         "name": [f"Partner {i:04d} Labs" for i in range(n)],
                         "sector": sectors[rng.integers(0, len(sectors), n)]})
    return Ecosystem.from_frames(rel, part)


@pytest.fixture(scope="module")
def demo() -> Ecosystem:
    return es.load_dataset("demo")


@pytest.fixture(scope="module")
def pages(tmp_path_factory, demo) -> dict:
    out = tmp_path_factory.mktemp("reading")
    big = clustered()
    assert (big.n_partners, big.n_ties) == (1000, 10000)
    return {"demo": write_map(map_spec(demo), out / "demo.html"),
            "demo_ko": write_map(map_spec(demo, lang="ko"), out / "demo_ko.html"),
            "big": write_map(map_spec(big), out / "big.html")}


def open_page(probe, path: Path):
    page = probe.page
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(Path(path).resolve().as_uri(), wait_until="load")
    deadline = time.monotonic() + 60
    while not page.evaluate("!!(window.ecosystemMap && window.ecosystemMap.ready)"):
        assert time.monotonic() < deadline, "map not drawn in time"
        time.sleep(0.05)
    page.wait_for_timeout(100)
    return page


def overlapping(boxes: list[list[float]]) -> list[tuple[int, int]]:
    out = []
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            b = boxes[j]
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                out.append((i, j))
    return out


def rect(page, selector: str) -> list[float]:
    return page.evaluate(f"""(() => {{ const r = document.querySelector({selector!r})
        .getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }})()""")


def check_reading(page) -> None:
    # labels: some drawn, none overlapping (initial view)
    boxes = page.evaluate("ecosystemMap.labelBoxes()")
    assert len(boxes) >= 10 and overlapping(boxes) == []
    # the ten top anchors are named (a crowded spot under a disc sends the name above it
    # or beside it): the demo's anchors 6 and 9 had no name while isolates had one
    unnamed = page.evaluate("""(() => { const m = ecosystemMap, r = m.data.nodes.rank;
        return r.map((v, i) => [v, i]).filter(([v, i]) => v !== null && v <= 10
            && m.labelled.indexOf(i) < 0).map(([v]) => v); })()""")
    assert unnamed == []
    canvas = rect(page, "#eco-network canvas")
    # the drawing (node discs, in canvas pixels) covers >= 70% of the canvas
    x0, y0, x1, y1 = page.evaluate("ecosystemMap.drawingBox()")
    w, h = canvas[2] - canvas[0], canvas[3] - canvas[1]
    covered = (min(x1, w) - max(x0, 0)) * (min(y1, h) - max(y0, 0))
    assert covered >= 0.7 * w * h, (x0, y0, x1, y1, w, h)
    drawing = [canvas[0] + x0, canvas[1] + y0, canvas[0] + x1, canvas[1] + y1]
    # the legend is beside the drawing, not over it, and wholly inside the viewport
    legend = rect(page, "#eco-legend")
    assert legend[0] >= drawing[2] or legend[2] <= drawing[0] or \
        legend[1] >= drawing[3] or legend[3] <= drawing[1]
    assert legend[0] >= 0 and legend[1] >= 0 and legend[2] <= 1440 and legend[3] <= 900
    # one categorical palette: one colour list in the legend; tie colours are neutral or
    # a tint of a node colour (no second key for relation types)
    assert page.evaluate("ecosystemMap.palettes") == 1
    assert page.evaluate("document.querySelectorAll('#eco-legend .eco-line[style*=\"border-top-color\"]')"
                         ".length") <= 1  # at most the recommended-partnership dash
    node_colours = set(page.evaluate("ecosystemMap.nodes.get().map(n => n.color.background)"))
    allowed = {style.tint(c) for c in node_colours} | {style.NEUTRAL_EDGE}
    edge_colours = set(page.evaluate(
        "ecosystemMap.edges.get({filter: e => typeof e.id === 'number'}).map(e => e.color.color)"))
    assert edge_colours <= allowed
    assert len(node_colours) <= style.MAX_COLORS + 3  # + other, isolated, unknown
    # two zoom steps: a larger share of the partners in view is labelled, none overlapping
    share = len(boxes) / page.evaluate("ecosystemMap.inView")
    for _ in range(2):
        page.click("#eco-zoom-in")
        page.wait_for_timeout(150)
        zoomed = page.evaluate("ecosystemMap.labelBoxes()")
        assert overlapping(zoomed) == []
    assert len(zoomed) / page.evaluate("ecosystemMap.inView") > share


def test_demo_map_reads_well(page_probe, pages):
    page = open_page(page_probe, pages["demo"])
    check_reading(page)
    # every tie of the demo is drawn (not dense): the header says so
    assert re.search(r"202 partners · 598 ties", page.inner_text("#eco-stats"))


def test_thousand_partner_map_reads_well_and_draws_its_backbone(page_probe, pages):
    page = open_page(page_probe, pages["big"])
    check_reading(page)
    shown = page.evaluate("ecosystemMap.shown")
    assert shown["ties"] == 10000 and 999 <= shown["edges"] < 10000
    assert f"{shown['edges']:,} of 10,000 ties drawn" in page.inner_text("#eco-stats")
    # clicking a partner draws all its ties (backbone or not), and labels its neighbours
    # without overlaps
    hub = page.evaluate("ecosystemMap.nodes.get().sort((a, b) => b.size - a.size)[0].id")
    page.evaluate(f"ecosystemMap.select({hub}, true)")
    page.wait_for_timeout(600)
    degree = page.evaluate(f"""(() => {{ const E = ecosystemMap.data.edges; let d = 0;
        for (let j = 0; j < E.s.length; j++) if (E.s[j] === {hub} || E.t[j] === {hub}) d++;
        return d; }})()""")
    assert len(page.evaluate("ecosystemMap.highlighted()")) == degree + 1
    labelled = page.evaluate("ecosystemMap.labelled")
    hood = set(page.evaluate("ecosystemMap.highlighted()"))
    assert labelled[0] == hub and set(labelled) <= hood
    assert overlapping(page.evaluate("ecosystemMap.labelBoxes()")) == []
    # "draw every tie" shows them all
    page.click("#eco-ov-all")
    assert page.evaluate("ecosystemMap.shown.edges") == 10000


def test_korean_map_has_no_english_ui_and_uses_the_embedded_font(page_probe, pages, demo):
    page = open_page(page_probe, pages["demo_ko"])
    check_reading(page)
    names = set(demo.names.astype(str))
    page.evaluate("document.querySelectorAll('#eco-panel details').forEach(d => d.open = true)")
    # the page chrome: header, side panel (all sections open), legend, toolbar (partner names
    # are data)
    chrome = page.evaluate("""(() => { const parts = [];
        for (const sel of ['#eco-header', '#eco-panel', '#eco-legend', '#eco-toolbar']) {
          const e = document.querySelector(sel); if (e) parts.push(e.innerText); }
        return parts.join('\\n'); })()""")
    for name in sorted(names, key=len, reverse=True):
        chrome = chrome.replace(name, " ")
    chrome = re.sub(r"\b[A-Za-z]+(?:\s+[A-Za-z]+)*\s*(?:AG|GmbH|AS|Ltd|Inc)\b", " ", chrome)
    found = [w for w in ENGLISH_UI if re.search(rf"\b{re.escape(w)}\b", chrome)]
    assert found == [], found
    # the embedded Hangul subset is loaded and comes first for DOM and canvas text
    assert page.evaluate("document.fonts.check('13px \"Ecosystem Hangul\"', '경기혁신진흥원')")
    assert page.evaluate("""Array.from(document.fonts).some(f => f.family.replace(/"/g, '')
        === 'Ecosystem Hangul' && f.status === 'loaded')""")
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Ecosystem Hangul"')
    assert page.evaluate("ecosystemMap.data.fontStack").startswith('"Ecosystem Hangul"')


def test_time_slider_shows_evolves_snapshots(page_probe, pages, demo):
    evolution = es.evolve(demo)
    page = open_page(page_probe, pages["demo"])
    periods = evolution.periods
    assert page.evaluate("ecosystemMap.periods") == periods["period"].astype(str).tolist()
    entrants = evolution.entrants.groupby("period").size()
    for k, row in enumerate(periods.itertuples()):
        page.evaluate(f"ecosystemMap.setPeriod({k})")
        shown = page.evaluate("ecosystemMap.shown")
        assert (shown["nodes"], shown["ties"]) == (row.partners, row.ties), row.period
        ringed = page.evaluate("ecosystemMap.nodes.get({filter: n => !n.hidden && n.borderWidth === 3.5}).length")
        assert ringed == (int(entrants.get(str(row.period), 0)) if k else 0), row.period
    page.evaluate("ecosystemMap.setPeriod(null)")
    assert page.evaluate("ecosystemMap.shown.nodes") == demo.n_partners
