#!/usr/bin/env python3
"""Generate the demo's SYNTHETIC partner survey (two waves), from partners.csv and relations.csv.

Every answer is invented by this script; no organisation was asked anything. The survey
follows the PARTNER Tool's relational questions (trust: reliability, shared mission,
openness to discussion; value: power/influence, level of involvement, resource
contribution; 1-4) plus collaboration frequency (1-5), with Korean headers as a Korean
programme office would export them from a web form (wide layout: one row per
respondent-partner pair).

How the answers are made (seeded ``random.Random``):

* wave 1 (차수 1) asks every partner with a relation that started by 2024-06-30 about
  the partners it works with by then; wave 2 (차수 2) asks about every relation;
* 72 % of the organisations answer in each wave (a few key partners always do); a
  respondent forgets to list 8 % of its partners (one-sided ties);
* a pair's base trust is ``1 + 3 x`` the ``trust`` column of relations.csv (the
  partnership team's score), value follows the relation ``weight``; each rater adds its
  own bias (sd 0.2) and each answer noise (sd 0.35), rounded into 1-4;
* built-in stories: 판교스마트시티랩 (the smart-city group's only link) answers wave 1 but
  not wave 2, and its partners rate it low on reliability, lower in wave 2; 대한모터스 rates its suppliers much higher than they
  rate it on openness and power (perception gaps); trust in the biohealth cluster rises
  between the waves.

Usage::

    python datasets/demo/make_survey.py            # writes partner_survey_synthetic.csv here
    python datasets/demo/make_survey.py --out DIR

Re-running reproduces the file byte for byte (UTF-8, ``\\n`` line ends).
"""
from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

SEED = 20240502
HERE = Path(__file__).resolve().parent
FILE = "partner_survey_synthetic.csv"
HEADER = ["차수", "응답기관", "파트너", "신뢰성", "미션 공유", "소통 개방성", "영향력", "참여 수준",
          "자원 기여", "협력 빈도"]
ALWAYS = {"경기혁신진흥원", "한국미래기술대학교", "대한모터스", "Seoul Deep Tech Partners"}
WAVE1_END = "2024-06-30"


def _clip(x: float, lo: int = 1, hi: int = 4) -> int:
    return int(min(hi, max(lo, round(x))))


def build(here: Path = HERE) -> list[list[str]]:
    rng = random.Random(SEED)
    with open(here / "partners.csv", encoding="utf-8") as fh:
        partners = {r["id"]: r for r in csv.DictReader(fh)}
    with open(here / "relations.csv", encoding="utf-8") as fh:
        relations = list(csv.DictReader(fh))
    pairs: dict[tuple[str, str], dict] = {}
    for r in relations:
        a, b = sorted((r["source"], r["target"]))
        p = pairs.setdefault((a, b), {"trust": [], "weight": 0, "first": r["date"],
                                      "count": 0})
        p["trust"].append(float(r["trust"]))
        p["weight"] = max(p["weight"], int(r["weight"]))
        p["first"] = min(p["first"], r["date"])
        p["count"] += 1
    name = {i: p["name"] for i, p in partners.items()}
    cluster = {i: p["cluster"] for i, p in partners.items()}
    by_name = {v: k for k, v in name.items()}
    pangyo, daehan = by_name["판교스마트시티랩"], by_name["대한모터스"]
    bias = {i: rng.gauss(0, 0.2) for i in sorted(partners)}
    rows: list[list[str]] = []
    for wave in (1, 2):
        active = {k: v for k, v in pairs.items() if wave == 2 or v["first"] <= WAVE1_END}
        orgs = sorted({x for k in active for x in k})
        answered = {o for o in orgs if name[o] in ALWAYS or rng.random() < 0.72}
        if wave == 2:
            answered.discard(pangyo)  # the story: it stops answering
        else:
            answered.add(pangyo)
        for rater in orgs:
            if rater not in answered:
                continue
            mine = sorted((b if a == rater else a, v) for (a, b), v in active.items()
                          if rater in (a, b))
            for ratee, info in mine:
                if rng.random() < 0.08:
                    continue  # forgot to list this partner
                base_t = 1 + 3 * sum(info["trust"]) / len(info["trust"]) + bias[rater]
                base_v = 1 + 3 * (info["weight"] - 1) / 4 + 0.4 + bias[rater] / 2
                rel = mis = opn = base_t
                pw = inv = res = base_v
                if ratee == pangyo:
                    rel -= 1.3 + (0.5 if wave == 2 else 0.0)
                    opn -= 0.5
                    inv -= 0.6
                if rater == daehan:
                    opn, pw = opn + 1.2, pw + 1.0
                elif ratee == daehan:
                    opn, pw = opn - 1.3, pw - 1.0
                if wave == 2 and cluster[rater] == "biohealth" and cluster[ratee] == "biohealth":
                    rel, mis, opn = rel + 0.6, mis + 0.5, opn + 0.5
                answers = [_clip(x + rng.gauss(0, 0.35)) for x in (rel, mis, opn, pw, inv, res)]
                freq = _clip(1 + info["count"] + rng.gauss(0.8, 0.8), 1, 5)
                rows.append([str(wave), name[rater], name[ratee]] + [str(a) for a in answers]
                            + [str(freq)])
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(HERE), help="output folder (default: here)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = build()
    with open(out / FILE, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    print(f"wrote {out / FILE}: {len(rows)} rated pairs")


if __name__ == "__main__":
    main()
