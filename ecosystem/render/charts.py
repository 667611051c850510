"""Small static charts as inline SVG strings (for HTML reports), Hangul-capable.

Charts are drawn with matplotlib's Agg/SVG backend, without touching global
``rcParams`` (a private ``rc_context``), with the fonts from
:func:`ecosystem.render.fonts.font_families` first so Korean names render. Text stays text
in the SVG (``svg.fonttype = "none"``): browsers render it with the page's fonts, it is
searchable and selectable, and matplotlib escapes it (a partner name cannot inject markup).
Because the browser, not matplotlib, draws that text, Latin letters are laid out in DejaVu
Sans (the widest font the page may use for them: the embedded NanumGothic subset covers only
non-ASCII characters) and Hangul in NanumGothic (the embedded font), so no name outgrows
the space matplotlib kept for it. Legends sit outside the plot, below it, and never cover a
line.

These functions only draw numbers they are given; they never compute metrics.
"""
from __future__ import annotations

import io
import math
import re
from typing import Any, Mapping, Sequence

from ..palette import CHART_PALETTE as PALETTE  # Okabe & Ito (2008), colour-blind safe


def _rc(*, svg: bool = True) -> dict[str, Any]:
    """matplotlib settings of the charts; ``svg``: lay Latin text out in DejaVu Sans.

    The report's inline SVG is drawn by the browser with the page's fonts: Hangul with the
    embedded NanumGothic subset, Latin letters and digits with DejaVu Sans or a narrower
    system font. Measuring Latin in DejaVu Sans (and Hangul in NanumGothic, by matplotlib's
    per-glyph font fallback) keeps room for the widest of them.
    """
    from .fonts import FALLBACK, font_families

    families = font_families()
    # per-glyph fallback runs along font.family (a generic family resolves to one font)
    family: str | list[str] = "sans-serif"
    if svg:
        family = FALLBACK + [f for f in families if f not in FALLBACK]
    return {"svg.fonttype": "none", "font.family": family,
            "font.sans-serif": families, "font.size": 10,
            "axes.spines.top": False, "axes.spines.right": False,
            "axes.titlesize": 11, "axes.titleweight": "bold", "svg.hashsalt": "ecosystem",
            "axes.unicode_minus": False,
            "text.parse_math": False}   # a partner named "$\\foo$" is text, not TeX


def _finish(fig: Any) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    # drop the XML prolog and DOCTYPE so the string can be inlined into HTML
    start = svg.find("<svg")
    svg = svg[start:] if start >= 0 else svg
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, count=1, flags=re.S)
    # responsive: keep the viewBox, let CSS decide the width
    svg = re.sub(r'(<svg[^>]*?)\swidth="[^"]*"\s+height="[^"]*"', r"\1", svg, count=1)
    return svg.replace("<svg", '<svg class="chart" role="img" preserveAspectRatio="xMidYMid meet"', 1)


def style(*, svg: bool = True):
    """The charts' matplotlib settings as a context manager (fonts, sizes, no top/right spines).

    Draw or measure a chart's figure inside it: fonts are looked up when text is laid out.

    Examples
    --------
    >>> with style():
    ...     fig = line_chart_figure({"a": ([0, 1], [1, 0])})
    >>> len(fig.legends)
    1
    """
    import matplotlib

    return matplotlib.rc_context(_rc(svg=svg))


def _figure(size: tuple[float, float], layout: str | None = None):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure  # no pyplot: no global state, thread-safe

    fig = Figure(figsize=size, layout=layout)
    FigureCanvasAgg(fig)  # a renderer to measure text with
    return fig


#: Rank ticks of a log-scaled rank axis (1, 2, 5, 10, 20, 50, ...).
LOG_TICKS = [m * 10 ** e for e in range(8) for m in (1, 2, 5)]


