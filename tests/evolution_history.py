"""A seeded dated ecosystem whose history is known (test helper for evolution tests).

History, 2018-2022 (relations carry ``start`` dates spread over each year, some ``end``):

* four communities of 10 partners, ``a0..a9`` (A), ``b0..b9`` (B), ``c0..c9`` (C),
  ``d0..d9`` (D), dense inside (each pair tied with probability 0.7) from 2018, linked
  by single bridges ``a1-b1``, ``a0-c0``, ``b0-d0``, ``c1-d1``;
* **entrants**: ``e0..e4`` join community C in 2020 (nobody else appears for the first
  time in 2020);
* **merge**: in 2021 most A x B pairs tie up (probability 0.6), so A and B become one
  community;
* **rising broker**: ``broker`` has one tie (to ``d5``) in 2018 and adds ties into every
  community each year, so its anchor rank climbs;
* **exits / death**: community D's own ties (and the bridges to D) end on 2020-12-31;
  in 2021 only the partners still tied to the broker remain of D.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ecosystem import Ecosystem

YEARS = (2018, 2019, 2020, 2021, 2022)
GROUPS = {g: [f"{g}{i}" for i in range(10)] for g in "abcd"}
ENTRANTS = [f"e{i}" for i in range(5)]
BROKER = "broker"
BROKER_TIES = {2018: ["d5"], 2019: ["a5"], 2020: ["b5", "c5"],
               2021: ["a6", "b6", "c6", "d6"], 2022: ["a7", "b7", "c7", "c8", "e0"]}
SECTORS = {"a": "company", "b": "university", "c": "research institute", "d": "government",
           "e": "startup"}


def _date(rng: np.random.Generator, year: int) -> str:
    day = int(rng.integers(0, 360))
    return (pd.Timestamp(year=year, month=1, day=1) + pd.Timedelta(days=day)).strftime("%Y-%m-%d")


def history_frames(seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(relations, partners)`` tables of the planted history."""
    rng = np.random.default_rng(seed)
    rows: list[dict] = []

    def add(u, v, year, end=None, kind="joint R&D"):
        rows.append({"source": u, "target": v, "type": kind, "start": _date(rng, year),
                     "end": end or ""})

    for g, members in GROUPS.items():
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                if rng.random() < 0.7:
                    add(members[i], members[j], 2018, "2020-12-31" if g == "d" else None)
        # make every member's first tie certain (a ring), so all 40 start in 2018
        for i in range(len(members)):
            add(members[i], members[(i + 1) % len(members)], 2018,
                "2020-12-31" if g == "d" else None, kind="MoU")
    add("a1", "b1", 2018, kind="pilot")
    add("a0", "c0", 2018, kind="pilot")
    add("b0", "d0", 2018, "2020-12-31", kind="pilot")
    add("c1", "d1", 2018, "2020-12-31", kind="pilot")
    for e in ENTRANTS:
        for c in rng.choice(GROUPS["c"], size=4, replace=False):
            add(e, str(c), 2020)
    add("e0", "e1", 2020)
    add("e2", "e3", 2020)
    for a in GROUPS["a"]:
        for b in GROUPS["b"]:
            if rng.random() < 0.6:
                add(a, b, 2021)
    for year, targets in BROKER_TIES.items():
        for t in targets:
            add(BROKER, t, year, kind="licence")
    relations = pd.DataFrame(rows)
    ids = [m for g in "abcd" for m in GROUPS[g]] + ENTRANTS + [BROKER]
    partners = pd.DataFrame({
        "id": ids,
        "name": [("Rising Broker 주식회사" if i == BROKER else f"Partner {i.upper()}") for i in ids],
        "sector": [("investor" if i == BROKER else SECTORS[i[0]]) for i in ids]})
    return relations, partners


def history_ecosystem(seed: int = 0) -> Ecosystem:
    """The planted history as a validated Ecosystem."""
    relations, partners = history_frames(seed)
    return Ecosystem.from_frames(relations, partners, name="planted")
