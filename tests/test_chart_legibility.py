"""The report's static charts and map.png stay readable: no legend over a line, no quadrant
name under the dots, top ranks with room of their own, no clipped partner name, bar labels
printed like the table beside them, map legend entries that can be told apart."""
from __future__ import annotations

import copy
import re
import warnings

import pytest
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

from ecosystem import Ecosystem, map_spec
from ecosystem.analysis.temporal import evolve
from ecosystem.i18n import translator
from ecosystem.pipeline import analyze
from ecosystem.render import charts
from ecosystem.render.evolution import evolution_section
from ecosystem.render.image import figure
from ecosystem.render.report_sections import anchors_section
from ecosystem.render.trust import SVG, quadrant_labels, risk_points

from evolution_history import history_ecosystem
from test_report import FAST, hostile_ecosystem

HEALTH = {"Density": ([2018, 2019, 2020, 2021], [0.01, 0.01, 0.02, 0.02]),
          "Share in the largest part": ([2018, 2019, 2020, 2021], [0.38, 0.82, 0.96, 1.0]),
          "Clustering": ([2018, 2019, 2020, 2021], [0.0, 0.01, 0.05, 0.1]),
          "Modularity": ([2018, 2019, 2020, 2021], [0.88, 0.83, 0.77, 0.71]),
          "Cross-sector ties": ([2018, 2019, 2020, 2021], [0.88, 0.91, 0.89, 0.88]),
          "커뮤니티 간 관계 비율": ([2018, 2019, 2020, 2021], [0.05, 0.12, 0.15, 0.16]),
          "Degree centralisation": ([2018, 2019, 2020, 2021], [0.06, 0.05, 0.4, 0.6])}


def _drawn(fig):
    renderer = fig.canvas.get_renderer()
    fig.draw(renderer)
    return renderer


@pytest.fixture(scope="module")
def small_analysis():
    return analyze(hostile_ecosystem(), FAST)


# ------------------------------------------------------------------ 1. line-chart legends
@pytest.mark.parametrize("series", [HEALTH, {"Average path length": ([1, 2, 3], [5, 6, 4])}])
def test_the_legend_sits_below_the_plot_not_on_the_lines(series):
    with charts.style():
        fig = charts.line_chart_figure(series, title="Health indicators over time",
                                       xlabel="period start", ylabel="value", ylim=(0, 1))
        renderer = _drawn(fig)
        (legend,) = fig.legends + [ax.get_legend() for ax in fig.axes if ax.get_legend()]
        box = legend.get_window_extent(renderer)
        plot = fig.axes[0].get_window_extent(renderer)   # the data area
        labels = fig.axes[0].xaxis.label.get_window_extent(renderer)
    assert not box.overlaps(plot)
    assert box.y1 <= labels.y0                            # under the x axis title, too
    assert fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1  # and not wider than the chart
    assert [t.get_text() for t in legend.get_texts()] == list(series)


def test_the_plot_keeps_its_height_when_the_legend_needs_rows():
    with charts.style():
        one = charts.line_chart_figure({"a": ([0, 1], [0, 1])})
        seven = charts.line_chart_figure(HEALTH)
        h1 = one.axes[0].get_window_extent(_drawn(one)).height
        h7 = seven.axes[0].get_window_extent(_drawn(seven)).height
    assert seven.get_figheight() > one.get_figheight()
    assert h7 >= 0.9 * h1


