"""Anchor partners: a transparent composite score, ranked, each with a plain-language why.

The anchor score of partner ``i`` is a weighted mean of **rank-normalised** measures:

``anchor_score_i = Σ_m w_m · r_m(i) / Σ_m w_m``, with
``r_m(i) = (rank of i by measure m, ascending, ties averaged - 1) / (n - 1)``

so each measure contributes a value in [0, 1] (1 = highest of all partners) whatever
its scale, and the score is in [0, 1]. Default measures, equally weighted:
``strength`` (how much it collaborates), ``pagerank`` (how well connected its partners
are), ``betweenness`` (how often it sits on the shortest paths between others) and
``participation`` (how evenly its ties spread across communities). Any numeric
centrality or role column can be weighted in (``weights={"eigenvector": 2, ...}``).

The ``why`` sentence is rendered from structured facts (``role``, ``strength_rank``,
``n_communities_reached``, ``n_communities``, ``betweenness_share``) by
:func:`explain_anchor`, in English or Korean. It starts with the partner's plain role
(:func:`plain_role`: linking hub, community hub, bridge, outreach, inner), derived from
the same facts the sentence states; the Guimerà-Amaral role stays in the ``role`` column.
"""
from __future__ import annotations

from typing import Any, Mapping

import numpy as np
import pandas as pd

from ..exceptions import InvalidParameterError
from ..i18n import KO, translator
from ..model import Ecosystem
from ..results import Partition

DEFAULT_WEIGHTS: dict[str, float] = {"strength": 1.0, "pagerank": 1.0, "betweenness": 1.0,
                                     "participation": 1.0}

ROLE_NAMES_KO = {"isolate": "고립", "ultra-peripheral": "극주변", "peripheral": "주변",
                 "connector": "커넥터", "kinless": "무소속형", "provincial hub": "지역 허브",
                 "connector hub": "커넥터 허브", "kinless hub": "무소속 허브"}


def _ordinal(k: int) -> str:
    if 10 <= k % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


def _percent(share: float) -> str:
    pct = 100.0 * share
    if pct <= 0:
        return "0%"
    if pct < 1:
        return "<1%"
    return f"{pct:.0f}%"


PLAIN_ROLES = ("linking hub", "community hub", "bridge", "outreach", "inner", "isolated")
"""Plain role labels shown beside anchors (the Guimerà-Amaral role stays in the role column)."""

#: The plain roles in Korean (from the catalogs, keys ``plain_<role>``).
PLAIN_ROLES_KO = {r: KO[f"plain_{r}"] for r in PLAIN_ROLES}


def plain_role(facts: Mapping[str, Any]) -> str:
    """A plain role from the same facts the why-text states, so the two cannot disagree.

    * ``linking hub``: a hub of its community (Guimerà-Amaral z >= 2.5) that ties into at
      least two communities;
    * ``community hub``: a hub whose ties stay in its own community;
    * ``bridge``: not a hub, ties into at least half of the communities (and at least 2);
    * ``outreach``: not a hub, ties into 2 or more communities, fewer than half;
    * ``inner``: ties only inside its own community;
    * ``isolated``: no ties.

    Examples
    --------
    >>> plain_role({"role": "peripheral", "n_communities_reached": 4, "n_communities": 5})
    'bridge'
    >>> plain_role({"role": "provincial hub", "n_communities_reached": 1, "n_communities": 5})
    'community hub'
    """
    role = str(facts.get("role", ""))
    reached = int(facts.get("n_communities_reached", 0) or 0)
    total = int(facts.get("n_communities", 0) or 0)
    if role == "isolate" or (reached == 0 and not role):
        return "isolated"
    if role.endswith("hub"):
        return "linking hub" if reached >= 2 else "community hub"
    if reached >= 2 and reached >= total / 2:
        return "bridge"
    if reached >= 2:
        return "outreach"
    return "inner"


