"""Show an :class:`~ecosystem.analysis.temporal.Evolution`: report section and period maps.

* :func:`evolution_section` gives the context of the "Evolution" section of the analyze
  report (KPI trend charts and an anchor-rank chart as inline SVG, tables as rows);
  the report template renders it.
* :func:`write_evolution_maps` writes one map per period with the **same positions**
  (the layout is computed once on the union of all periods), so a partner stays in
  place and change is visible, plus ``index.html``: an offline page with a period
  slider that switches between the period maps.

These functions only draw results they are given; they compute no metric.
"""
from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pandas as pd

from ..exceptions import InvalidParameterError
from ..i18n import LANGUAGES, STRINGS, translator
from ..results import Partition
from ..io.safe import write_text_atomic
from .evolution_tables import (MOVER_COLUMNS, PERIOD_COLUMNS, _display, _event_rows,
                               _latest_first, _records, community_namer)

#: The section's wording per language: the "ev_" messages of the catalogs (ecosystem/i18n.py).
TEXT = {lang: {k[3:]: v for k, v in STRINGS[lang].items() if k.startswith("ev_")}
        for lang in LANGUAGES}

# KPIs drawn (when health_kpis provides them): shares in [0, 1] on one chart ...
UNIT_KPIS = ["density", "largest_component_share", "average_clustering", "modularity",
             "cross_sector_tie_share", "cross_community_tie_share", "degree_centralization"]
# ... and counts / lengths, one chart per group
COUNT_KPIS = [("n_communities", "components"), ("average_path_length",)]

FREQ_WORDS = {lang: {(None if k == "custom" else k): TEXT[lang][f"freq_{k}"]
                     for k in ("year", "quarter", "month", "custom")} for lang in LANGUAGES}


def _t(lang: str) -> dict[str, str]:
    if lang not in TEXT:
        raise InvalidParameterError(f"lang must be one of {', '.join(TEXT)}, got {lang!r}")
    return TEXT[lang]


def period_x(evolution: Any) -> list[float]:
    """Numeric x value of each period for charts: its start as a decimal year (months = 1/12).

    Examples
    --------
    >>> class E:
    ...     periods = pd.DataFrame({"start": pd.to_datetime(["2020-01-01", "2020-07-01"])})
    >>> period_x(E())
    [2020.0, 2020.5]
    """
    out = []
    for ts in pd.to_datetime(evolution.periods["start"]):
        month_part = (ts.day - 1) / ts.days_in_month
        out.append(round(ts.year + (ts.month - 1 + month_part) / 12, 3))
    return out