# ------------------------------------------------------------------ 3. the rank chart
def test_ranks_one_to_ten_get_a_third_of_the_rank_axis():
    series = {f"partner {k}": ([2015, 2016, 2017], [300 - k, 50 + k, k + 1]) for k in range(8)}
    with charts.style():
        fig = charts.line_chart_figure(series, ylim=(300 * 1.15, 0.85), log_y=True)
        _drawn(fig)
        ax = fig.axes[0]
        y = [ax.transData.transform((2016, r))[1] for r in (1, 10)]
        ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert y[0] > y[1]                                     # rank 1 on top
    assert (y[0] - y[1]) / ax.get_window_extent().height > 1 / 3
    assert ticks == ["1", "2", "5", "10", "20", "50", "100", "200"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_report_draws_ranks_on_a_log_axis_and_says_so(lang, monkeypatch):
    drawn = []
    line_chart_svg = charts.line_chart_svg
    monkeypatch.setattr(charts, "line_chart_svg",
                        lambda series, **kw: drawn.append(kw) or line_chart_svg(series, **kw))
    section = evolution_section(evolve(history_ecosystem(), seed=0), lang=lang)
    words = {"en": "rank (log scale)", "ko": "순위 (로그 눈금)"}[lang]
    assert translator(lang)("ev_rank_axis") == words
    title = translator(lang)("ev_rank_chart")
    (rank,) = [kw for kw in drawn if kw["title"] == title]
    assert rank["log_y"] and rank["ylabel"] == words
    low, high = rank["ylim"]
    assert high < 1 < low                                  # rank 1 on top
    (chart,) = [c for c in section["charts"] if c["title"] == title]
    assert words in chart["svg"]


# ------------------------------------------------------------------ 4. names and values
def _dejavu_width(text: str, size: float) -> float:
    """Width in points of ``text`` in DejaVu Sans: how wide a browser may draw Latin text."""
    width, _, _ = TextToPath().get_text_width_height_descent(
        text, FontProperties(family="DejaVu Sans", size=size), ismath=False)
    return width


def test_latin_names_get_the_room_the_widest_browser_font_needs():
    names = ["scottish widows fund life ass.", "Seoul Deep Tech Partners", "MSFT"]
    with charts.style():
        fig = charts.bar_chart_figure(names, [0.95, 0.9, 0.5])
        renderer = _drawn(fig)
        ticks = fig.axes[0].get_yticklabels()
        for tick, name in zip(ticks, names):
            measured = tick.get_window_extent(renderer).width * 72 / fig.dpi
            assert tick.get_text() == name
            # (hinting makes matplotlib's width up to 1 % narrower; the figure's margin keeps that)
            assert measured >= 0.98 * _dejavu_width(name, tick.get_fontsize())


def test_hangul_names_are_measured_with_a_hangul_font():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" would fail
        svg = charts.bar_chart_svg(["성남공과대학교 산학협력단", "Seoul Deep Tech Partners"], [0.9, 0.8])
    assert "성남공과대학교 산학협력단" in svg


def test_very_long_names_end_in_an_ellipsis_and_keep_their_first_letters():
    name = "The Royal Society for the Encouragement of Arts, Manufactures and Commerce"
    with charts.style():
        fig = charts.bar_chart_figure([name, "IBM"], [1.0, 0.5], max_label=40)
    label = fig.axes[0].get_yticklabels()[0].get_text()
    assert label == name[:39] + "…"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_bar_labels_print_the_anchor_score_as_the_table_does(small_analysis, lang):
    t = translator(lang)
    ctx = anchors_section(small_analysis, t, lang, small_analysis.config.values)
    table = ctx["anchors"]
    column = table["columns"].index(t("col_anchor_score"))
    scores = [row[column] for row in table["rows"]]
    assert scores and all(re.fullmatch(r"\d\.\d\d", s) for s in scores)
    bar_labels = re.findall(r">(\d+(?:\.\d+)?)</text>", ctx["anchor_chart"])
    # the tick labels of the x axis come first; the bar labels are the last len(scores)
    assert bar_labels[-len(scores):] == scores


# ------------------------------------------------------------------ 2. risk quadrant names
def _point(x: float, y: float, q: str = "stable") -> dict:
    return {"x": x, "y": y, "q": q}


def test_a_quadrant_name_leaves_its_corner_when_dots_crowd_it():
    params = {"impact_at": 0.5, "likelihood_at": 0.35}
    w = SVG["w"] - SVG["left"] - SVG["right"]
    h = SVG["h"] - SVG["top"] - SVG["bottom"]
    line = SVG["top"] + (1 - 0.35) * h
    # stable partners crowd the left edge of the stable quadrant, top to bottom
    crowd = [_point(SVG["left"] + dx, line + dy) for dx in range(0, 60, 6)
             for dy in range(2, int(h * 0.35), 6)]
    labels = {q["key"]: q for q in quadrant_labels(crowd, params)}
    stable = labels["stable"]
    assert (stable["side"], stable["edge"]) == ("right", "bottom")
    box = stable["box"]
    assert not [p for p in crowd if box["x"] - 6 < p["x"] < box["x"] + box["w"] + 6
                and box["y"] - 6 < p["y"] < box["y"] + box["h"] + 6]
    assert box["x"] + box["w"] <= SVG["left"] + 0.5 * w           # still in its quadrant
    # the free quadrants keep their usual corners
    assert (labels["watch"]["side"], labels["watch"]["edge"]) == ("left", "top")
    assert (labels["act_now"]["side"], labels["act_now"]["edge"]) == ("right", "top")


def test_partner_names_in_the_matrix_avoid_the_quadrant_names_where_they_are(small_analysis):
    points = risk_points(small_analysis)
    boxes = [q["box"] for q in quadrant_labels(points, small_analysis.risk.params)]
    labelled = [p for p in points if p["label"]]
    assert labelled
    for p in labelled:
        width = sum(11.5 if ord(ch) > 0x2E80 else 6.5 for ch in p["name"]) + 4
        x0, x1 = (p["x"] - 8 - width, p["x"] - 8) if p["left"] else (p["x"] + 8, p["x"] + 8 + width)
        for b in boxes:  # a name's line and a quadrant name's line never share a stretch
            assert not (x0 < b["x"] + b["w"] and b["x"] < x1 and abs(b["y"] + 14 - p["ly"]) < 14)


def test_the_report_draws_quadrant_names_over_the_dots_on_a_white_box(small_analysis, tmp_path):
    small_analysis.write_report(tmp_path / "r", outputs=["report.html"])
    html = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    matrix = html[html.index('<svg class="chart risk-svg"'):]
    matrix = matrix[:matrix.index("</svg>")]
    last_dot = matrix.rindex('<g class="pt"')
    names = [m.start() for m in re.finditer(r'<g class="qlabel"', matrix)]
    assert len(names) == 4 and min(names) > last_dot           # drawn after (above) the dots
    for group in re.findall(r'<g class="qlabel".*?</g>', matrix):
        assert re.search(r'<rect [^>]*fill="#fff" fill-opacity="0\.[5-9]\d*"', group)
    assert ".risk-svg .qlabel { pointer-events: none; }" in html   # dots keep their tooltips


# ------------------------------------------------------------------ 5. map.png legend
@pytest.fixture(scope="module")
def spec() -> dict:
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "a"), ("d", "e"), ("e", "f"),
                                ("f", "d"), ("c", "d")])
    return map_spec(eco, seed=0)


