"""Static map images: same layout and colours as the HTML map, Hangul as text, a legend."""
from __future__ import annotations

import html
import logging
import re
import warnings
from pathlib import Path

import pytest

import ecosystem as es
from ecosystem import Ecosystem
from ecosystem.exceptions import InvalidParameterError, UnsupportedFormatError
from ecosystem.render.image import figure, write_image
from ecosystem import map_spec

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def spec() -> dict:
    eco = Ecosystem.from_edges([("삼성전자", "카이스트", 3, "joint R&D"), ("카이스트", "네이버", 1, "pilot"),
                                ("네이버", "삼성전자", 2, "pilot"), ("네이버", "Lonely Co", 1, "MoU")])
    return map_spec(eco, seed=0)


def test_svg_keeps_hangul_names_and_legend_as_text(spec, tmp_path):
    out = write_image(spec, tmp_path / "map.svg")
    svg = out.read_text(encoding="utf-8")
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    labelled = [n["name"] for n in spec["nodes"] if n["label"]]
    assert {"삼성전자", "카이스트", "네이버"} <= set(labelled)
    for name in labelled:
        assert name in texts
    # the legend: colour categories, sizes, widths
    for item in spec["colorings"][spec["color_by"]]["items"]:
        # long community names are shortened with "…" in the image legend
        assert any(item["label"] in t or (t.endswith("…") and item["label"].startswith(t[:-1]))
                   for t in texts)
    # one colour key: relation types are not a second palette in the legend
    for t in spec["edge_types"]:
        assert not any(t["label"] in x for x in texts)
    assert any(t.startswith("Size: anchor score") for t in texts)
    assert spec["title"] in texts
    # text is drawn with a Hangul font family first, with system Korean fonts as fallbacks
    assert re.search(r"font-family: '?Nanum", svg) or "Noto Sans CJK" in svg
    families = re.findall(r"font-family: ([^;\"]+)", svg)
    assert families and all(f.rstrip().endswith("'Apple SD Gothic Neo', sans-serif") for f in families)


def test_png_renders_hangul_without_missing_glyphs(spec, tmp_path, caplog):
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING):
        warnings.simplefilter("always")
        out = write_image(spec, tmp_path / "map.png", dpi=80)
    assert not [w for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]
    assert not [r for r in caplog.records if "Glyph" in r.getMessage()]
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert out.stat().st_size > 10_000


def test_without_a_hangul_font_the_same_image_would_show_boxes(spec, tmp_path, monkeypatch):
    """The control for the test above: DejaVu Sans alone cannot draw the names."""
    import ecosystem.render.image as image

    good = write_image(spec, tmp_path / "good.png", dpi=60).read_bytes()
    monkeypatch.setattr(image, "_rc", lambda: {"font.family": ["DejaVu Sans"],
                                               "svg.fonttype": "none"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        boxes = write_image(spec, tmp_path / "boxes.png", dpi=60).read_bytes()
    assert any("missing from font" in str(w.message) for w in caught)
    assert boxes != good


def test_same_positions_colours_and_sizes_as_the_map(spec):
    fig = figure(spec, legend=False, labels=False, title=False)
    ax = fig.axes[0]
    scatter = ax.collections[-1]
    offsets = scatter.get_offsets()
    assert [tuple(o) for o in offsets] == [(n["x"], n["y"]) for n in spec["nodes"]]
    from matplotlib.colors import to_hex

    assert [to_hex(c) for c in scatter.get_facecolors()] == [n["color"].lower() for n in spec["nodes"]]
    sizes = scatter.get_sizes()
    order = sorted(range(len(sizes)), key=lambda i: sizes[i])
    assert order == sorted(range(len(sizes)), key=lambda i: spec["nodes"][i]["size"])
    # page orientation: y grows downwards
    assert ax.get_ylim()[0] > ax.get_ylim()[1]


def test_overview_spec_and_demo_images(tmp_path):
    demo = es.load(ROOT / "datasets/demo/relations.csv", ROOT / "datasets/demo/partners.csv")
    ov = map_spec(demo, max_nodes=50)
    assert write_image(ov, tmp_path / "overview.png", dpi=60).exists()
    full = map_spec(demo, color_by="sector")
    svg = write_image(full, tmp_path / "demo.svg").read_text(encoding="utf-8")
    assert "Colour: Sector" in svg


def test_bad_image_arguments(spec, tmp_path):
    with pytest.raises(UnsupportedFormatError, match=r"\.png or \.svg"):
        write_image(spec, tmp_path / "map.jpg")
    with pytest.raises(InvalidParameterError):
        write_image({"nope": 1}, tmp_path / "map.png")
    with pytest.raises(InvalidParameterError):
        write_image(spec, tmp_path / "map.png", dpi=0)
    assert not (tmp_path / "map.png").exists()


def test_top_partners_are_named_in_a_crowd():
    # three big discs side by side in a row: under-the-disc names would collide, so the
    # second and third go above or beside (top partners), none overlapping
    eco = Ecosystem.from_edges([("Alpha Partner Co", "Beta Partner Co"),
                                ("Beta Partner Co", "Gamma Partner Co"),
                                ("Alpha Partner Co", "Gamma Partner Co")])
    spec = map_spec(eco, seed=0)
    for node, x in zip(spec["nodes"], (0.0, 3.0, 6.0)):  # close: names under them collide
        node["x"], node["y"], node["label"] = x, 0.0, True
    fig = figure(spec, legend=False, title=False)
    ax = fig.axes[0]
    drawn = {t.get_text(): t for t in ax.texts}
    assert set(drawn) == {"Alpha Partner Co", "Beta Partner Co", "Gamma Partner Co"}
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in drawn.values()]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
