"""Dynamic GEXF 1.3: valid against the schema, readable by networkx, spells = evolve's periods."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

import ecosystem as es
from ecosystem import Ecosystem
from ecosystem.pipeline import analyze
from ecosystem.export import export_graph

SCHEMA = Path(__file__).resolve().parent / "data" / "gexf-1.3"
VIZ = "{http://gexf.net/1.3/viz}"
QUICK = {"analyses": {"stability": False, "resilience": False}}


def chain() -> Ecosystem:
    """a-b from 2020, b-c from 2021, c-d in 2022 only (ends 2022-06-30)."""
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d")])
    rel = eco.relations.assign(start=["2020-03-01", "2021-05-01", "2022-02-01"],
                               end=[None, None, "2022-06-30"])
    return eco.replace(relations=rel)


def validate(path: Path) -> None:
    etree = pytest.importorskip("lxml.etree")
    xmlschema = pytest.importorskip("xmlschema")
    rng = etree.RelaxNG(etree.parse(str(SCHEMA / "gexf.rng")))
    doc = etree.parse(str(path))
    assert rng.validate(doc), rng.error_log
    # the generated XSD cannot express the viz namespace (see tests/data/gexf-1.3/README.md):
    # check everything else against it
    for el in [e for e in doc.getroot().iter() if isinstance(e.tag, str) and e.tag.startswith(VIZ)]:
        el.getparent().remove(el)
    xmlschema.XMLSchema(str(SCHEMA / "gexf.xsd")).validate(etree.tostring(doc).decode("utf-8"))


def test_dated_network_gives_a_dynamic_gexf_with_hand_checked_spells(tmp_path):
    path = export_graph(analyze(chain(), QUICK), tmp_path / "chain.gexf")
    validate(path)
    g = nx.read_gexf(path, version="1.3")
    assert g.graph["mode"] == "dynamic"
    assert (g.graph["start"], g.graph["end"]) == ("2020-01-01", "2022-12-31")
    # cumulative yearly snapshots: a, b from 2020; c from 2021; d only in 2022
    spells = {n: d["spells"] for n, d in g.nodes(data=True)}
    assert spells == {"a": [("2020-01-01", "2022-12-31")], "b": [("2020-01-01", "2022-12-31")],
                      "c": [("2021-01-01", "2022-12-31")], "d": [("2022-01-01", "2022-12-31")]}
    ties = {frozenset((u, v)): d["spells"] for u, v, d in g.edges(data=True)}
    assert ties[frozenset("cd")] == [("2022-01-01", "2022-12-31")]
    assert ties[frozenset("bc")] == [("2021-01-01", "2022-12-31")]
    assert g.nodes["b"]["label"] == "b" and "viz" in g.nodes["b"]


def test_demo_gexf_matches_evolve_and_carries_the_anchor_rank_over_time(tmp_path):
    demo = es.load_dataset("demo")
    analysis = analyze(demo, QUICK)
    path = export_graph(analysis, tmp_path / "demo.gexf")
    validate(path)
    g = nx.read_gexf(path, version="1.3")
    periods = analysis.evolution.periods
    for row in periods.itertuples():
        day = f"{row.period}-06-30"
        active = sum(1 for _, d in g.nodes(data=True)
                     if any(s <= day <= e for s, e in d.get("spells", [])))
        ties = sum(1 for _, _, d in g.edges(data=True)
                   if any(s <= day <= e for s, e in d.get("spells", [])))
        assert (active, ties) == (row.partners, row.ties), row.period
    ranks = analysis.evolution.ranks
    anchor = str(ranks[ranks["period"].astype(str) == "2025"].sort_values("rank")["id"].iloc[0])
    over_time = g.nodes[anchor]["anchor_rank_t"]
    assert (1, "2025-01-01", "2025-12-31") in [(int(r), s, e) for r, s, e in over_time]


def test_undated_network_gives_a_static_gexf(tmp_path):
    path = export_graph(analyze(Ecosystem.from_edges([("a", "b"), ("b", "c")]), QUICK),
                        tmp_path / "static.gexf")
    validate(path)
    g = nx.read_gexf(path, version="1.3")
    assert g.graph["mode"] == "static" and "spells" not in g.nodes["a"]
