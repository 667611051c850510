"""Turning a ranking into a list worth acting on: goals, exclusions, competitors, range.

* **Goals** (``favour``): multipliers of the score for pairs that serve a strategic goal:
  ``community`` (different communities: ``1 + bonus``; an under-connected pair of
  communities: ``1 + 2 bonus``), ``sector`` (different helix groups ``1 + bonus``; one
  partner's group missing from the other's community ``1 + 2 bonus``), ``country``
  (different countries, global reach: ``1 + bonus``) and ``target_sector`` (one partner in
  that sector or helix group: ``1 + bonus``). Several goals multiply.
* **Exclusions**: pairs the user never wants (a CSV of two columns) are never returned.
* **Likely competitors**: both partners with the same sector that is not academia,
  government or civil society, and the same country when a ``country`` column is known
  (or a user list of pairs). Flagged in the list, never recommended silently.
* **Range**: near-duplicates (one partner with several members of the same project, or
  with several partners reached through exactly the same common partners) become one
  row; at most ``per_partner`` rows per partner; maximal marginal relevance
  (Carbonell & Goldstein 1998) re-ranks the pool so the list covers distinct gaps.
"""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np
import pandas as pd

from ...exceptions import InputDataError, InvalidParameterError, Problem
from ...model import Ecosystem
from .scoring import _row_positions

GOALS = ("community", "sector", "country")
NON_CORPORATE = ("academia", "government", "civil_society")


def normalise_goals(favour: Any) -> list[str]:
    """``favour`` as a list of goals (None, one string, a comma list or a list).

    Examples
    --------
    >>> normalise_goals("country, sector")
    ['country', 'sector']
    >>> normalise_goals(None)
    []
    """
    if favour is None:
        return []
    items = favour.split(",") if isinstance(favour, str) else list(favour)
    goals = []
    for g in items:
        g = str(g).strip()
        if not g:
            continue
        if g not in GOALS:
            raise InvalidParameterError(
                f"favour must be among {', '.join(GOALS)}, got {g!r}")
        if g not in goals:
            goals.append(g)
    return goals


def country_codes(eco: Ecosystem) -> np.ndarray | None:
    """Integer code of each partner's country (-1 unknown), or None without a country column."""
    if "country" not in eco.partners.columns:
        return None
    c = eco.partners["country"]
    text = c.astype(str).str.strip().str.upper()
    known = c.notna() & ~text.isin(["", "NAN", "NONE", "NA"])
    codes, _ = pd.factorize(text.where(known))
    return np.where(known.to_numpy(), codes, -1).astype(np.int64)


def target_mask(eco: Ecosystem, target_sector: str | None) -> np.ndarray | None:
    """Partners in ``target_sector`` (sector text or helix group, case-insensitive)."""
    if not target_sector:
        return None
    from ..gaps.helix import helix_group

    want = str(target_sector).strip().lower()
    sectors = eco.sectors.astype(str).str.strip().str.lower()
    helix = np.array([helix_group(x) or "" for x in eco.sectors], dtype=object)
    mask = (sectors == want).to_numpy() | (helix == (helix_group(want) or want))
    if not mask.any():
        values = ", ".join(sorted(set(eco.sectors.astype(str)))[:12])
        raise InvalidParameterError(
            f"target sector {target_sector!r} matches no partner; sectors: {values}")
    return mask


