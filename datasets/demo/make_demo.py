#!/usr/bin/env python3
"""Generate the demo ecosystem: a synthetic regional open-innovation network.

The story: a Gyeonggi-Seoul (Korea) innovation region with four industry clusters —
mobility, biohealth, energy, semiconductors & AI — plus a small smart-city group, a
few international partners, regional and national agencies, investors and NGOs.
All organisation names are FICTIONAL; any resemblance to real organisations is
coincidental. Relations are typed, dated (2018-2025) and weighted.

Built-in structure (so analyses have something to find):

* clusters: dense ties inside each of the four industry clusters;
* brokers: 경기혁신진흥원 (regional agency), 한국미래기술대학교 (big university),
  Seoul Deep Tech Partners (investor) and 대한모터스 (a conglomerate) span clusters;
* gaps: the energy cluster has no university; the biohealth cluster has no investor
  (and no investment relation); mobility has no NGO;
* a single point of failure: 판교스마트시티랩 is the only link between the smart-city
  group (7 partners) and everyone else — its exit splits that group off;
* isolates: 5 partners with no relation yet (new members of the regional programme);
* investor -> startup ``investment`` relations (source = investor).

Usage::

    python datasets/demo/make_demo.py            # writes partners.csv, relations.csv here
    python datasets/demo/make_demo.py --out DIR  # elsewhere

Re-running reproduces both files byte for byte (seeded ``random.Random``; plain CSV,
UTF-8 without BOM, ``\\n`` line ends).
"""
from __future__ import annotations

import argparse
import csv
import random
from datetime import date, timedelta
from pathlib import Path

SEED = 20240501
HERE = Path(__file__).resolve().parent

# partners per cluster and sector (plus the fixed brokers, smart-city group and isolates)
PLAN = {
    "mobility": {"corporate": 4, "SME": 14, "startup": 18, "university": 2, "research institute": 3,
                 "government": 2, "investor": 2, "NGO": 0},
    "biohealth": {"corporate": 4, "SME": 12, "startup": 17, "university": 3, "research institute": 4,
                  "government": 2, "investor": 0, "NGO": 2},
    "energy": {"corporate": 5, "SME": 13, "startup": 13, "university": 0, "research institute": 4,
               "government": 2, "investor": 2, "NGO": 2},
    "semiconductor_ai": {"corporate": 5, "SME": 14, "startup": 20, "university": 3,
                         "research institute": 3, "government": 2, "investor": 3, "NGO": 1},
}

KO_PREFIX = ["한빛", "누리", "미래", "새롬", "다온", "온누리", "해솔", "가온", "하람", "비전", "세움",
             "빛나래", "푸른", "한결", "도담", "라온", "아름", "별빛", "초록", "유니", "미르", "청람",
             "은하", "바른", "두리", "나래", "한울", "소망", "으뜸", "참빛", "태양", "해든", "다솜"]
EN_PREFIX = ["Nordvolt", "Aster", "Kestrel", "Lumen", "Helix", "Orbital", "Vireo", "Quanta",
             "Cobalt", "Meridian", "Solace", "Tessera", "Arcadia", "Brightline", "Polaris",
             "Veridian", "Halcyon", "Northwind", "Sable", "Cirrus"]
DOMAIN_KO = {"mobility": ["모빌리티", "오토텍", "모터스", "드라이브", "배터리팩", "라이다"],
             "biohealth": ["바이오", "헬스케어", "메디칼", "제약", "진단", "셀테라퓨틱스"],
             "energy": ["에너지", "파워", "솔라", "수소", "그리드", "에코"],
             "semiconductor_ai": ["반도체", "칩스", "AI랩", "비전AI", "팹리스", "로보틱스"]}
DOMAIN_EN = {"mobility": ["Mobility", "Autotech", "Drive Systems", "EV Labs"],
             "biohealth": ["Bio", "Therapeutics", "Diagnostics", "Health"],
             "energy": ["Energy", "Hydrogen", "Solar", "Grid"],
             "semiconductor_ai": ["Semiconductor", "AI", "Silicon", "Robotics"]}
COUNTRY = {"mobility": [("DE", "Stuttgart"), ("US", "Detroit"), ("JP", "Nagoya")],
           "biohealth": [("US", "Boston"), ("CH", "Basel"), ("SG", "Singapore")],
           "energy": [("DK", "Aarhus"), ("DE", "Hamburg"), ("AU", "Perth")],
           "semiconductor_ai": [("US", "San Jose"), ("NL", "Eindhoven"), ("TW", "Hsinchu")]}
