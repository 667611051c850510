"""The report's first screen as plain data: findings, headline KPIs with baselines, ranking robustness.

Everything here is wording around numbers the analyses computed
(:mod:`ecosystem.analysis.findings`, :mod:`ecosystem.analysis.baselines`,
:mod:`ecosystem.analysis.rank_stability`); nothing is measured here.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import pandas as pd

from ..i18n import period_text
from .summary import fmt

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis_result import AnalysisResult

#: Report section id -> the i18n key of its heading (the findings link to them).
SECTIONS = {"community-gaps": "community_gaps", "fragility": "fragility", "what-if": "what_if",
            "sector-gaps": "sector_gaps", "missing-helix": "missing_helix",
            "recommendations": "recommendations",
            "evolution": "ev_title", "anchors": "anchors", "risk": "risk_section"}


def brief_findings(analysis: "AnalysisResult", t: Callable[..., str], lang: str) -> list[dict[str, str]]:
    """The findings in ``lang`` with the section each links to.

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.i18n import translator
    >>> from ecosystem.pipeline import analyze
    >>> a = analyze(Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d")]),
    ...             {"analyses": {"stability": False, "resilience": False}})
    >>> f = brief_findings(a, translator("ko"), "ko")[0]
    >>> f["section"], f["section_label"]
    ('fragility', '단일 실패 지점')
    """
    out = []
    for f in getattr(analysis, "findings", None) or []:
        section = str(f.get("section", ""))
        label = t(SECTIONS.get(section, section))
        out.append({"text": str(f.get("text_ko") if lang == "ko" else f.get("text")),
                    "kind": str(f.get("kind", "")), "section": section, "section_label": label,
                    "evidence_link": t("see_section", section=label)})
    return out


def _value(key: str, value: float, lang: str) -> str:
    if key.endswith("share"):
        return fmt(float(value), "share", lang)
    if key == "articulation_points":
        return fmt(int(round(value)), "int", lang)
    return f"{float(value):.2f}"


def _change_since(key: str, before: float, after: float, previous: str,
                  t: Callable[..., str], lang: str) -> str:
    """"since 2024: +0.03 (partners with ties)": a tile's change between the last two
    periods (shares in percentage points, counts in whole numbers).

    Examples
    --------
    >>> from ecosystem.i18n import translator
    >>> _change_since("modularity", 0.18, 0.21, "2024", translator("en"), "en")
    'since 2024: +0.03 (partners with ties)'
    >>> _change_since("largest_component_share", 1.0, 1.0, "2024", translator("ko"), "ko")
    '2024년 대비 변화 없음(관계가 있는 파트너 기준)'
    >>> _change_since("cross_sector_tie_share", 0.5, 0.488, "2024", translator("ko"), "ko")
    '2024년 대비 -1.2%p(관계가 있는 파트너 기준)'
    >>> _change_since("average_clustering", 0.8249, 0.8251, "2020", translator("en"), "en")
    'since 2020: unchanged (partners with ties)'
    """
    d = after - before
    if key.endswith("share"):
        number = f"{d * 100:+.1f}"
        delta = number + ("%p" if lang == "ko" else " pp")
    elif key == "articulation_points":
        number = delta = f"{int(round(d)):+d}"
    else:
        number = delta = f"{d:+.2f}"
    previous = period_text(previous, lang)  # "2024년" in Korean, as the brief says it
    if float(number) == 0:  # no change at the digits shown ("+0.00" said nothing)
        return t("vs_periods_same", previous=previous)
    return t("vs_periods_change", previous=previous, delta=delta)


def headline_tiles(analysis: "AnalysisResult", t: Callable[..., str], lang: str) -> list[dict[str, str]]:
    """At most six KPI tiles: value, what it means against chance, the previous period.

    From ``analysis.baselines`` (:func:`~ecosystem.analysis.baselines.kpi_baselines`);
    empty when the baselines were not computed.
    """
    b = getattr(analysis, "baselines", None)
    if not isinstance(b, pd.DataFrame) or not len(b):
        return []
    tiles = []
    for key, row in b.iterrows():
        verdict = str(row["verdict"])
        tile = {"key": str(key), "label": t(f"kpi_{key}"),
                "value": _value(str(key), row["value"], lang), "verdict": verdict,
                "meaning": t(f"vs_{key}_{verdict}") if verdict != "unknown" else "",
                "baseline": t("vs_chance", value=_value(str(key), row["null_mean"], lang)),
                "previous": ""}
        prev = row.get("previous_value")
        if row.get("previous_period") and prev == prev and prev is not None:
            tile["previous"] = t("vs_previous", period=str(row["previous_period"]),
                                 value=_value(str(key), prev, lang))
            last = row.get("period_value")
            if (last == last and last is not None
                    and _value(str(key), last, lang) != tile["value"]):
                # the periods count only partners with a relation in them: when the latest
                # period differs from the whole network (partners without any tie), compare
                # the two periods, never the whole network with the previous period
                # as a change, so no second value of the same year stands beside the tile's
                tile["previous"] = _change_since(str(key), float(prev), float(last),
                                                 str(row["previous_period"]), t, lang)
        tiles.append(tile)
    return tiles[:6]


def stability_text(analysis: "AnalysisResult", t: Callable[..., str], lang: str) -> list[str]:
    """Sentences on whether the top anchors hold and whether the top is a near tie."""
    rs = getattr(analysis, "rank_stability", None)
    out: list[str] = []
    if not isinstance(rs, pd.DataFrame) or not len(rs):
        return out
    names = analysis.eco.names
    first = str(rs.index[0])
    variants = rs.attrs.get("variants", {})
    firsts = rs.attrs.get("firsts", {})
    n_var = len(variants)
    if rs.attrs.get("first_holds"):
        out.append(t("rank_first_holds", name=str(names.get(first, first)), n=n_var))
    else:
        others = sorted({v for v in firsts.values() if v != first})
        out.append(t("rank_first_varies", name=str(names.get(first, first)),
                     others=", ".join(str(names.get(o, o)) for o in others[:4]),
                     k=sum(1 for v in firsts.values() if v != first), n=n_var))
    top = int(rs.attrs.get("top", len(rs)))
    holding = [str(names.get(i, i)) for i in rs.index[rs["holds"].astype(bool)]]
    out.append(t("rank_top_hold", k=len(holding), top=top,
                 names=", ".join(holding) if holding else "–"))
    tie = rs.attrs.get("near_tie", {})
    k = int(tie.get("tied_with_first", 1))
    if k > 1:
        out.append(t("rank_near_tie", k=k, gap=f"{float(tie.get('gap', 0.02)):.2f}"))
    return out


def stability_table(analysis: "AnalysisResult", t: Callable[..., str], lang: str) -> dict[str, Any] | None:
    """The top anchors' rank in each tested variant, as a display table."""
    rs = getattr(analysis, "rank_stability", None)
    if not isinstance(rs, pd.DataFrame) or not len(rs):
        return None
    variants = list(rs.attrs.get("variants", {}))
    cols = [t("col_name"), t("col_rank")] + [_variant(v, t) for v in variants]
    rows = []
    for pid, r in rs.iterrows():
        rows.append([str(r["name"]), str(int(r["rank"]))]
                    + ["–" if pd.isna(r[f"rank_{v}"]) else str(int(r[f"rank_{v}"])) for v in variants])
    return {"columns": cols, "numeric": [False] + [True] * (len(cols) - 1), "rows": rows,
            "more": None}


def _variant(key: str, t: Callable[..., str]) -> str:
    """A rank-stability variant key ("seed_1", "projection_newman"...) as a column heading."""
    kind, _, rest = key.partition("_")
    if kind == "seed":
        return t("variant_seed", name=rest)
    if kind == "projection":
        return t("variant_projection", name=t(f"projection_{rest}"))
    return t(f"variant_{key}")


def role_definitions(t: Callable[..., str]) -> list[list[str]]:
    """Plain role -> one-line definition, for the anchors section."""
    from ..analysis.anchors import PLAIN_ROLES

    return [[t(f"plain_{r.replace(' ', '_')}"), t(f"plaindef_{r.replace(' ', '_')}")]
            for r in PLAIN_ROLES]


__all__ = ["brief_findings", "headline_tiles", "stability_text", "stability_table",
           "role_definitions", "SECTIONS"]
