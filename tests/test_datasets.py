"""Bundled datasets: registry, regression numbers, checksums, the reproducible demo."""
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ecosystem import load
from ecosystem.analysis.overview import overview
from ecosystem.exceptions import InputDataError
from ecosystem.io import datasets as D

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"


@pytest.mark.parametrize("name, partners, relations, ties, components, strength", [
    ("karate", 34, 78, 78, 1, 231.0),
    ("florentine", 16, 35, 27, 2, 35.0),
    ("krebs", 219, 630, 630, 1, 630.0),
    ("davis", 18, 339, 139, 1, 339.0),
    ("szci_netherlands", 16, 60, 60, 2, 83.0),
    ("szci_west_germany", 15, 67, 67, 2, 116.0),
    ("scotland", 108, 373, 276, 20, 373.0),
])
def test_bundled_datasets_load_with_published_sizes(name, partners, relations, ties, components,
                                                   strength):
    eco = load(name)
    o = overview(eco)
    assert (o["partners"], o["relations"], o["ties"], o["components"]) == (
        partners, relations, ties, components)
    assert o["total_strength"] == strength
    assert eco.metadata["dataset"] == name and eco.metadata["licence"]


def test_dataset_attributes_are_mapped():
    krebs = load("krebs")
    degree = dict(krebs.graph.degree())
    top = sorted(degree, key=degree.get, reverse=True)[:3]
    assert [krebs.names[i] for i in top] == ["MSFT", "AOL", "IBM"]
    assert krebs.sectors.value_counts().to_dict() == {"infrastructure": 133, "commerce": 44, "content": 42}
    florentine = load("florentine")
    assert florentine.graph.degree("Pucci") == 0
    assert set(florentine.relations["type"]) == {"marriage", "business"}
    scotland = load("scotland")
    assert scotland.names["1"] == "north british railway" and scotland.sectors["1"] == "railway"
    # the 92 companies with a shared director form 4 components
    linked = scotland.subset([i for i in scotland.ids if scotland.graph.degree(i) > 0])
    assert linked.n_partners == 92 and overview(linked)["components"] == 4


def test_names_and_aliases_resolve():
    assert D.resolve_name("Zachary") == "karate" and D.resolve_name("SWAFS") == "h2020_swafs"
    with pytest.raises(InputDataError, match="neither a file nor a bundled dataset"):
        D.get("unknown")


def test_every_registered_file_exists_and_has_a_card():
    for spec in D.list_datasets():
        for path in spec.files(DATASETS).values():
            assert path.exists(), path
        assert (DATASETS / spec.folder / "README.md").exists()
        assert spec.licence and spec.citation and spec.description


def test_card_checksums_match_the_files():
    checked = 0
    for card in DATASETS.glob("*/README.md"):
        for digest, name in re.findall(r"^([0-9a-f]{64})  (\S+)$", card.read_text(encoding="utf-8"), re.M):
            path = card.parent / name
            assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, path
            checked += 1
    assert checked >= 29


def test_demo_is_reproduced_byte_for_byte(tmp_path):
    subprocess.run([sys.executable, str(DATASETS / "demo" / "make_demo.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True, timeout=120)
    for name in ("partners.csv", "relations.csv"):
        assert (tmp_path / name).read_bytes() == (DATASETS / "demo" / name).read_bytes(), name


def test_demo_has_the_structure_its_card_promises():
    eco = load("demo")
    o = overview(eco)
    assert 200 <= o["partners"] <= 250 and o["isolates"] == 5
    assert set(o["sectors"]) == {"corporate", "SME", "startup", "university", "research institute",
                                 "government", "investor", "NGO"}
    assert {"joint R&D", "pilot", "licence", "investment", "MoU", "consortium"} <= set(o["relation_types"])
    assert eco.relations["date"].dt.year.between(2018, 2025).all()
    assert eco.names.str.contains(r"[\uac00-\ud7a3]").sum() > 100  # Hangul names
    assert eco.names.str.match(r"^[A-Za-z]").sum() > 20             # English names
    p = eco.partners.set_index("id")
    # gaps: no university in the energy cluster, no investor in biohealth
    assert not ((p["cluster"] == "energy") & (p["sector"] == "university")).any()
    assert not ((p["cluster"] == "biohealth") & (p["sector"] == "investor")).any()
    inv = eco.relations[eco.relations["type"] == "investment"]
    assert (p.loc[inv["source"], "sector"].isin(["investor", "corporate"])).all()
    assert (p.loc[inv["source"], "sector"] == "investor").sum() > 40
    bio = set(p.index[p["cluster"] == "biohealth"])
    investors = set(p.index[p["sector"] == "investor"])
    assert not (inv["source"].isin(investors) & inv["target"].isin(bio)).any()
    # a single point of failure: the lab's exit splits off the smart-city group
    lab = eco.resolve("판교스마트시티랩")
    sizes = sorted(eco.without([lab]).igraph.connected_components().sizes(), reverse=True)
    assert sizes[1] == 7
    # brokers: the regional agency has the highest betweenness
    b = eco.igraph.betweenness()
    assert eco.ids[max(range(len(b)), key=b.__getitem__)] == eco.resolve("경기혁신진흥원")


def test_datasets_dir_can_be_overridden(monkeypatch, tmp_path):
    monkeypatch.setenv("ECOSYSTEM_DATASETS", str(DATASETS))
    assert D.datasets_dir() == DATASETS
    monkeypatch.setenv("ECOSYSTEM_DATASETS", str(tmp_path))
    assert D.candidate_dirs()[0] == tmp_path


def test_installed_package_link_points_at_the_datasets():
    link = ROOT / "ecosystem" / "data" / "datasets"
    assert link.exists() and (link / "demo" / "partners.csv").exists()


def test_a_report_folder_named_like_a_dataset_is_not_read_as_input(tmp_path, monkeypatch):
    # `ecosystem analyze --demo -o demo` writes ./demo; the next `--demo` must load the
    # bundled data again, not the report's partners.csv (it crashed with a traceback)
    from ecosystem import load

    report = tmp_path / "demo"
    report.mkdir()
    (report / ".ecosystem-report").write_text("{}", encoding="utf-8")
    (report / "partners.csv").write_text("id,name,constraint\na,A,0.5\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert load("demo").n_partners == 202
