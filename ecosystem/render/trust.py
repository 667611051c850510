"""The report's "Trust and value" and "Partner risk matrix" sections, and the risk chart.

:func:`trust_section` turns an analysis' :class:`~ecosystem.analysis.trust.TrustResult`
and :class:`~ecosystem.analysis.risk.RiskResult` into plain display data in one language
(texts, tables, and the risk matrix as points for the interactive inline SVG the
template draws, with names escaped by jinja2's autoescaping). :func:`risk_chart_png`
draws the static chart (matplotlib, Hangul-capable fonts) for ``risk_matrix.png`` and
for printing. Nothing here computes a score.
"""
from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import numpy as np
import pandas as pd

from ..analysis.naming import community_label_map, sector_word
from ..i18n import translator
from ..palette import QUADRANT_COLORS
from .values import fmt, jsonable

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis_result import AnalysisResult

#: The quadrants' colours (:data:`ecosystem.palette.QUADRANT_COLORS`).
QUADRANT_COLOURS = QUADRANT_COLORS
#: Inline SVG geometry (user units): plot box inside margins.
SVG = {"w": 680, "h": 460, "left": 64, "right": 20, "top": 20, "bottom": 52}


def _table(frame: pd.DataFrame | None, columns: list[tuple[str, str, str]], t: Callable,
           lang: str, max_rows: int, file: str | None = None,
           row_keys: str | None = None) -> dict[str, Any] | None:
    if frame is None or not isinstance(frame, pd.DataFrame):
        return None
    cols = [(c, label, kind) for c, label, kind in columns if c in frame.columns]
    rows, keys = [], []
    for _, rec in frame.head(max_rows).iterrows():
        row = []
        for c, _, kind in cols:
            v = rec[c]
            if kind == "quadrant":
                v = t(f"q_{v}")
            elif kind == "item" and isinstance(v, str):
                v = t(f"item_{v}")
            elif kind == "sector" and isinstance(v, str):
                v = sector_word(v, lang)
            elif kind == "status" and isinstance(v, str):
                v = t("col_" + v.replace("-", "_")).lower() if lang == "en" else t(
                    "col_" + v.replace("-", "_"))
            row.append(fmt(v, kind if kind in ("share", "int", "float") else "auto", lang))
        rows.append(row)
        if row_keys:
            keys.append(str(rec[row_keys]))
    more = len(frame) - max_rows
    out = {"columns": [t(label) for _, label, _ in cols],
           "numeric": [kind in ("share", "int", "float") for _, _, kind in cols],
           "rows": rows,
           "more": t("more_rows", n=f"{more:,}", file=file) if more > 0 and file else None}
    if row_keys:
        out["keys"] = keys
    return out


#: Where a quadrant's name may sit: its corners, the usual one first.
_CORNERS = {
    "act_now": [("right", "top"), ("right", "bottom"), ("left", "top"), ("left", "bottom")],
    "keep_close": [("right", "top"), ("right", "bottom"), ("left", "bottom"), ("left", "top")],
    "watch": [("left", "top"), ("right", "top"), ("right", "bottom"), ("left", "bottom")],
    "stable": [("left", "top"), ("right", "bottom"), ("right", "top"), ("left", "bottom")]}