def evolution_section(evolution: Any, lang: str = "en", *, top_ranks: int = 8,
                      max_rows: int = 50,
                      community_labels: dict[int, str] | None = None) -> dict[str, Any]:
    """Context for the report's "Evolution" section (only when the data has dates).

    The tables of what changed (rising and falling anchors, community life cycle,
    entrants and exits) show the latest period first, so the change the decision brief
    quotes is on screen; past ``max_rows`` a line says where the other rows are. In the
    life cycle, a community of the latest period that the main analysis named is shown
    with that name, any other with its best-ranked partner.

    Parameters
    ----------
    evolution : Evolution
        The result of :func:`ecosystem.analysis.temporal.evolve`.
    lang : {"en", "ko"}
    top_ranks : int, default 8
        Partners drawn in the anchor-rank chart: the top ``top_ranks`` of the last
        period.
    max_rows : int, default 50
        Rows kept per table.
    community_labels : dict, optional
        The main analysis' community number -> name (the report's communities table).

    Returns
    -------
    dict
        ``id`` ("evolution"), ``title``, ``intro``, ``notes`` (list of str), ``charts``
        (list of ``{"title", "svg"}``; inline SVG from
        :func:`ecosystem.render.charts.line_chart_svg`), ``tables`` (list of
        ``{"title", "columns", "rows"}`` with rows as dicts), ``provenance`` (the
        evolution's params). Every string is plain text: the template escapes it; the
        SVG is safe to inline (matplotlib escapes its text).

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.analysis.temporal import evolve
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")])
    >>> eco = eco.replace(relations=eco.relations.assign(year=[2020, 2020, 2021, 2021]))
    >>> sec = evolution_section(evolve(eco))
    >>> sec["title"], len(sec["charts"]) >= 2, sec["charts"][0]["svg"].startswith("<svg")
    ('Evolution', True, True)
    """
    from .charts import line_chart_svg

    t = _t(lang)
    p = evolution.params
    labels = list(evolution.periods["period"])
    xs = period_x(evolution)
    mode = (t["mode_cumulative"] if p.get("mode") == "cumulative"
            else t["mode_window"].format(window=p.get("window")))
    freq = t["freq"].format(freq=FREQ_WORDS[lang].get(p.get("freq"), p.get("freq")))
    intro = t["intro"].format(n=len(labels), first=labels[0] if labels else "",
                              last=labels[-1] if labels else "", mode=mode, freq=freq)
    notes = []
    if p.get("undated_relations"):
        notes.append(t["undated_note"].format(
            n=p["undated_relations"], what=t["undated_" + p.get("undated", "latest")]))
    tr = p.get("tracking", {})
    notes.append(t["tracking_note"].format(threshold=tr.get("threshold"), flow=tr.get("flow", 0.5),
                                           seed=p.get("seed")))
    charts = []
    per = evolution.periods
    charts.append({"title": t["size_chart"], "svg": line_chart_svg(
        {t["partners"]: (xs, per["partners"].tolist()), t["ties"]: (xs, per["ties"].tolist())},
        title=t["size_chart"], xlabel=t["period"], ylabel=t["count"])})
    kpis = evolution.kpis.reindex(labels)
    tr_kpi = translator(lang)

    def kpi_label(key: str) -> str:
        return tr_kpi(f"kpi_{key}")

    def series_of(cols: list[str]) -> dict:
        out = {}
        for col in cols:
            values = pd.to_numeric(kpis[col], errors="coerce") if col in kpis else None
            if values is not None and values.notna().any():
                out[kpi_label(col)] = (xs, [None if pd.isna(v) else float(v) for v in values])
        return out

    unit = series_of(UNIT_KPIS)
    if unit:
        charts.append({"title": t["kpi_chart"], "svg": line_chart_svg(
            unit, title=t["kpi_chart"], xlabel=t["period"], ylabel=t["value"], ylim=(0, 1))})
    for group in COUNT_KPIS:
        series = series_of(list(group))
        if series:
            title = t["other_chart"].format(kpi=" / ".join(series))
            charts.append({"title": title, "svg": line_chart_svg(
                series, title=title, xlabel=t["period"], ylabel=t["value"])})
    ranks = evolution.rank_matrix()
    if len(ranks) and labels:
        last = ranks[labels[-1]].dropna().sort_values()
        chosen = list(last.index[:top_ranks])
        if chosen:
            names = evolution.ranks.drop_duplicates("id", keep="last").set_index("id")["name"]
            series = {}
            for pid in chosen:
                label = str(names.get(pid, pid))
                if label in series:
                    label = f"{label} ({pid})"
                series[label] = (xs, [None if pd.isna(v) else float(v) for v in ranks.loc[pid]])
            worst = float(ranks.loc[chosen].max().max())
            # log-scaled, rank 1 on top: ranks 1-10 keep their room next to rank 300
            charts.append({"title": t["rank_chart"], "svg": line_chart_svg(
                series, title=t["rank_chart"], xlabel=t["period"], ylabel=t["rank_axis"],
                ylim=(max(worst, 2.0) * 1.15, 0.85), log_y=True)})
    movers = _latest_first(evolution.movers, labels)
    if len(movers):
        movers = movers.assign(direction=movers["direction"].map(lambda d: t.get(d, d)))
    overall = evolution.overall_movers(top=5)
    if len(overall):
        overall = overall.assign(direction=overall["direction"].map(lambda d: t.get(d, d)))
    changes = []
    for frame, word in ((evolution.entrants, t["entered"]), (evolution.exits, t["left"])):
        if len(frame):
            f = frame[frame["period"] != labels[0]] if word == t["entered"] else frame
            for period, group in f.groupby("period", sort=False):
                names = group["name"].astype(str).tolist()
                changes.append({"period": period, "change": word, "count": len(names),
                                "partners": ", ".join(names[:12])
                                + (" ..." if len(names) > 12 else "")})
    changes.sort(key=lambda r: (-labels.index(r["period"]) if r["period"] in labels else 0,
                                r["change"]))   # latest period first

    def more(n: int) -> str | None:
        return tr_kpi("more_rows", n=f"{n - max_rows:,}", file="metrics.xlsx") \
            if n > max_rows else None

    events = _latest_first(evolution.events[evolution.events["event"] != "continue"], labels)
    tables = [
        _display(t["periods_table"], _records(per, PERIOD_COLUMNS), PERIOD_COLUMNS, t),
        _display(t["movers_table"], _records(movers, MOVER_COLUMNS, max_rows), MOVER_COLUMNS, t,
                 more(len(movers))),
        _display(t["overall_table"].format(first=overall["first"].iloc[0] if len(overall) else "",
                                           last=overall["last"].iloc[0] if len(overall) else ""),
                 _records(overall, MOVER_COLUMNS[1:], max_rows), MOVER_COLUMNS[1:], t),
        _display(t["events_table"],
                 _event_rows(events, lang, max_rows,
                             community_namer(evolution, lang, community_labels)),
                 ["period", "event", "description"], t, more(len(events))),
        _display(t["entrants_table"], changes[:max_rows], ["period", "change", "count", "partners"],
                 t),
    ]
    return {"id": "evolution", "title": t["title"], "intro": intro, "notes": notes,
            "charts": charts, "tables": tables, "provenance": dict(p), "lang": lang}


