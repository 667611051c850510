"""Static PNG/SVG images of a map: same layout, colours and sizes as the HTML map.

For slides, Word and PDF. Drawn with matplotlib's object API (no pyplot, no global
state, Agg backend). Names are drawn with a Hangul-capable font
(:func:`ecosystem.render.fonts.font_families`: NanumGothic from the
``koreanize-matplotlib`` package, or a system Nanum/Noto CJK font), so Korean names
render as text, not boxes; SVG keeps text as text (``svg.fonttype = "none"``), so it stays
searchable and editable, and viewers need a Korean font installed (every Korean desktop
has one).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ..exceptions import InvalidParameterError, UnsupportedFormatError
from ..i18n import translator
from ..palette import BRIDGE_COLOR, RECOMMENDED_COLOR
from ..io.safe import atomic_path

FORMATS = {".png": "png", ".svg": "svg"}
MAX_LEGEND_ITEMS = 14


def write_image(spec: dict, path: str | Path, *, width: float = 12.0, height: float = 9.0,
                dpi: int = 150, legend: bool = True, labels: bool = True,
                overlays: dict[str, bool] | None = None, title: bool = True) -> Path:
    """Draw a map spec as PNG or SVG (by the file suffix) and return the path.

    Parameters
    ----------
    spec : dict
        From :func:`ecosystem.render.maps.map_spec`.
    path : str or Path
        ``.png`` or ``.svg``.
    width, height : float
        Figure size in inches (12 x 9 by default).
    dpi : int, default 150
        PNG resolution.
    legend, labels, title : bool
        Draw the legend (colours, sizes, line widths, relation types, overlays), the
        labels of the labelled partners, the title.
    overlays : dict, optional
        ``{"recommended": bool, "fragility": bool}``; default: as in the spec.

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.render.map.spec import map_spec
    >>> import tempfile, pathlib
    >>> spec = map_spec(Ecosystem.from_edges([("a", "b"), ("b", "c")]), analysis={})
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     out = write_image(spec, pathlib.Path(folder) / "map.svg")
    ...     print(out.read_text(encoding="utf-8").count("<svg"))
    1
    """
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedFormatError(
            f"image files must end in .png or .svg, got {path.name!r}")
    if not isinstance(spec, dict) or "nodes" not in spec:
        raise InvalidParameterError("write_image needs a map spec (from map_spec)")
    if not (width > 0 and height > 0 and dpi > 0):
        raise InvalidParameterError("width, height and dpi must be > 0")
    fig = figure(spec, width=width, height=height, legend=legend, labels=labels,
                 overlays=overlays, title=title)
    import matplotlib

    with matplotlib.rc_context(_rc()), _quiet_fonts():
        with atomic_path(path) as tmp:
            fig.savefig(tmp, format=fmt, dpi=dpi, facecolor="white")
            if fmt == "svg":
                _add_svg_font_fallbacks(tmp)
    from .map.html import publish

    return publish(path)


#: Appended to every SVG font-family list, so viewers without Nanum fonts still pick a
#: Korean-capable system font (Windows, macOS, Linux with Noto CJK).
SVG_FALLBACK_FONTS = "'Noto Sans KR', 'Noto Sans CJK KR', 'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif"


def _add_svg_font_fallbacks(path: Path) -> None:
    import re

    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(font-family: )([^;\"]+)",
                  lambda m: f"{m.group(1)}{m.group(2).rstrip()}, {SVG_FALLBACK_FONTS}", text)
    path.write_text(text, encoding="utf-8")


class _quiet_fonts:
    """Silence matplotlib's "failed to find font weight" log lines for the fallback fonts."""

    def __enter__(self):
        import logging

        self.logger = logging.getLogger("matplotlib.font_manager")
        self.level = self.logger.level
        self.logger.setLevel(logging.ERROR)
        return self

    def __exit__(self, *exc):
        self.logger.setLevel(self.level)
        return False


def _rc() -> dict[str, Any]:
    from .fonts import font_families

    return {"font.family": font_families(), "svg.fonttype": "none",
            "axes.unicode_minus": False, "text.parse_math": False}  # "$x$" names are text