def quadrant_labels(points: list[dict[str, Any]], params: dict[str, Any],
                    lang: str = "en") -> list[dict[str, Any]]:
    """Where the risk matrix writes each quadrant's name: the corner of the quadrant that
    the fewest points cover (the usual corner when it is free), in SVG coordinates.

    Each label is drawn above the points on a white, slightly see-through box, so a dense
    quadrant cannot bury it. Returns one dict per quadrant: ``key``, ``label``, ``x``, ``y``
    (text anchor and baseline), ``anchor`` (``start``/``end``), ``colour``, ``side`` and
    ``edge`` (the corner: left/right, top/bottom) and ``box`` (``x``, ``y``, ``w``, ``h`` of
    the backing box).

    Examples
    --------
    >>> pts = [{"x": 70.0 + i, "y": 400.0 - i, "q": "stable"} for i in range(20)]
    >>> labels = {q["key"]: q for q in quadrant_labels(pts, {"likelihood_at": 0.5,
    ...                                                       "impact_at": 0.5})}
    >>> labels["stable"]["side"], labels["stable"]["edge"], labels["watch"]["edge"]
    ('left', 'top', 'top')
    >>> pts = [{"x": 70.0 + i, "y": 222.0 + 9 * i, "q": "stable"} for i in range(20)]
    >>> stable = quadrant_labels(pts, {"likelihood_at": 0.5, "impact_at": 0.5})[3]
    >>> stable["side"], stable["edge"]
    ('right', 'bottom')
    """
    t = translator(lang)
    w = SVG["w"] - SVG["left"] - SVG["right"]
    h = SVG["h"] - SVG["top"] - SVG["bottom"]
    ix = SVG["left"] + float(params.get("impact_at", 0.5)) * w
    ly = SVG["top"] + (1 - float(params["likelihood_at"])) * h
    xs = np.array([p["x"] for p in points], dtype=float)
    ys = np.array([p["y"] for p in points], dtype=float)
    out = []
    for q in ("act_now", "keep_close", "watch", "stable"):
        label = t(f"q_{q}")
        width = sum(13 if ord(ch) > 0x2E80 else 8 for ch in label) + 8
        x0, x1 = (ix, SVG["left"] + w) if q in ("act_now", "keep_close") else (SVG["left"], ix)
        y0, y1 = (SVG["top"], ly) if q in ("act_now", "watch") else (ly, SVG["top"] + h)
        best = None
        for rank, (side, edge) in enumerate(_CORNERS[q]):
            bx = x0 + 2 if side == "left" else x1 - 2 - width
            by = y0 + 3 if edge == "top" else y1 - 3 - 19
            # points (radius 6 at most) whose disc touches the box
            n = int(((xs > bx - 6) & (xs < bx + width + 6) & (ys > by - 6)
                     & (ys < by + 19 + 6)).sum())
            if best is None or n < best[0]:
                best = (n, rank, side, edge, bx, by)
            if n == 0:
                break
        _, _, side, edge, bx, by = best
        out.append({"key": q, "label": label, "colour": QUADRANT_COLOURS[q], "side": side,
                    "edge": edge, "anchor": "start" if side == "left" else "end",
                    "x": round(bx + 4 if side == "left" else bx + width - 4, 1),
                    "y": round(by + 14, 1),
                    "box": {"x": round(bx, 1), "y": round(by, 1), "w": round(width, 1), "h": 19}})
    return out