KO_CITIES = {"mobility": ["화성", "수원", "평택"], "biohealth": ["성남", "인천", "서울"],
             "energy": ["안산", "시흥", "울산"], "semiconductor_ai": ["용인", "이천", "판교", "서울"]}

FIXED = [
    # id-free named partners: (name, sector, cluster, country, city)
    ("경기혁신진흥원", "government", "regional", "KR", "수원"),
    ("한국미래기술대학교", "university", "regional", "KR", "대전"),
    ("Seoul Deep Tech Partners", "investor", "regional", "KR", "서울"),
    ("대한모터스", "corporate", "mobility", "KR", "서울"),
    ("산업혁신부 지역산업과", "government", "regional", "KR", "세종"),
    ("K-Innovation Growth Fund", "investor", "regional", "KR", "서울"),
    ("경기창업허브", "NGO", "regional", "KR", "판교"),
    ("Korea Open Innovation Forum", "NGO", "regional", "KR", "서울"),
    ("판교스마트시티랩", "research institute", "smart_city", "KR", "판교"),
]
SMART_CITY = [("스마트파킹솔루션", "startup"), ("도시데이터연구소", "research institute"),
              ("UrbanSense Ltd", "startup"), ("그린모빌리티시티", "SME"), ("성남시 스마트도시과", "government"),
              ("CityTwin Labs", "startup"), ("안심가로등", "SME")]
ISOLATES = [("온새미로 푸드테크", "startup", "biohealth"), ("Fjord Carbon Capture AS", "SME", "energy"),
            ("하늘드론", "startup", "mobility"), ("큐비트웨이브", "startup", "semiconductor_ai"),
            ("Lotus Impact Ventures", "investor", "regional")]

TYPES_BY_PAIR = {
    frozenset(["investor", "startup"]): ["investment"],
    frozenset(["investor", "SME"]): ["investment"],
    frozenset(["corporate", "startup"]): ["pilot", "pilot", "licence", "investment", "joint R&D"],
    frozenset(["corporate", "SME"]): ["supply", "supply", "joint R&D"],
    frozenset(["corporate", "university"]): ["joint R&D", "joint R&D", "licence"],
    frozenset(["corporate", "research institute"]): ["joint R&D", "consortium", "licence"],
    frozenset(["university", "startup"]): ["licence", "joint R&D"],
    frozenset(["university", "research institute"]): ["joint R&D", "consortium"],
    frozenset(["government"]): ["grant", "MoU", "consortium"],
    frozenset(["NGO"]): ["MoU", "MoU", "consortium"],
}
WEIGHT_BY_TYPE = {"joint R&D": (3, 5), "consortium": (2, 4), "licence": (2, 4), "investment": (3, 5),
                  "pilot": (2, 4), "supply": (1, 3), "grant": (2, 4), "MoU": (1, 2)}


def relation_type(rng: random.Random, a: str, b: str) -> str:
    for key in (frozenset([a, b]),):
        if key in TYPES_BY_PAIR:
            return rng.choice(TYPES_BY_PAIR[key])
    if "government" in (a, b):
        return rng.choice(TYPES_BY_PAIR[frozenset(["government"])])
    if "NGO" in (a, b):
        return rng.choice(TYPES_BY_PAIR[frozenset(["NGO"])])
    if "investor" in (a, b):
        return "MoU"
    return rng.choice(["joint R&D", "consortium", "pilot", "MoU"])