def explain_anchor(facts: Mapping[str, Any], lang: str = "en") -> str:
    """One plain-language line on why a partner matters, from its structured facts.

    ``facts`` needs ``role``, ``strength_rank``, ``n_communities_reached``,
    ``n_communities``, ``betweenness_share`` and optionally ``betweenness_estimated``.

    Examples
    --------
    >>> f = {"role": "connector hub", "strength_rank": 2, "n_communities_reached": 5,
    ...      "n_communities": 7, "betweenness_share": 0.31}
    >>> explain_anchor(f)
    'linking hub: 2nd strongest partner, ties into 5 of 7 communities, on 31% of shortest paths'
    >>> explain_anchor(f, lang="ko")
    '연결 허브: 협력 강도 2위, 7개 커뮤니티 중 5개와 연결, 최단 경로의 31% 경유'
    """
    if lang not in ("en", "ko"):
        raise InvalidParameterError(f"lang must be 'en' or 'ko', got {lang!r}")
    role = str(facts["role"])
    t = translator(lang)
    if role == "isolate":
        return t("why_isolated")
    plain = plain_role(facts)
    rank = int(facts["strength_rank"])
    reached = int(facts["n_communities_reached"])
    total = int(facts["n_communities"])
    share = float(facts["betweenness_share"])
    about = bool(facts.get("betweenness_estimated", False))
    parts = [t("why_strongest") if rank == 1 and lang == "en"
             else t("why_strength_rank", rank=_ordinal(rank) if lang == "en" else rank)]
    if total > 1:
        parts.append(t("why_reach", reached=reached, total=total))
    if share > 0:
        parts.append(t("why_paths_about" if about else "why_paths", share=_percent(share)))
    return t("why_line", role=t(f"plain_{plain}"), facts=t("why_sep").join(parts))


_WHY_FACTS = ["role", "strength_rank", "n_communities_reached", "n_communities",
              "betweenness_share", "betweenness_estimated"]