# --------------------------------------------------------------------------- maps
def _map_file(i: int, label: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in str(label))
    return f"period_{i:02d}_{safe}.html"


CHANGE_COLUMN = "change"


def evolution_map_specs(evolution: Any, *, seed: int = 0, color_by: str = "community",
                        size_by: str = "anchor_score", title: str | None = None
                        ) -> list[tuple[str, dict]]:
    """One map spec per period, all drawn with the same partner positions.

    The layout is computed once (:func:`ecosystem.analysis.layout.compute_layout`, seeded)
    on the union of every period's partners and relations; each period is then drawn
    with :func:`ecosystem.render.maps.map_spec` (``positions=`` that layout, colours =
    the period's communities with a colour slot per stable id (:func:`color_slots`), so
    a community keeps its colour while it lives, labelled ``Community C<id>`` in the
    legend; sizes = the period's anchor scores). From the second period on, partners carry
    an attribute ``change`` ("entered" this period or "continuing"), shown in each
    partner's details; ``color_by="change"`` colours by it (the map's colour menu still
    offers community and sector).

    Returns
    -------
    list of (period label, spec dict)
    """
    from ..analysis.layout import compute_layout
    from .map.spec import map_spec

    snaps = evolution.snapshots
    if not snaps:
        raise InvalidParameterError("no period to map")
    union = _union(evolution)
    positions = (compute_layout(union, seed=seed) if union.n_partners
                 else pd.DataFrame(columns=["x", "y"]))
    base = title or "ecosystem"
    out = []
    slots = color_slots(evolution)
    for i, snap in enumerate(snaps):
        analysis: dict[str, Any] = {}
        part = evolution.partitions.get(snap.label)
        slot = slots.get(snap.label, {})
        if part is not None and len(part.membership):
            analysis["partition"] = Partition(part.membership.map(slot).astype(int),
                                              method=part.method, params=dict(part.params),
                                              modularity=part.modularity)
        com = evolution.communities[evolution.communities["period"] == snap.label]
        if len(com):
            tops = com["top_partners"] if "top_partners" in com else pd.Series("", index=com.index)
            analysis["communities"] = pd.DataFrame({
                "community": [slot[int(c)] for c in com["community"]],
                "label": [f"Community C{int(c)}" + (f" · {str(tp).split(', ')[0]}"
                                                    if isinstance(tp, str) and tp else "")
                          for c, tp in zip(com["community"], tops)]})
        anchors = evolution.anchors.get(snap.label)
        has_anchors = anchors is not None and len(anchors) > 0
        if has_anchors:
            analysis["anchors"] = anchors
        eco = snap.eco
        entered = set(evolution.entrants.loc[evolution.entrants["period"] == snap.label, "id"])
        if i > 0 and CHANGE_COLUMN not in eco.partners:
            status = eco.partners["id"].map(lambda pid: "entered" if pid in entered
                                            else "continuing")
            eco = eco.replace(partners=eco.partners.assign(**{CHANGE_COLUMN: status.to_numpy()}))
        elif color_by == CHANGE_COLUMN and CHANGE_COLUMN not in eco.partners:
            eco = eco.replace(partners=eco.partners.assign(**{CHANGE_COLUMN: "first period"}))
        spec = map_spec(eco, analysis=analysis, color_by=color_by,
                        size_by=size_by if has_anchors else "none",
                        positions=positions.reindex(snap.eco.ids), seed=seed,
                        title=f"{base} · {snap.label}", recommendations=False, max_nodes=None)
        out.append((snap.label, spec))
    return out


