"""Why a partnership is recommended: structured reasons and one plain sentence.

Each recommendation carries its evidence (common partners, the projects that link the
pair on participation data, the goals it serves, a competitor flag, the near-duplicates
grouped with it) and **introducers**: the common partners with the strongest ties to
both, ranked by the weaker of their two tie strengths (then the sum).
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from ...exceptions import InvalidParameterError
from ...i18n import names_text, translator
from ...model import Ecosystem
from ...results import Partition
from .scoring import _row_positions


def _list_text(names: list[str], lang: str, limit: int = 5, counter: str = "곳") -> str:
    """The first ``limit`` names and how many more (:func:`ecosystem.i18n.names_text`).

    Examples
    --------
    >>> _list_text(["a", "b", "c"], "en", 2), _list_text(["132", "211", "9"], "ko", 2, "개")
    ('a, b and 1 more', '132, 211 외 1개')
    """
    return names_text(names, lang, limit, counter=counter)


def explain_recommendation(rec: Mapping[str, Any], lang: str = "en") -> str:
    """A few plain sentences saying why a pair is recommended and who could introduce them.

    ``rec`` is a row of :func:`recommend_partnerships`: ``common_partner_names``,
    ``source_community``, ``target_community``, ``community_gap``, ``introducer_names``
    and, when present, ``linking_projects`` ("Linked through 3 projects (...)"),
    ``group_size``/``group_label``/``group_member_names`` (near-duplicates), ``goals``
    (which goal the pair serves) and ``competitor_reason`` (a caution first).
    ``lang`` is ``"en"`` or ``"ko"``.

    Examples
    --------
    >>> rec = {"common_partner_names": ["A", "B"], "source_community": 2,
    ...        "target_community": 5, "community_gap": True, "introducer_names": ["A"],
    ...        "source_sector": "university", "target_sector": "company"}
    >>> explain_recommendation(rec)
    'Share 2 partners: A, B. Would link community 2 and 5 (an under-connected pair). A could introduce them.'
    >>> explain_recommendation(rec, lang="ko")
    '공통 파트너 2곳(A, B)을 공유합니다. 커뮤니티 2와 5를 연결합니다(연결이 부족한 커뮤니티 쌍). 소개해 줄 수 있는 파트너: A.'
    """
    if lang not in ("en", "ko"):
        raise InvalidParameterError(f"lang must be 'en' or 'ko', got {lang!r}")
    return _explain_more(rec, lang)


def _gap_pairs(eco: Ecosystem, partition: Partition, gaps: Any = None,
               among: Iterable[tuple[int, int]] | None = None) -> set[tuple[int, int]]:
    """Community pairs that are gaps: from ``gaps`` (a :class:`CommunityGapsResult` or its
    ``gaps`` table) when given, else :func:`~ecosystem.analysis.gaps.community_gap_pairs`
    (only the pairs in ``among`` when given)."""
    if gaps is not None:
        table = getattr(gaps, "gaps", gaps)
        if "gap" in table:
            table = table[table["gap"].to_numpy().astype(bool)]
        return _community_pairs(zip(table["community_a"].tolist(), table["community_b"].tolist()))
    from ..gaps.community import community_gap_pairs
    return _community_pairs(community_gap_pairs(eco, partition, among=among))


def _community_pairs(pairs: Iterable[tuple[Any, Any]]) -> set[tuple[int, int]]:
    """``(low, high)`` integer community pairs; groups that are not communities (partners
    the partition leaves out are grouped as "(missing)") are skipped."""
    out = set()
    for a, c in pairs:
        try:
            fa, fc = float(a), float(c)
        except (TypeError, ValueError):
            continue
        if fa.is_integer() and fc.is_integer():
            out.add((int(min(fa, fc)), int(max(fa, fc))))
    return out


def _membership_codes(eco: Ecosystem, partition: Partition) -> np.ndarray:
    m = partition.membership.copy()
    m.index = m.index.astype(str)
    return m.reindex(eco.ids).fillna(-1).astype(np.int64).to_numpy()

def _describe(eco, cand, b, wm, comm, gap_pairs, method, favour, lang, max_introducers,
              partition, params, multiplier) -> pd.DataFrame:

    ids = eco.ids.to_numpy()
    names = eco.names.to_numpy()
    sectors = eco.sectors.to_numpy()
    u = cand["u"].to_numpy(np.int64)
    v = cand["v"].to_numpy(np.int64)
    score = cand["score"].to_numpy(float)
    indptr, indices, strength = wm.indptr, wm.indices, wm.data  # b has the same structure
    deg = np.diff(indptr).astype(float)
    cols = ["source", "target", "source_name", "target_name", "score", "method",
            "common_partners", "common_partner_ids", "common_partner_names", "adamic_adar",
            "resource_allocation", "jaccard", "source_community", "target_community",
            "community_gap", "source_sector", "target_sector", "sector_bonus", "introducers",
            "introducer_names", "why"]
    data: dict[str, list] = {col: [] for col in cols}
    # every pair's common partners at once: (pair, partner) keys of u's and of v's ties
    k, n = len(u), len(indptr) - 1
    pos_u = _row_positions(indptr, u)
    pos_v = _row_positions(indptr, v)
    pair_u = np.repeat(np.arange(k, dtype=np.int64), np.diff(indptr)[u])
    pair_v = np.repeat(np.arange(k, dtype=np.int64), np.diff(indptr)[v])
    _, iu, iv = np.intersect1d(pair_u * n + indices[pos_u], pair_v * n + indices[pos_v],
                               assume_unique=True, return_indices=True)
    pair = pair_u[iu]
    common_all = indices[pos_u[iu]].astype(np.int64)
    wa, wc = strength[pos_u[iu]], strength[pos_v[iv]]
    # introducers first: the strongest weaker tie, then the strongest sum, then lower index
    order = np.lexsort((common_all, -(wa + wc), -np.minimum(wa, wc), pair))
    sizes = np.bincount(pair, minlength=k).astype(np.int64)
    splits = np.cumsum(sizes)[:-1]
    ranked = np.split(common_all[order], splits) if k else []
    # names of only the partners shown (not the whole ecosystem's lists)
    shown = np.unique(np.concatenate([u, v, common_all])) if k else np.zeros(0, np.int64)
    ids_l = dict(zip(shown.tolist(), ids[shown].tolist()))
    names_l = dict(zip(shown.tolist(), names[shown].tolist()))
    for i, (a, c) in enumerate(zip(u.tolist(), v.tolist())):
        common_sorted = ranked[i].tolist()
        intro = common_sorted[:max_introducers]
        ca, cc = int(comm[a]), int(comm[c])
        gap = (min(ca, cc), max(ca, cc)) in gap_pairs and ca != cc
        sector_bonus = bool(favour == "sector" and multiplier is not None
                            and multiplier(np.array([a]), np.array([c]))[0] > 1.0)
        rec = {"source": str(ids_l[a]), "target": str(ids_l[c]), "source_name": str(names_l[a]),
               "target_name": str(names_l[c]), "score": float(score[i]),
               "method": method, "common_partners": len(common_sorted),
               "common_partner_ids": [str(ids_l[z]) for z in common_sorted],
               "common_partner_names": [str(names_l[z]) for z in common_sorted],
               "source_community": ca, "target_community": cc,
               "community_gap": bool(gap), "source_sector": str(sectors[a]),
               "target_sector": str(sectors[c]), "sector_bonus": sector_bonus,
               "introducers": [str(ids_l[z]) for z in intro],
               "introducer_names": [str(names_l[z]) for z in intro]}
        rec["why"] = explain_recommendation(rec, lang)
        for key, value in rec.items():
            data[key].append(value)
    # the three classic scores of each pair, from its common partners (all degrees >= 2)
    dz = deg[common_all]
    starts = np.r_[0, np.cumsum(sizes)[:-1]] if len(sizes) else sizes
    nonempty = sizes > 0
    for col, terms in (("adamic_adar", 1.0 / np.log(np.maximum(dz, 2))), ("resource_allocation", 1.0 / np.maximum(dz, 1))):
        vals = np.zeros(len(sizes))
        if nonempty.any():
            vals[nonempty] = np.add.reduceat(terms, starts[nonempty])
        data[col] = vals.tolist()
    union = deg[u] + deg[v] - sizes
    data["jaccard"] = np.where(union > 0, sizes / np.where(union > 0, union, 1), 0.0).tolist()
    out = pd.DataFrame(data)
    out.attrs["method"] = method
    out.attrs["params"] = dict(params, favour=favour, lang=lang,
                               partition_method=partition.method,
                               partition_params=dict(partition.params),
                               candidates="every unlinked pair at distance 2 (exact top; "
                                          "at most per_partner per partner)")
    return out



def _explain_more(rec: Mapping[str, Any], lang: str) -> str:
    """The sentence with project evidence, a group, goals and a competitor caution."""
    t = translator(lang)
    common = list(rec.get("common_partner_names") or [])
    intro = list(rec.get("introducer_names") or [])
    projects = list(rec.get("linking_projects") or [])
    parts = []
    if rec.get("competitor_reason"):
        parts.append(t("rec_competitor", reason=_competitor_reason(rec, lang)))
    size = int(rec.get("group_size") or 1)
    if size > 1:
        others = _list_text(list(rec.get("group_member_names") or []), lang, 4)
        key = "rec_group_project" if rec.get("group_label") else "rec_group_same"
        parts.append(t(key, n=size, label=rec.get("group_label") or "", names=others))
    if projects:
        with_partners = t("rec_with_partner_one" if len(common) == 1 else "rec_with_partners",
                          n=len(common), names=_list_text(common, lang))
        parts.append(t("rec_projects_one" if len(projects) == 1 else "rec_projects",
                       k=len(projects), projects=_list_text(projects, lang, 3, "개"),
                       partners=with_partners))
    else:
        parts.append(t("rec_common_one" if len(common) == 1 else "rec_common", n=len(common),
                       names=_list_text(common, lang)))
    ca, cb = rec.get("source_community"), rec.get("target_community")
    if ca is not None and cb is not None and ca == ca and cb == cb and ca != cb:
        la = rec.get(f"source_community_label_{lang}") or rec.get("source_community_label")
        lb = rec.get(f"target_community_label_{lang}") or rec.get("target_community_label")
        if la and lb and la == la and lb == lb:  # descriptive names when the pipeline gave them
            parts.append(t("rec_gap_link_named" if rec.get("community_gap") else "rec_link_named",
                           a=la, b=lb))
        else:
            parts.append(t("rec_gap_link" if rec.get("community_gap") else "rec_link", a=ca, b=cb))
    values = {"sector": {"a": rec.get("source_sector"), "b": rec.get("target_sector")},
              "country": {"a": rec.get("source_country"), "b": rec.get("target_country")},
              "target": {"target": rec.get("goal_target")}}
    goals = [t(f"rec_goal_{g}", **values.get(g, {})) for g in (rec.get("goals") or [])]
    if goals:
        parts.append(t("rec_serves", goals=", ".join(goals)))
    if intro:
        parts.append(t("rec_introduce", names=_list_text(intro, lang, 3)))
    twins = list(rec.get("equally_good_names") or [])
    if twins:
        parts.append(t("rec_equally_good", names=_list_text(twins, lang, 3)))
    return " ".join(p if p.endswith(".") else p + "." for p in parts)


def _competitor_reason(rec: Mapping[str, Any], lang: str) -> str:
    """The competitor flag's reason (``competitor_reason`` is English) in ``lang``."""
    reason = str(rec["competitor_reason"])
    if lang == "en":
        return reason
    from ..naming import sector_word

    t = translator(lang)
    if not reason.startswith("same sector"):
        return t("rec_competitor_listed")
    text = t("rec_competitor_sector", sector=sector_word(rec.get("source_sector"), lang))
    if "same country" in reason:
        text += ", " + t("rec_competitor_country", country=str(rec.get("source_country")))
    return text
