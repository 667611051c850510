"""Node-link JSON: networkx node_link_data, a simple partners/relations shape, Cytoscape.js."""
import json
from pathlib import Path

import networkx as nx
import pytest

from ecosystem import load
from ecosystem.exceptions import InputDataError

DATA = Path(__file__).parent / "data"


def test_networkx_node_link_with_direction_and_isolate():
    eco = load(DATA / "networkx_node_link.json")
    assert eco.directed is True
    assert eco.names["s1"] == "로보틱스 스타트업"
    assert eco.graph.degree("iso") == 0
    assert eco.relations["type"].tolist() == ["investment", "investment", "joint R&D"]


def test_networkx_written_node_link_round_trips(tmp_path):
    g = nx.les_miserables_graph()
    path = tmp_path / "les.json"
    path.write_text(json.dumps(nx.node_link_data(g, edges="links")), encoding="utf-8")
    eco = load(path)
    assert (eco.n_partners, eco.n_ties) == (g.number_of_nodes(), g.number_of_edges())
    assert eco.ties["strength"].sum() == g.size(weight="weight")


def test_simple_partners_relations_shape():
    eco = load(DATA / "simple_graph.json")
    assert eco.names.to_dict() == {"a": "Alpha", "b": "Beta"}
    assert str(eco.relations["date"].iloc[0].date()) == "2024-02-01"


def test_cytoscape_elements():
    eco = load(DATA / "cytoscape.json")
    assert eco.names.to_dict() == {"n1": "One", "n2": "Two"}
    assert eco.relations["type"].tolist() == ["pp"]  # Cytoscape "interaction" = relation type


def test_invalid_json_names_line_and_column():
    with pytest.raises(InputDataError, match=r"not valid JSON: .*line 1, column 58"):
        load(DATA / "bad.json")


def test_json_without_known_keys(tmp_path):
    f = tmp_path / "x.json"
    f.write_text('{"vertices": []}', encoding="utf-8")
    with pytest.raises(InputDataError, match="none of the expected keys"):
        load(f)


def test_json_relation_problems_use_list_positions(tmp_path):
    f = tmp_path / "x.json"
    f.write_text(json.dumps({"relations": [{"source": "a", "target": "b", "weight": 1},
                                           {"source": "a", "target": "c", "weight": -1}]}),
                 encoding="utf-8")
    with pytest.raises(InputDataError) as info:
        load(f)
    assert info.value.problems[0].row == 2
