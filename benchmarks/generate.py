"""Seeded synthetic partner ecosystems for the benchmark suite.

A degree-corrected stochastic block model ("LFR-like", as in the project's performance
research): every partner gets a Pareto-distributed fitness (degree exponent about 2.5,
expected degree capped at ``n ** 0.65``), partners are split into communities with heavy-tailed sizes,
about 75 % of ties fall inside a community, and the graph is simple (no self-ties, one
tie per pair) with ``m`` ties. On top of the graph structure the generator adds what a
real partner table has:

* sectors (company, startup, university, research institute, government, NGO, investor),
  correlated with the communities (each community has a dominant sector);
* typed relations (joint R&D, pilot, licence, investment, consortium, MoU), with
  investors mostly investing, and about 10 % of pairs holding a second relation of
  another type (so ``relations > ties``, which exercises aggregation);
* integer weights 1..10 (geometric, heavier inside communities) and a year;
* a country, and a Korean display name for every tenth partner (report fonts).

Nothing here is imported by the package; run it as a script to write CSV files::

    python benchmarks/generate.py 10000 --out /tmp/eco10k      # 10k partners, 50k ties

Examples
--------
>>> partners, relations = generate(200, seed=1)
>>> len(partners), relations[["source", "target"]].drop_duplicates().shape[0]
(200, 1000)
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

SECTORS = np.array(["company", "startup", "university", "research institute",
                    "government", "NGO", "investor"])
SECTOR_P = np.array([0.30, 0.20, 0.15, 0.12, 0.08, 0.07, 0.08])
TYPES = np.array(["joint R&D", "pilot", "licence", "investment", "consortium", "MoU"])
TYPE_P = np.array([0.32, 0.18, 0.10, 0.05, 0.25, 0.10])
COUNTRIES = np.array(["KR", "US", "DE", "FR", "JP", "CN", "UK", "NL", "SE", "FI", "SG", "IL"])
COUNTRY_P = np.array([0.30, 0.14, 0.10, 0.07, 0.07, 0.07, 0.06, 0.05, 0.04, 0.04, 0.03, 0.03])
KOREAN_STEMS = ["한국", "서울", "대전", "부산", "판교", "인천", "광주", "대구"]
KOREAN_KINDS = {"company": "전자", "startup": "랩스", "university": "대학교",
                "research institute": "연구원", "government": "진흥원", "NGO": "재단",
                "investor": "벤처스"}


def parse_size(text: str) -> int:
    """``"10k"`` -> 10000, ``"1.5m"`` -> 1500000, ``"200"`` -> 200.

    Examples
    --------
    >>> parse_size("10k"), parse_size("200"), parse_size("1.5m")
    (10000, 200, 1500000)
    """
    text = str(text).strip().lower()
    scale = 1
    if text.endswith("k"):
        scale, text = 1_000, text[:-1]
    elif text.endswith("m"):
        scale, text = 1_000_000, text[:-1]
    return int(round(float(text) * scale))


def _community_sizes(n: int, rng: np.random.Generator) -> np.ndarray:
    """Heavy-tailed community sizes (Pareto, exponent 2) summing to ``n``."""
    smallest = 10 if n >= 100 else 3
    largest = max(smallest + 1, int(n ** 0.6) * 3)
    sizes: list[int] = []
    total = 0
    while total < n:
        s = int(min(largest, smallest * (1.0 - rng.random()) ** (-1.0 / 1.1)))
        s = min(s, n - total)
        sizes.append(s)
        total += s
    return np.asarray(sizes, dtype=np.int64)


def _sample_pairs(theta: np.ndarray, community: np.ndarray, m: int, mu_in: float,
                  rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``m`` distinct undirected pairs from the degree-corrected block model."""
    n = len(theta)
    order = np.argsort(community, kind="stable")          # partners grouped by community
    theta_sorted = theta[order]
    cum_sorted = np.cumsum(theta_sorted)
    comm_sorted = community[order]
    n_comm = int(community.max()) + 1
    comm_end = np.searchsorted(comm_sorted, np.arange(n_comm), side="right")
    comm_start = np.concatenate([[0], comm_end[:-1]])
    base = np.concatenate([[0.0], cum_sorted])             # cumulative theta before position
    comm_lo, comm_hi = base[comm_start], base[comm_end]
    p_global = theta / theta.sum()
    cum_global = np.cumsum(p_global)

    seen = np.empty(0, dtype=np.int64)
    inside_flags = np.empty(0, dtype=bool)
    while len(seen) < m:
        k = int((m - len(seen)) * 1.4) + 64
        u = np.minimum(np.searchsorted(cum_global, rng.random(k)), n - 1)
        inside = rng.random(k) < mu_in
        v = np.minimum(np.searchsorted(cum_global, rng.random(k)), n - 1)
        cu = community[u[inside]]
        r = comm_lo[cu] + rng.random(int(inside.sum())) * (comm_hi[cu] - comm_lo[cu])
        pos = np.clip(np.searchsorted(cum_sorted, r, side="right"), comm_start[cu], comm_end[cu] - 1)
        v[inside] = order[pos]
        keep = u != v
        a, b = np.minimum(u, v)[keep], np.maximum(u, v)[keep]
        key = a.astype(np.int64) * n + b
        allkeys = np.concatenate([seen, key])
        allflags = np.concatenate([inside_flags, inside[keep]])
        _, first = np.unique(allkeys, return_index=True)
        first.sort()                                        # keep sampling order
        seen, inside_flags = allkeys[first], allflags[first]
    seen, inside_flags = seen[:m], inside_flags[:m]
    return seen // n, seen % n, inside_flags