def competitor_mask(eco: Ecosystem, u: np.ndarray, v: np.ndarray,
                    listed: set[tuple[int, int]] | None = None) -> tuple[np.ndarray, list[str]]:
    """Likely competitors among pairs ``(u, v)`` and the reason of each flag ('' if none).

    Examples
    --------
    >>> eco = Ecosystem.from_frames(pd.DataFrame({"source": ["a", "b"], "target": ["c", "c"]}),
    ...     pd.DataFrame({"id": ["a", "b", "c"], "sector": ["company", "company", "university"],
    ...                   "country": ["KR", "KR", "KR"]}))
    >>> flag, why = competitor_mask(eco, np.array([0]), np.array([1]))
    >>> bool(flag[0]), why[0]
    (True, 'same sector (company), same country (KR)')
    """
    from ..gaps.helix import helix_group

    sectors = eco.sectors.astype(str).to_numpy()
    cc = country_codes(eco)
    countries = (eco.partners["country"].astype(str).to_numpy() if cc is not None else None)
    flags = np.zeros(len(u), dtype=bool)
    why: list[str] = []
    for i, (a, c) in enumerate(zip(np.asarray(u).tolist(), np.asarray(v).tolist())):
        reason = ""
        if listed and (min(a, c), max(a, c)) in listed:
            reason = "listed as competitors"
        else:
            sa, sc = sectors[a], sectors[c]
            same = sa == sc and sa.strip().lower() not in ("", "unknown", "nan", "other")
            if same and helix_group(sa) not in NON_CORPORATE:
                if cc is None:
                    reason = f"same sector ({sa})"
                elif cc[a] >= 0 and cc[a] == cc[c]:
                    reason = f"same sector ({sa}), same country ({countries[a]})"
        flags[i] = bool(reason)
        why.append(reason)
    return flags, why


def read_pairs(eco: Ecosystem, pairs: Any, what: str = "exclude") -> set[tuple[int, int]]:
    """Pairs given as a CSV path, a DataFrame (first two columns) or (a, b) tuples, as
    ``(low, high)`` partner indices. Ids or names; an unknown partner is an error naming
    the file, row, column and value."""
    if pairs is None:
        return set()
    file = what
    if isinstance(pairs, (str, bytes)) or hasattr(pairs, "__fspath__"):
        from ...io.tables import read_delimited

        file = str(pairs)
        pairs = read_delimited(file).frame  # index: the row numbers users see
    if isinstance(pairs, pd.DataFrame):
        if pairs.shape[1] < 2:
            raise InputDataError([Problem(f"{what} pairs need two columns (two partners per row)",
                                          file=file, code="missing_column")])
        cols = list(map(str, pairs.columns[:2]))
        rows: Iterable = ((int(i) if file != what else None, cols, r) for i, r in zip(
            pairs.index, pairs.iloc[:, :2].itertuples(index=False, name=None)))
    else:
        rows = ((i + 1, ["first", "second"], r) for i, r in enumerate(pairs))
    out: set[tuple[int, int]] = set()
    problems = []
    for row, cols, (a, c) in rows:
        idx = []
        for col, x in zip(cols, (a, c)):
            try:
                idx.append(int(eco.ids.get_loc(eco.resolve(str(x).strip()))))
            except Exception:  # noqa: BLE001 - reported as a data problem below
                problems.append(Problem(f"unknown partner in the {what} list", file=file,
                                        row=row, column=str(col), value=x, code="unknown_partner"))
        if len(idx) == 2 and idx[0] != idx[1]:
            out.add((min(idx), max(idx)))
    if problems:
        raise InputDataError(problems)
    return out


def group_near_duplicates(u: np.ndarray, v: np.ndarray, item: np.ndarray, anchor: np.ndarray,
                          key: np.ndarray, min_size: int = 3) -> list[list[int]]:
    """Positions of pairs (best first) grouped. ``(item, anchor, key)`` rows say that pair
    ``item`` reaches a shared key from ``anchor`` (one of its partners), e.g. the
    projects of the other partner that the anchor is not in. Pairs with the same anchor
    and key form one group when at least ``min_size`` do (biggest groups first, each pair
    in one group); a group sits at its best pair's place.

    Examples
    --------
    >>> u, v = np.array([0, 0, 0, 5]), np.array([1, 2, 3, 6])
    >>> group_near_duplicates(u, v, np.array([0, 1, 2]), np.array([0, 0, 0]), np.array([9, 9, 9]))
    [[0, 1, 2], [3]]
    """
    m = len(u)
    groups: dict[int, list[int]] = {}
    if len(item):
        item, anchor, key = (np.asarray(x, dtype=np.int64) for x in (item, anchor, key))
        _, kcode = np.unique(key, return_inverse=True)
        code = anchor * (int(kcode.max()) + 1) + kcode.ravel()
        # one row per (group key, pair)
        both = np.unique(code * max(m, 1) + item)
        code, item = both // max(m, 1), both % max(m, 1)
        starts = np.flatnonzero(np.r_[True, code[1:] != code[:-1]])
        sizes = np.diff(np.r_[starts, len(code)])
        big = np.flatnonzero(sizes >= min_size)
        if len(big):
            first = item[starts[big]]  # items are sorted within a key: the best pair
            order = big[np.lexsort((first, -sizes[big]))]
            taken = np.zeros(m, dtype=bool)
            for g in order.tolist():
                members = item[starts[g]:starts[g] + sizes[g]]
                free = members[~taken[members]]
                if len(free) >= min_size:
                    taken[free] = True
                    groups[int(free[0])] = free.tolist()
        out = []
        for i in range(m):
            if i in groups:
                out.append(groups[i])
            elif not taken[i] if len(big) else True:
                out.append([i])
        return out
    return [[i] for i in range(m)]


