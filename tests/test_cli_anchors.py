"""`ecosystem anchors`, `ecosystem communities`, `ecosystem centrality` through click."""
import io
import json

import pandas as pd
import pytest

from ecosystem.cli import main


@pytest.fixture
def files(tmp_path):
    """Two clusters joined by KAIST, Korean names, sectors."""
    rel = tmp_path / "relations.csv"
    rel.write_text(
        "source,target,type,weight\n"
        "kaist,samsung,joint R&D,3\nkaist,hyundai,pilot,2\nsamsung,hyundai,licence,1\n"
        "samsung,lg,joint R&D,1\nhyundai,lg,pilot,1\n"
        "kaist,etri,joint R&D,2\netri,msit,consortium,2\netri,naver,pilot,1\nmsit,naver,MoU,1\n",
        encoding="utf-8")
    partners = tmp_path / "partners.csv"
    partners.write_text(
        "id,name,sector,region\nkaist,카이스트,university,대전\nsamsung,삼성전자,company,수원\n"
        "hyundai,현대자동차,company,서울\nlg,LG,company,서울\netri,ETRI,research,대전\n"
        "msit,과학기술정보통신부,government,세종\nnaver,\"=HYPERLINK(\"\"x\"\")\",company,\n",
        encoding="utf-8")
    return str(rel), str(partners)


def run(runner, args):
    result = runner.invoke(main, args, catch_exceptions=False)
    return result


@pytest.mark.parametrize("command", ["anchors", "communities", "centrality"])
def test_table_output(runner, files, command):
    rel, partners = files
    result = run(runner, [command, rel, "--partners", partners])
    assert result.exit_code == 0, result.output
    assert "카이스트" in result.output


