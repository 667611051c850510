"""GraphML and GEXF (Gephi, Cytoscape), parsed safely."""
from pathlib import Path

import networkx as nx
import pytest

from ecosystem import load
from ecosystem.exceptions import InputDataError

DATA = Path(__file__).parent / "data"


def test_gephi_gexf_labels_attributes_weights_direction_and_dates():
    eco = load(DATA / "gephi_export.gexf")
    assert eco.directed is True  # defaultedgetype="directed"
    assert eco.names.to_dict() == {"0": "Seoul Ventures", "1": "로보틱스 스타트업", "2": "Mega Corp",
                                   "3": "Quiet Institute"}
    assert eco.sectors["3"] == "research institute" and eco.graph.degree("3") == 0
    assert eco.partners.set_index("id").loc["2", "founded"] == 1970
    assert "Modularity Class" in eco.partners
    rel = eco.relations
    assert rel["type"].tolist() == ["investment", "pilot", "MoU"]  # edge label -> type
    assert rel["weight"].tolist() == [3.0, 2.0, 1.0]
    assert rel["trust"].tolist() == [0.9, 1.0, 0.5]  # attribute default applied
    assert str(rel["start"].iloc[0].date()) == "2021-01-01"
    assert eco.digraph.has_edge("2", "0") and not eco.digraph.has_edge("0", "2")


def test_gephi_graphml_keys_become_columns():
    eco = load(DATA / "gephi_export.graphml")
    assert eco.directed is False
    assert eco.names["a"] == "삼성전자"
    assert eco.sectors.to_dict() == {"a": "corporate", "b": "university", "c": "unknown", "d": "NGO"}
    assert eco.relations["type"].tolist() == ["joint R&D", "licence", "pilot"]
    assert eco.ties["strength"].sum() == 6.0


def test_networkx_written_graphml_round_trips(tmp_path):
    g = nx.DiGraph()
    g.add_node("vc", name="Fund", sector="investor")
    g.add_node("s", name="스타트업", sector="startup")
    g.add_edge("vc", "s", weight=2.5, type="investment")
    path = tmp_path / "g.graphml"
    nx.write_graphml(g, path)
    eco = load(path)
    assert eco.directed and eco.names["s"] == "스타트업"
    assert eco.relations[["source", "target", "type", "weight"]].values.tolist() == [
        ["vc", "s", "investment", 2.5]]


def test_networkx_written_gexf_round_trips(tmp_path):
    g = nx.karate_club_graph()
    path = tmp_path / "k.gexf"
    nx.write_gexf(g, path)
    eco = load(path)
    assert eco.n_partners == 34 and eco.n_ties == 78
    assert eco.ties["strength"].sum() == sum(d["weight"] for _, _, d in g.edges(data=True))


def test_billion_laughs_is_refused_quickly():
    with pytest.raises(InputDataError) as info:
        load(DATA / "billion_laughs.graphml")
    (p,) = info.value.problems
    assert p.code == "unsafe_xml" and "refused" in p.message and "billion laughs" in p.message


def test_external_entity_is_refused_and_never_read():
    with pytest.raises(InputDataError) as info:
        load(DATA / "external_entity.gexf")
    message = str(info.value)
    assert "refused" in message and "external" in message
    assert "root:" not in message  # /etc/passwd content never appears


def test_broken_xml_names_the_line():
    with pytest.raises(InputDataError, match="not well-formed XML") as info:
        load(DATA / "broken.graphml")
    assert info.value.problems[0].row == 1


def test_edges_to_unknown_nodes_are_reported(tmp_path):
    path = tmp_path / "x.graphml"
    path.write_text("""<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">
      <node id="a"/><node id="b"/><edge source="a" target="b"/><edge source="a" target="zz"/>
      </graph></graphml>""", encoding="utf-8")
    eco = load(path)
    (p,) = eco.report.problems
    assert p.code == "unknown_partner" and p.row == 2 and p.value == "zz"
    with pytest.raises(InputDataError, match="not in the partner table"):
        load(path, auto_add_partners=False)


def test_problems_point_at_the_line_of_the_element(tmp_path):
    path = tmp_path / "lines.gexf"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="undirected">
    <nodes>
      <node id="a" label="A"/>
      <node id="b" label="B"/>
    </nodes>
    <edges>
      <edge id="0" source="a" target="b" weight="2"/>
      <edge id="1" source="a" target="b" weight="-1"/>
    </edges>
  </graph>
</gexf>
""", encoding="utf-8")
    with pytest.raises(InputDataError) as info:
        load(path)
    (p,) = info.value.problems
    assert (p.row, p.column, p.value) == (10, "weight", "-1")