def make_partners(rng: random.Random) -> list[dict]:
    partners: list[dict] = []
    used: set[str] = set()

    def add(name, sector, cluster, country, city, founded):
        partners.append({"id": f"P{len(partners) + 1:03d}", "name": name, "sector": sector,
                         "cluster": cluster, "country": country, "city": city, "founded": founded})
        used.add(name)

    for name, sector, cluster, country, city in FIXED:
        add(name, sector, cluster, country, city, rng.randint(1965, 2012))
    for cluster, plan in PLAN.items():
        for sector, count in plan.items():
            for _ in range(count):
                international = rng.random() < (0.3 if sector in ("corporate", "SME", "investor",
                                                                 "research institute") else 0.12)
                if sector in ("government",):
                    international = False
                for _attempt in range(100):
                    if international:
                        stem = f"{rng.choice(EN_PREFIX)} {rng.choice(DOMAIN_EN[cluster])}"
                        name = {"corporate": f"{stem} AG" if rng.random() < .5 else f"{stem} Inc.",
                                "SME": f"{stem} GmbH", "startup": stem,
                                "university": f"University of {rng.choice(COUNTRY[cluster])[1]}",
                                "research institute": f"{rng.choice(COUNTRY[cluster])[1]} Institute of {DOMAIN_EN[cluster][0]}",
                                "investor": f"{stem} Ventures", "NGO": f"{stem} Foundation"}[sector]
                        country, city = rng.choice(COUNTRY[cluster])
                    else:
                        stem = f"{rng.choice(KO_PREFIX)}{rng.choice(DOMAIN_KO[cluster])}"
                        city = rng.choice(KO_CITIES[cluster])
                        name = {"corporate": f"{stem}그룹" if rng.random() < .5 else f"{stem}(주)",
                                "SME": f"(주){stem}", "startup": stem,
                                "university": f"{city}{rng.choice(['과학기술', '공과', '국립'])}대학교"
                                              + ("" if rng.random() < .6 else " 산학협력단"),
                                "research institute": rng.choice([
                                    f"한국{DOMAIN_KO[cluster][0]}연구원", f"{city}{DOMAIN_KO[cluster][0]}기술센터",
                                    f"{stem}연구소", f"경기{DOMAIN_KO[cluster][0]}융합연구원"]),
                                "government": f"{city}시 {DOMAIN_KO[cluster][0]}산업지원센터",
                                "investor": f"{stem}인베스트먼트",
                                "NGO": f"{DOMAIN_KO[cluster][0]}산업협회" if rng.random() < .5
                                else f"사단법인 {stem}포럼"}[sector]
                        country = "KR"
                    if name not in used:
                        break
                founded = rng.randint(2012, 2022) if sector == "startup" else rng.randint(1950, 2015)
                add(name, sector, cluster, country, city, founded)
    for name, sector in SMART_CITY:
        add(name, sector, "smart_city", "KR" if not name.isascii() else "GB", "성남"
            if not name.isascii() else "London", rng.randint(2010, 2021))
    for name, sector, cluster in ISOLATES:
        add(name, sector, cluster, "KR" if not name.isascii() else
            ("NO" if "Fjord" in name else "SG"), "서울" if not name.isascii() else
            ("Bergen" if "Fjord" in name else "Singapore"), rng.randint(2019, 2024))
    return partners


def random_date(rng: random.Random) -> str:
    start = date(2018, 1, 1)
    return (start + timedelta(days=rng.randint(0, (date(2025, 12, 31) - start).days))).isoformat()