def project_group_keys(u: np.ndarray, v: np.ndarray, membership) -> tuple[np.ndarray, ...]:
    """``(item, anchor, key)`` for :func:`group_near_duplicates` on participation data:
    from each partner of pair ``item``, the projects of the other partner that it is not in."""

    n_proj = membership.shape[1]
    items = np.r_[np.arange(len(u)), np.arange(len(u))].astype(np.int64)
    anchor = np.r_[u, v].astype(np.int64)
    other = np.r_[v, u].astype(np.int64)
    counts = np.diff(membership.indptr)[other]
    pos = _row_positions(membership.indptr, other)
    item_r, anchor_r = np.repeat(items, counts), np.repeat(anchor, counts)
    proj = membership.indices[pos].astype(np.int64)
    row_of = np.repeat(np.arange(membership.shape[0], dtype=np.int64), np.diff(membership.indptr))
    own = row_of * n_proj + membership.indices  # sorted
    k = anchor_r * n_proj + proj
    at = np.minimum(np.searchsorted(own, k), max(len(own) - 1, 0))
    outside = own[at] != k if len(own) else np.ones(len(k), bool)
    return item_r[outside], anchor_r[outside], proj[outside]


def common_group_keys(u: np.ndarray, v: np.ndarray, b) -> tuple[np.ndarray, ...]:
    """``(item, anchor, key)`` for :func:`group_near_duplicates` on a plain network: the
    set of common partners of the pair (as a hash), from each of its partners."""
    rng = np.random.default_rng(12345)
    salt = rng.integers(1, 2**62, size=b.shape[0], dtype=np.int64)
    keys = np.empty(len(u), dtype=np.int64)
    for i, (a, c) in enumerate(zip(u.tolist(), v.tolist())):
        z = np.intersect1d(b.indices[b.indptr[a]:b.indptr[a + 1]],
                           b.indices[b.indptr[c]:b.indptr[c + 1]], assume_unique=True)
        keys[i] = int(np.bitwise_xor.reduce(salt[z])) if len(z) else 0
    items = np.r_[np.arange(len(u)), np.arange(len(u))].astype(np.int64)
    return items, np.r_[u, v].astype(np.int64), np.r_[keys, keys]