def risk_points(analysis: "AnalysisResult", lang: str = "en", label_top: int = 8) -> list[dict[str, Any]]:
    """The risk matrix as chart points: SVG coordinates, quadrant, name and tooltip text."""
    risk = analysis.risk
    if risk is None:
        return []
    t = translator(lang)
    tab = risk.table
    w = SVG["w"] - SVG["left"] - SVG["right"]
    h = SVG["h"] - SVG["top"] - SVG["bottom"]
    labelled = set(tab[tab["quadrant"].isin(["act_now", "keep_close"])].head(label_top).index)
    # one pass over columns (not rows): the same floats and texts as row by row
    impact = tab["impact"].astype(float).to_numpy()
    likelihood = tab["likelihood"].astype(float).to_numpy()
    xs = (SVG["left"] + impact * w).tolist()
    ys = (SVG["top"] + (1 - np.minimum(likelihood, 1.0)) * h).tolist()
    quadrant = [str(q) for q in tab["quadrant"].tolist()]
    q_word = {q: t("q_" + q) for q in set(quadrant)}
    impact_word, likelihood_word = t("col_impact"), t("col_likelihood")
    pts = [{"id": str(pid), "name": str(name), "q": q, "x": round(x, 1), "y": round(y, 1),
            "tip": (f"{name} — {q_word[q]}\n{impact_word} {imp:.2f} · {likelihood_word} "
                    f"{lik:.2f}"),
            "colour": QUADRANT_COLOURS[q], "label": bool(lab), "left": imp > 0.7, "lead": None}
           for pid, name, q, x, y, imp, lik, lab in zip(
               tab.index.tolist(), tab["name"].tolist(), quadrant, xs, ys, impact.tolist(),
               likelihood.tolist(), tab.index.isin(list(labelled)).tolist())]
    # partners on exactly the same spot are one dot: the first says how many ("×11")
    spots: dict[tuple[float, float], list[dict[str, Any]]] = {}
    for p in pts:
        spots.setdefault((p["x"], p["y"]), []).append(p)
    mid = SVG["top"] + (SVG["h"] - SVG["top"] - SVG["bottom"]) / 2
    for same in spots.values():
        for p in same:
            p["stack"], p["stack_y"] = 0, 0.0
        if len(same) > 1 and same[0]["q"] != "stable":  # the stable pile is not listed
            # beside the dot, above it near the bottom axis (its tick labels), else below
            same[0]["stack"] = len(same)
            same[0]["stack_y"] = round(same[0]["y"] + (-7 if same[0]["y"] > mid else 13), 1)
    counted: list[tuple[float, float, float, float]] = []  # the biggest stacks speak first
    for p in sorted((p for p in pts if p["stack"]), key=lambda p: -p["stack"]):
        box = (p["x"] + 4, p["x"] + 10 + 7 * len(str(p["stack"])), p["stack_y"] - 10,
               p["stack_y"] + 2)
        if any(a < box[1] and box[0] < b and t0 < box[3] and box[2] < b1
               for a, b, t0, b1 in counted):
            p["stack"] = 0  # a bigger count sits there ("×560" read "×560:2")
            continue
        counted.append(box)
    # labels: nudge up or down a line where they would overprint an earlier label, a
    # quadrant name or a labelled dot; a label moved off its dot's line gets a leader line
    placed: list[tuple[float, float, float, float]] = []  # boxes: x0, x1, top, bottom
    for box in (q["box"] for q in quadrant_labels(pts, risk.params, lang)):  # obstacles
        placed.append((box["x"], box["x"] + box["w"], box["y"], box["y"] + box["h"]))
    labelled_pts = sorted((p for p in pts if p["label"]), key=lambda p: p["y"])
    dots = [(p["x"] - 6, p["x"] + 6, p["y"] - 6, p["y"] + 6, id(p)) for p in labelled_pts]
    for p in labelled_pts:
        width = sum(11.5 if ord(ch) > 0x2E80 else 6.5 for ch in p["name"]) + 4
        x0, x1 = (p["x"] - 8 - width, p["x"] - 8) if p["left"] else (p["x"] + 8, p["x"] + 8 + width)
        lowest, highest = SVG["top"] + 10, SVG["h"] - SVG["bottom"] - 3
        others = [d[:4] for d in dots if d[4] != id(p)]
        ly = None
        for step in [0] + [k * sign for k in range(14, 71, 14) for sign in (-1, 1)]:
            y = min(max(p["y"] + 4 + step, lowest), highest)  # the text's baseline
            top, bottom = y - 10, y + 3
            if not any(a < x1 and x0 < b and t0 < bottom and top < b1
                       for a, b, t0, b1 in placed + others):
                ly = y
                break
        if ly is None:  # no free line nearby: the dot keeps its tooltip, not a label
            p["label"] = False
            continue
        placed.append((x0, x1, ly - 10, ly + 3))
        p["ly"] = round(ly, 1)
        if abs(ly - (p["y"] + 4)) > 1:  # moved off its dot's line: a leader to the dot
            p["lead"] = {"x1": round(p["x"] + (-5 if p["left"] else 5), 1),
                         "y1": p["y"], "x2": round(x1 if p["left"] else x0, 1),
                         "y2": round(ly - 4, 1)}
    # draw labelled points last so they sit on top
    return sorted(pts, key=lambda p: (p["label"], p["q"] != "stable"))