def generate(n: int, *, m: int | None = None, mu_in: float = 0.75, multi: float = 0.10,
             seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A seeded synthetic ecosystem: ``(partners, relations)`` tables.

    Parameters
    ----------
    n : int
        Number of partners (all listed in ``partners``; a few low-fitness ones end up
        without ties, as in real partner lists).
    m : int, optional
        Number of distinct tied pairs (default ``5 * n``).
    mu_in : float, default 0.75
        Share of ties drawn inside the partner's community.
    multi : float, default 0.10
        Share of pairs that get a second relation of a different type.
    seed : int, default 0
        Same ``n, m, seed`` -> identical tables.

    Returns
    -------
    partners : DataFrame
        ``id, name, sector, country, planted_community``.
    relations : DataFrame
        ``source, target, type, weight, year``.

    Examples
    --------
    >>> p, r = generate(300, seed=0)
    >>> p.columns.tolist()
    ['id', 'name', 'sector', 'country', 'planted_community']
    >>> bool((r["source"] != r["target"]).all())
    True
    """
    if n < 10:
        raise ValueError(f"n must be at least 10, got {n}")
    m = 5 * n if m is None else int(m)
    if m > n * (n - 1) // 4:
        raise ValueError(f"m={m} is too dense for n={n}")
    rng = np.random.default_rng(seed)
    # fitness: Pareto tail P(theta > x) ~ x^-1.5  ->  degree exponent ~ 2.5
    theta = (1.0 - rng.random(n)) ** (-1.0 / 1.5)
    # cap the expected degree of the biggest hubs at about n ** 0.65 (1k: ~90, 100k: ~1.8k)
    theta = np.minimum(theta, n ** 0.65 * theta.sum() / (2.0 * m))
    sizes = _community_sizes(n, rng)
    community = rng.permutation(np.repeat(np.arange(len(sizes)), sizes))
    src, dst, inside = _sample_pairs(theta, community, m, mu_in, rng)

    # partners
    dominant = rng.choice(len(SECTORS), size=len(sizes), p=SECTOR_P)
    sector_idx = np.where(rng.random(n) < 0.5, dominant[community],
                          rng.choice(len(SECTORS), size=n, p=SECTOR_P))
    sector = SECTORS[sector_idx]
    country = COUNTRIES[rng.choice(len(COUNTRIES), size=n, p=COUNTRY_P)]
    width = len(str(n))
    ids = np.char.add("P", np.char.zfill(np.arange(n).astype(str), width))
    names = np.char.add(np.char.add("Partner ", np.char.zfill(np.arange(n).astype(str), width)),
                        np.char.add(" ", sector))
    names = names.astype(object)
    korean = np.arange(0, n, 10)
    names[korean] = [f"{KOREAN_STEMS[i % len(KOREAN_STEMS)]}{KOREAN_KINDS[sector[i]]} {i}"
                     for i in korean]
    partners = pd.DataFrame({"id": ids, "name": names, "sector": sector, "country": country,
                             "planted_community": community})

    # relations: one per pair, plus a second relation of another type for some pairs
    k = len(src)
    rel_type = rng.choice(len(TYPES), size=k, p=TYPE_P)
    investor = (sector[src] == "investor") | (sector[dst] == "investor")
    rel_type = np.where(investor & (rng.random(k) < 0.7), 3, rel_type)
    weight = np.minimum(np.where(inside, rng.geometric(0.3, size=k), rng.geometric(0.5, size=k)), 10)
    year = rng.integers(2015, 2025, size=k)
    extra = np.flatnonzero(rng.random(k) < multi)
    extra_type = (rel_type[extra] + rng.integers(1, len(TYPES), size=len(extra))) % len(TYPES)
    flip = rng.random(k) < 0.5                              # direction as written in the file
    s_all = np.where(flip, dst, src)
    t_all = np.where(flip, src, dst)
    relations = pd.DataFrame({
        "source": ids[np.concatenate([s_all, s_all[extra]])],
        "target": ids[np.concatenate([t_all, t_all[extra]])],
        "type": TYPES[np.concatenate([rel_type, extra_type])],
        "weight": np.concatenate([weight, np.minimum(rng.geometric(0.5, size=len(extra)), 10)]),
        "year": np.concatenate([year, rng.integers(2015, 2025, size=len(extra))]),
    })
    return partners, relations


def write(n: int, out: str | Path, *, m: int | None = None, seed: int = 0) -> tuple[Path, Path]:
    """Generate and write ``relations.csv`` and ``partners.csv`` (UTF-8) into ``out``.

    Returns ``(relations_path, partners_path)``.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    partners, relations = generate(n, m=m, seed=seed)
    rel_path, part_path = out / "relations.csv", out / "partners.csv"
    relations.to_csv(rel_path, index=False)
    partners.to_csv(part_path, index=False)
    return rel_path, part_path


def describe(partners: pd.DataFrame, relations: pd.DataFrame) -> dict:
    """Summary numbers of a generated ecosystem (for the benchmark report)."""
    a = np.minimum(relations["source"].to_numpy(), relations["target"].to_numpy())
    b = np.maximum(relations["source"].to_numpy(), relations["target"].to_numpy())
    pairs = pd.DataFrame({"a": a, "b": b}).drop_duplicates()
    deg = pd.concat([pairs["a"], pairs["b"]]).value_counts()
    return {"partners": int(len(partners)), "relations": int(len(relations)),
            "ties": int(len(pairs)), "partners_with_ties": int(len(deg)),
            "max_degree": int(deg.max()), "median_degree": float(deg.median()),
            "planted_communities": int(partners["planted_community"].nunique()),
            "wedges": int((deg * (deg - 1) // 2).sum())}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", help="partners, e.g. 1k, 10k, 100k")
    parser.add_argument("--ties", help="distinct tied pairs (default 5 x partners)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True, help="output folder")
    args = parser.parse_args(argv)
    n = parse_size(args.n)
    m = parse_size(args.ties) if args.ties else None
    rel, part = write(n, args.out, m=m, seed=args.seed)
    p, r = pd.read_csv(part), pd.read_csv(rel)
    print(f"wrote {rel} and {part}: {describe(p, r)}")


if __name__ == "__main__":
    main()