def _legend_below(fig: Any, ax: Any, fontsize: float = 9) -> Any:
    """The axes' legend under the plot (outside it), in as many columns as fit the width.

    The figure grows by the legend's rows, so the plot keeps its height.
    """
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return None
    renderer = fig.canvas.get_renderer()
    limit = fig.bbox.width * 0.98
    ncol = min(len(handles), 4)
    while True:
        leg = fig.legend(handles, labels, loc="outside lower center", ncol=ncol,
                         frameon=False, fontsize=fontsize, columnspacing=1.4,
                         handlelength=1.8)
        if ncol == 1 or leg.get_window_extent(renderer).width <= limit:
            break
        leg.remove()
        ncol -= 1
    rows = math.ceil(len(handles) / ncol)
    fig.set_figheight(fig.get_figheight() + rows * fontsize * 1.45 / 72 + 0.1)
    return leg


def line_chart_svg(series: Mapping[str, tuple[Sequence[float], Sequence[float]]], *,
                   title: str = "", xlabel: str = "", ylabel: str = "",
                   ylim: tuple[float, float] | None = None, size: tuple[float, float] = (6.4, 3.6),
                   percent_x: bool = False, log_y: bool = False) -> str:
    """A line chart (one line per series, legend below the plot) as an SVG string.

    Parameters
    ----------
    series : mapping of str to (xs, ys)
        Label -> x values and y values (same length). NaN values leave a gap.
    title, xlabel, ylabel : str
    ylim : (low, high), optional
        Fixed y range (e.g. ``(0, 1)`` for fractions).
    size : (width, height) in inches
    percent_x : bool
        Format the x axis as percentages of 1.
    log_y : bool
        Log-scaled y axis with whole-number ticks 1, 2, 5, 10, 20, 50 ... (ranks: the top
        ranks keep their room next to rank 300). ``ylim`` high < low inverts it.

    Returns
    -------
    str
        ``<svg ...>...</svg>`` ready to inline in HTML (no XML prolog).

    Examples
    --------
    >>> svg = line_chart_svg({"random": ([0, .5, 1], [1, .6, 0])}, title="Robustness",
    ...                      xlabel="removed", ylabel="largest component")
    >>> svg.startswith("<svg") and "Robustness" in svg
    True
    """
    with style():
        return _finish(line_chart_figure(series, title=title, xlabel=xlabel, ylabel=ylabel,
                                         ylim=ylim, size=size, percent_x=percent_x,
                                         log_y=log_y))