def risk_chart_png(analysis: "AnalysisResult", lang: str = "en", label_top: int = 8,
                   dpi: int = 110, *, points: list[dict[str, Any]] | None = None) -> bytes | None:
    """The risk matrix as a PNG (impact x warning signs, quadrants shaded, top names labelled).

    ``points``: the matrix's :func:`risk_points` for ``lang`` and ``label_top`` when the
    caller has them already (the report draws the SVG from the same points).

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.pipeline import analyze
    >>> a = analyze(Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d")]),
    ...             {"analyses": {"stability": False, "resilience": False}})
    >>> risk_chart_png(a)[:4] == b"\\x89PNG"
    True
    """
    risk = analysis.risk
    if risk is None or risk.table.empty:
        return None
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.patheffects import withStroke

    from .charts import _rc

    t = translator(lang)
    tab = risk.table
    ia, la = risk.params["impact_at"], risk.params["likelihood_at"]
    rc = _rc(svg=False)
    rc.pop("svg.fonttype", None)
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(7.2, 5.0))
        ax = fig.add_subplot(111)
        for (x0, x1, y0, y1, q) in ((ia, 1.02, la, 1.02, "act_now"), (ia, 1.02, -0.02, la, "keep_close"),
                                    (-0.02, ia, la, 1.02, "watch"), (-0.02, ia, -0.02, la, "stable")):
            ax.axvspan(x0, x1, ymin=(y0 + 0.02) / 1.04, ymax=(y1 + 0.02) / 1.04,
                       color=QUADRANT_COLOURS[q], alpha=0.07, linewidth=0)
        pts = points if points is not None else risk_points(analysis, lang, label_top)
        for ql in quadrant_labels(pts, risk.params, lang):
            # the corner the SVG uses, on a white box above the points
            x0, x1 = (ia, 1.0) if ql["key"] in ("act_now", "keep_close") else (0.0, ia)
            y0, y1 = (la, 1.0) if ql["key"] in ("act_now", "watch") else (0.0, la)
            right, top = ql["side"] == "right", ql["edge"] == "top"
            ax.text(x1 - 0.012 if right else x0 + 0.012, y1 - 0.02 if top else y0 + 0.02,
                    ql["label"], ha="right" if right else "left", va="top" if top else "bottom",
                    fontsize=10, fontweight="bold", color=QUADRANT_COLOURS[ql["key"]], zorder=5,
                    bbox={"boxstyle": "round,pad=0.25", "fc": "white", "alpha": 0.85,
                          "ec": "none"})
        for q in ("stable", "watch", "keep_close", "act_now"):
            sub = tab[tab["quadrant"] == q]
            ax.scatter(sub["impact"], sub["likelihood"].clip(upper=1), s=28,
                       color=QUADRANT_COLOURS[q], alpha=0.8, edgecolors="white", linewidths=0.5,
                       label=f"{t('q_' + q)} ({len(sub)})", zorder=3)
        for p in pts:
            if p["stack"] <= 1 and not p["label"]:
                continue  # (a look-up per partner cost seconds on 30,000 partners)
            r = tab.loc[p["id"]]
            if p["stack"] > 1:  # partners on exactly the same spot: how many
                ax.annotate(f"×{p['stack']}", (float(r["impact"]), min(float(r["likelihood"]), 1.0)),
                            xytext=(-5 if p["left"] else 5, 5 if p["stack_y"] < p["y"] else -9),
                            ha="right" if p["left"] else "left",  # not clipped at the right
                            textcoords="offset points", fontsize=7,
                            color="#444444", zorder=4,
                            path_effects=[withStroke(linewidth=2, foreground="white")])
            if not p["label"]:
                continue
            name = p["name"] if len(p["name"]) <= 22 else p["name"][:21] + "…"
            ax.annotate(name, (float(r["impact"]), min(float(r["likelihood"]), 1.0)),
                        xytext=(-5 if p["left"] else 5, -0.75 * (p["ly"] - p["y"] - 4)),
                        textcoords="offset points", fontsize=8, zorder=4, va="center",
                        path_effects=[withStroke(linewidth=2.5, foreground="white")],
                        ha="right" if p["left"] else "left",
                        arrowprops={"arrowstyle": "-", "color": "#999999", "linewidth": 0.6,
                                    "shrinkA": 0, "shrinkB": 4,
                                    "relpos": (1.0, 0.5) if p["left"] else (0.0, 0.5)}
                        if p.get("lead") else None)
        ax.axvline(ia, color="#888888", linewidth=0.8, linestyle="--")
        ax.axhline(la, color="#888888", linewidth=0.8, linestyle="--")
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlabel(t("risk_axis_impact"))
        ax.set_ylabel(t("risk_axis_likelihood"))
        ax.set_title(t("risk_chart_title"), loc="left")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=4, frameon=False,
                  fontsize=8)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight",
                    metadata={"Software": None})
    return buf.getvalue()


def write_risk_png(analysis: "AnalysisResult", path: str | Path, lang: str = "en",
                   png: bytes | None = None) -> Path | None:
    """Write ``risk_matrix.png`` (atomically); None when there is no risk matrix."""
    from ..io.safe import atomic_path

    data = png if png is not None else risk_chart_png(analysis, lang)
    if data is None:
        return None
    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return path