def write_evolution_maps(evolution: Any, directory: str | Path, *, seed: int = 0,
                         color_by: str = "community", size_by: str = "anchor_score",
                         title: str | None = None, lang: str = "en") -> Path:
    """One offline map per period with shared positions, and a slider page.

    Maps come from :func:`evolution_map_specs` and are written with
    :func:`ecosystem.render.maps.write_map` as ``period_<i>_<label>.html``;
    ``index.html`` (:func:`slider_page`) shows one period at a time in an iframe, with an
    ``<input type="range">`` slider and previous/next buttons. Everything works offline.

    Returns
    -------
    Path
        The index page.
    """
    from .map.view import write_map

    t = _t(lang)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    specs = evolution_map_specs(evolution, seed=seed, color_by=color_by, size_by=size_by,
                                title=title)
    pages = []
    for i, ((label, spec), snap) in enumerate(zip(specs, evolution.snapshots)):
        name = _map_file(i, label)
        write_map(spec, directory / name)
        pages.append((label, name, int(snap.eco.n_partners), int(snap.eco.n_ties)))
    from .map.html import publish

    index = directory / "index.html"
    write_text_atomic(index, slider_page(pages, title=f"{title or 'ecosystem'} · {t['title']}",
                                         lang=lang))
    return publish(index)   # atomic writes are owner-only; a map page is meant to be shared


def color_slots(evolution: Any, n_colors: int | None = None) -> dict[str, dict[int, int]]:
    """Map colour per stable community id and period, kept while the community lives.

    Stable ids grow over time (C40 in a late period) while a map has a dozen colours.
    Each community gets a colour slot ``0..n_colors-1`` when it first appears (largest
    first, lowest free slot) and keeps it until it disappears, when the slot is freed for
    later communities. Communities that find no free slot get ``n_colors + id`` (drawn
    grey). Returns ``{period: {stable id: slot}}``.

    Examples
    --------
    >>> class E:
    ...     labels = ["1", "2"]
    ...     communities = pd.DataFrame({"period": ["1", "1", "2", "2"],
    ...                                 "community": [0, 1, 1, 2], "size": [5, 4, 6, 3]})
    >>> color_slots(E(), n_colors=2)
    {'1': {0: 0, 1: 1}, '2': {1: 1, 2: 0}}
    """
    from ..palette import PALETTE

    n = len(PALETTE) if n_colors is None else int(n_colors)
    com = evolution.communities
    held: dict[int, int] = {}
    out: dict[str, dict[int, int]] = {}
    for label in evolution.labels:
        rows = com[com["period"] == label].sort_values(["size", "community"],
                                                       ascending=[False, True])
        alive = [int(c) for c in rows["community"]]
        held = {c: s for c, s in held.items() if c in set(alive)}
        free = sorted(set(range(n)) - set(held.values()))
        for c in alive:
            if c not in held and free:
                held[c] = free.pop(0)
        out[label] = {c: held.get(c, n + c) for c in alive}
    return out


def _union(evolution: Any):
    """The union ecosystem of all periods (partners and relations seen in any period)."""
    snaps = evolution.snapshots
    first = snaps[0].eco
    parts = pd.concat([s.eco.partners for s in snaps], ignore_index=True).drop_duplicates("id")
    rels = pd.concat([s.eco.relations for s in snaps], ignore_index=True)
    rels = rels.loc[rels.astype(str).drop_duplicates().index]  # a relation once, however many periods
    return first.replace(partners=parts, relations=rels, name="union")