@pytest.mark.parametrize("command", ["anchors", "communities", "centrality"])
def test_json_output_has_ids_names_numbers_and_provenance(runner, files, command):
    rel, partners = files
    result = run(runner, [command, rel, "--partners", partners, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["command"] == command
    assert data["method"] and isinstance(data["params"], dict)
    assert data["data"]["partners"] == 7 and data["data"]["distance_definition"] == "1/strength"
    rows = data["rows"]
    assert rows
    if command == "communities":
        assert {"community", "label", "size", "density", "sector_mix", "top_partners",
                "internal_strength", "external_strength", "consistency"} <= set(rows[0])
        assert data["modularity"] > 0 and data["stability"]["runs"] == 10
        assert {"id", "name", "community", "consistency"} <= set(data["partners"][0])
    else:
        assert {"id", "name"} <= set(rows[0])
        names = {r["id"]: r["name"] for r in rows}
        assert names["kaist"] == "카이스트"
    if command == "anchors":
        top = rows[0]
        assert top["id"] == "kaist" and top["rank"] == 1
        for key in ("anchor_score", "role", "why", "strength_rank", "n_communities_reached",
                    "betweenness_share", "score_strength", "score_pagerank"):
            assert key in top
        assert data["params"]["weights"] == {"strength": 1.0, "pagerank": 1.0, "betweenness": 1.0,
                                             "participation": 1.0}
        assert data["sampled"] is False
    if command == "centrality":
        for key in ("degree", "strength", "pagerank", "eigenvector", "betweenness", "closeness",
                    "harmonic", "coreness", "clustering", "clustering_weighted", "reach2"):
            assert key in rows[0]
        assert data["sampled"] is False and data["params"]["seed"] == 0


@pytest.mark.parametrize("command", ["anchors", "communities", "centrality"])
def test_csv_output_is_parseable_and_safe(runner, files, command):
    rel, partners = files
    result = run(runner, [command, rel, "--partners", partners, "--format", "csv"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.output))
    assert len(frame) >= 2
    assert not result.output.lstrip().startswith("=")
    assert ",=HYPERLINK" not in result.output          # formula neutralised


def test_anchors_options(runner, files):
    rel, partners = files
    result = run(runner, ["anchors", rel, "-p", partners, "--top", "2", "--format", "json",
                          "--weights", "strength=2,betweenness=1", "--lang", "ko"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["rows"]) == 2
    assert data["params"]["weights"] == {"strength": 2.0, "betweenness": 1.0}
    assert "협력 강도 1위" in data["rows"][0]["why"]
    by = run(runner, ["anchors", rel, "-p", partners, "--by", "sector", "--top", "1"])
    assert by.exit_code == 0, by.output
    assert "university" in by.output and "government" in by.output
    by_json = json.loads(run(runner, ["anchors", rel, "-p", partners, "--by", "sector", "--top", "1",
                                      "--format", "json"]).output)
    assert {r["sector"] for r in by_json["rows"]} == {"university", "company", "research", "government"}
    assert all(r["group_rank"] == 1 for r in by_json["rows"])
    region = json.loads(run(runner, ["anchors", rel, "-p", partners, "--by", "region", "--top", "2",
                                     "--format", "json"]).output)
    groups = [r["region"] for r in region["rows"]]
    assert groups[0] == "대전" and "(missing)" in groups and groups.count("서울") == 2
    assert region["params"]["by"] == "region"


def test_communities_options_and_determinism(runner, files):
    rel, partners = files
    args = ["communities", rel, "-p", partners, "--method", "louvain", "--resolution", "0.8",
            "--seed", "3", "--runs", "3", "--format", "json"]
    a = run(runner, args)
    b = run(runner, args)
    assert a.exit_code == 0 and a.output == b.output
    data = json.loads(a.output)
    assert data["params"]["method"] == "louvain" and data["params"]["resolution"] == 0.8
    assert data["params"]["seed"] == 3 and data["stability"]["seeds"] == [3, 4, 5]
    members = run(runner, ["communities", rel, "-p", partners, "--members", "--runs", "1",
                           "--format", "csv"])
    frame = pd.read_csv(io.StringIO(members.output))
    assert len(frame) == 7 and {"id", "name", "community", "label"} <= set(frame.columns)


def test_centrality_sampling_is_reported(runner, files):
    rel, partners = files
    result = run(runner, ["centrality", rel, "-p", partners, "--sample", "3", "--seed", "4",
                          "--format", "json"])
    data = json.loads(result.output)
    assert data["sampled"] is True and data["params"]["n_samples"] == 3 and data["params"]["seed"] == 4
    table = run(runner, ["centrality", rel, "-p", partners, "--sample", "3"])
    assert "SAMPLED ESTIMATE" in table.output
    exact = run(runner, ["centrality", rel, "-p", partners, "--exact", "--sort", "betweenness",
                         "--top", "1", "--format", "csv"])
    frame = pd.read_csv(io.StringIO(exact.output))
    assert frame["id"].tolist() == ["kaist"]


@pytest.mark.parametrize("args, message", [
    (["communities", "{rel}", "--resolution", "-1"], "resolution must be > 0"),
    (["anchors", "{rel}", "--weights", "fame=1"], "unknown measure 'fame'"),
    (["anchors", "{rel}", "--weights", "strength"], "MEASURE=NUMBER"),
    (["anchors", "{rel}", "--by", "country"], "country"),
    (["centrality", "{rel}", "--exact", "--sample", "5"], "either --exact or --sample"),
    (["centrality", "{rel}", "--sample", "0"], "K must be >= 1"),
    (["centrality", "{rel}", "--sort", "fame"], "unknown measure 'fame'"),
    (["communities", "{rel}", "--runs", "0"], "must be >= 1"),
    (["communities", "{rel}", "--method", "girvan"], "girvan"),
    (["anchors", "{rel}", "--top", "0"], "must be >= 1"),
])
def test_bad_parameters_exit_2_without_traceback(runner, files, args, message):
    rel, _ = files
    result = runner.invoke(main, [a.replace("{rel}", rel) for a in args])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_centrality_directed_columns(runner, files):
    rel, partners = files
    result = run(runner, ["centrality", rel, "-p", partners, "--directed", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    row = {r["id"]: r for r in data["rows"]}["kaist"]
    assert row["in_degree"] == 0 and row["out_degree"] == 3 and row["out_strength"] == 7
    assert data["params"]["directed"] is True
    assert "closeness_in" in data["measures"]