def _community(value: Any, labels: dict[int, str]) -> Any:
    """A community number (int or text) as its name; the value itself when unnamed.

    Examples
    --------
    >>> _community("3", {3: "Startup-led cluster around X (12)"}), _community("7", {})
    ('Startup-led cluster around X (12)', '7')
    """
    try:
        return labels.get(int(float(value)), value)
    except (TypeError, ValueError):
        return value


def _unplaced(analysis: "AnalysisResult", risk: Any, t: Callable) -> str:
    """" (16 partners without any tie are not placed.)" when the matrix leaves some out."""
    eco = getattr(analysis, "eco", None)
    n = (eco.n_partners - len(risk.table)) if eco is not None else 0
    if n <= 0:
        return ""
    return " " + (t("risk_unplaced_one") if n == 1 else t("risk_unplaced", n=f"{n:,}"))


def trust_section(analysis: "AnalysisResult", lang: str = "en", max_rows: int = 25,
                  charts: bool = True) -> dict[str, Any] | None:
    """Display data for the trust and risk sections (None when neither was computed)."""
    tr, risk = analysis.trust, analysis.risk
    if tr is None and risk is None:
        return None
    t = translator(lang)
    out: dict[str, Any] = {"trust": None, "risk": None, "findings": []}
    if tr is not None:
        net = tr.network
        last = net.loc[tr.latest]
        lo, hi = tr.params["trust_scale"]
        waves = tr.waves
        wave_text = (f"{len(waves)} {'waves' if len(waves) != 1 else 'wave'}: {', '.join(waves)}"
                     if lang == "en" else f"조사 {len(waves)}회, 차수 {', '.join(waves)}")
        sec: dict[str, Any] = {"changes_text": None, "changes": None, "tie_changes": None}
        sec["intro"] = t("explain_trust", file=Path(str(tr.params["file"])).name, waves=wave_text,
                         respondents=f"{int(last['respondents']):,}",
                         invited=f"{int(last['invited']):,}",
                         rate=fmt(float(last["response_rate"]), "share", lang),
                         lo=f"{lo:g}", hi=f"{hi:g}",
                         trust=fmt(float(last["trust_share"]), "share", lang),
                         value=fmt(float(last["value_share"]), "share", lang),
                         ties=f"{int(last['scored_ties']):,}",
                         ratings=f"{int(last['n_ratings']):,}")
        sec["rule"] = t("explain_trust_rule", rule=t(f"trust_rule_{tr.params['rule']}"),
                        non_response=t(f"trust_nr_{tr.params['non_response']}"),
                        mutual=f"{int(last['mutual']):,}", one_sided=f"{int(last['one_sided']):,}",
                        unconfirmed=f"{int(last['unconfirmed']):,}")
        latest = tr.ties[(tr.ties["wave"] == tr.latest) & tr.ties["scored"]]
        single = float((latest["n_ratings"] < 2).mean()) if len(latest) else 0.0
        sec["confidence"] = t("trust_confidence", single=fmt(single, "share", lang))
        w = net.reset_index()
        sec["waves"] = _table(w, [("wave", "col_wave", "text"), ("invited", "col_invited", "int"),
                                  ("respondents", "col_respondents", "int"),
                                  ("response_rate", "col_response_rate", "share"),
                                  ("scored_ties", "col_ties_rated", "int"),
                                  ("mutual", "col_mutual", "int"),
                                  ("one_sided", "col_one_sided", "int"),
                                  ("unconfirmed", "col_unconfirmed", "int"),
                                  ("trust_share", "col_trust_share", "share"),
                                  ("value_share", "col_value_share", "share")], t, lang, max_rows)
        p = tr.partners
        low = p[p["n_received"] >= 2].sort_values(["trust_received", "n_received"],
                                                  ascending=[True, False], kind="mergesort")
        cols = [("name", "col_name", "text"), ("sector", "col_sector", "sector"),
                ("trust_received", "col_trust_received", "float"),
                ("value_received", "col_value_received", "float"),
                ("n_received", "col_n_received", "int"),
                ("trust_given", "col_trust_given", "float"), ("n_given", "col_n_given", "int"),
                ("responded", "col_responded", "text")]
        sec["lowest"] = _table(low, cols, t, lang, min(max_rows, 10), file="metrics.xlsx")
        g = tr.groups
        labels = community_label_map(getattr(analysis, "community_names", None), lang)
        if len(g):  # communities by their names, sectors in the report language
            g = g.assign(group=[_community(v, labels) if k == "community" else sector_word(v, lang)
                                for k, v in zip(g["kind"], g["group"])],
                         kind=g["kind"].map(lambda k: t("col_community") if k == "community"
                                            else t("col_sector")))
        sec["groups"] = _table(g, [("kind", "col_kind", "text"), ("group", "col_group", "text"),
                                   ("ties", "col_ties_rated", "int"),
                                   ("n_ratings", "col_n_ratings", "int"),
                                   ("trust_share", "col_trust_share", "share"),
                                   ("value_share", "col_value_share", "share")],
                               t, lang, max_rows, file="metrics.xlsx")
        gaps = tr.gaps[tr.gaps["wave"] == tr.latest]
        sec["gaps_text"] = t("explain_perception_gaps", gap=f"{tr.params['gap']:g}")
        sec["gaps"] = _table(gaps, [("a_name", "col_source", "text"), ("b_name", "col_target", "text"),
                                    ("indicator", "col_indicator", "item"),
                                    ("a_rates_b", "col_a_rates_b", "int"),
                                    ("b_rates_a", "col_b_rates_a", "int"),
                                    ("gap", "col_gap", "int")], t, lang, min(max_rows, 15),
                             file="metrics.xlsx")
        sec["bridges_text"] = t("explain_trust_bridges", strong=f"{tr.params['strong']:.3g}")
        b = tr.bridges
        if len(b):
            b = b.assign(**{c: b[c].map(lambda v: _community(v, labels))
                            for c in ("community_a", "community_b") if c in b})
        sec["bridges"] = _table(b, [("a_name", "col_source", "text"),
                                             ("b_name", "col_target", "text"),
                                             ("community_a", "col_community_a", "text"),
                                             ("community_b", "col_community_b", "text"),
                                             ("trust", "col_trust", "float"),
                                             ("n_ratings", "col_n_ratings", "int"),
                                             ("graph_bridge", "col_graph_bridge", "text")],
                                t, lang, max_rows, file="metrics.xlsx")
        if len(waves) > 1:
            sec["changes_text"] = t("explain_trust_changes", first=waves[0], last=waves[-1])
            pc = tr.partner_changes.dropna(subset=["trust_change"])
            pc = pc[(pc["n_first"] >= 2) & (pc["n_last"] >= 2)] if len(pc) else pc
            sec["changes"] = _table(pc, [("name", "col_name", "text"),
                                         ("trust_first", "col_trust_first", "float"),
                                         ("trust_last", "col_trust_last", "float"),
                                         ("trust_change", "col_trust_change", "float"),
                                         ("n_last", "col_n_received", "int")],
                                    t, lang, min(max_rows, 10), file="metrics.xlsx")
            tc = tr.tie_changes.dropna(subset=["trust_change"])
            sec["tie_changes"] = _table(tc, [("a_name", "col_source", "text"),
                                             ("b_name", "col_target", "text"),
                                             ("trust_first", "col_trust_first", "float"),
                                             ("trust_last", "col_trust_last", "float"),
                                             ("trust_change", "col_trust_change", "float"),
                                             ("status_last", "col_status", "status")],
                                        t, lang, min(max_rows, 10), file="metrics.xlsx")
            first = net.loc[waves[0]]
            out["findings"].append(t("finding_trust_change", w0=waves[0], w1=waves[-1],
                                     first=fmt(float(first["trust_share"]), "share", lang),
                                     last=fmt(float(last["trust_share"]), "share", lang)))
        out["findings"].insert(0, t("finding_trust",
                                    trust=fmt(float(last["trust_share"]), "share", lang),
                                    value=fmt(float(last["value_share"]), "share", lang),
                                    rate=fmt(float(last["response_rate"]), "share", lang)))
        n_pairs = len(gaps[["a", "b"]].drop_duplicates()) if len(gaps) else 0
        if n_pairs:
            out["findings"].append(t("finding_gaps", n=f"{n_pairs:,}", gap=f"{tr.params['gap']:g}"))
        out["trust"] = sec
    if risk is not None:
        from ..analysis.risk import risk_findings, warning_signs

        rp = risk.params
        sec = {"intro": t("explain_risk", periods=rp["dormant_periods"],
                          impact_at=f"{rp['impact_at']:g}", likelihood_at=f"{rp['likelihood_at']:g}"),
               "nosurvey": None if rp.get("survey") else t("explain_risk_nosurvey"),
               "counts": t("risk_counts", **{q: f"{n:,}" for q, n in risk.counts().items()})
               + _unplaced(analysis, risk, t),
               "hint": t("risk_hint"), "png": None, "png_bytes": None}
        fs = risk_findings(risk, lang)
        sec["findings"] = fs
        out["findings"] += fs[:1]
        sec["quadrants"] = [{"key": q, "label": t(f"q_{q}"), "desc": t(f"qd_{q}"),
                             "n": n, "colour": QUADRANT_COLOURS[q]}
                            for q, n in risk.counts().items()]
        sec["points"] = risk_points(analysis, lang)
        sec["qlabels"] = quadrant_labels(sec["points"], rp, lang)
        geo = dict(SVG)
        geo["pw"] = SVG["w"] - SVG["left"] - SVG["right"]
        geo["ph"] = SVG["h"] - SVG["top"] - SVG["bottom"]
        geo["ix"] = round(SVG["left"] + rp["impact_at"] * geo["pw"], 1)
        geo["ly"] = round(SVG["top"] + (1 - rp["likelihood_at"]) * geo["ph"], 1)
        geo["ticks"] = [{"v": f"{v:g}", "x": round(SVG["left"] + v * geo["pw"], 1),
                         "y": round(SVG["top"] + (1 - v) * geo["ph"], 1)}
                        for v in (0, 0.25, 0.5, 0.75, 1)]
        sec["geo"] = geo
        sec["axis_x"], sec["axis_y"] = t("risk_axis_impact"), t("risk_axis_likelihood")
        tab = risk.table
        shown = tab[tab["quadrant"] != "stable"]
        shown = shown.drop(columns=[c for c in ("cut_off", "dependents", "communities_held")
                                    if c in shown and not shown[c].astype(float).any()]
                           + [c for c in ("weakest_item", "weakest_score")
                              if c in shown and shown[c].isna().all()])
        # the warning signs in words, for the shown rows (keep close too: a low rating
        # below the threshold is still said)
        shown = shown.assign(signs="")
        head = shown.index[:max_rows]
        if len(head):
            shown.loc[head, "signs"] = warning_signs(risk, lang, partners=head)
        sec["table"] = _table(shown.reset_index(), [
            ("name", "col_name", "text"), ("sector", "col_sector", "sector"),
            ("quadrant", "col_quadrant", "quadrant"), ("impact", "col_impact", "float"),
            ("likelihood", "col_likelihood", "float"), ("signs", "col_signs", "text"),
            ("cut_off", "col_cut_off", "int"),
            ("dependents", "col_dependents", "int"),
            ("communities_held", "col_communities_held", "int"),
            ("weakest_item", "col_weakest", "item"), ("weakest_score", "col_weakest_score", "float")],
            t, lang, max_rows, file="risk_matrix.csv", row_keys="quadrant")
        if charts:
            png = risk_chart_png(analysis, lang, points=sec["points"])
            sec["png_bytes"] = png
            sec["png"] = ("data:image/png;base64," + base64.b64encode(png).decode("ascii")
                          if png else None)
        out["risk"] = sec
    return out


