"""Numbers of an :class:`~ecosystem.analysis_result.AnalysisResult` as plain data: KPIs and
summary.json.

Shared by the report, the exports and the batch index. Values come from the analyses'
results as they reported them; nothing here computes a metric. :func:`summary_dict`
produces ``summary.json`` (JSON Schema: ``ecosystem/data/summary.schema.json``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

import numpy as np
import pandas as pd

from .values import NOT_A_NUMBER, fmt, jsonable, plain_number  # noqa: F401 (re-exported)

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis_result import AnalysisResult

SCHEMA_VERSION = 1


# ---------------------------------------------------------------------- result adapters
def resilience_curves(analysis: "AnalysisResult", metric: str = "lcc_share"
                      ) -> dict[str, tuple[list[float], list[float]]]:
    """Strategy -> (share removed, ``metric``), from the resilience table.

    ``metric`` is the largest-component share (default) or ``"efficiency"``: columns of
    :func:`~ecosystem.analysis.resilience.removal_curves`. Strategies whose values are
    all missing are left out.
    """
    res = analysis.resilience
    if res is None or metric not in res:
        return {}
    out: dict[str, tuple[list[float], list[float]]] = {}
    for name, g in res.groupby("strategy", sort=False):
        ys = g[metric].astype(float).to_numpy()
        if np.isnan(ys).all():
            continue
        out[str(name)] = (g["removed_share"].astype(float).to_numpy().tolist(), ys.tolist())
    return out


def robustness_values(analysis: "AnalysisResult") -> dict[str, float]:
    """Strategy -> robustness index, when the resilience table has a ``robustness`` column."""
    res = analysis.resilience
    if res is None or "robustness" not in res:
        return {}
    return {str(k): float(x) for k, x in zip(res["strategy"], res["robustness"])}


# ---------------------------------------------------------------------- KPIs and summary
HEADLINE = ("partners", "relations", "ties", "sectors", "communities", "modularity", "stability",
            "density", "components", "largest_component_share", "average_clustering",
            "average_path_length", "degree_centralization", "cross_sector_tie_share",
            "cross_community_tie_share", "articulation_points")


def headline_kpis(analysis: "AnalysisResult") -> dict[str, Any]:
    """The headline indicators (key -> value) shown as KPI cards and in summary.json.

    Counts come from the ecosystem; the rest from the health, community, fragility and
    stability results as they reported them (every health KPI is in ``analysis.health``).

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.pipeline import analyze
    >>> a = analyze(Ecosystem.from_edges([("a", "b"), ("b", "c")]), {"analyses": {"stability": False, "resilience": False}})
    >>> k = headline_kpis(a)
    >>> k["partners"], k["ties"], k["articulation_points"]
    (3, 2, 1)
    """
    eco = analysis.eco
    found: dict[str, Any] = {"partners": eco.n_partners, "relations": eco.n_relations,
                             "ties": eco.n_ties, "sectors": int(eco.sectors.nunique())}
    if analysis.partition is not None:
        found["communities"] = analysis.partition.n_groups
        found["modularity"] = float(analysis.partition.modularity)
    for key, value in (analysis.health or {}).items():
        if key not in found and isinstance(value, (int, float, np.integer, np.floating)) \
                and not isinstance(value, (bool, np.bool_)):
            found[key] = value.item() if hasattr(value, "item") else value
    if analysis.fragility is not None:
        art = analysis.fragility.articulation_points
        found["articulation_points"] = len(art)
    stab = analysis.stability
    score = None
    if stab is not None:
        for attr in ("mean_nmi", "score", "mean_ari", "stability"):
            v = getattr(stab, attr, None)
            if isinstance(v, (int, float, np.number)) and not isinstance(v, bool):
                score = float(v)
                break
    if score is not None:
        found["stability"] = score
    return {k: found[k] for k in HEADLINE if k in found}


def _kind(key: str, value: Any) -> str:
    if key.endswith("share"):
        return "share"
    if isinstance(value, (int, np.integer)):
        return "int"
    return "float"


def _records(frame: pd.DataFrame | None, columns: Iterable[str] | None = None,
             limit: int | None = None, index_as: str | None = None) -> list[dict[str, Any]]:
    if frame is None:
        return []
    f = frame
    if index_as is not None:
        f = f.rename_axis(index_as).reset_index()
    if columns is not None:
        f = f[[c for c in columns if c in f.columns]]
    if limit is not None:
        f = f.head(limit)
    return [jsonable(r) for r in f.to_dict("records")]


def summary_dict(analysis: "AnalysisResult") -> dict[str, Any]:
    """The content of ``summary.json`` (see ``ecosystem/data/summary.schema.json``).

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.pipeline import analyze
    >>> s = summary_dict(analyze(Ecosystem.from_edges([("a", "b"), ("b", "c")]), {"analyses": {"stability": False, "resilience": False}}))
    >>> s["partners"]["count"], s["anchors"][0]["id"], s["parameters"]["seed"]
    (3, 'b', 0)"""
    from ..version import __version__

    eco = analysis.eco
    top = analysis.config.values["top"]
    anchors = analysis.anchors
    anchor_rows = []
    if isinstance(anchors, pd.DataFrame):
        a = anchors.sort_values("rank") if "rank" in anchors else anchors
        anchor_rows = _records(a, ["id", "name", "sector", "rank", "anchor_score", "role", "why"],
                               top["anchors"], index_as="id")
    comm: dict[str, Any] = {"count": 0, "method": None, "resolution": None, "modularity": None,
                            "stability": None, "items": []}
    if analysis.partition is not None:
        p = analysis.partition
        comm.update(count=p.n_groups, method=p.method,
                    resolution=p.params.get("resolution"), modularity=jsonable(p.modularity),
                    params=jsonable(dict(p.params)))
        comm["stability"] = jsonable(headline_kpis(analysis).get("stability"))
        comm["isolates"] = int((p.membership.value_counts() == 1).sum())
        if isinstance(analysis.communities, pd.DataFrame):
            comm["items"] = _records(analysis.communities.reset_index(
                drop="community" in analysis.communities))
        else:
            comm["items"] = [{"community": int(c), "size": int(s)} for c, s in p.sizes.items()]
    holes = analysis.holes
    if isinstance(holes, pd.DataFrame):
        h = holes.sort_values("broker_rank") if "broker_rank" in holes else holes
        brokers = _records(h, ["id", "name", "sector", "effective_size", "efficiency",
                               "constraint", "hierarchy", "broker_rank"], top["holes"], index_as="id")
    else:
        brokers = []
    cg, sg, frag = analysis.community_gaps, analysis.sector_gaps, analysis.fragility
    gaps = {
        "structural_holes": brokers,
        "community_gaps": _records(cg.gaps if cg is not None else None, limit=top["gaps"]),
        "sector_gaps": _records(sg.gaps if sg is not None else None, limit=top["gaps"]),
        "missing_sectors": _records(sg.missing if sg is not None else None, limit=top["gaps"]),
        "articulation_points": _records(frag.articulation_points if frag is not None else None,
                                        limit=top["gaps"], index_as="id"),
        "bridges": _records(frag.bridges if frag is not None else None, limit=top["gaps"]),
    }
    recs = _records(analysis.recommendations if isinstance(analysis.recommendations, pd.DataFrame)
                    else None, limit=top["recommendations"])
    curves = resilience_curves(analysis)
    eff = resilience_curves(analysis, "efficiency")
    resilience = {"curves": {s: {"removed_share": xs, "largest_component_share": ys,
                                 **({"efficiency": eff[s][1]} if s in eff else {})}
                             for s, (xs, ys) in curves.items()},
                  "robustness": robustness_values(analysis),
                  "what_if": [jsonable(w.summary() if hasattr(w, "summary") else w)
                              for w in analysis.what_if],
                  "key_players": _records(analysis.key_players,
                                          index_as=None)}
    types = eco.relations["type"].astype(str).value_counts()
    return jsonable({
        "schema_version": SCHEMA_VERSION,
        "generator": {"name": "ecosystem", "version": __version__},
        "generated_at": analysis.created,
        "name": eco.name,
        "partners": {"count": eco.n_partners,
                     "sectors": eco.sectors.value_counts().to_dict()},
        "relations": {"count": eco.n_relations, "ties": eco.n_ties, "directed": eco.directed,
                      "types": types.to_dict()},
        "kpis": headline_kpis(analysis),
        "anchors": anchor_rows,
        "communities": comm,
        "gaps": gaps,
        "recommendations": recs,
        "recommendation_quality": _records(analysis.recommendation_quality)
        if isinstance(analysis.recommendation_quality, pd.DataFrame) else [],
        "health": analysis.health or {},
        "resilience": resilience,
        "parameters": analysis.params,
        "data_quality": {k: v for k, v in eco.report.to_dict().items() if k != "problems"}
        | {"problems": [p.to_dict() for p in eco.report.problems[:200]]},
        **({"evolution": _evolution_summary(analysis.evolution)}
           if analysis.evolution is not None else {}),
        "findings": findings_records(analysis),
        "baselines": _records(getattr(analysis, "baselines", None), index_as="kpi"),
        "rank_stability": _rank_stability_summary(getattr(analysis, "rank_stability", None)),
        **_trust_summary(analysis),
        "notes": dict(analysis.notes),
        "timings": dict(analysis.timings),
    })


def findings_records(analysis: "AnalysisResult", lang: str | None = None) -> list[dict[str, Any]]:
    """The decision brief as JSON records: ``text`` in the report language, ``kind``,
    ``partners``, ``partner_names``, ``communities``, ``community_labels``, ``evidence``,
    ``section``, ``impact`` (and ``text_en`` / ``text_ko``)."""
    lang = lang or analysis.config.lang
    out = []
    for f in getattr(analysis, "findings", None) or []:
        rec = dict(f)
        rec["text_en"] = f.get("text")
        rec["text"] = f.get("text_ko") if lang == "ko" else f.get("text")
        if lang == "ko":
            rec["community_labels"] = f.get("community_labels_ko", f.get("community_labels"))
        out.append(jsonable(rec))
    return out


def _rank_stability_summary(rs: Any) -> dict[str, Any] | None:
    if not isinstance(rs, pd.DataFrame):
        return None
    return jsonable({"top": _records(rs, index_as="id"), "variants": rs.attrs.get("variants", {}),
                     "first_holds": rs.attrs.get("first_holds"),
                     "firsts": rs.attrs.get("firsts", {}), "near_tie": rs.attrs.get("near_tie", {})})



def _trust_summary(analysis: "AnalysisResult") -> dict[str, Any]:
    """``trust`` and ``risk`` keys (render/trust.py), when they were computed."""
    if getattr(analysis, "trust", None) is None and getattr(analysis, "risk", None) is None:
        return {}
    from .trust import trust_summary

    return trust_summary(analysis)


def _evolution_summary(evolution: Any) -> dict[str, Any]:
    """Periods, KPIs per period and rank movers of an Evolution (JSON-ready)."""
    out: dict[str, Any] = {"params": jsonable(dict(getattr(evolution, "params", {}) or {}))}
    periods = getattr(evolution, "periods", None)
    if isinstance(periods, pd.DataFrame):
        out["periods"] = _records(periods)
    kpis = getattr(evolution, "kpis", None)
    if isinstance(kpis, pd.DataFrame):
        out["kpis"] = {str(k): jsonable(v) for k, v in kpis.to_dict("index").items()}
    movers = getattr(evolution, "movers", None)
    if isinstance(movers, pd.DataFrame):
        out["movers"] = _records(movers)
    return out


__all__ = ["fmt", "jsonable", "headline_kpis", "summary_dict", "resilience_curves",
           "robustness_values", "HEADLINE", "SCHEMA_VERSION"]
