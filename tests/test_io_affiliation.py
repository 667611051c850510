"""Affiliation (partner x project) tables projected to partner networks."""
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ecosystem import load
from ecosystem.exceptions import InputDataError, InvalidParameterError
from ecosystem.io.affiliation import pair_indices, project_affiliations

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent


def test_hand_checked_projection_count_and_year_per_shared_project():
    # P1 = {a,b,c} 2019, P2 = {a,b} 2021, P3 = {c,d,e,a} 2022, P4 = {f} 2020
    eco = load(DATA / "participations.csv", affiliation=True, partner_col="org", group_col="project")
    ties = eco.ties.set_index(["source", "target"])["strength"].to_dict()
    assert ties == {("a", "b"): 2.0, ("a", "c"): 2.0, ("b", "c"): 1.0, ("a", "d"): 1.0,
                    ("a", "e"): 1.0, ("c", "d"): 1.0, ("c", "e"): 1.0, ("d", "e"): 1.0}
    ab = eco.relations[(eco.relations.source == "a") & (eco.relations.target == "b")]
    assert ab["project"].tolist() == ["P1", "P2"] and ab["year"].tolist() == [2019, 2021]
    assert eco.graph.degree("f") == 0  # alone in its project: an isolate, not dropped
    assert eco.sectors.to_dict() == {"a": "university", "b": "company", "c": "research institute",
                                     "d": "government", "e": "other organisation", "f": "company"}
    assert eco.attribute("country")["c"] == "DE"
    assert eco.attribute("projects").to_dict() == {"a": 3, "b": 2, "c": 2, "d": 1, "e": 1, "f": 1}


def test_newman_weighting_hand_checked():
    # a-b: P1 (n=3) 1/2 + P2 (n=2) 1/1 = 1.5 ; a-c: P1 1/2 + P3 (n=4) 1/3 = 0.8333
    eco = load(DATA / "participations.csv", affiliation=True, partner_col="org",
               group_col="project", projection="newman")
    s = eco.ties.set_index(["source", "target"])["strength"]
    assert s[("a", "b")] == pytest.approx(1.5)
    assert s[("a", "c")] == pytest.approx(0.5 + 1 / 3)
    assert s[("d", "e")] == pytest.approx(1 / 3)
    # each partner's Newman strength = number of its projects with co-members
    strength = eco.ties.groupby("source")["strength"].sum().add(
        eco.ties.groupby("target")["strength"].sum(), fill_value=0)
    assert strength["a"] == pytest.approx(3.0) and strength["d"] == pytest.approx(1.0)


def test_ties_output_equals_aggregated_relations():
    rel = load(DATA / "participations.csv", affiliation=True, partner_col="org", group_col="project")
    ties = load(DATA / "participations.csv", affiliation=True, partner_col="org",
                group_col="project", projection_output="ties")
    assert ties.n_relations == ties.n_ties == rel.n_ties
    a = rel.ties.set_index(["source", "target"])["strength"]
    b = ties.ties.set_index(["source", "target"])["strength"]
    pd.testing.assert_series_equal(a.sort_index(), b.sort_index())
    r = ties.relations.set_index(["source", "target"])
    assert r.loc[("a", "b"), "projects"] == 2
    assert (r.loc[("a", "b"), "first_year"], r.loc[("a", "b"), "last_year"]) == (2019, 2021)


def test_cordis_table_is_detected_and_types_map_to_sectors():
    eco = load(DATA / "cordis_like.csv")  # rcn/pic columns: projected automatically
    assert eco.metadata["source"]["affiliation"]["partner_col"] == "pic"
    assert eco.sectors.to_dict() == {"100": "university", "200": "company",
                                     "300": "research institute", "400": "government"}
    assert eco.attribute("coordinated").to_dict() == {"100": 1, "200": 1, "300": 0, "400": 1}
    assert eco.ties.set_index(["source", "target"])["strength"].to_dict() == {
        ("100", "200"): 1.0, ("100", "300"): 1.0, ("200", "300"): 2.0}
    assert sorted(eco.relations["year"].unique().tolist()) == [2015, 2017]  # 'NA' is no year