def figure(spec: dict, *, width: float = 12.0, height: float = 9.0, legend: bool = True,
           labels: bool = True, overlays: dict[str, bool] | None = None, title: bool = True):
    """The matplotlib Figure of a map spec (see :func:`write_image`)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure

    ov = dict(spec.get("overlays", {}))
    ov.update(overlays or {})
    nodes = spec["nodes"]
    index = {n["id"]: i for i, n in enumerate(nodes)}
    xy = np.array([[n["x"], n["y"]] for n in nodes], dtype=float).reshape(-1, 2)
    size = np.array([n["size"] for n in nodes], dtype=float)
    colors = [n.get("color", "#a0a0a0") for n in nodes]

    with matplotlib.rc_context(_rc()), _quiet_fonts():
        fig = Figure(figsize=(width, height))
        FigureCanvasAgg(fig)
        recs = [r for r in spec.get("recommended", []) if r["source"] in index
                and r["target"] in index] if ov.get("recommended") else []
        legend_w = 0.0
        if legend:  # the legend's own column, as wide as its longest entry: no overlap
            probe = _legend(fig, spec, ov, recs, 16.0 / max(float(size.max()) if len(size)
                                                             else 1.0, 1e-9))
            if probe is not None:
                box = probe.get_window_extent(fig.canvas.get_renderer())
                legend_w = min(box.width / fig.bbox.width + 0.02, 0.45)
                probe.remove()
        ax = fig.add_axes([0.01, 0.01, 0.98 - legend_w, 0.92 if title else 0.98])
        ax.set_axis_off()
        ax.set_aspect("equal")
        if len(xy):
            pad = float(size.max()) * 1.5 + 10
            lo, hi = xy.min(axis=0) - pad, xy.max(axis=0) + pad
        else:
            lo, hi = np.array([-1.0, -1.0]), np.array([1.0, 1.0])
        ax.set_xlim(lo[0], hi[0])
        ax.set_ylim(hi[1], lo[1])  # screen coordinates: y grows downwards, as in the page
        bbox = ax.get_position()
        ax_w_pt = bbox.width * width * 72
        ax_h_pt = bbox.height * height * 72
        axes_scale = min(ax_w_pt / max(hi[0] - lo[0], 1e-9), ax_h_pt / max(hi[1] - lo[1], 1e-9))
        # points per map pixel for marks; capped so small maps do not get giant discs
        scale = min(axes_scale, 16.0 / max(float(size.max()) if len(size) else 1.0, 1e-9))

        # the drawn ties: the display backbone of a dense map, as on the HTML page
        edges = [e for e in spec.get("edges", []) if e.get("backbone", True)]
        if edges:
            segs = np.array([[xy[index[e["source"]]], xy[index[e["target"]]]] for e in edges])
            bridge = np.array([bool(e.get("bridge")) and ov.get("fragility", False) for e in edges])
            ecolors = [BRIDGE_COLOR if b else e.get("color", "#bbbbbb") for e, b in zip(edges, bridge)]
            widths = np.clip(np.array([e["width"] for e in edges], float) * scale, 0.15, 5.0)
            widths = np.where(bridge, np.maximum(widths * 1.8, 1.5), widths)
            ax.add_collection(LineCollection(segs, colors=ecolors, linewidths=widths,
                                             alpha=0.55, zorder=1))
        if recs:
            segs = np.array([[xy[index[r["source"]]], xy[index[r["target"]]]] for r in recs])
            ax.add_collection(LineCollection(segs, colors=RECOMMENDED_COLOR, linewidths=1.4,
                                             linestyles=(0, (4, 3)), alpha=0.9, zorder=2))
        if len(xy):
            radius_pt = np.maximum(size * scale, 1.2)
            art = np.array([bool(n.get("articulation")) and ov.get("fragility", False)
                            for n in nodes])
            ax.scatter(xy[:, 0], xy[:, 1], s=(2 * radius_pt) ** 2,
                       c=colors, edgecolors=np.where(art, "#000000", "#555555").tolist(),
                       linewidths=np.where(art, 2.2, 0.4), zorder=3)
        if labels:
            _draw_labels(fig, ax, nodes, xy, size, scale, axes_scale)
        if title:
            fig.text(0.01, 0.975, spec.get("title", ""), fontsize=13, fontweight="bold",
                     va="top", ha="left")
            st = spec.get("stats", {})
            tr = translator(spec.get("lang", "en"))
            unit = tr("map_communities" if spec.get("kind") == "overview" else "map_partners")
            fig.text(0.01, 0.945, f"{st.get('partners', len(nodes)):,} {unit} · "
                     f"{st.get('ties', len(edges)):,} {tr('map_ties')}", fontsize=9,
                     color="#555555", va="top", ha="left")
        if legend:
            _legend(fig, spec, ov, recs, scale)
    return fig


#: The most important labelled partners whose name may go above, right or left of the disc
#: when the place under it is taken (as on the HTML page).
ALT_SPOTS = 25


def _draw_labels(fig, ax, nodes: list, xy: np.ndarray, size: np.ndarray, scale: float,
                 axes_scale: float) -> None:
    """Names of the labelled partners, most important first, each drawn only where it
    overlaps no name already drawn (as on the HTML page): under its disc, or for the first
    :data:`ALT_SPOTS` above it, to its right or to its left."""
    halo = {"boxstyle": "round,pad=0.12", "fc": (1, 1, 1, 0.75), "ec": "none"}
    wanted = [i for i, n in enumerate(nodes) if n.get("label") or n.get("focus")]
    # focus first, then the larger (more important) marks; index keeps ties stable
    wanted.sort(key=lambda i: (not nodes[i].get("focus"), -float(size[i]), i))
    renderer = fig.canvas.get_renderer()
    placed: list = []
    for rank, i in enumerate(wanted):
        gap = (size[i] * scale + 2) / max(axes_scale, 1e-9)  # the disc's radius and 2 px
        x, y = xy[i, 0], xy[i, 1]  # (the y axis points down, as on the page)
        # under the disc; the top ALT_SPOTS names may also go above it, right or left
        spots = [(x, y + gap, "center", "top"), (x, y - gap, "center", "bottom"),
                 (x + gap, y, "left", "center"), (x - gap, y, "right", "center")]
        for tx, ty, ha, va in spots[:len(spots) if rank < ALT_SPOTS else 1]:
            # a translucent box, not a stroke path effect: SVG keeps plain <text> elements
            text = ax.text(tx, ty, _clip(nodes[i]["name"]), ha=ha, va=va, fontsize=8,
                           fontweight="bold", color="#111111", zorder=4, bbox=halo)
            box = text.get_window_extent(renderer).expanded(1.04, 1.1)
            if not any(box.overlaps(b) for b in placed):
                placed.append(box)
                break
            text.remove()


def _clip(text: Any, limit: int = 40) -> str:
    s = str(text)
    return s if len(s) <= limit else s[:limit - 1] + "…"


def legend_label(text: Any, width: int = 38) -> str:
    """A legend entry on at most two lines of about ``width`` columns (a Hangul syllable
    counts two). A name that fits two lines is split into two even lines; a longer one
    keeps its end whole, because that is where community names differ ("... cluster
    around AOL (57)"), and loses the end of its beginning to "…".

    Examples
    --------
    >>> print(legend_label("Infrastructure-led cluster around Inktomi (19)"))
    Infrastructure-led cluster
    around Inktomi (19)
    >>> print(legend_label("Startup and SME-led energy cluster near Seoul Deep Tech Partners"))
    Startup and SME-led energy cluster
    near Seoul Deep Tech Partners
    >>> legend_label("Community 3 (12)")
    'Community 3 (12)'
    >>> print(legend_label("대학·기타 기관 주도 클러스터 — PIC 940719872 · REC · AT 중심 (101곳)"))
    대학·기타 기관 주도 클러스터 —
    PIC 940719872 · REC · AT 중심 (101곳)
    >>> print(legend_label("혼합 클러스터 — PIC 999974553 · HES · NL 중심 (102곳)"))
    혼합 클러스터 —
    PIC 999974553 · HES · NL 중심 (102곳)
    >>> print(legend_label("Startup and SME-led semiconductor and display equipment cluster "
    ...                    "around Yongin National University (KR, 50)"))
    Startup and SME-led semiconductor and…
    Yongin National University (KR, 50)
    """
    import unicodedata

    def cols(s: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)

    def cut(s: str, n: int, keep_end: bool) -> str:  # at most n columns, with "…"
        out = ""
        for ch in (reversed(s) if keep_end else s):
            if cols(out + ch) > n - 1:
                break
            out = ch + out if keep_end else out + ch
        if keep_end:
            return "…" + out.lstrip()
        if s[len(out):][:1] not in ("", " ") and out.rfind(" ") > len(out) // 2:
            out = out[:out.rfind(" ")]  # not in the middle of a word
        return out.rstrip() + "…"

    s = " ".join(str(text).split())
    if cols(s) <= width:
        return s
    words = s.split(" ")
    dash = ("—", "–", "-", "·", "|")  # no second line starts with one
    # two lines that fit: the break after a community name's dash or before its "around"
    # first (the centre's name stays on one line), else the most even break
    fits = [(not (words[i - 1] in ("—", "–") or words[i] == "around"),
             max(cols(" ".join(words[:i])), cols(" ".join(words[i:]))), i)
            for i in range(1, len(words)) if words[i] not in dash]
    fits = [f for f in fits if f[1] <= width]
    if fits:
        i = min(fits)[2]
        return " ".join(words[:i]) + "\n" + " ".join(words[i:])
    tail: list[str] = []
    while words and cols(" ".join([words[-1]] + tail)) <= width:
        tail.insert(0, words.pop())
    if not tail:  # one word longer than a line: keep its end
        tail = [cut(words.pop(), width, keep_end=True)]
    while len(tail) > 1 and tail[0] in dash:
        words.append(tail.pop(0))
    head = " ".join(words)
    if not head:
        return " ".join(tail)
    return (head if cols(head) <= width else cut(head, width, keep_end=False)) + "\n" \
        + " ".join(tail)


def _legend(fig, spec: dict, ov: dict, recs: list, scale: float) -> Any:
    from matplotlib.lines import Line2D

    tr = translator(spec.get("lang", "en"))
    handles: list = []
    labels: list[str] = []

    def header(text: str) -> None:
        handles.append(Line2D([], [], linestyle="none", marker=None))
        labels.append(text)

    mode = spec.get("color_by")
    coloring = spec.get("colorings", {}).get(mode)
    if coloring:
        header(f"{tr('map_colour')}: {coloring.get('title', mode)}")
        items = coloring["items"]
        shown = items[:MAX_LEGEND_ITEMS]
        for it in shown:
            handles.append(Line2D([], [], linestyle="none", marker="o", markersize=8,
                                  markerfacecolor=it["color"], markeredgecolor="#555555"))
            # a community's name already gives its size, as on the HTML map
            labels.append(legend_label(it["label"] if it.get("named")
                                       else f"{it['label']} ({it['count']})"))
        if len(items) > len(shown):
            rest = sum(i["count"] for i in items[len(shown):])
            header(f"  … +{len(items) - len(shown)} ({rest} {tr('map_partners')})")
    size = spec.get("size", {})
    if size.get("samples"):
        header(f"{tr('map_size')}: {size.get('title', size.get('by', ''))}")
        for s in size["samples"]:
            handles.append(Line2D([], [], linestyle="none", marker="o",
                                  markersize=max(2.0, min(32.0, 2 * s["size"] * scale)),
                                  markerfacecolor="#cccccc", markeredgecolor="#555555"))
            labels.append(f"{s['value']:.3g}")
    width = spec.get("width", {})
    if width.get("samples"):
        header(f"{tr('map_line_width')}: {width.get('title', tr('map_tie_strength'))}")
        for s in width["samples"]:
            handles.append(Line2D([], [], color="#777777",
                                  linewidth=float(np.clip(s["width"] * scale, 0.15, 5.0))))
            labels.append(f"{s['value']:.3g}")
    # one colour key: ties are grey or tinted with their partners' colour, so relation
    # types get no palette of their own (the overview's aggregated lines keep theirs)
    types = spec.get("edge_types", []) if spec.get("kind") == "overview" else []
    if types:
        header(tr("map_lines"))
        for t in types[:MAX_LEGEND_ITEMS]:
            handles.append(Line2D([], [], color=t["color"], linewidth=2.5))
            labels.append(legend_label(f"{t['label']} ({t['count']})"))
    if recs:
        handles.append(Line2D([], [], color=RECOMMENDED_COLOR, linewidth=1.6, linestyle=(0, (4, 3))))
        labels.append(f"{tr('map_recommended')} ({len(recs)})")
    if ov.get("fragility"):
        handles.append(Line2D([], [], color=BRIDGE_COLOR, linewidth=3))
        labels.append(tr("map_bridge_legend"))
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=9,
                              markerfacecolor="white", markeredgecolor="black",
                              markeredgewidth=2.2))
        labels.append(tr("map_art_legend"))
    if handles:
        leg = fig.legend(handles, labels, loc="upper right", bbox_to_anchor=(0.995, 0.93),
                         fontsize=8, frameon=True, handlelength=2.2, borderaxespad=0.2,
                         labelspacing=0.6)
        for text, h in zip(leg.get_texts(), handles):
            if isinstance(h, Line2D) and h.get_marker() in (None, "None", "none", "") \
                    and h.get_linestyle() in ("None", "none", ""):
                text.set_fontweight("bold")
        return leg
    return None