def slider_page(pages: list[tuple], *, title: str = "Evolution", lang: str = "en") -> str:
    """A self-contained HTML page switching an iframe between period maps.

    ``pages`` is a list of ``(label, file name, partners, ties)``. Every label is
    HTML-escaped, and the page's script reads the period list from a JSON block
    (``<`` escaped), so no label can inject markup or script. No network access.

    Examples
    --------
    >>> page = slider_page([("2020", "a.html", 3, 2), ("<b>2021</b>", "b.html", 4, 5)])
    >>> "<b>2021</b>" in page, 'type="range"' in page
    (False, True)
    """
    t = _t(lang)
    data = [{"label": str(lab), "file": str(f), "partners": int(n), "ties": int(m)}
            for lab, f, n, m in pages]
    payload = (json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
               .replace(">", "\\u003e").replace("&", "\\u0026"))
    last = max(len(data) - 1, 0)
    first_file = html.escape(data[-1]["file"], quote=True) if data else "about:blank"
    links = "".join(f'<li><a href="{html.escape(d["file"], quote=True)}">{html.escape(d["label"])}</a></li>'
                    for d in data)
    options = "".join(f'<option value="{i}" label="{html.escape(d["label"], quote=True)}"></option>'
                      for i, d in enumerate(data))
    return f"""<!DOCTYPE html>
<html lang="{html.escape(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self' 'unsafe-inline' file: data: blob:; connect-src 'none'">
<title>{html.escape(title)}</title>
<style>
  html, body {{ margin: 0; height: 100%; font-family: "NanumGothic", "Noto Sans KR", system-ui, sans-serif; }}
  body {{ display: flex; flex-direction: column; }}
  header {{ padding: 8px 14px; border-bottom: 1px solid #ddd; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }}
  h1 {{ font-size: 16px; margin: 0 12px 0 0; }}
  #period {{ font-weight: bold; min-width: 6em; }}
  #slider {{ flex: 1; min-width: 200px; }}
  iframe {{ flex: 1; border: 0; width: 100%; }}
  button {{ font-size: 14px; }}
</style>
</head>
<body>
<header>
  <h1>{html.escape(title)}</h1>
  <button id="prev" type="button" aria-label="previous">&#9664;</button>
  <input id="slider" type="range" min="0" max="{last}" step="1" value="{last}" list="ticks" aria-label="{html.escape(t['period'])}">
  <datalist id="ticks">{options}</datalist>
  <button id="next" type="button" aria-label="next">&#9654;</button>
  <span id="period"></span>
  <span id="stats"></span>
</header>
<noscript><ul>{links}</ul></noscript>
<iframe id="map" title="map" src="{first_file}"></iframe>
<script type="application/json" id="periods">{payload}</script>
<script>
(function () {{
  var periods = JSON.parse(document.getElementById("periods").textContent);
  var slider = document.getElementById("slider");
  var frame = document.getElementById("map");
  var label = document.getElementById("period");
  var stats = document.getElementById("stats");
  function show(i) {{
    i = Math.max(0, Math.min(periods.length - 1, i));
    slider.value = String(i);
    var p = periods[i];
    if (!p) {{ return; }}
    label.textContent = p.label;
    stats.textContent = p.partners + " {t['partners']} · " + p.ties + " {t['ties']}";
    if (frame.getAttribute("src") !== p.file) {{ frame.setAttribute("src", p.file); }}
  }}
  slider.addEventListener("input", function () {{ show(parseInt(slider.value, 10)); }});
  document.getElementById("prev").addEventListener("click", function () {{ show(parseInt(slider.value, 10) - 1); }});
  document.getElementById("next").addEventListener("click", function () {{ show(parseInt(slider.value, 10) + 1); }});
  show(periods.length - 1);
}})();
</script>
</body>
</html>
"""


__all__ = ["color_slots", "evolution_map_specs", "evolution_section", "period_x", "slider_page",
           "write_evolution_maps"]