def make_relations(rng: random.Random, partners: list[dict]) -> list[dict]:
    by_name = {p["name"]: p for p in partners}
    isolates = {name for name, _, _ in ISOLATES}
    active = [p for p in partners if p["name"] not in isolates]
    rels: list[dict] = []
    seen_pairs: set[tuple[str, str]] = set()

    def add(a: dict, b: dict, rtype: str | None = None) -> None:
        if a["id"] == b["id"]:
            return
        if rtype is None:
            rtype = relation_type(rng, a["sector"], b["sector"])
        if rtype == "investment":
            if a["sector"] not in ("investor", "corporate"):
                a, b = b, a
            if a["sector"] == "corporate" and b["sector"] == "investor":
                rtype = "MoU"
        if rtype == "investment" and (a["cluster"] == "biohealth" or b["cluster"] == "biohealth") \
                and a["sector"] == "investor":
            rtype = "MoU"  # biohealth has no investor ties by design (a gap)
        lo, hi = WEIGHT_BY_TYPE[rtype]
        row = {"source": a["id"], "target": b["id"], "type": rtype, "date": random_date(rng),
               "weight": rng.randint(lo, hi), "trust": f"{rng.uniform(0.35, 1.0):.2f}",
               "amount_krw_m": str(rng.choice([300, 500, 800, 1200, 2000, 3500, 5000]))
               if rtype in ("investment", "licence", "grant") else ""}
        rels.append(row)
        seen_pairs.add(tuple(sorted((a["id"], b["id"]))))

    clusters = {c: [p for p in active if p["cluster"] == c] for c in PLAN}
    for c, members in clusters.items():
        # preferential attachment inside the cluster: corporates/universities/institutes attract
        attract = [4.0 if p["sector"] in ("corporate", "university", "research institute") else
                   2.5 if p["sector"] in ("government", "investor") else 1.0 for p in members]
        n_ties = int(len(members) * 3.2)
        for _ in range(n_ties):
            a = rng.choices(members, weights=attract)[0]
            b = rng.choices(members, weights=attract)[0]
            if a is b:
                continue
            pair = tuple(sorted((a["id"], b["id"])))
            if pair in seen_pairs and rng.random() < 0.7:
                continue  # some repeated relations between a pair (multi-year), not too many
            add(a, b)
        # every member gets at least one tie inside its cluster
        hubs = [p for p in members if p["sector"] in ("corporate", "research institute", "university")]
        for p in members:
            if not any(p["id"] in pair for pair in seen_pairs):
                add(p, rng.choice(hubs))
        # investors invest in this cluster's startups
        for inv in [p for p in members if p["sector"] == "investor"]:
            for s in rng.sample([p for p in members if p["sector"] == "startup"], 4):
                add(inv, s, "investment")
    # brokers across clusters
    agency = by_name["경기혁신진흥원"]
    uni = by_name["한국미래기술대학교"]
    vc = by_name["Seoul Deep Tech Partners"]
    chaebol = by_name["대한모터스"]
    ministry = by_name["산업혁신부 지역산업과"]
    fund = by_name["K-Innovation Growth Fund"]
    hub_ngo = by_name["경기창업허브"]
    forum = by_name["Korea Open Innovation Forum"]
    for c, members in clusters.items():
        for p in rng.sample(members, 4):
            add(agency, p, rng.choice(["grant", "grant", "consortium", "MoU"]))
        if c != "energy":  # the energy cluster has no university: the big one stays out too
            for p in rng.sample([m for m in members if m["sector"] in ("corporate", "SME", "startup",
                                                                      "research institute")], 3):
                add(uni, p, rng.choice(["joint R&D", "licence", "consortium"]))
        if c != "biohealth":
            for p in rng.sample([m for m in members if m["sector"] == "startup"], 3):
                add(vc, p, "investment")
            add(fund, rng.choice([m for m in members if m["sector"] == "startup"]), "investment")
        add(ministry, rng.choice([m for m in members if m["sector"] != "government"]), "grant")
        add(hub_ngo, rng.choice([m for m in members if m["sector"] == "startup"]), "MoU")
        add(forum, rng.choice(members), "MoU")
    for c in ("energy", "semiconductor_ai"):
        for p in rng.sample([m for m in clusters[c] if m["sector"] in ("SME", "startup")], 3):
            add(chaebol, p, rng.choice(["supply", "pilot", "joint R&D"]))
    add(agency, uni, "consortium")
    add(agency, ministry, "MoU")
    add(vc, fund, "MoU")
    add(uni, chaebol, "joint R&D")
    # a few weak ties between clusters (not via brokers)
    for _ in range(10):
        c1, c2 = rng.sample(list(PLAN), 2)
        add(rng.choice(clusters[c1]), rng.choice(clusters[c2]))
    # the smart-city group hangs off one lab
    lab = by_name["판교스마트시티랩"]
    group = [by_name[n] for n, _ in SMART_CITY]
    for p in group:
        add(lab, p)
    for _ in range(8):
        a, b = rng.sample(group, 2)
        add(a, b)
    add(lab, by_name["경기혁신진흥원"], "grant")
    add(lab, rng.choice([p for p in clusters["mobility"] if p["sector"] == "corporate"]), "pilot")
    rels.sort(key=lambda r: (r["date"], r["source"], r["target"], r["type"]))
    return rels


def write_csv(path: Path, rows: list[dict], fields: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: this one)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    partners = make_partners(rng)
    relations = make_relations(rng, partners)
    args.out.mkdir(parents=True, exist_ok=True)
    write_csv(args.out / "partners.csv", partners,
              ["id", "name", "sector", "cluster", "country", "city", "founded"])
    write_csv(args.out / "relations.csv", relations,
              ["source", "target", "type", "date", "weight", "trust", "amount_krw_m"])
    print(f"wrote {len(partners)} partners, {len(relations)} relations to {args.out}")


if __name__ == "__main__":
    main()
