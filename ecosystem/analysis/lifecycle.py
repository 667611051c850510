"""Community life cycles: match communities across periods and name what happened.

Communities found independently in consecutive periods are matched by member overlap.
Identity follows the Jaccard index (Greene, Doyle & Cunningham 2010, "Tracking the
evolution of communities in dynamic social networks", ASONAM); merges and splits follow
where members flow (a community "mostly flows into" another when at least half of its
members still present go there). Every community gets a stable id (``C0``, ``C1`` ...)
that it keeps while it continues.

Rules (``docs/evolution.md`` has examples):

* ``jaccard(a, b) = |a & b| / |a | b|``; ``forward(a, b) = |a & b| / |a & present_t|``
  (share of ``a``'s members still present in period t that are in ``b``);
  ``backward(a, b) = |a & b| / |b & present_t-1|`` (share of ``b``'s members that were
  present before that come from ``a``).
* **continuation**: pairs with ``jaccard >= threshold`` (default 0.3) are matched
  one-to-one, highest Jaccard first; ``b`` inherits ``a``'s id. It is a **growth**
  when the size grew by at least ``growth`` (default 20 %), a **shrink** when it fell by
  at least that much, else a plain **continuation**.
* **merge**: two or more earlier communities each send ``forward >= flow`` (default
  0.5) of their members to one community ``b``.
* **split**: two or more later communities each draw ``backward >= flow`` of their
  members from one community ``a``.
* **birth**: a community matched to nothing that is not the product of a split or merge.
* **death**: a community matched to nothing that did not merge or split.
* Only communities of at least ``min_size`` members (default 3), and flows of at least
  ``min_size`` shared members, take part in events; smaller ones still get ids.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
import pandas as pd

from ..exceptions import InvalidParameterError


def community_label(community: int) -> str:
    """Display label of a stable community id.

    Examples
    --------
    >>> community_label(3)
    'C3'
    """
    return f"C{int(community)}"


def match_communities(before: pd.Series, after: pd.Series) -> pd.DataFrame:
    """Overlap between every pair of communities of two partitions.

    Parameters
    ----------
    before, after : Series
        Partner id -> community, in the earlier and the later period.

    Returns
    -------
    DataFrame
        One row per pair sharing at least one member: ``before, after, overlap,
        size_before, size_after, jaccard, forward, backward`` (see the module doc).

    Examples
    --------
    >>> b = pd.Series({"a": 0, "b": 0, "c": 1, "d": 1})
    >>> a = pd.Series({"a": 5, "b": 5, "c": 5, "d": 6, "e": 6})
    >>> m = match_communities(b, a)
    >>> [(r.before, r.after, r.overlap, round(r.jaccard, 3)) for r in m.itertuples()]
    [(0, 5, 2, 0.667), (1, 5, 1, 0.25), (1, 6, 1, 0.333)]
    """
    before = before.copy()
    after = after.copy()
    before.index = before.index.astype(str)
    after.index = after.index.astype(str)
    size_b = before.value_counts()
    size_a = after.value_counts()
    common = before.index.intersection(after.index)
    cols = ["before", "after", "overlap", "size_before", "size_after", "jaccard",
            "forward", "backward"]
    if len(common) == 0:
        return pd.DataFrame(columns=cols)
    pairs = pd.DataFrame({"before": before.loc[common].to_numpy(),
                          "after": after.loc[common].to_numpy()})
    out = pairs.groupby(["before", "after"], sort=True).size().rename("overlap").reset_index()
    out["size_before"] = size_b.reindex(out["before"]).to_numpy()
    out["size_after"] = size_a.reindex(out["after"]).to_numpy()
    out["jaccard"] = out["overlap"] / (out["size_before"] + out["size_after"] - out["overlap"])
    still = out.groupby("before")["overlap"].transform("sum")   # members of a present later
    earlier = out.groupby("after")["overlap"].transform("sum")  # members of b present before
    out["forward"] = out["overlap"] / still
    out["backward"] = out["overlap"] / earlier
    return out[cols].reset_index(drop=True)


@dataclass
class CommunityTracking:
    """Communities followed through time.

    Attributes
    ----------
    memberships : DataFrame
        ``period, id, community`` (stable community id) for every partner and period.
    communities : DataFrame
        ``period, community, local, size``: each period's communities (``local`` = the
        number the detection gave it in that period).
    events : DataFrame
        ``period, event, community, from, to, size_before, size_after, jaccard,
        description``; ``event`` in birth, death, continue, grow, shrink, merge, split.
    params : dict
        threshold, flow, growth, min_size.
    """

    memberships: pd.DataFrame
    communities: pd.DataFrame
    events: pd.DataFrame
    params: dict[str, Any] = field(default_factory=dict)

    def partition_at(self, period: str) -> pd.Series:
        """Partner id -> stable community id in one period."""
        m = self.memberships[self.memberships["period"] == period]
        return pd.Series(m["community"].to_numpy(), index=m["id"].to_numpy(), name="community")


def _order_key(label: Any) -> tuple:
    """Numbers in numeric order, then anything else as text (deterministic)."""
    if isinstance(label, (int, np.integer, float, np.floating)) and not pd.isna(label):
        return (0, float(label), "")
    return (1, 0.0, str(label))


EVENT_COLUMNS = ["period", "event", "community", "from", "to", "size_before", "size_after",
                 "jaccard", "description"]


def _labels(ids: Sequence[int]) -> str:
    return ", ".join(community_label(i) for i in sorted(ids))


def track_communities(partitions: Sequence[tuple[str, pd.Series]], *, threshold: float = 0.3,
                      flow: float = 0.5, growth: float = 0.2,
                      min_size: int = 3) -> CommunityTracking:
    """Give communities stable ids across periods and list their life-cycle events.

    Parameters
    ----------
    partitions : sequence of (period label, Series)
        In time order; each Series maps partner id -> community number in that period.
    threshold : float, default 0.3
        Minimum Jaccard overlap for a community to continue another.
    flow : float, default 0.5
        Minimum share of members that must flow for a merge or split.
    growth : float, default 0.2
        Relative size change that counts as growth or shrinking.
    min_size : int, default 3
        Smallest community (and flow) that takes part in events.

    Examples
    --------
    Two groups merge in the second period:

    >>> p1 = pd.Series({"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1})
    >>> p2 = pd.Series({"a": 0, "b": 0, "c": 0, "d": 0, "e": 0, "f": 0})
    >>> t = track_communities([("2020", p1), ("2021", p2)])
    >>> t.events[["period", "event", "community", "from", "to"]].values.tolist()
    [['2021', 'merge', 0, 'C0, C1', 'C0']]
    """
    if not 0 < threshold <= 1:
        raise InvalidParameterError(f"threshold must be in (0, 1], got {threshold!r}")
    if not 0 < flow <= 1:
        raise InvalidParameterError(f"flow must be in (0, 1], got {flow!r}")
    if not growth >= 0:
        raise InvalidParameterError(f"growth must be >= 0, got {growth!r}")
    if int(min_size) < 1:
        raise InvalidParameterError(f"min_size must be >= 1, got {min_size!r}")
    min_size = int(min_size)
    memberships, communities, events = [], [], []
    prev_ids: dict[Any, int] = {}
    prev: pd.Series | None = None
    next_id = 0
    for label, membership in partitions:
        membership = pd.Series(membership.to_numpy(), index=membership.index.astype(str))
        sizes = membership.value_counts()
        local = sorted(sizes.index, key=lambda c: (-int(sizes[c]), _order_key(c)))
        ids: dict[Any, int] = {}
        if prev is None:
            for c in local:
                ids[c] = next_id
                next_id += 1
        else:
            m = match_communities(prev, membership)
            m["prev_id"] = m["before"].map(prev_ids)
            cand = m[m["jaccard"] >= threshold].sort_values(
                ["jaccard", "overlap", "prev_id"], ascending=[False, False, True], kind="mergesort")
            used: set[int] = set()
            for row in cand.itertuples(index=False):
                if row.after in ids or row.prev_id in used:
                    continue
                ids[row.after] = int(row.prev_id)
                used.add(int(row.prev_id))
            for c in local:
                if c not in ids:
                    ids[c] = next_id
                    next_id += 1
            events.extend(_events(label, m, prev_ids, ids, prev.value_counts(), sizes,
                                  flow=flow, growth=growth, min_size=min_size))
        memberships.append(pd.DataFrame({"period": label, "id": membership.index,
                                         "community": membership.map(ids).to_numpy(int)}))
        communities.append(pd.DataFrame({
            "period": label, "community": [ids[c] for c in local], "local": local,
            "size": [int(sizes[c]) for c in local]}))
        prev, prev_ids = membership, ids
    mem = (pd.concat(memberships, ignore_index=True) if memberships
           else pd.DataFrame(columns=["period", "id", "community"]))
    com = (pd.concat(communities, ignore_index=True) if communities
           else pd.DataFrame(columns=["period", "community", "local", "size"]))
    ev = pd.DataFrame(events, columns=EVENT_COLUMNS)
    return CommunityTracking(mem, com, ev, params={"threshold": threshold, "flow": flow,
                                                   "growth": growth, "min_size": min_size,
                                                   "matching": "jaccard, greedy one-to-one"})


def _events(label: str, m: pd.DataFrame, prev_ids: dict, ids: dict, prev_sizes: pd.Series,
            sizes: pd.Series, *, flow: float, growth: float, min_size: int) -> list[dict]:
    out: list[dict] = []
    big = m[(m["size_before"] >= min_size) & (m["size_after"] >= min_size)
            & (m["overlap"] >= min_size)]
    merges = {b: g for b, g in big[big["forward"] >= flow].groupby("after") if len(g) >= 2}
    splits = {a: g for a, g in big[big["backward"] >= flow].groupby("before") if len(g) >= 2}
    merged_away = {a for g in merges.values() for a in g["before"]}
    split_pieces = {b for g in splits.values() for b in g["after"]}
    alive_before = set(prev_ids.values())  # once, not once per community
    continued_from = {ids[b]: b for b in ids if ids[b] in alive_before}
    best_j = m.groupby("after")["jaccard"].max() if len(m) else pd.Series(dtype=float)

    def row(event, community, src, dst, sb, sa, j, text):
        return {"period": label, "event": event, "community": int(community), "from": src,
                "to": dst, "size_before": sb, "size_after": sa,
                "jaccard": float(j) if j is not None and not pd.isna(j) else float("nan"),
                "description": text}

    prev_by_id = {v: k for k, v in prev_ids.items()}
    # first jaccard of each (before, after) pair, and each community's rows: looked up,
    # not searched for in the whole overlap table once per community
    pair_j: dict = {}
    for key, j in zip(zip(m["before"].tolist(), m["after"].tolist()), m["jaccard"].tolist()):
        pair_j.setdefault(key, j)
    rows_of = {a: g for a, g in m.groupby("before", sort=False)} if len(m) else {}
    for a in sorted(splits, key=lambda c: prev_ids[c]):
        g = splits[a]
        dst = [ids[b] for b in g["after"]]
        out.append(row("split", prev_ids[a], community_label(prev_ids[a]), _labels(dst),
                       int(prev_sizes[a]), int(sum(sizes[b] for b in g["after"])),
                       g["jaccard"].max(),
                       f"{community_label(prev_ids[a])} split into {_labels(dst)}"))
    for b in sorted(ids, key=lambda c: ids[c]):
        cid = ids[b]
        size_b = int(sizes[b])
        if b in merges:
            g = merges[b]
            src = [prev_ids[a] for a in g["before"]]
            out.append(row("merge", cid, _labels(src), community_label(cid),
                           int(sum(prev_sizes[a] for a in g["before"])), size_b, g["jaccard"].max(),
                           f"{_labels(src).replace(', ', ' + ')} merged into {community_label(cid)}"))
        elif cid in prev_by_id:
            a = prev_by_id[cid]
            size_a = int(prev_sizes[a])
            if max(size_a, size_b) < min_size:
                continue
            change = (size_b - size_a) / size_a
            event = "grow" if change >= growth else "shrink" if change <= -growth else "continue"
            verb = {"grow": "grew", "shrink": "shrank", "continue": "continued"}[event]
            out.append(row(event, cid, community_label(cid), community_label(cid), size_a, size_b,
                           pair_j.get((a, b)),
                           f"{community_label(cid)} {verb} ({size_a} -> {size_b} members)"))
        elif b not in split_pieces and size_b >= min_size:
            out.append(row("birth", cid, "", community_label(cid), 0, size_b, best_j.get(b),
                           f"{community_label(cid)} was born ({size_b} members)"))
    for a in sorted(prev_ids, key=lambda c: prev_ids[c]):
        aid = prev_ids[a]
        if aid in continued_from or a in merged_away or a in splits:
            continue
        if int(prev_sizes[a]) < min_size:
            continue
        flows = rows_of.get(a, m.iloc[:0]).sort_values(["overlap", "after"],
                                                       ascending=[False, True])
        where = ", ".join(f"{community_label(ids[b])} ({int(o)})"
                          for b, o in zip(flows["after"].head(3), flows["overlap"].head(3)))
        text = f"{community_label(aid)} dissolved ({int(prev_sizes[a])} members)"
        if where:
            text += f"; members still present went mainly to {where}"
        out.append(row("death", aid, community_label(aid), "", int(prev_sizes[a]), 0, None, text))
    return out


__all__ = ["CommunityTracking", "community_label", "match_communities", "track_communities"]