def fold_twins(groups: list[list[int]], u: np.ndarray, v: np.ndarray, score: np.ndarray,
               b: Any, among: int | None = None
               ) -> tuple[list[list[int]], dict[int, list[list[int]]]]:
    """Rows (groups, best first) that are the same choice with one partner swapped for its
    twin fold into the first: two partners are twins when they have the same partners
    (apart from each other), so every pair with one scores like the pair with the other
    (e.g. two members of exactly the same projects). A one-pair row also folds into an
    earlier one that keeps one of its partners and rests on exactly the same shared
    partners (scotland: three companies each tied to the same four tea firms made three
    rows, one per pair of them). A row folds only into a row kept before it, with the same
    score (12 significant digits) and the same other partners: no chains. Only rows whose lead pair is among the first ``among`` pairs fold (as
    near-duplicates are looked for). ``b`` is the partners' 0/1 adjacency (CSR). Returns
    the rows kept and, for each kept row's lead pair, the rows folded into it.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> # x=1 and y=2 both work with c0=3 and c1=4 only: twins; a=0 also works with c2=6
    >>> e = [(0, 3), (0, 4), (0, 6), (1, 3), (1, 4), (2, 3), (2, 4), (5, 3)]
    >>> r, c = zip(*e); b = sp.csr_matrix((np.ones(16), (r + c, c + r)), shape=(7, 7))
    >>> u, v = np.array([0, 0, 1, 0]), np.array([1, 2, 2, 5])
    >>> fold_twins([[0], [1], [2], [3]], u, v, np.array([1.0, 1.0, 1.0, 0.5]), b)
    ([[0], [3]], {0: [[1], [2]]})

    (a-y: x swapped for its twin y; x-y: a swapped for y, the same shared partners c0, c1.)
    """
    from .scoring import round_scores

    lead = np.array([g[0] for g in groups], dtype=np.int64)
    if len(lead) < 2:
        return groups, {}
    rounded = round_scores(score[lead]).tolist()
    limit = len(u) if among is None else among
    salt = np.random.default_rng(12345).integers(1, 2**62, size=b.shape[0], dtype=np.int64)

    def hashed(items) -> int:
        return int(np.bitwise_xor.reduce(salt[np.asarray(sorted(items), dtype=np.int64)])) \
            if len(items) else 0

    def keys(g: list[int]) -> list[tuple]:
        """(score, the row's other partners, how the swapped partner sits) per partner:
        open (its partners) and closed (its partners and itself, for linked twins); and for
        a one-pair row, (score, the partner kept, the pair's shared partners)."""
        names = set(u[g].tolist()) | set(v[g].tolist())
        out = []
        for p in sorted(names):
            nb = b.indices[b.indptr[p]:b.indptr[p + 1]].tolist()
            rest = hashed(names - {p})
            out += [(rounded_i, rest, "open", hashed(nb)),
                    (rounded_i, rest, "closed", hashed(set(nb) | {p}))]
        if len(g) == 1:
            a, c = int(u[g[0]]), int(v[g[0]])
            shared = np.intersect1d(b.indices[b.indptr[a]:b.indptr[a + 1]],
                                    b.indices[b.indptr[c]:b.indptr[c + 1]])
            if len(shared):
                out += [(rounded_i, hashed({p}), "shared", hashed(shared.tolist()))
                        for p in (a, c)]
        return out
    seen: dict[tuple, int] = {}   # key -> the kept row it belongs to
    kept: list[list[int]] = []
    folded: dict[int, list[list[int]]] = {}
    for i, g in enumerate(groups):
        if lead[i] >= limit:
            kept.append(g)
            continue
        rounded_i = rounded[i]
        mine = keys(g)
        into = next((seen[k] for k in mine if k in seen), None)
        if into is None:
            kept.append(g)
            for k in mine:
                seen.setdefault(k, int(lead[i]))
        else:
            folded.setdefault(into, []).append(g)
    return kept, folded


def mmr_order(score: np.ndarray, gap_key: np.ndarray, partners: list[set[int]], top: int,
              diversity: float) -> list[int]:
    """Maximal marginal relevance: repeatedly take the item maximising
    ``(1 - diversity) * score / max score - diversity * similarity`` to those taken, where
    similarity is 1 for an item closing the same gap (``gap_key``, e.g. the community
    pair) and 0.5 for one sharing a partner. ``diversity=0``: the ranking as it is.
    Ties: the earlier item (the ranking's order).

    Examples
    --------
    >>> mmr_order(np.array([1.0, 0.99, 0.5]), np.array([7, 7, 8]), [{0, 1}, {0, 2}, {3, 4}],
    ...           3, 0.5)
    [0, 2, 1]
    """
    m = len(score)
    if m == 0:
        return []
    if diversity <= 0:
        return list(range(min(top, m)))
    rel = score / (np.max(np.abs(score)) or 1.0)
    sim = np.zeros(m)
    chosen: list[int] = []
    free = np.ones(m, dtype=bool)
    owner: dict[int, list[int]] = {}
    for i, ps in enumerate(partners):
        for p in ps:
            owner.setdefault(p, []).append(i)
    while len(chosen) < min(top, m):
        value = np.where(free, (1 - diversity) * rel - diversity * sim, -np.inf)
        i = int(np.argmax(value))
        chosen.append(i)
        free[i] = False
        sim = np.maximum(sim, np.where(gap_key == gap_key[i], 1.0, 0.0))
        for p in partners[i]:
            sim[owner[p]] = np.maximum(sim[owner[p]], 0.5)
    return chosen