def line_chart_figure(series: Mapping[str, tuple[Sequence[float], Sequence[float]]], *,
                      title: str = "", xlabel: str = "", ylabel: str = "",
                      ylim: tuple[float, float] | None = None,
                      size: tuple[float, float] = (6.4, 3.6), percent_x: bool = False,
                      log_y: bool = False) -> Any:
    """The matplotlib Figure of :func:`line_chart_svg` (call it inside :func:`style`)."""
    fig = _figure(size, layout="constrained")
    ax = fig.add_subplot(111)
    styles = ["-", "--", "-.", ":"]
    for i, (label, (xs, ys)) in enumerate(series.items()):
        xs = [float(x) for x in xs]
        ys = [float("nan") if y is None else float(y) for y in ys]
        if len(xs) != len(ys):
            raise ValueError(f"series {label!r}: {len(xs)} x values but {len(ys)} y values")
        ax.plot(xs, ys, label=str(label), color=PALETTE[i % len(PALETTE)],
                linestyle=styles[(i // len(PALETTE)) % len(styles)], linewidth=1.8)
    if title:
        ax.set_title(str(title), loc="left")
    ax.set_xlabel(str(xlabel))
    ax.set_ylabel(str(ylabel))
    if log_y:
        from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

        ax.set_yscale("log")
        low, high = sorted(ylim) if ylim is not None else ax.get_ylim()
        ax.yaxis.set_major_locator(FixedLocator([v for v in LOG_TICKS if low <= v <= high]))
        ax.yaxis.set_minor_locator(NullLocator())
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    if ylim is not None:
        ax.set_ylim(*ylim)
    if percent_x:
        from matplotlib.ticker import PercentFormatter

        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    elif all(float(x).is_integer() for xs, _ in series.values() for x in xs):
        from matplotlib.ticker import MaxNLocator

        # whole-number x values (years, counts): no "2018.5" ticks
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(True, color="#dddddd", linewidth=0.6)
    if len(series) > 1 or (len(series) == 1 and next(iter(series))):
        _legend_below(fig, ax)
    return fig


def bar_chart_svg(labels: Sequence[Any], values: Sequence[float], *, title: str = "",
                  xlabel: str = "", ylabel: str = "", horizontal: bool = True,
                  colors: Sequence[str] | None = None, size: tuple[float, float] | None = None,
                  max_label: int = 40, value_format: str = "{:.3g}") -> str:
    """A bar chart as an SVG string (horizontal by default: long partner names fit).

    Parameters
    ----------
    labels : sequence
        Bar labels (shown top to bottom in the given order when horizontal).
    values : sequence of float
    title, xlabel, ylabel : str
    horizontal : bool, default True
    colors : sequence of str, optional
        One colour per bar (default: the first palette colour).
    size : (width, height) in inches, optional
        Default grows with the number of bars.
    max_label : int
        Labels longer than this are shortened with an ellipsis.
    value_format : str
        Format of the value printed at the end of each bar.

    Examples
    --------
    >>> svg = bar_chart_svg(["삼성전자", "KAIST"], [0.9, 0.5], title="Anchor score")
    >>> "삼성전자" in svg and svg.count("<svg") == 1
    True
    """
    with style():
        return _finish(bar_chart_figure(labels, values, title=title, xlabel=xlabel,
                                        ylabel=ylabel, horizontal=horizontal, colors=colors,
                                        size=size, max_label=max_label,
                                        value_format=value_format))


def bar_chart_figure(labels: Sequence[Any], values: Sequence[float], *, title: str = "",
                     xlabel: str = "", ylabel: str = "", horizontal: bool = True,
                     colors: Sequence[str] | None = None,
                     size: tuple[float, float] | None = None, max_label: int = 40,
                     value_format: str = "{:.3g}") -> Any:
    """The matplotlib Figure of :func:`bar_chart_svg` (call it inside :func:`style`)."""
    labels = [str(x) for x in labels]
    values = [float("nan") if v is None else float(v) for v in values]
    if len(labels) != len(values):
        raise ValueError(f"{len(labels)} labels but {len(values)} values")
    short = [x if len(x) <= max_label else x[: max_label - 1] + "…" for x in labels]
    n = max(len(labels), 1)
    if size is None:
        size = (6.4, min(0.32 * n + 1.2, 12.0)) if horizontal else (min(0.45 * n + 2, 12.0), 3.6)
    fig = _figure(size)
    ax = fig.add_subplot(111)
    cols = list(colors) if colors else [PALETTE[0]] * len(values)
    pos = list(range(len(values)))
    plot_vals = [0.0 if math.isnan(v) else v for v in values]
    if horizontal:
        ax.barh(pos, plot_vals, color=cols)
        ax.set_yticks(pos, short)
        ax.invert_yaxis()
        ax.set_xlabel(str(xlabel))
        ax.set_ylabel(str(ylabel))
        top = max([abs(v) for v in plot_vals] + [1e-12])
        for p, v in zip(pos, values):
            if not math.isnan(v):
                ax.text(v + top * 0.01, p, value_format.format(v), va="center", fontsize=8)
        ax.set_xlim(min(0.0, min(plot_vals + [0.0])), top * 1.15)
    else:
        ax.bar(pos, plot_vals, color=cols)
        ax.set_xticks(pos, short, rotation=30, ha="right")
        ax.set_xlabel(str(xlabel))
        ax.set_ylabel(str(ylabel))
    if title:
        ax.set_title(str(title), loc="left")
    ax.grid(True, axis="x" if horizontal else "y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    return fig


__all__ = ["line_chart_svg", "line_chart_figure", "bar_chart_svg", "bar_chart_figure",
           "style", "PALETTE"]
