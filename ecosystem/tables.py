"""The results of an analysis as tables, and who is active in which period.

* :func:`partners_table` / :func:`all_tables`: every result as pandas tables (they only
  gather numbers the analyses computed; ``metrics.xlsx`` and the CSV files of the report
  are these tables);
* :func:`kumu_tables`: Kumu's Elements / Connections import workbook;
* :func:`community_colours` / :func:`sector_colours`: the colours of the map
  (:mod:`ecosystem.palette`), so an exported graph looks like the map;
* :func:`map_snapshots` / :func:`time_spec`: the periods of a dated network and, for every
  partner and tie, the periods it is active in (the map's time slider, GEXF spells).
  Built from the **same snapshots as** :func:`ecosystem.analysis.temporal.evolve`: the
  analysis' evolution when there is one (its ``snapshots``), else
  :func:`ecosystem.analysis.temporal.snapshots` with evolve's defaults (yearly,
  cumulative, active partners). No metric is computed there: a period only says who and
  what is active, as runs ``[[first, last], ...]`` of period indices (inclusive), which
  stays small for thousands of partners.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from .io.spreadsheet import listy
from .io.values import cell_text
from .palette import OTHER_COLOR, PALETTE, category_colors, category_keys, color_lookup

if TYPE_CHECKING:  # pragma: no cover
    from .analysis_result import AnalysisResult


def _indexed(frame: Any, ids: pd.Index) -> pd.DataFrame | None:
    """A per-partner table indexed by partner id (or None)."""
    if frame is None or not isinstance(frame, pd.DataFrame) or frame.empty:
        return None
    out = frame
    if "id" in out.columns and not out.index.isin(ids).any():
        out = out.set_index("id")
    out = out.copy()
    out.index = out.index.astype(str)
    if not out.index.isin(ids).any():
        return None
    return out[~out.index.duplicated()]


def community_colours(analysis: "AnalysisResult") -> pd.Series:
    """Partner id -> hex colour of its community, as on the map (grey beyond the palette).

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.pipeline import analyze
    >>> a = analyze(Ecosystem.from_edges([("a", "b")]), {"analyses": {"stability": False}})
    >>> community_colours(a).tolist()
    ['#E69F00', '#E69F00']
    """
    palette, other = PALETTE, OTHER_COLOR
    ids = analysis.eco.ids
    if analysis.partition is None:
        return pd.Series(other, index=ids, name="color")
    m = analysis.partition.membership.reindex(ids)
    colours = [palette[int(c)] if pd.notna(c) and 0 <= int(c) < len(palette) else other
               for c in m]
    return pd.Series(colours, index=ids, name="color")


def sector_colours(analysis: "AnalysisResult") -> pd.Series:
    """Partner id -> hex colour of its sector, as on a map coloured by sector."""
    sectors = analysis.eco.sectors
    lookup = color_lookup(category_colors(sectors.tolist(), kind="sector"))
    keys = category_keys(sectors.tolist())
    return pd.Series([lookup.get(k, "#A0A0A0") for k in keys], index=sectors.index,
                     name="sector_color")


def why_in(frame: pd.DataFrame, kind: str, lang: str) -> pd.Series:
    """The ``why`` column of an anchor (``kind="anchors"``) or recommendation table in
    ``lang`` (the analyses write it in English; their explainers say it again in another
    language). A table without the columns the explainer reads keeps its own ``why``.

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.analysis.anchors import anchor_partners
    >>> a = anchor_partners(Ecosystem.from_edges([("a", "b"), ("b", "c")]))
    >>> why_in(a, "anchors", "ko").loc["b"]
    '내부 구성원: 협력 강도 1위, 최단 경로의 100% 경유'
    """
    if lang == "en" or not len(frame):
        return frame["why"]
    from .analysis.anchors import anchor_why
    from .analysis.recommend import explain_recommendation

    try:
        if kind == "anchors":
            return anchor_why(frame, lang=lang)
        return pd.Series([explain_recommendation(r, lang=lang) for r in frame.to_dict("records")],
                         index=frame.index, name="why")
    except KeyError:
        return frame["why"]


def _why_columns(frame: pd.DataFrame, kind: str, lang: str) -> pd.DataFrame:
    """``frame`` with its ``why`` in ``lang`` and the English one kept as ``why_en`` (an
    English run changes nothing)."""
    if lang == "en" or "why" not in frame:
        return frame
    out = frame.copy()
    out["why"] = why_in(frame, kind, lang).to_numpy()
    out.insert(out.columns.get_loc("why") + 1, "why_en", frame["why"].to_numpy())
    return out


def partners_table(analysis: "AnalysisResult", lang: str = "en") -> pd.DataFrame:
    """One row per partner (indexed by id): attributes, then every per-partner metric.

    ``lang``: the language of the text column ``anchor_why`` (with the English one as
    ``anchor_why_en`` when it is not English).

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.pipeline import analyze
    >>> a = analyze(Ecosystem.from_edges([("a", "b"), ("b", "c")]),
    ...             {"analyses": {"stability": False, "resilience": False}})
    >>> t = partners_table(a)
    >>> int(t.loc["b", "degree"]), "community" in t and "color" in t
    (2, True)
    """
    eco = analysis.eco
    ids = eco.ids
    base = eco.partners.set_index("id")
    base.index = base.index.astype(str)
    out = base.copy()

    def add(frame: pd.DataFrame | None, prefix: str = "", skip: tuple[str, ...] = ()) -> None:
        nonlocal out
        if frame is None:
            return
        cols = [c for c in frame.columns if c not in skip and c not in ("name", "sector")]
        part = frame[cols].reindex(ids)
        rename = {}
        for c in cols:
            new = f"{prefix}{c}" if prefix else c
            while new in out.columns:
                new = f"{prefix or 'x_'}{new}"
            rename[c] = new
        out = out.join(part.rename(columns=rename))

    cen = analysis.centrality
    add(_indexed(cen.table, ids) if cen is not None else None)
    if analysis.partition is not None:
        out["community"] = analysis.partition.membership.reindex(ids).astype("Int64")
        labels = _community_labels(analysis)
        if labels:
            out["community_label"] = out["community"].map(
                lambda c: labels.get(int(c)) if pd.notna(c) else None)
    roles = _indexed(analysis.roles, ids)
    add(roles, skip=("community",))
    anchors = _indexed(analysis.anchors, ids)
    if anchors is not None:
        keep = {"anchor_score": "anchor_score", "rank": "anchor_rank", "why": "anchor_why"}
        if "role" in anchors and "role" not in out:
            keep["role"] = "role"
        cols = [c for c in keep if c in anchors]
        extra = anchors[cols].rename(columns=keep)
        if lang != "en" and "why" in anchors:
            extra["anchor_why"] = why_in(anchors, "anchors", lang).to_numpy()
            extra.insert(extra.columns.get_loc("anchor_why") + 1, "anchor_why_en",
                         anchors["why"].to_numpy())
        extra = extra.reindex(ids)
        out = out.join(extra[[c for c in extra.columns if c not in out.columns]])
    holes = _indexed(analysis.holes, ids)
    if holes is not None:
        hcols = [c for c in ("effective_size", "efficiency", "constraint", "hierarchy",
                             "broker_rank") if c in holes]
        add(holes[hcols])  # a partner column of the same name keeps its name (see add)
    brokerage = _indexed(analysis.brokerage, ids)
    if brokerage is not None:
        bcols = [c for c in brokerage.columns if c not in ("name", "group", "sector")]
        add(brokerage[bcols].add_prefix("brokerage_"))
    art = _fragility_frame(analysis, "articulation_points")
    if art is not None:
        art = _indexed(art, ids)
    out["articulation_point"] = out.index.isin(art.index) if art is not None else False
    if art is not None and "cut_off" in art:
        out["cut_off"] = art["cut_off"].reindex(ids).fillna(0).astype(int)
    dep = _fragility_frame(analysis, "dependency")
    dep = _indexed(dep, ids) if dep is not None else None
    if dep is not None:
        for src, dst in (("top_share", "dependency_share"), ("top_partner", "depends_most_on"),
                         ("dependent", "dependent")):
            if src in dep:
                out[dst] = dep[src].reindex(ids)
    out["color"] = community_colours(analysis).reindex(ids)
    out["sector_color"] = sector_colours(analysis).reindex(ids)
    if analysis.layout is not None:
        lay = _indexed(analysis.layout, ids)
        if lay is not None:
            out = out.join(lay[[c for c in ("x", "y") if c in lay]].reindex(ids))
    out.index.name = "id"
    return out


def _community_labels(analysis: "AnalysisResult") -> dict[int, str]:
    c = analysis.communities
    if isinstance(c, pd.DataFrame) and "label" in c:
        key = c["community"] if "community" in c else c.index
        return {int(k): str(v) for k, v in zip(key, c["label"])}
    return {}


def _fragility_frame(analysis: "AnalysisResult", name: str) -> pd.DataFrame | None:
    """One table of the fragility result (``articulation_points``, ``bridges``...), or None."""
    f = analysis.fragility
    return getattr(f, name) if f is not None else None


def resilience_frame(analysis: "AnalysisResult") -> pd.DataFrame | None:
    """The removal curves as one long table (strategy, removed share, largest component)."""
    res = analysis.resilience
    if res is None:
        return None
    rows = []
    for strategy, g in res.groupby("strategy", sort=False):
        shares = g["lcc_share"].astype(float)
        if shares.isna().all():
            continue
        rows += [{"strategy": str(strategy), "removed_share": x, "largest_component_share": y}
                 for x, y in zip(g["removed_share"].astype(float).tolist(), shares.tolist())]
    return pd.DataFrame(rows) if rows else None


def all_tables(analysis: "AnalysisResult", lang: str = "en") -> dict[str, pd.DataFrame]:
    """Every table of the analysis by name, complete (``metrics.xlsx`` writes them through
    :func:`workbook_tables`, which caps the ``ties`` sheet; ``ties.csv`` has every tie).

    ``lang``: the language of the explanations (``why`` of anchors and recommendations,
    ``anchor_why`` of partners); when it is not English the English text stays beside
    them as ``why_en`` / ``anchor_why_en``."""
    tables: dict[str, pd.DataFrame] = {"partners": partners_table(analysis, lang).reset_index()}
    if isinstance(analysis.communities, pd.DataFrame):
        tables["communities"] = analysis.communities.reset_index(drop="community" in analysis.communities)
    if isinstance(analysis.anchors, pd.DataFrame):
        tables["anchors"] = _why_columns(analysis.anchors, "anchors", lang).reset_index()
    if isinstance(analysis.recommendations, pd.DataFrame):
        tables["recommendations"] = _why_columns(analysis.recommendations.reset_index(drop=True),
                                                 "recommendations", lang)
    if isinstance(analysis.holes, pd.DataFrame):
        tables["structural_holes"] = analysis.holes.reset_index()
    if isinstance(analysis.brokerage, pd.DataFrame):
        tables["brokerage"] = analysis.brokerage.reset_index()
    gaps = analysis.community_gaps
    sectors = analysis.sector_gaps
    for table_name, frame in ((("community_gaps", gaps.gaps), ("community_mixing", gaps.pairs))
                              if gaps is not None else ()) + (
            (("sector_gaps", sectors.gaps), ("sector_mixing", sectors.pairs),
             ("community_missing_sectors", sectors.missing)) if sectors is not None else ()):
        tables[table_name] = frame.reset_index(drop=not isinstance(
            frame.index, pd.MultiIndex) and frame.index.name is None)
    for name in ("articulation_points", "bridges", "components", "dependency"):
        frame = _fragility_frame(analysis, name)
        if frame is not None:
            tables[name] = frame.reset_index(drop=name in ("bridges", "components"))
    res = resilience_frame(analysis)
    if res is not None:
        tables["resilience"] = res
    if analysis.key_players is not None:
        tables["key_players"] = analysis.key_players.reset_index()
    ev = analysis.evolution
    if ev is not None:
        for attr, name, keep_index in (("periods", "evolution_periods", False),
                                       ("kpis", "evolution_kpis", True),
                                       ("movers", "evolution_movers", False),
                                       ("events", "evolution_events", False),
                                       ("entrants", "evolution_entrants", False),
                                       ("exits", "evolution_exits", False)):
            frame = getattr(ev, attr)
            tables[name] = frame.rename_axis("period").reset_index() if keep_index \
                else frame.reset_index(drop=True)
    tr = analysis.trust
    if tr is not None:  # partner survey (analysis/trust.py)
        for attr, name in (("network", "trust_waves"), ("ties", "trust_ties"),
                           ("directed", "trust_ratings"), ("partners", "trust_partners"),
                           ("groups", "trust_groups"), ("gaps", "perception_gaps"),
                           ("bridges", "trust_bridges"), ("partner_changes", "trust_changes"),
                           ("tie_changes", "trust_tie_changes")):
            frame = getattr(tr, attr)
            tables[name] = frame.reset_index() if attr in ("network", "partners",
                                                           "partner_changes") else frame
    if analysis.risk is not None:
        tables["risk_matrix"] = analysis.risk.table.reset_index()
    ties = analysis.eco.ties.drop(columns=["source_index", "target_index"], errors="ignore").copy()
    ties.insert(2, "source_name", analysis.eco.names.reindex(ties["source"]).to_numpy())
    ties.insert(3, "target_name", analysis.eco.names.reindex(ties["target"]).to_numpy())
    tables["ties"] = ties
    if analysis.health:
        tables["health"] = pd.DataFrame({"indicator": list(analysis.health),
                                         "value": [cell_text(v) for v in analysis.health.values()]})
    problems = analysis.eco.report.problems
    if problems:
        tables["data_quality"] = pd.DataFrame([p.to_dict() for p in problems])
    return {k: listy(v) for k, v in tables.items()}


def kumu_tables(analysis: "AnalysisResult") -> dict[str, pd.DataFrame]:
    """Kumu's import workbook: an ``Elements`` and a ``Connections`` sheet.

    Elements: ``Label`` (name), ``Type`` (sector), ``ID``, ``Description`` (the anchor's
    why), ``Tags`` (community label), then every metric column. Connections: ``From`` and
    ``To`` (labels when names are unique, else ids, as Kumu matches them), ``Type``
    (relation types), ``Direction``, ``Strength``, ``Distance``, ``Count``.

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.pipeline import analyze
    >>> a = analyze(Ecosystem.from_edges([("a", "b"), ("b", "c")]),
    ...             {"analyses": {"stability": False, "resilience": False}})
    >>> k = kumu_tables(a)
    >>> list(k["Elements"].columns[:3]), k["Connections"][["From", "To"]].values.tolist()
    (['Label', 'Type', 'ID'], [['a', 'b'], ['b', 'c']])
    """
    eco = analysis.eco
    table = partners_table(analysis)
    elements = pd.DataFrame({"Label": table["name"].astype(str), "Type": table["sector"].astype(str),
                             "ID": table.index.astype(str)})
    if "anchor_why" in table:
        elements["Description"] = table["anchor_why"].to_numpy()
    if "community_label" in table:
        elements["Tags"] = table["community_label"].to_numpy()
    rest = [c for c in table.columns if c not in ("name", "sector", "anchor_why", "community_label")]
    elements = pd.concat([elements.reset_index(drop=True),
                          table[rest].reset_index(drop=True)], axis=1)
    names = eco.names
    by_label = names.is_unique
    ties = eco.ties
    key = (lambda ids: names.reindex(ids).to_numpy()) if by_label else (lambda ids: ids.to_numpy())
    connections = pd.DataFrame({
        "From": key(ties["source"]), "To": key(ties["target"]),
        "Type": ties["types"].astype(str).to_numpy(),
        "Direction": "directed" if eco.directed else "undirected",
        "Strength": ties["strength"].to_numpy(float), "Distance": ties["distance"].to_numpy(float),
        "Count": ties["count"].to_numpy(int)})
    return {"Elements": elements, "Connections": connections}


__all__ = ["why_in", "all_tables", "community_colours", "kumu_tables", "partners_table",
           "resilience_frame", "sector_colours"]
