"""Time reading and scoring a large partner survey: 2,000 organisations, 20,000 ratings.

A seeded synthetic ecosystem (2,000 partners, ~10,000 ties, 4 sectors) and a wide survey
export (one row per rating, the six PARTNER items, two waves of 10,000 ratings, Korean
headers, UTF-8 CSV) are written to a temporary folder; then, in this process, each stage is
timed (best of ``--repeat`` runs, wall and CPU): reading and validating the survey against
the ecosystem, scoring trust and value (ties, partners, groups, gaps, bridges, waves), and
the risk matrix. Usage::

    nice -n 19 python benchmarks/bench_trust.py [--orgs 2000] [--ratings 20000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make(folder: Path, orgs: int, ratings: int, seed: int = 7) -> tuple[Path, Path, Path]:
    rng = np.random.default_rng(seed)
    ids = [f"O{i:05d}" for i in range(orgs)]
    names = [f"기관 {i:05d}" for i in range(orgs)]
    sectors = rng.choice(["company", "university", "institute", "government"], orgs)
    pd.DataFrame({"id": ids, "name": names, "sector": sectors}).to_csv(folder / "partners.csv",
                                                                        index=False)
    per_wave = ratings // 2
    pairs = set()
    while len(pairs) < per_wave // 2 + per_wave // 8:
        a, b = rng.integers(0, orgs, 2)
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    pairs = sorted(pairs)
    pd.DataFrame({"source": [ids[a] for a, _ in pairs],
                  "target": [ids[b] for _, b in pairs]}).to_csv(folder / "relations.csv",
                                                                 index=False)
    rows = []
    for wave in (1, 2):
        directed = [(a, b) for a, b in pairs] + [(b, a) for a, b in pairs]
        pick = rng.choice(len(directed), per_wave, replace=False)
        for k in pick:
            a, b = directed[k]
            rows.append((wave, names[a], names[b]))
    frame = pd.DataFrame(rows, columns=["차수", "응답기관", "파트너"])
    for col in ("신뢰성", "미션 공유", "소통 개방성", "영향력", "참여 수준", "자원 기여"):
        frame[col] = rng.integers(1, 5, len(frame))
    frame.to_csv(folder / "survey.csv", index=False)
    return folder / "relations.csv", folder / "partners.csv", folder / "survey.csv"


def timed(func, repeat: int):
    best_wall, best_cpu, out = float("inf"), float("inf"), None
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        out = func()
        best_wall = min(best_wall, time.perf_counter() - w)
        best_cpu = min(best_cpu, time.process_time() - c)
    return out, best_wall, best_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=2000)
    parser.add_argument("--ratings", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import ecosystem as es
    from ecosystem.analysis.communities import detect_communities
    from ecosystem.analysis.fragility import fragility
    from ecosystem.analysis.risk import risk_matrix
    from ecosystem.analysis.trust import trust_scores
    from ecosystem.io.survey import read_survey

    with tempfile.TemporaryDirectory() as tmp:
        rel, part, survey_file = make(Path(tmp), args.orgs, args.ratings)
        eco = es.load(str(rel), str(part))
        partition = detect_communities(eco, seed=0)
        frag = fragility(eco)
        survey, w1, c1 = timed(lambda: read_survey(survey_file, eco=eco), args.repeat)
        res, w2, c2 = timed(lambda: trust_scores(survey, eco, partition=partition,
                                                 fragility=frag), args.repeat)
        _, w3, c3 = timed(lambda: risk_matrix(eco, frag, trust=res, partition=partition),
                          args.repeat)
    print(f"ecosystem: {eco.n_partners:,} partners, {eco.n_ties:,} ties; survey: "
          f"{len(res.directed):,} ratings ({len(survey.ratings):,} answers), waves {res.waves}")
    print("| stage | wall (best of %d) | CPU |" % args.repeat)
    print("|---|---|---|")
    for name, w, c in (("read + validate survey", w1, c1), ("trust_scores", w2, c2),
                       ("risk_matrix", w3, c3), ("total", w1 + w2 + w3, c1 + c2 + c3)):
        print(f"| {name} | {w:.2f} s | {c:.2f} s |")


if __name__ == "__main__":
    main()