def test_giant_projects_can_be_skipped_with_a_warning():
    eco = load(DATA / "participations.csv", affiliation=True, partner_col="org",
               group_col="project", max_group_size=3)
    (p,) = eco.report.warnings
    assert p.code == "giant_group" and p.value == "P3" and "4 members" in p.message
    assert eco.n_ties == 3
    with pytest.raises(InputDataError, match="under --strict"):
        load(DATA / "participations.csv", affiliation=True, partner_col="org",
             group_col="project", max_group_size=3, strict=True)


def test_participation_problems_are_all_listed():
    t = pd.DataFrame({"project": ["p1", "p1", "", "p2", "p2"], "org": ["a", "b", "c", "", "a"],
                      "year": ["2020", "2020", "2020", "x", "2021"]})
    with pytest.raises(InputDataError) as info:
        project_affiliations(t, row_offset=2, file="t.csv")
    got = {(p.row, p.column, p.code) for p in info.value.problems}
    assert got == {(4, "project", "empty_id"), (5, "org", "empty_id"), (5, "year", "bad_date")}


def test_duplicate_participations_are_merged_and_reported():
    t = pd.DataFrame({"project": ["p1", "p1", "p1"], "org": ["a", "b", "a"]})
    proj = project_affiliations(t, row_offset=2)
    (p,) = proj.report.warnings
    assert p.code == "duplicate_participation" and p.row == 4 and "first at row 2" in p.message
    assert len(proj.relations) == 1


def test_unknown_columns_and_parameters_are_named():
    t = pd.DataFrame({"x": ["p1"], "y": ["a"]})
    with pytest.raises(InputDataError, match="--partner-col"):
        project_affiliations(t)
    with pytest.raises(InputDataError, match="--group-col 'nope' is not a column"):
        project_affiliations(t, partner_col="y", group_col="nope")
    with pytest.raises(InvalidParameterError, match="count, newman"):
        project_affiliations(t, partner_col="y", group_col="x", weighting="jaccard")


def test_pair_indices_match_itertools():
    from itertools import combinations

    rng = np.random.default_rng(0)
    groups = np.sort(rng.integers(0, 30, 300))
    a, b = pair_indices(groups)
    expected = [(i, j) for g in np.unique(groups)
                for i, j in combinations(np.flatnonzero(groups == g), 2)]
    assert sorted(zip(a.tolist(), b.tolist())) == sorted(expected)


def test_projection_matches_sparse_matrix_product():
    eco = load("h2020_swafs", projection="newman", projection_output="ties")
    import scipy.sparse as sp

    t = pd.read_csv(ROOT / "datasets/cordis_h2020/h2020_swafs_participations.csv", dtype=str)
    pc, pu = pd.factorize(t["pic"])
    gc, gu = pd.factorize(t["rcn"])
    B = sp.csr_matrix((np.ones(len(t)), (gc, pc)), shape=(len(gu), len(pu)))
    n = np.asarray(B.sum(axis=1)).ravel()
    D = sp.diags(np.where(n > 1, 1 / np.maximum(n - 1, 1), 0))
    W = sp.triu(B.T @ D @ B, k=1).tocoo()
    expected = {frozenset((pu[i], pu[j])): v for i, j, v in zip(W.row, W.col, W.data) if v > 0}
    got = {frozenset((s, t_)): w for s, t_, w in eco.ties[["source", "target", "strength"]].itertuples(index=False)}
    assert got.keys() == expected.keys()
    assert max(abs(got[k] - expected[k]) for k in got) < 1e-12


@pytest.mark.parametrize("name, nodes, edges, weight, components, largest, max_w", [
    ("h2020_sc5", 3837, 66079, 74240, 254, 3553, 15),
    ("h2020_swafs", 1074, 10254, 11304, 12, 1056, 6),
])
def test_cordis_regression_numbers_from_the_dataset_card(name, nodes, edges, weight, components,
                                                          largest, max_w):
    from ecosystem.analysis.overview import overview

    eco = load(name)
    o = overview(eco)
    assert (o["partners"], o["ties"], o["total_strength"]) == (nodes, edges, weight)
    assert (o["components"], o["largest_component"]) == (components, largest)
    assert eco.ties["strength"].max() == max_w
    assert eco.n_relations == weight  # one relation per shared project


