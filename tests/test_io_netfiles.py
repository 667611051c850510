"""Pajek (.net/.paj) and UCINET DL files: the original files of the bundled datasets."""
from pathlib import Path

import pytest

from ecosystem import load
from ecosystem.analysis.overview import overview
from ecosystem.exceptions import InputDataError, UnsupportedFormatError

ROOT = Path(__file__).resolve().parent.parent
DS = ROOT / "datasets"


def tie_set(eco, by="name"):
    names = eco.names if by == "name" else eco.ids.to_series(index=eco.ids)
    return {frozenset((names[s], names[t])): w for s, t, w in
            eco.ties[["source", "target", "strength"]].itertuples(index=False)}


def test_krebs_paj_equals_the_csv_conversion_and_keeps_the_partition():
    paj = load(DS / "krebs_internet_alliances" / "krebs.paj")
    csv = load("krebs")
    assert tie_set(paj) == tie_set(csv)
    assert paj.report.counts() == {"duplicate_relation": 1}  # the InfoSpace-NortelNetworks repeat
    kinds = paj.attribute("Types of companies").value_counts().to_dict()
    assert kinds == {"2": 133, "3": 44, "1": 42}  # infrastructure, commerce, content


def test_scotland_two_mode_paj_is_projected_like_the_csv():
    paj = load(DS / "scotland_interlocks" / "Scotland.paj")
    assert paj.report.encoding["relations"] in ("cp1252", "latin-1")
    assert paj.n_partners == 108
    assert tie_set(paj) == tie_set(load("scotland"))
    assert paj.attribute("Capital")["1"] == "47236"  # *Vector Capital.vec on the first mode
    assert overview(paj)["isolates"] == 16


def test_zachary_dl_two_matrices_become_two_relation_types():
    dl = load(DS / "zachary_karate" / "Zachary.DAT")
    assert dl.relations["type"].value_counts().to_dict() == {"ZACHE": 78, "ZACHC": 78}
    valued = dl.relations[dl.relations["type"] == "ZACHC"]
    got = {frozenset((s, t)): w for s, t, w in valued[["source", "target", "weight"]].itertuples(index=False)}
    karate = load("karate")
    assert got == {frozenset((s, t)): w for s, t, w in
                   karate.ties[["source", "target", "strength"]].itertuples(index=False)}


def test_padgett_dl_with_row_labels_and_level_labels():
    dl = load(DS / "padgett_florentine" / "PADGETT.DAT")
    assert dl.relations["type"].value_counts().to_dict() == {"PADGM": 20, "PADGB": 15}
    assert dl.n_ties == 27 and dl.graph.degree("PUCCI") == 0


def test_stokman_ziegler_dl_weights_and_isolate():
    dl = load(DS / "stokman_ziegler_interlocks" / "SZCID.DAT")
    assert (dl.n_partners, dl.n_ties, dl.ties["strength"].sum()) == (16, 60, 83.0)
    assert dl.graph.degree("NSU") == 0 and not dl.directed


def test_davis_rectangular_dl_is_projected():
    dl = load(DS / "davis_southern_women" / "DAVIS.DAT")
    assert (dl.n_partners, dl.n_relations, dl.n_ties) == (18, 339, 139)
    assert dl.attribute("projects")["EVELYN"] == 8


def test_hand_made_pajek_net(tmp_path):
    f = tmp_path / "small.net"
    f.write_text('% comment\n*Vertices 4\n1 "Seoul Ventures" 0.1 0.2 0.5\n2 "로보틱스 스타트업"\n'
                 '3 "Mega Corp"\n4 "Quiet NGO"\n*Arcs\n1 2 3\n3 2 2.5\n*Arcslist\n1 3\n',
                 encoding="utf-8")
    eco = load(f)
    assert eco.directed and eco.names["2"] == "로보틱스 스타트업" and eco.graph.degree("4") == 0
    assert sorted(eco.relations["weight"].tolist()) == [1.0, 2.5, 3.0]


def test_pajek_mixed_arcs_and_edges_note(tmp_path):
    f = tmp_path / "mixed.net"
    f.write_text("*Vertices 3\n*Arcs\n1 2\n*Edges\n2 3 2\n", encoding="utf-8")
    eco = load(f)
    assert not eco.directed and eco.report.counts() == {"mixed_direction": 1}
    assert eco.names["1"] == "1"


def test_pajek_edge_to_unknown_vertex_is_reported_with_its_line(tmp_path):
    f = tmp_path / "bad.net"
    f.write_text("*Vertices 2\n1 a\n2 b\n*Edges\n1 2\n1 9\n", encoding="utf-8")
    with pytest.raises(InputDataError) as err:  # *Vertices 2 declares vertices 1..2 only
        load(f)
    (p,) = err.value.problems
    assert (p.code, p.row, p.value) == ("bad_row", 6, "9")


def test_pajek_without_vertices_is_an_error(tmp_path):
    f = tmp_path / "empty.net"
    f.write_text("*Edges\n1 2\n", encoding="utf-8")
    with pytest.raises(InputDataError, match="no \\*Vertices line"):
        load(f)


def test_dl_diagonal_absent_and_comma_labels(tmp_path):
    f = tmp_path / "x.dl"
    f.write_text("dl n=3\nformat = fullmatrix diagonal absent\nlabels:\nAlpha Corp, Beta Lab, Gamma\n"
                 "data:\n1 0\n1 2\n0 2\n", encoding="utf-8")
    eco = load(f)
    assert list(eco.ids) == ["Alpha Corp", "Beta Lab", "Gamma"]
    assert tie_set(eco, by="id") == {frozenset(("Alpha Corp", "Beta Lab")): 1.0,
                                     frozenset(("Beta Lab", "Gamma")): 2.0}


def test_dl_edgelist_and_unsupported_format(tmp_path):
    f = tmp_path / "e.dl"
    f.write_text("DL N=3 FORMAT=EDGELIST1\nDATA:\na b 2\nb c\n", encoding="utf-8")
    eco = load(f)
    assert eco.relations["weight"].tolist() == [2.0, 1.0]
    g = tmp_path / "n.dl"
    g.write_text("DL N=3 FORMAT=NODELIST1\nDATA:\n1 2 3\n", encoding="utf-8")
    with pytest.raises(UnsupportedFormatError, match="NODELIST1"):
        load(g)


def test_dl_with_too_few_values(tmp_path):
    f = tmp_path / "short.dl"
    f.write_text("DL N=3\nDATA:\n0 1 0\n1 0\n", encoding="utf-8")
    with pytest.raises(InputDataError, match="DATA has 5 values but N/NR/NC/NM announce 9"):
        load(f)
