"""Network export for Gephi / Cytoscape / igraph: every metric travels as an attribute."""
from __future__ import annotations

import json
import math

import networkx as nx
import pytest

from ecosystem import Ecosystem, load
from ecosystem.cli import main
from ecosystem.exceptions import UnsupportedFormatError
from ecosystem.pipeline import analyze
from ecosystem.export import export_graph

CFG = {"communities": {"stability_runs": 0}, "analyses": {"resilience": False}}


@pytest.fixture(scope="module")
def karate():
    eco = load("karate")
    return eco, analyze(eco, CFG)


def _close(a, b):
    return (isinstance(a, float) and math.isnan(a) and b is None) or a == pytest.approx(b)


@pytest.mark.parametrize("fmt, suffix", [("gexf", ".gexf"), ("graphml", ".graphml")])
def test_xml_formats_round_trip_with_networkx(karate, tmp_path, fmt, suffix):
    eco, a = karate
    path = export_graph(a, tmp_path / f"net{suffix}")
    g = nx.read_gexf(path, version="1.3") if fmt == "gexf" else nx.read_graphml(path)
    assert g.number_of_nodes() == eco.n_partners and g.number_of_edges() == eco.n_ties
    table = a.partners_table()
    anchor = a.anchors.sort_values("rank").index[0]
    node = g.nodes[anchor]
    assert node["community"] == int(table.at[anchor, "community"])
    assert node["role"] == table.at[anchor, "role"]
    assert node["color"] == table.at[anchor, "color"]
    assert float(node["betweenness"]) == pytest.approx(float(table.at[anchor, "betweenness"]))
    assert float(node["anchor_score"]) == pytest.approx(float(table.at[anchor, "anchor_score"]))
    assert float(node["constraint"]) == pytest.approx(float(table.at[anchor, "constraint"]))
    # edges carry strength, distance and count
    u, v, data = next(iter(g.edges(data=True)))
    assert float(data["distance"]) == pytest.approx(1 / float(data["strength"]))
    assert "same_community" in data and "types" in data
    if fmt == "gexf":
        assert "viz" in node and "color" in node["viz"] and "position" in node["viz"]


def test_graphml_reads_back_in_igraph(karate, tmp_path):
    ig = pytest.importorskip("igraph")
    eco, a = karate
    path = export_graph(a, tmp_path / "net.graphml")
    g = ig.Graph.Read_GraphML(str(path))
    assert g.vcount() == eco.n_partners and g.ecount() == eco.n_ties
    for attr in ("community", "role", "anchor_score", "pagerank", "color", "label", "sector"):
        assert attr in g.vs.attributes(), attr
    ids = g.vs["id"]
    i = ids.index("1")
    table = a.partners_table()
    assert g.vs[i]["pagerank"] == pytest.approx(float(table.at["1", "pagerank"]))
    assert sorted(g.es["strength"]) == pytest.approx(sorted(eco.ties["strength"].tolist()))


def test_node_link_json_and_cytoscape(karate, tmp_path):
    eco, a = karate
    p1 = export_graph(a, tmp_path / "net.json")
    data = json.loads(p1.read_text(encoding="utf-8"))
    g = nx.node_link_graph(data, edges="edges")
    assert g.number_of_nodes() == eco.n_partners
    assert data["graph"]["generator"] == "ecosystem"
    assert {"community", "anchor_score", "role", "color", "x", "y"} <= set(g.nodes["1"])
    p2 = export_graph(a, tmp_path / "net.cyjs", to="cytoscape")
    cy = json.loads(p2.read_text(encoding="utf-8"))
    nodes = cy["elements"]["nodes"]
    assert len(nodes) == eco.n_partners and len(cy["elements"]["edges"]) == eco.n_ties
    assert "position" in nodes[0] and "community" in nodes[0]["data"]
    assert "NaN" not in p1.read_text(encoding="utf-8")  # strict JSON


def test_missing_values_keep_one_type_per_attribute(tmp_path):
    # an isolate has no holes measures (NaN) and no community mates
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c")], partners=["a", "b", "c", "lonely"])
    a = analyze(eco, CFG)
    path = export_graph(a, tmp_path / "n.graphml")
    g = nx.read_graphml(path)
    assert math.isnan(float(g.nodes["lonely"]["constraint"]))
    ig = pytest.importorskip("igraph")
    assert ig.Graph.Read_GraphML(str(path)).vcount() == 4