@pytest.mark.slow
def test_full_h2020_projects_in_seconds():
    """144,726 participations -> 1,089,509 pair-project rows -> 796,670 ties."""
    path = ROOT / "datasets/cordis_h2020/h2020_participations.csv.gz"
    if not path.exists():
        pytest.skip("full H2020 table not in this checkout")
    from ecosystem.io.tables import read_delimited

    table = read_delimited(path).frame
    start = time.perf_counter()
    proj = project_affiliations(table, output="ties", weighting="newman")
    elapsed = time.perf_counter() - start
    assert len(proj.partners) == 35871 and len(proj.relations) == 796670
    assert proj.info["pair_project_rows"] == 1089509 == proj.relations["projects"].sum()
    assert elapsed < 10


def test_partner_table_names_win_and_missing_partners_are_reported(tmp_path):
    partners = tmp_path / "orgs.csv"
    partners.write_text("id,name,branche\na,Alpha Uni,HES\nb,Beta Corp,PRC\nc,Gamma Lab,REC\n"
                        "d,Delta Agency,PUB\ne,Epsilon NGO,OTH\nz,Zeta (no projects),PRC\n",
                        encoding="utf-8")
    eco = load(DATA / "participations.csv", partners, affiliation=True, partner_col="org",
               group_col="project")
    assert eco.names["a"] == "Alpha Uni" and eco.graph.degree("z") == 0
    assert eco.sectors["a"] == "university"  # the table has no sector column: projected sector kept
    assert eco.attribute("projects")["z"] == 0
    (w,) = eco.report.warnings
    assert (w.code, w.value) == ("unknown_partner", "f")
    with pytest.raises(InputDataError, match="not in the partner table"):
        load(DATA / "participations.csv", partners, affiliation=True, partner_col="org",
             group_col="project", auto_add_partners=False)
    eco = load(DATA / "participations.csv", partners, affiliation=True, partner_col="org",
               group_col="project", columns={"sector": "branche"})
    assert eco.sectors["a"] == "HES"  # the user's sector column wins


def test_project_end_years_give_each_relation_an_end():
    # P1 2019-2020, P2 2021-2023 (one member says 2022: the project's latest end counts),
    # P3 2022 with a blank end; no end column is guessed without --end-col
    rows = pd.DataFrame({"org": ["a", "b", "a", "b", "c", "a"],
                         "project": ["P1", "P1", "P2", "P2", "P3", "P3"],
                         "start_year": [2019, 2019, 2021, 2021, 2022, 2022],
                         "end_year": [2020, 2020, 2023, 2022, None, None]})
    proj = project_affiliations(rows, partner_col="org", group_col="project", end_col="end_year")
    rel = proj.relations.set_index("project")
    assert rel.loc["P1", "end"] == "2020-12-31" and rel.loc["P2", "end"] == "2023-12-31"
    assert pd.isna(rel.loc["P3", "end"]) and proj.info["end_col"] == "end_year"
    assert "end" not in project_affiliations(rows, partner_col="org", group_col="project").relations
    bad = rows.assign(end_year=["2020", "2020", "soon", "2022", "", ""])
    with pytest.raises(InputDataError) as err:
        project_affiliations(bad, partner_col="org", group_col="project", end_col="end_year")
    assert "project end cannot be read" in str(err.value) and "'soon'" in str(err.value)
    with pytest.raises(InputDataError, match="--end-col 'finish' is not a column"):
        project_affiliations(rows, partner_col="org", group_col="project", end_col="finish")


def test_bundled_h2020_projects_run_to_their_end_year():
    # h2020_swafs flagged partners of projects running to 2021-22 as dormant ("no relation
    # since 2019") because only the start year was kept
    eco = load("h2020_swafs")
    ends = pd.to_datetime(eco.relations["end"])
    assert ends.notna().all() and (ends.dt.year >= eco.relations["year"]).all()
    assert (ends.dt.month == 12).all() and (ends.dt.day == 31).all()