class _Explainer:
    """:func:`explain_anchor` and :func:`plain_role` for a whole table: the same sentence,
    with each translated piece (plain role, strength rank, reach, path share) rendered
    once per distinct value instead of once per partner."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.t = translator(lang)
        self.sep = self.t("why_sep")
        self._plain: dict = {}
        self._pieces: dict = {}

    def plain(self, role: Any, reached: Any, total: Any) -> str:
        key = (role, reached, total)
        if key not in self._plain:
            self._plain[key] = plain_role({"role": role, "n_communities_reached": reached,
                                           "n_communities": total})
        return self._plain[key]

    def _piece(self, key: str, **values: Any) -> str:
        k = (key, *values.items())
        if k not in self._pieces:
            self._pieces[k] = self.t(key, **values)
        return self._pieces[k]

    def why(self, role: Any, rank: Any, reached: Any, total: Any, share: Any, about: Any) -> str:
        """The :func:`explain_anchor` line of one row of :data:`_WHY_FACTS` values."""
        if str(role) == "isolate":
            return self._piece("why_isolated")
        plain = self.plain(role, reached, total)
        rank, reached, total, share = int(rank), int(reached), int(total), float(share)
        en = self.lang == "en"
        parts = [self._piece("why_strongest") if rank == 1 and en
                 else self._piece("why_strength_rank", rank=_ordinal(rank) if en else rank)]
        if total > 1:
            parts.append(self._piece("why_reach", reached=reached, total=total))
        if share > 0:
            parts.append(self._piece("why_paths_about" if bool(about) else "why_paths",
                                     share=_percent(share)))
        return self.t("why_line", role=self._piece(f"plain_{plain}"), facts=self.sep.join(parts))

    def columns(self, facts: pd.DataFrame) -> tuple[list[str], list[str]]:
        """``why`` and ``plain_role`` of every row of ``facts`` (columns :data:`_WHY_FACTS`)."""
        role, rank, reached, total, share, about = (facts[c].tolist() for c in _WHY_FACTS)
        # The line depends on the share only through ``share > 0`` and its percent text, so
        # rows are grouped by that text and each distinct row of facts is explained once.
        values, inverse = np.unique(facts["betweenness_share"].astype(float).to_numpy(),
                                    return_inverse=True)
        texts = [_percent(v) if v > 0 else "" for v in values.tolist()]
        shown = [texts[i] for i in inverse.ravel().tolist()]
        done: dict = {}
        why, plain = [], []
        for row in zip(role, rank, reached, total, shown, map(bool, about), share):
            key = row[:6]
            pair = done.get(key)
            if pair is None:
                pair = done[key] = (self.why(*row[:4], row[6], row[5]),
                                    self.plain(row[0], row[2], row[3]))
            why.append(pair[0])
            plain.append(pair[1])
        return why, plain


def rank_normalise(values: pd.Series) -> pd.Series:
    """``(rank - 1) / (n - 1)`` with average ranks for ties (1 = highest value).

    Values equal to 12 significant digits (relative to the largest) count as tied, so
    floating-point noise between symmetric partners cannot separate them.

    Examples
    --------
    >>> rank_normalise(pd.Series([5.0, 1.0, 1.0, 3.0])).tolist()
    [1.0, 0.16666666666666666, 0.16666666666666666, 0.6666666666666666]
    """
    n = len(values)
    if n == 0:
        return values.astype(float)
    if n == 1:
        return pd.Series([1.0], index=values.index)
    v = values.astype(float).fillna(0.0)
    scale = float(v.abs().max()) or 1.0
    v = (v / scale).round(12)          # equal up to float noise -> tied (same rank)
    return (v.rank(method="average") - 1.0) / (n - 1)


def _centrality_table(centrality: Any) -> pd.DataFrame:
    if isinstance(centrality, pd.DataFrame):
        return centrality
    table = getattr(centrality, "table", None)
    if isinstance(table, pd.DataFrame):
        return table
    raise InvalidParameterError(
        f"centrality must be a CentralityResult or DataFrame, got {type(centrality).__name__}")


def parse_weights(text: str) -> dict[str, float]:
    """Parse ``"strength=1,pagerank=2"`` into a weights dict.

    Examples
    --------
    >>> parse_weights("strength=1, betweenness=0.5")
    {'strength': 1.0, 'betweenness': 0.5}
    """
    out: dict[str, float] = {}
    for item in str(text).split(","):
        item = item.strip()
        if not item:
            continue
        key, sep, num = item.partition("=")
        if not sep:
            raise InvalidParameterError(f"weights: expected MEASURE=NUMBER, got {item!r}")
        try:
            out[key.strip()] = float(num)
        except ValueError:
            raise InvalidParameterError(f"weights: {num.strip()!r} is not a number (in {item!r})") from None
    if not out:
        raise InvalidParameterError("weights: give at least one MEASURE=NUMBER")
    return out


def centrality_measures(weights: Mapping[str, float] | None = None) -> list[str]:
    """The centrality columns :func:`anchor_partners` needs for ``weights``.

    ``strength`` and ``betweenness`` (used by the ``why`` facts) plus every weighted key
    that is a centrality measure (the others are role columns or unknown names, which
    :func:`anchor_partners` reports).

    Examples
    --------
    >>> centrality_measures()
    ['strength', 'pagerank', 'betweenness']
    >>> centrality_measures({"eigenvector": 1, "participation": 1})
    ['strength', 'eigenvector', 'betweenness']
    """
    from .centrality import DIRECTED_MEASURES, UNDIRECTED_MEASURES

    keys = set(DEFAULT_WEIGHTS if weights is None else weights) | {"strength", "betweenness"}
    undirected = [m for m in UNDIRECTED_MEASURES if m in keys]
    return undirected + [m for m in DIRECTED_MEASURES if m in keys]


def anchor_partners(eco: Ecosystem, *, partition: Partition | None = None, centrality: Any = None,
                    roles: pd.DataFrame | None = None, weights: Mapping[str, float] | None = None,
                    seed: int = 0, lang: str = "en") -> pd.DataFrame:
    """Rank every partner by a composite anchor score and explain each in one line.

    Parameters
    ----------
    eco : Ecosystem
    partition : Partition, optional
        Communities (default :func:`~ecosystem.analysis.communities.detect_communities`
        with ``seed``).
    centrality : CentralityResult or DataFrame, optional
        Default :func:`~ecosystem.analysis.centrality.centrality` with ``seed``, asked
        only for the measures the score and the ``why`` use
        (:func:`centrality_measures`: strength, betweenness and the weighted centrality
        columns), so weighted clustering, closeness and ``reach2`` are not computed.
    roles : DataFrame, optional
        :func:`~ecosystem.analysis.roles.functional_roles` output (default: computed).
    weights : mapping of str to float, optional
        Measure -> weight (>= 0, at least one > 0). Default :data:`DEFAULT_WEIGHTS`.
        Any numeric column of the centrality or roles table can be used.
    seed : int, default 0
    lang : {"en", "ko"}
        Language of the ``why`` column.

    Returns
    -------
    DataFrame
        Indexed by partner id, sorted by ``rank`` (1 = top anchor; ties broken by
        strength, then partner order): ``name``, ``sector``, ``rank``,
        ``anchor_score`` (0..1), ``role``, ``why``, ``plain_role``, the facts behind it
        (``role_code``, ``community``, ``strength_rank``, ``degree``, ``strength``,
        ``n_communities_reached``, ``n_communities``, ``betweenness_share``,
        ``betweenness_estimated``), each weighted measure's raw value and its
        rank-normalised score (``score_<measure>``). ``attrs["params"]`` records
        weights, partition and centrality provenance.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"),
    ...                             ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
    >>> a = anchor_partners(eco)
    >>> a.index[:2].tolist(), a["rank"].tolist()[:2]
    (['c', 'd'], [1, 2])
    >>> a.loc["c", "why"]
    'bridge: strongest partner, ties into 2 of 2 communities, on 60% of shortest paths'
    """
    from .centrality import centrality as compute_centrality
    from .communities import _aligned_membership, detect_communities
    from .roles import functional_roles

    if lang not in ("en", "ko"):
        raise InvalidParameterError(f"lang must be 'en' or 'ko', got {lang!r}")
    if partition is None:
        partition = detect_communities(eco, seed=seed)
    if centrality is None:
        needed = centrality_measures(weights)
        cres = compute_centrality(eco, seed=seed, measures=needed)
    else:
        cres = centrality
    ctable = _centrality_table(cres).reindex(eco.ids)
    if roles is None:
        roles = functional_roles(eco, partition)
    roles = roles.reindex(eco.ids)
    weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
    available = {c: ctable[c] for c in ctable.columns if pd.api.types.is_numeric_dtype(ctable[c])}
    for c in roles.columns:
        if c not in available and pd.api.types.is_numeric_dtype(roles[c]) and roles[c].dtype != bool:
            available[c] = roles[c]
    for key, value in weights.items():
        if key not in available:
            names = set(available)
            if centrality is None:  # measures not computed because not asked for
                from .centrality import DIRECTED_MEASURES, UNDIRECTED_MEASURES
                names |= set(UNDIRECTED_MEASURES) | (set(DIRECTED_MEASURES) if eco.directed
                                                     else set())
            raise InvalidParameterError(
                f"weights: unknown measure {key!r}; available: {', '.join(sorted(names))}")
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
                or not np.isfinite(value) or value < 0:
            raise InvalidParameterError(f"weights: {key} must be a number >= 0, got {value!r}")
    total_w = float(sum(weights.values()))
    if not total_w > 0:
        raise InvalidParameterError("weights: at least one weight must be > 0")

    memb = _aligned_membership(eco, partition)
    n = eco.n_partners
    ties = eco.undirected_ties
    a = ties["source_index"].to_numpy()
    b = ties["target_index"].to_numpy()
    nodes = np.concatenate([a, b])
    neigh_comm = memb[np.concatenate([b, a])]
    reached = (pd.DataFrame({"node": nodes, "comm": neigh_comm}).drop_duplicates()
               .groupby("node").size().reindex(range(n), fill_value=0).to_numpy())
    degree = np.bincount(nodes, minlength=n)
    n_comms = int(len(np.unique(memb[degree > 0]))) if (degree > 0).any() else 0
    strength = ctable["strength"].astype(float)
    score = pd.Series(0.0, index=eco.ids)
    out = pd.DataFrame(index=pd.Index(eco.ids, name="id"))
    out["name"] = eco.names.to_numpy()
    out["sector"] = eco.sectors.to_numpy()
    components = {}
    for key, wgt in weights.items():
        values = pd.Series(available[key].to_numpy(float), index=eco.ids)
        r = rank_normalise(values)
        score += wgt * r
        components[key] = (values, r)
    out["anchor_score"] = (score / total_w).to_numpy()
    out["role"] = roles["role"].to_numpy()
    out["role_code"] = roles["role_code"].to_numpy() if "role_code" in roles else ""
    out["community"] = memb
    out["strength_rank"] = strength.rank(method="min", ascending=False).astype(np.int64).to_numpy()
    out["degree"] = degree.astype(np.int64)
    out["strength"] = strength.to_numpy()
    out["n_communities_reached"] = reached.astype(np.int64)
    out["n_communities"] = n_comms
    out["betweenness_share"] = ctable["betweenness"].astype(float).to_numpy()
    out["betweenness_estimated"] = bool(getattr(cres, "sampled", False))
    for key, (values, r) in components.items():
        if key not in out:
            out[key] = values.to_numpy()
        out[f"score_{key}"] = r.to_numpy()
    order = np.lexsort((np.arange(n), -out["strength"].to_numpy(), -out["anchor_score"].to_numpy()))
    out = out.iloc[order]
    out.insert(2, "rank", np.arange(1, n + 1, dtype=np.int64))
    why, plain = _Explainer(lang).columns(out)  # = explain_anchor / plain_role per row
    out.insert(5, "why", why)
    out.insert(6, "plain_role", plain)
    out.attrs["params"] = {
        "weights": {k: float(v) for k, v in weights.items()},
        "normalisation": "rank-normalised: (average rank - 1) / (n - 1)",
        "partition": {"method": partition.method, **dict(partition.params),
                      "modularity": float(partition.modularity)},
        "centrality": dict(getattr(cres, "params", {}) or {}),
        "roles": dict(roles.attrs.get("params", {})),
        "seed": int(seed), "lang": lang}
    return out


def anchor_why(anchors: pd.DataFrame, lang: str = "en") -> pd.Series:
    """Re-render the ``why`` column of :func:`anchor_partners` in another language.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c")])
    >>> anchor_why(anchor_partners(eco), lang="ko").loc["b"]
    '내부 구성원: 협력 강도 1위, 최단 경로의 100% 경유'
    """
    if not len(anchors):
        return pd.Series([], index=anchors.index, name="why")
    if lang not in ("en", "ko"):
        raise InvalidParameterError(f"lang must be 'en' or 'ko', got {lang!r}")
    return pd.Series(_Explainer(lang).columns(anchors)[0], index=anchors.index, name="why")


def anchors_by(eco: Ecosystem, attribute: str = "sector", top: int = 5, *,
               anchors: pd.DataFrame | None = None, **kwargs: Any) -> pd.DataFrame:
    """The top anchors within each group of a partner attribute ("top university anchors").

    Parameters
    ----------
    eco : Ecosystem
    attribute : str, default "sector"
        Any partner column (``sector``, ``country``...).
    top : int, default 5
        Anchors per group.
    anchors : DataFrame, optional
        A precomputed :func:`anchor_partners` table (otherwise computed with ``kwargs``).
    **kwargs
        Passed to :func:`anchor_partners` (``partition``, ``centrality``, ``weights``,
        ``seed``, ``lang``...).

    Returns
    -------
    DataFrame
        One row per listed anchor: ``group`` (the attribute value; missing or blank
        values are ``"(missing)"``), ``group_rank``, ``id``, ``name``, ``sector``, ``rank``
        (overall), ``anchor_score``, ``role``, ``why``. Groups are ordered by their best
        anchor's overall rank. ``attrs`` has ``attribute`` and ``params``.

    Examples
    --------
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d")])
    >>> t = anchors_by(eco, "sector", top=2)
    >>> t[["group", "group_rank", "id"]].values.tolist()
    [['unknown', 1, 'b'], ['unknown', 2, 'c']]
    """
    if isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1:
        raise InvalidParameterError(f"top must be a whole number >= 1, got {top!r}")
    values = eco.attribute(attribute)
    if anchors is None:
        anchors = anchor_partners(eco, **kwargs)
    group = values.reindex(anchors.index)
    group = group.astype(object).where(group.notna(), "").astype(str).str.strip()
    group = group.where(group != "", "(missing)")
    frame = anchors.reset_index()
    frame.insert(0, "group", group.to_numpy())
    frame = frame.sort_values(["rank"], kind="stable")
    frame["group_rank"] = frame.groupby("group").cumcount() + 1
    frame = frame[frame["group_rank"] <= top]
    best = frame.groupby("group")["rank"].min()
    frame["_g"] = frame["group"].map(best)
    frame = frame.sort_values(["_g", "group_rank"], kind="stable")
    cols = ["group", "group_rank", "id", "name", "sector", "rank", "anchor_score", "role", "why"]
    out = frame[cols].reset_index(drop=True)
    out.attrs["attribute"] = attribute
    out.attrs["params"] = dict(anchors.attrs.get("params", {}))
    return out


__all__ = ["DEFAULT_WEIGHTS", "PLAIN_ROLES", "plain_role", "anchor_partners", "centrality_measures", "anchor_why", "anchors_by", "explain_anchor",
           "parse_weights", "rank_normalise"]
