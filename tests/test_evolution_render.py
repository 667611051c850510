"""The evolution report section, period maps with shared positions, the slider page."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from ecosystem import Ecosystem
from ecosystem.analysis.temporal import evolve
from ecosystem.render.evolution import (color_slots, evolution_map_specs, evolution_section, period_x,
                                        slider_page)
from evolution_history import BROKER, history_ecosystem

EVIL = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def evolution():
    return evolve(history_ecosystem(), seed=0)


@pytest.fixture(scope="module")
def section_en(evolution):
    return evolution_section(evolution)


def test_section_context_en(evolution, section_en):
    sec = section_en
    assert sec["id"] == "evolution" and sec["title"] == "Evolution"
    assert "5 periods (2018 to 2022)" in sec["intro"] and "cumulative" in sec["intro"]
    titles = [c["title"] for c in sec["charts"]]
    assert titles[0] == "Size over time" and "Health indicators over time" in titles
    assert titles[-1] == "Anchor rank over time (1 = top)"
    for chart in sec["charts"]:
        assert chart["svg"].startswith("<svg") and chart["svg"].count("<svg") == 1
    rank_svg = sec["charts"][-1]["svg"]
    assert "Rising Broker 주식회사" in rank_svg          # top anchor of the last period
    tables = {t["title"]: t for t in sec["tables"]}
    periods = tables["Periods"]
    assert [r["period"] for r in periods["records"]] == evolution.labels
    assert periods["columns"][:3] == ["Period", "Partners", "Relations"]
    assert periods["numeric"][:3] == [False, True, True]
    assert periods["rows"][0][:3] == ["2018", "41", "158"]          # display text
    overall = tables["Biggest movers overall (2018 to 2022)"]["records"]
    assert overall[0]["name"] == "Rising Broker 주식회사" and overall[0]["change"] == 40
    events = tables["Community life cycle"]["records"]
    assert any(r["event"] == "merge" and r["period"] == "2021" for r in events)
    assert all(r["event"] != "continue" for r in events)
    changes = tables["Entrants and exits"]["records"]
    assert {"period": "2020", "change": "entered", "count": 5} in [
        {k: r[k] for k in ("period", "change", "count")} for r in changes]
    assert sec["provenance"]["seed"] == 0
    json.dumps({k: v for k, v in sec.items() if k != "provenance"})    # plain data


def test_section_context_ko(evolution):
    sec = evolution_section(evolution, lang="ko")
    assert sec["title"] == "생태계 변화"
    assert [c["title"] for c in sec["charts"]][0] == "규모 추이"
    events = {t["title"]: t for t in sec["tables"]}["커뮤니티 생애주기"]["records"]
    merge = [r for r in events if r["event"] == "병합"]
    assert merge and merge[0]["description"].endswith("병합")
    with pytest.raises(Exception):
        evolution_section(evolution, lang="fr")


def test_names_are_escaped_in_charts():
    eco = Ecosystem.from_edges([("hub", "a"), ("hub", "b"), ("hub", "c"), ("a", "b"), ("c", "d")],
                               partners=pd.DataFrame({"id": ["hub", "a", "b", "c", "d"],
                                                      "name": [EVIL, "A", "B", "C", "D"]}))
    eco = eco.replace(relations=eco.relations.assign(year=[2020, 2020, 2021, 2021, 2021]))
    sec = evolution_section(evolve(eco))
    svg = sec["charts"][-1]["svg"]
    assert "<script" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg


def test_period_x_is_a_decimal_year(evolution):
    assert period_x(evolution) == [2018.0, 2019.0, 2020.0, 2021.0, 2022.0]
    quarters = evolve(history_ecosystem(), bins=["2018-01-01", "2018-04-01", "2018-10-01"])
    assert period_x(quarters) == [2018.0, 2018.25]


def test_slider_page_escapes_labels_and_files():
    page = slider_page([("2020", "a.html", 3, 2), (f"{EVIL}</script>", "b.html\"><x", 4, 5)],
                       title=EVIL)
    assert EVIL not in page and page.count("</script>") == 2    # the JSON block and the script
    assert 'type="range"' in page and 'max="1"' in page
    data = json.loads(re.search(r'<script type="application/json" id="periods">(.*?)</script>',
                                page, re.S).group(1))
    assert data[1]["label"] == f"{EVIL}</script>" and data[1]["file"] == "b.html\"><x"
    assert "http://" not in page and "https://" not in page


def test_period_maps_share_positions_and_stable_community_colours(evolution):
    specs = evolution_map_specs(evolution, seed=0)
    assert [label for label, _ in specs] == evolution.labels
    pos = {}
    for label, spec in specs:
        nodes = {n["id"]: n for n in spec["nodes"]}
        assert set(nodes) == set(evolution.snapshot(label).eco.ids)
        stable = evolution.partitions[label].membership
        pairs = {(stable[pid], node["community"]) for pid, node in nodes.items()}
        assert len(pairs) == len({a for a, _ in pairs}) == len({b for _, b in pairs})  # 1:1
        legend = " ".join(i["label"] for i in spec["colorings"]["community"]["items"])
        assert all(f"Community C{c}" in legend for c in set(stable))
        for pid, node in nodes.items():
            pos.setdefault(pid, set()).add((node["x"], node["y"]))
    assert all(len(xy) == 1 for xy in pos.values())      # same place in every period
    colours = {label: {n["id"]: n["color"] for n in spec["nodes"]} for label, spec in specs}
    # a0's community continues (and absorbs B in 2021): it keeps its colour throughout
    assert len({colours[label]["a0"] for label in evolution.labels}) == 1
    assert BROKER in colours["2018"] and "e0" not in colours["2019"]


def test_colour_slots_are_reused_only_after_a_community_is_gone():
    class Fake:
        labels = ["1", "2", "3"]
        communities = pd.DataFrame({"period": ["1", "1", "2", "2", "3", "3"],
                                    "community": [0, 1, 1, 2, 2, 3],
                                    "size": [9, 5, 5, 4, 4, 8]})

    slots = color_slots(Fake(), n_colors=2)
    assert slots == {"1": {0: 0, 1: 1}, "2": {1: 1, 2: 0}, "3": {2: 0, 3: 1}}
    assert color_slots(Fake(), n_colors=1)["1"] == {0: 0, 1: 2}      # no slot left: grey


def test_period_maps_can_colour_entrants(evolution):
    specs = dict(evolution_map_specs(evolution, color_by="change"))
    nodes = {n["id"]: n for n in specs["2020"]["nodes"]}
    entered = sorted(pid for pid, n in nodes.items() if n["attributes"]["change"] == "entered")
    assert entered == [f"e{i}" for i in range(5)]
    assert specs["2020"]["color_by"] == "change"
    assert {"community", "sector", "change"} <= set(specs["2020"]["colorings"])
    assert len({nodes["e0"]["color"], nodes["a0"]["color"]}) == 2
