"""Recommended partnerships: the one function that scores, selects and explains them.

:func:`recommend_partnerships` puts the parts together: the exact best unlinked two-step
pairs (:mod:`.scoring`), optionally scored on project evidence (:mod:`.evidence`), turned
into a list worth acting on -- goals, exclusions, competitors, near-duplicates, range
(:mod:`.selection`) -- and explained with common partners and introducers
(:mod:`.explanation`).
"""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np
import pandas as pd

from ...exceptions import InvalidParameterError
from ...model import Ecosystem
from ...results import Partition
from .evidence import (PROJECT_METHODS, linking_projects, project_factor, project_memberships,
                       project_weights)
from .explanation import _describe, _gap_pairs, _membership_codes, explain_recommendation
from .scoring import DEFAULT_METHOD, METHODS, _pattern, _top_pairs, round_scores
from .selection import (cap_groups, common_group_keys, competitor_mask, fold_twins, goal_multiplier,
                        group_near_duplicates, mmr_order, normalise_goals, project_group_keys,
                        read_pairs, target_mask)

EVIDENCE = ("ties", "projects")


def recommend_partnerships(eco: Ecosystem, *, top: int = 20, partition: Partition | None = None,
                           seed: int = 0, method: str = DEFAULT_METHOD,
                           per_partner: Any = "auto", favour: Any = None, bonus: float = 1.0,
                           focus: Iterable[str] | None = None, lang: str = "en",
                           max_introducers: int = 3, weighted: bool = False,
                           gaps: Any = None, evidence: str = "ties", diversity: float = 0.1,
                           group: bool = True, target_sector: str | None = None,
                           exclude: Any = None, competitors: Any = "auto") -> pd.DataFrame:
    """Partnerships that ought to exist: unlinked pairs that share partners, scored.

    Parameters
    ----------
    top : int, default 20
        Recommendations returned (best first; a group of near-duplicates is one).
    partition : Partition, optional
        Communities (default: Leiden with ``seed``); used by ``method="community"``,
        ``favour``, the diversity re-ranking and the explanation.
    method : str, default "adamic_adar"
        One of ``adamic_adar, resource_allocation, jaccard, common_neighbours, community``.
    per_partner : int, "auto" or None, default "auto"
        At most this many rows involving any one partner (so one hub or one project
        cannot fill the list); ``"auto"``: ``max(2, ceil(top / 10))``, i.e. 2 for the
        usual list of 20 (it binds); None: no limit.
    favour : str or list, optional
        Goals: ``community``, ``sector``, ``country`` (see :mod:`.selection`).
    bonus : float, default 1.0
        Strength of the goal multipliers.
    focus : iterable of str, optional
        Only recommendations involving these partners (ids or names).
    lang : {"en", "ko"}
        Language of the ``why`` sentence.
    weighted : bool, default False
        Use tie strengths in ``common_neighbours``, ``adamic_adar`` and
        ``resource_allocation`` (Lu & Zhou 2010: ``sum_z (w_uz + w_zv) f(z)``). Jaccard and
        the community score stay unweighted. Implies ``evidence="ties"``.
    gaps : CommunityGapsResult or DataFrame, optional
        Community gaps already computed for ``partition`` (the pipeline passes its own).
    evidence : {"ties", "projects"}
        ``ties`` (default): scores on the partner network; with resource allocation a
        common partner counts ``1/degree``, so 28 members of one 33-member project count
        about 0.8, not 28. ``projects``: evidence counted on the partner-project graph
        (:mod:`.evidence`; needs relations with a ``project`` column, as
        participation lists give). On participation data the why-text names the
        linking projects either way. The H2020 backtest decided the default
        (docs/gaps.md).
    diversity : float in [0, 1), default 0.1
        Weight of maximal marginal relevance: 0 keeps the score order; higher values
        prefer pairs that close other gaps (community pairs) and involve other partners.
    group : bool, default True
        Merge near-duplicates (one partner with 3 or more members of the same project, or
        reached through the same common partners) into one row, and fold a row that is an
        earlier row with one partner swapped for its twin (the same partners) into it:
        ``equally_good_ids`` / ``equally_good_names`` list the folded pairs.
    target_sector : str, optional
        Favour pairs with a partner in this sector (or helix group).
    exclude : CSV path, DataFrame or pairs, optional
        Pairs (ids or names) never to recommend.
    competitors : "auto", None, CSV path, DataFrame or pairs
        Flag likely competitors (``auto``: the rule in :mod:`.selection`; a list:
        those pairs as well; None: no flags).

    Returns
    -------
    DataFrame
        ``source, target, source_name, target_name, score, method, common_partners,
        common_partner_ids, common_partner_names, adamic_adar, resource_allocation,
        jaccard, source_community, target_community, community_gap, source_sector,
        target_sector, sector_bonus, introducers, introducer_names, why`` plus
        ``rank, evidence, linking_projects, group_size, group_member_ids,
        group_member_names, group_label, goals, competitor, competitor_reason,
        source_country, target_country, equally_good_ids, equally_good_names``.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "d"), ("d", "c"), ("c", "e")])
    >>> r = recommend_partnerships(eco, top=1)
    >>> r.loc[0, "source"], r.loc[0, "target"], int(r.loc[0, "common_partners"])
    ('a', 'c', 2)
    >>> r.loc[0, "why"]
    'Share 2 partners: b, d. Would link community 0 and 1. b, d could introduce them.'
    """
    if method not in METHODS:
        raise InvalidParameterError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    goals = normalise_goals(favour)
    if top < 1:
        raise InvalidParameterError(f"top must be >= 1, got {top!r}")
    if bonus < 0:
        raise InvalidParameterError(f"bonus must be >= 0, got {bonus!r}")
    if lang not in ("en", "ko"):
        raise InvalidParameterError(f"lang must be 'en' or 'ko', got {lang!r}")
    if per_partner == "auto":
        per_partner = max(2, -(-top // 10))
    if per_partner is not None and (not isinstance(per_partner, (int, np.integer))
                                    or per_partner < 1):
        raise InvalidParameterError(f"per_partner must be >= 1, got {per_partner!r}")
    if evidence not in EVIDENCE:
        raise InvalidParameterError(f"evidence must be one of {', '.join(EVIDENCE)}, "
                                    f"got {evidence!r}")
    if not 0 <= diversity < 1:
        raise InvalidParameterError(f"diversity must be in [0, 1), got {diversity!r}")
    n = eco.n_partners
    wm = eco.strength_matrix
    b = _pattern(wm)
    if partition is None:
        from ..communities import detect_communities
        partition = detect_communities(eco, seed=seed)
    comm = _membership_codes(eco, partition)
    gap_pairs: set[tuple[int, int]] = set()
    if n and "community" in goals:
        gap_pairs = _gap_pairs(eco, partition, gaps)
    gap_base = int(max(comm.max() if n else 0, 0)) + 2
    gap_codes = np.array(sorted(a * gap_base + c for a, c in gap_pairs), dtype=np.int64)
    target = target_mask(eco, target_sector)
    multiplier, top_factor, factors = goal_multiplier(eco, comm, goals, target, bonus,
                                                      gap_codes, gap_base)
    # the projects behind the ties (participation data): for the why-text and the
    # grouping always; for the score only with evidence="projects"
    mem = project_memberships(eco)
    by_projects = evidence == "projects"
    if by_projects and (mem is None or method not in PROJECT_METHODS or weighted):
        raise InvalidParameterError(
            "evidence 'projects' needs participation data (relations with a 'project' "
            "column), method adamic_adar, resource_allocation or common_neighbours, and "
            "weighted=False")
    project_args: dict[str, Any] = {}
    if by_projects:
        project_args = {"pw": project_weights(mem), "pf": project_factor(method, mem)}
    excluded = read_pairs(eco, exclude, "exclude")
    if excluded:
        lo = np.array([a for a, _ in excluded], dtype=np.int64)
        hi = np.array([c for _, c in excluded], dtype=np.int64)
        project_args["blocked"] = np.concatenate([lo * n + hi, hi * n + lo])
    listed = None if competitors in (None, "auto") else read_pairs(eco, competitors,
                                                                   "competitors")
    rows = None
    if isinstance(focus, str):  # one partner, not its characters
        focus = [focus]
    if focus is not None:
        rows = eco.ids.get_indexer([eco.resolve(x) for x in focus])
    pool = top if (per_partner is None and diversity == 0 and not group) else max(5 * top, 50)
    while True:
        u, v, score = _top_pairs(b, method, pool, comm if method == "community" else None,
                                 multiplier, 2_000_000, wm if weighted else None, rows,
                                 top_factor, **project_args)
        head = min(len(u), 5 * top + 50)  # near-duplicates are looked for among these
        if group and mem is not None:
            item, anchor, key = project_group_keys(u[:head], v[:head], mem.matrix)
        elif group:
            item, anchor, key = common_group_keys(u[:head], v[:head], b)
        else:
            item = anchor = key = np.zeros(0, np.int64)
        groups = group_near_duplicates(u, v, item, anchor, key)
        groups = cap_groups(groups, u, v, per_partner)
        groups, twins = fold_twins(groups, u, v, score, b, head) if group else (groups, {})
        if len(groups) >= top or len(u) < pool:
            break
        pool *= 8
    lead = np.array([g[0] for g in groups], dtype=np.int64)
    lu, lv = u[lead], v[lead]
    gap_key = np.minimum(comm[lu], comm[lv]) * gap_base + np.maximum(comm[lu], comm[lv])
    members = [set(u[g].tolist()) | set(v[g].tolist()) for g in groups]
    order = mmr_order(score[lead], gap_key, members, top, diversity)
    # MMR chooses the rows; they are shown best first (rounded score, then pool order)
    order = sorted(order, key=lambda i: (-round_scores(score[lead[i:i + 1]])[0], i))
    groups = [groups[i] for i in order]
    lead = np.array([g[0] for g in groups], dtype=np.int64)
    cu_, cv_ = u[lead].copy(), v[lead].copy()
    for i, g in enumerate(groups):  # a group's row: its anchor first
        if len(g) > 1 and not all(cu_[i] in (u[j], v[j]) for j in g):
            cu_[i], cv_[i] = cv_[i], cu_[i]
    cand = pd.DataFrame({"u": cu_, "v": cv_, "score": score[lead]})
    if "community" not in goals and len(cand):
        cu, cv = comm[cand["u"].to_numpy()], comm[cand["v"].to_numpy()]
        gap_pairs = _gap_pairs(eco, partition, gaps, among=zip(cu.tolist(), cv.tolist()))
    params = {"top": top, "per_partner": per_partner, "bonus": bonus, "weighted": weighted,
              "seed": seed, "focus": None if focus is None else list(focus),
              "evidence": evidence, "diversity": diversity,
              "group": group, "target_sector": target_sector, "goals": goals,
              "excluded_pairs": len(excluded), "tie_rule": "scores rounded to 12 significant "
              "digits, then the lower partner index"}
    def sector_multiplier(r: np.ndarray, c: np.ndarray) -> np.ndarray:
        return factors(r, c)["sector"]
    out = _describe(eco, cand, b, wm, comm, gap_pairs, method, "sector" if "sector" in goals
                    else (goals[0] if goals else None), lang, max_introducers, partition, params,
                    sector_multiplier if "sector" in goals else None)
    out.attrs["params"]["favour"] = goals or None
    attrs, out.attrs = out.attrs, {}  # (pandas deep-copies attrs on every column added)
    # the extra reasons: projects, groups, goals, competitors
    ids, names = eco.ids.to_numpy(), eco.names.to_numpy()
    cu_, cv_ = cand["u"].to_numpy(np.int64), cand["v"].to_numpy(np.int64)
    countries = (eco.partners["country"].astype(str).to_numpy()
                 if "country" in eco.partners.columns else None)
    served = factors(cu_, cv_)
    flags, reasons = competitor_mask(eco, cu_, cv_, listed) if competitors is not None else (
        np.zeros(len(cand), bool), [""] * len(cand))
    extra: dict[str, list] = {k: [] for k in (
        "rank", "evidence", "linking_projects", "group_size", "group_member_ids",
        "group_member_names", "group_label", "goals", "goal_target", "competitor",
        "competitor_reason", "source_country", "target_country", "equally_good_ids",
        "equally_good_names")}
    common_idx = [eco.ids.get_indexer(c) for c in out["common_partner_ids"]] if len(out) else []
    for i, g in enumerate(groups):
        a, c = int(cu_[i]), int(cv_[i])
        extra["rank"].append(i + 1)
        extra["evidence"].append(evidence)
        extra["linking_projects"].append(
            linking_projects(mem, a, c, common_idx[i].tolist()) if mem is not None else [])
        others, label = [], ""
        if len(g) > 1:
            anchor = a  # rows of groups start with their anchor
            others = [int(v[j]) if u[j] == anchor else int(u[j]) for j in g]
            if mem is not None:
                m = mem.matrix
                sets = [set(m.indices[m.indptr[o]:m.indptr[o + 1]].tolist()) for o in others]
                shared = set.intersection(*sets) if sets else set()
                if shared:
                    label = str(mem.labels[min(shared, key=lambda p: (mem.sizes[p], p))])
        extra["group_size"].append(len(g))
        extra["group_member_ids"].append([str(ids[o]) for o in others])
        extra["group_member_names"].append([str(names[o]) for o in others])
        extra["group_label"].append(label)
        alt = [_anchor_first(t, u, v) for t in twins.get(int(g[0]), [])]
        extra["equally_good_ids"].append([f"{ids[x]} – {ids[y]}" for x, y in alt])
        extra["equally_good_names"].append([f"{names[x]} – {names[y]}" for x, y in alt])
        goal_list = [gname for gname, f in served.items() if f[i] > 1.0]
        extra["goals"].append(goal_list)
        extra["goal_target"].append(target_sector or "")
        extra["competitor"].append(bool(flags[i]))
        extra["competitor_reason"].append(reasons[i])
        extra["source_country"].append("" if countries is None else countries[a])
        extra["target_country"].append("" if countries is None else countries[c])
    for key, values in extra.items():
        out[key] = values if len(out) else pd.Series(dtype=object)
    if len(out):
        out["why"] = [explain_recommendation(rec, lang) for rec in out.to_dict("records")]
    out.attrs = attrs
    out.attrs["params"]["candidates"] = (
        "every unlinked pair at distance 2 (exact best pool by the score, rounded to 12 "
        "significant digits, ties by lower partner index), near-duplicates grouped, rows "
        "that swap a partner for its twin folded into the first (equally_good), at most "
        "per_partner rows per partner, re-ranked by maximal marginal relevance")
    return out


def _anchor_first(group: list[int], u: np.ndarray, v: np.ndarray) -> tuple[int, int]:
    """A row's lead pair with the group's anchor (the partner in all its pairs) first."""
    a, c = int(u[group[0]]), int(v[group[0]])
    return (c, a) if len(group) > 1 and all(c in (u[j], v[j]) for j in group) else (a, c)