def cap_groups(groups: list[list[int]], u: np.ndarray, v: np.ndarray,
               cap: int | None) -> list[list[int]]:
    """Groups (best first) with no partner in more than ``cap`` of them (a group counts
    once for each partner it names: its anchor and all the members it stands for).

    Examples
    --------
    >>> u, v = np.array([0, 0, 0, 5, 0]), np.array([1, 2, 3, 1, 4])
    >>> cap_groups([[0, 1, 2], [3], [4]], u, v, 1)
    [[0, 1, 2]]
    """
    if cap is None:
        return groups
    used: dict[int, int] = {}
    out = []
    for g in groups:
        names = set(u[g].tolist()) | set(v[g].tolist())
        if all(used.get(p, 0) < cap for p in names):
            for p in names:
                used[p] = used.get(p, 0) + 1
            out.append(g)
    return out


def goal_multiplier(eco: Ecosystem, comm: np.ndarray, goals: list[str], target: np.ndarray | None,
                     bonus: float, gap_codes: np.ndarray, gap_base: int):
    """``multiplier(r, c)`` of the goals (None without goals), its largest value, and
    ``factors(r, c)`` -> each goal's multiplier per pair (see module notes)."""
    n = eco.n_partners
    helix_code = present = None
    if "sector" in goals:
        from ..gaps.helix import helix_group
        sectors = eco.sectors.to_numpy()
        groups = np.array([helix_group(x) or f"sector:{x}" for x in sectors], dtype=object)
        helix_code, helix_labels = pd.factorize(groups)
        k = int(comm.max()) + 1 if n else 0
        present = np.zeros((max(k, 1), len(helix_labels)), dtype=bool)
        ok = comm >= 0
        present[comm[ok], helix_code[ok]] = True
    cc = None
    if "country" in goals:
        cc = country_codes(eco)
        if cc is None:
            raise InvalidParameterError("favour 'country' needs a 'country' column in the "
                                        "partner table")

    def factors(r: np.ndarray, c: np.ndarray) -> dict[str, np.ndarray]:
        out = {}
        if "community" in goals:
            diff = comm[r] != comm[c]
            lo, hi = np.minimum(comm[r], comm[c]), np.maximum(comm[r], comm[c])
            is_gap = (np.isin(lo * gap_base + hi, gap_codes) if len(gap_codes)
                      else np.zeros(len(r), bool))
            out["community"] = np.where(is_gap & diff, 1.0 + 2 * bonus,
                                        np.where(diff, 1.0 + bonus, 1.0))
        if "sector" in goals:
            diff = helix_code[r] != helix_code[c]
            fills = (~present[np.maximum(comm[r], 0), helix_code[c]]) | (
                ~present[np.maximum(comm[c], 0), helix_code[r]])
            out["sector"] = np.where(diff & fills, 1.0 + 2 * bonus,
                                     np.where(diff, 1.0 + bonus, 1.0))
        if cc is not None:
            diff = (cc[r] != cc[c]) & (cc[r] >= 0) & (cc[c] >= 0)
            out["country"] = np.where(diff, 1.0 + bonus, 1.0)
        if target is not None:
            out["target"] = np.where(target[r] | target[c], 1.0 + bonus, 1.0)
        return out

    def multiplier(r: np.ndarray, c: np.ndarray) -> np.ndarray:
        m = np.ones(len(r))
        for f in factors(r, c).values():
            m = m * f
        return m

    top_factor = 1.0
    for g in goals:
        top_factor *= (1.0 + 2 * bonus) if g in ("community", "sector") else (1.0 + bonus)
    if target is not None:
        top_factor *= 1.0 + bonus
    if not goals and target is None:
        return None, 1.0, factors
    return multiplier, top_factor, factors