def trust_summary(analysis: "AnalysisResult", top: int = 10) -> dict[str, Any]:
    """The ``trust`` and ``risk`` keys of summary.json (JSON-ready)."""
    out: dict[str, Any] = {}
    tr = analysis.trust
    if tr is not None:
        net = tr.network.reset_index()
        out["trust"] = jsonable({
            "params": tr.params, "waves": net.to_dict("records"),
            "network": tr.summary(),
            "lowest_partners": tr.partners[tr.partners["n_received"] >= 2]
            .sort_values("trust_received").head(top).reset_index().to_dict("records"),
            "perception_gaps": tr.gaps.head(50).to_dict("records"),
            "n_perception_gaps": int(len(tr.gaps)),
            "trust_bridges": tr.bridges.to_dict("records"),
            "partner_changes": tr.partner_changes.head(top).reset_index().to_dict("records")})
    risk = analysis.risk
    if risk is not None:
        tab = risk.table.reset_index()
        out["risk"] = jsonable({"params": risk.params, "counts": risk.counts(),
                                "partners": tab[tab["quadrant"] != "stable"].head(100)
                                .to_dict("records")})
    return out


__all__ = ["trust_section", "trust_summary", "risk_chart_png", "risk_points", "quadrant_labels",
           "write_risk_png", "QUADRANT_COLOURS"]