def test_hangul_and_markup_names_survive(tmp_path):
    import pandas as pd

    partners = pd.DataFrame({"id": ["s", "k", "x"],
                             "name": ["삼성전자", "한국과학기술원", "<b>&\"quotes\"</b>"]})
    eco = Ecosystem.from_edges([("s", "k"), ("k", "x")], partners=partners)
    a = analyze(eco, CFG)
    for suffix in (".gexf", ".graphml"):
        path = export_graph(a, tmp_path / f"h{suffix}")
        g = nx.read_gexf(path, version="1.3") if suffix == ".gexf" else nx.read_graphml(path)
        labels = {d.get("label", d.get("name")) for _, d in g.nodes(data=True)}
        assert {"삼성전자", "한국과학기술원", "<b>&\"quotes\"</b>"} <= labels


def test_unknown_suffix_needs_to(karate, tmp_path):
    with pytest.raises(UnsupportedFormatError, match="--to"):
        export_graph(karate[1], tmp_path / "net.bin")


def test_cli_export(runner, tmp_path):
    out = tmp_path / "karate.gexf"
    result = runner.invoke(main, ["export", "karate", "--to", "gexf", "-o", str(out),
                                  "--format", "json", "-q"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    assert info["path"] == str(out) and info["partners"] == 34
    assert {"community", "anchor_score", "role", "color"} <= set(info["node_attributes"])
    assert nx.read_gexf(out, version="1.3").number_of_nodes() == 34
    bad = runner.invoke(main, ["export", "karate", "-o", str(tmp_path / "x.bin")])
    assert bad.exit_code == 2 and "Error" in bad.output


def test_kumu_workbook_round_trips_through_our_reader(karate, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    eco, a = karate
    path = export_graph(a, tmp_path / "kumu.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Elements", "Connections"]
    header = [c.value for c in wb["Elements"][1]]
    assert header[:3] == ["Label", "Type", "ID"] and "anchor_score" in header
    assert wb["Connections"].max_row == eco.n_ties + 1
    back = load(str(path))
    assert back.n_partners == eco.n_partners and back.n_ties == eco.n_ties
    assert sorted(back.ties["strength"]) == pytest.approx(sorted(eco.ties["strength"]))


def test_report_folder_caps_the_ties_sheet_and_writes_every_tie_to_ties_csv(
        karate, tmp_path, monkeypatch):
    import csv

    import openpyxl

    from ecosystem import export

    eco, a = karate
    full = a.write_report(tmp_path / "full", outputs=["metrics.xlsx", "summary.json"])
    assert "ties.csv" in full["files"] and "metrics.xlsx" not in full["notes"]
    wb = openpyxl.load_workbook(tmp_path / "full" / "metrics.xlsx", read_only=True)
    assert "notes" not in wb.sheetnames            # under the cap: nothing is left out
    assert sum(1 for _ in wb["ties"].iter_rows()) == eco.n_ties + 1

    monkeypatch.setattr(export, "XLSX_MAX_TIES", 10)
    out = tmp_path / "capped"
    info = a.write_report(out, outputs=["metrics.xlsx", "summary.json"])
    rows = list(csv.DictReader((out / "ties.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == eco.n_ties == 78
    assert {(r["source"], r["target"]) for r in rows} == set(zip(eco.ties["source"],
                                                                 eco.ties["target"]))
    assert {"source_name", "target_name", "strength", "distance"} <= set(rows[0])
    wb = openpyxl.load_workbook(out / "metrics.xlsx", read_only=True)
    assert wb.sheetnames[0] == "notes"
    note = [c.value for row in wb["notes"].iter_rows() for c in row]
    assert "ties" in note and any("10 strongest of 78" in str(v) and "ties.csv" in str(v)
                                  for v in note)
    sheet = [[c.value for c in row] for row in wb["ties"].iter_rows()]
    header, body = sheet[0], sheet[1:]
    strongest = eco.ties.sort_values(["strength", "count"], ascending=False,
                                     kind="stable").head(10)
    assert len(body) == 10
    got = [(r[header.index("source")], r[header.index("target")]) for r in body]
    assert got == list(zip(strongest["source"], strongest["target"]))
    strengths = [r[header.index("strength")] for r in body]
    assert strengths == sorted(strengths, reverse=True)
    assert min(strengths) >= eco.ties["strength"].nlargest(10).min()
    assert "10 strongest of 78" in info["notes"]["metrics.xlsx"]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert "ties.csv" in summary["outputs"] and "ties.csv" in summary["notes"]["metrics.xlsx"]
    for sheet_name in ("partners", "anchors", "structural_holes"):   # other sheets complete
        assert sum(1 for _ in wb[sheet_name].iter_rows()) == eco.n_partners + 1


def test_very_many_partners_cap_the_partner_sheets_to_the_best_ranked(tmp_path, monkeypatch,
                                                                     karate):
    """Above XLSX_MAX_PARTNERS the per-partner sheets keep the best-ranked anchors (in
    their own order) and the notes sheet says partners.csv holds every partner."""
    import openpyxl

    from ecosystem import export

    eco, a = karate
    monkeypatch.setattr(export, "XLSX_MAX_PARTNERS", 20)
    out = tmp_path / "capped"
    info = a.write_report(out, outputs=["metrics.xlsx", "partners.csv", "summary.json"])
    best = set(a.anchors.sort_values("rank").index[:20].astype(str))
    wb = openpyxl.load_workbook(out / "metrics.xlsx", read_only=True)
    for name in ("partners", "anchors", "structural_holes", "brokerage"):
        rows = [[c.value for c in row] for row in wb[name].iter_rows()]
        ids = [str(r[rows[0].index("id")]) for r in rows[1:]]
        assert set(ids) == best, name
    partners = [[c.value for c in row] for row in wb["partners"].iter_rows()]
    ranks = [r[partners[0].index("anchor_rank")] for r in partners[1:]]
    full = [str(i) for i in a.partners_table().index if str(i) in best]
    assert [str(r[partners[0].index("id")]) for r in partners[1:]] == full  # the sheet's order
    assert sorted(ranks) == list(range(1, 21))
    note = " ".join(str(c.value) for row in wb["notes"].iter_rows() for c in row)
    assert "20 best-ranked of 34 partners" in note and "partners.csv" in note
    assert "20 best-ranked of 34" in info["notes"]["metrics.xlsx"]
    assert len((out / "partners.csv").read_text(encoding="utf-8-sig").splitlines()) == 35
    assert sum(1 for _ in wb["ties"].iter_rows()) == eco.n_ties + 1  # ties under their cap


def test_a_partner_column_named_like_a_metric_keeps_its_values():
    # a partner file with its own 'constraint' or 'brokerage_liaison' column: the metric
    # joins under another name instead of failing with "columns overlap"
    import pandas as pd

    from ecosystem import Ecosystem
    from ecosystem.pipeline import analyze

    partners = pd.DataFrame({"id": list("abcd"), "constraint": ["low", "high", "low", "x"],
                             "brokerage_liaison": [1, 2, 3, 4]})
    eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d"), ("a", "c")], partners=partners)
    t = analyze(eco, {"communities": {"stability_runs": 0}}).partners_table()
    assert t["constraint"].tolist() == ["low", "high", "low", "x"]
    assert t["brokerage_liaison"].tolist() == [1, 2, 3, 4]
    assert "x_constraint" in t and "x_brokerage_liaison" in t


def test_a_korean_report_explains_in_korean_and_keeps_the_english(tmp_path):
    # the workbook and the CSV files are what a Korean team opens in Excel: the anchors'
    # and recommendations' "why" were English in a Korean run
    a = analyze(load("demo"), {**CFG, "analyses": {"resilience": False, "trust": False}})
    a.write_report(tmp_path / "ko", lang="ko", outputs=["metrics.xlsx", "partners.csv",
                                                        "recommendations.csv"])
    a.write_report(tmp_path / "en", lang="en", outputs=["metrics.xlsx", "partners.csv"])
    import pandas as pd

    from ecosystem.analysis.anchors import anchor_why
    from ecosystem.analysis.recommend import explain_recommendation

    book = pd.read_excel(tmp_path / "ko" / "metrics.xlsx", sheet_name=None)
    anchors = book["anchors"].set_index("id")
    ko = anchor_why(a.anchors, lang="ko")
    assert anchors["why"].to_dict() == ko.to_dict()
    assert anchors["why_en"].to_dict() == a.anchors["why"].to_dict()
    partners = pd.read_csv(tmp_path / "ko" / "partners.csv", encoding="utf-8-sig").set_index("id")
    top = a.anchors.index[0]
    assert partners.at[top, "anchor_why"] == ko[top]
    assert partners.at[top, "anchor_why_en"] == a.anchors.at[top, "why"]
    recs = pd.read_csv(tmp_path / "ko" / "recommendations.csv", encoding="utf-8-sig")
    first = a.recommendations.iloc[0]
    assert recs.at[0, "why"] == explain_recommendation(first.to_dict(), lang="ko")
    assert recs.at[0, "why_en"] == first["why"]
    assert any("\uac00" <= ch <= "\ud7a3" for ch in recs.at[0, "why"])  # Hangul
    # an English run has no _en copies
    en = pd.read_excel(tmp_path / "en" / "metrics.xlsx", sheet_name=None)
    assert "why_en" not in en["anchors"] and "anchor_why_en" not in en["partners"]
    assert en["anchors"].set_index("id")["why"].to_dict() == a.anchors["why"].to_dict()