def _legend_texts(fig) -> list[str]:
    return [t.get_text() for t in fig.legends[0].get_texts()]


def test_map_legend_entries_that_differ_after_30_characters_stay_different(spec):
    s = copy.deepcopy(spec)
    items = s["colorings"][s["color_by"]]["items"]
    assert len(items) >= 2
    names = ["Infrastructure-led cluster around MSFT (37)",
             "Infrastructure-led cluster around Inktomi (19)"]
    for it, name in zip(items, names):
        it.update(label=name, named=True)
    texts = _legend_texts(figure(s))
    shown = [t for t in texts if "Infrastructure" in t]
    assert len(shown) == 2 and shown[0] != shown[1]
    for text, name in zip(shown, names):
        assert " ".join(text.split()) == name   # whole, on two lines, no "(37) (37)"
        assert "\n" in text


def test_map_legend_gets_a_column_of_its_own(spec):
    s = copy.deepcopy(spec)
    s["colorings"][s["color_by"]]["title"] = "Primary collaboration category of the partner"
    for it in s["colorings"][s["color_by"]]["items"]:
        it.update(label="Infrastructure-led cluster around Deutsche Telekom AG", named=True)
    fig = figure(s)
    renderer = fig.canvas.get_renderer()
    legend = fig.legends[0].get_window_extent(renderer)
    drawing = fig.axes[0].get_window_extent(renderer)
    assert legend.x0 >= drawing.x1                     # beside the drawing, not over it
    assert fig.bbox.x0 <= legend.x0 and legend.x1 <= fig.bbox.x1
    assert fig.bbox.y0 <= legend.y0 and legend.y1 <= fig.bbox.y1
