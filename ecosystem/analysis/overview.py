"""The headline numbers of an ecosystem (what ``ecosystem info`` and ``validate`` print)."""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .. import schema as S
from ..model import Ecosystem, relation_dates


def _date_span(eco: Ecosystem) -> dict[str, Any] | None:
    """First and last relation date (from date/start/year, else end) and how many are
    undated. A start is preferred to an end: projects with end years span the years they
    started in (h2020_swafs: 2014-2021, not their ends 2015-2025)."""
    if not eco.n_relations:
        return None
    column = next((c for c in (S.DATE, S.START, S.YEAR, S.END) if c in eco.relations), None)
    if column is None:
        return None
    when = relation_dates(eco.relations, column)
    if when is None or when.notna().sum() == 0:
        return {"column": column, "first": None, "last": None, "undated": int(eco.n_relations)}
    return {"column": column, "first": when.min().date().isoformat(),
            "last": when.max().date().isoformat(), "undated": int(when.isna().sum())}


def overview(eco: Ecosystem) -> dict[str, Any]:
    """Size, density, components, isolates, sectors and relation types of an ecosystem.

    Components are counted on the undirected view and include single isolated
    partners (an isolate is a component of size 1). Density is
    ``2 m / (n (n - 1))`` over undirected ties (``m / (n (n - 1))`` over directed ties
    for a directed ecosystem).

    Returns
    -------
    dict
        ``name, partners, relations, ties, directed, density, components,
        largest_component, largest_component_share, isolates, total_strength,
        mean_degree, sectors {sector: count}, relation_types {type: count},
        dates {column, first, last, undated} (None without a date column),
        encoding, sources, warnings, problems_by_code, settings``.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("d", "e")], partners=["z"])
    >>> o = overview(eco)
    >>> o["partners"], o["ties"], o["components"], o["largest_component"], o["isolates"]
    (6, 3, 3, 3, 1)
    >>> round(o["density"], 3)
    0.2
    """
    n = eco.n_partners
    und = eco.undirected_ties
    m_und = len(und)
    if eco.directed:
        m = eco.n_ties
        density = m / (n * (n - 1)) if n > 1 else 0.0
    else:
        density = 2 * m_und / (n * (n - 1)) if n > 1 else 0.0
    if n:
        g = eco.igraph
        sizes = np.asarray(g.connected_components().sizes(), dtype=np.int64)
        degrees = np.asarray(g.degree(), dtype=np.int64)
    else:
        sizes = np.empty(0, np.int64)
        degrees = np.empty(0, np.int64)
    sectors = eco.partners[S.SECTOR].astype(str).value_counts(sort=True)
    types = eco.relations[S.TYPE].astype(str).value_counts(sort=True) if eco.n_relations else \
        pd.Series(dtype=np.int64)
    report = eco.report
    dates = _date_span(eco)
    return {
        "name": eco.name,
        "partners": int(n),
        "relations": int(eco.n_relations),
        "ties": int(eco.n_ties),
        "directed": bool(eco.directed),
        "density": float(density),
        "components": int(len(sizes)),
        "largest_component": int(sizes.max()) if len(sizes) else 0,
        "largest_component_share": float(sizes.max() / n) if n else 0.0,
        "isolates": int((degrees == 0).sum()),
        "total_strength": float(und[S.STRENGTH].sum()) if m_und else 0.0,
        "mean_degree": float(2 * m_und / n) if n else 0.0,
        "sectors": {str(k): int(v) for k, v in sectors.items()},
        "relation_types": {str(k): int(v) for k, v in types.items()},
        "dates": dates,
        "encoding": dict(report.encoding),
        "sources": dict(report.sources),
        "warnings": len(report.warnings),
        "problems_by_code": report.counts(),
        "settings": eco.settings(),
    }


def summary_line(info: dict[str, Any]) -> str:
    """One line like ``312 partners, 1,104 relations, 4 components, 7 sectors``.

    The sector count leaves out ``unknown`` (partners without a sector).

    Examples
    --------
    >>> summary_line({"partners": 312, "relations": 1104, "components": 4,
    ...               "sectors": {str(i): 1 for i in range(7)}})
    '312 partners, 1,104 relations, 4 components, 7 sectors'
    """
    def plural(k: int, word: str) -> str:
        return f"{k:,} {word}{'' if k == 1 else 's'}"

    return ", ".join([plural(info["partners"], "partner"), plural(info["relations"], "relation"),
                      plural(info["components"], "component"),
                      plural(len([k for k in info["sectors"] if k != S.UNKNOWN_SECTOR]), "sector")])
