"""`ecosystem gaps`, `recommend`, `resilience` and `health` through click."""
import io
import json

import pandas as pd
import pytest

from ecosystem.cli import main


@pytest.fixture
def files(tmp_path):
    """Two clusters joined through KAIST and ETRI; Korean names; a country column."""
    rel = tmp_path / "relations.csv"
    rel.write_text(
        "source,target,type,weight\n"
        "kaist,samsung,joint R&D,3\nkaist,hyundai,pilot,2\nsamsung,hyundai,licence,1\n"
        "samsung,lg,joint R&D,1\nhyundai,lg,pilot,1\nlg,startup1,investment,1\n"
        "kaist,etri,joint R&D,2\netri,msit,consortium,2\netri,naver,pilot,1\nmsit,naver,MoU,1\n"
        "naver,siemens,pilot,1\nmsit,siemens,MoU,1\n",
        encoding="utf-8")
    partners = tmp_path / "partners.csv"
    partners.write_text(
        "id,name,sector,country\nkaist,카이스트,university,KR\nsamsung,삼성전자,company,KR\n"
        "hyundai,현대자동차,company,KR\nlg,LG,company,KR\netri,ETRI,research institute,KR\n"
        "msit,과학기술정보통신부,government,KR\nnaver,\"=HYPERLINK(\"\"x\"\")\",company,KR\n"
        "startup1,Startup One,startup,KR\nsiemens,Siemens,company,DE\n",
        encoding="utf-8")
    return str(rel), str(partners)


def run(runner, args):
    return runner.invoke(main, args, catch_exceptions=False)


COMMANDS = [
    ["gaps"],
    ["gaps", "--section", "holes"],
    ["recommend", "--top", "3"],
    ["recommend", "--evaluate", "--hide", "0.2", "--top", "3"],
    ["resilience", "--steps", "3", "--runs", "2"],
    ["resilience", "--remove", "카이스트", "--remove", "etri"],
    ["resilience", "--key-players", "2"],
    ["health"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_every_command_and_format(runner, files, args, fmt):
    rel, partners = files
    result = run(runner, [args[0], rel, "--partners", partners, *args[1:], "--format", fmt])
    assert result.exit_code == 0, result.output
    out = result.output
    if fmt == "json":
        data = json.loads(out)
        assert data["command"].startswith(args[0])
        assert data["data"]["partners"] == 9 and data["data"]["distance"] == "inverse"
    elif fmt == "csv":
        for block in out.split("\n\n# "):
            lines = [ln for ln in block.splitlines() if not ln.startswith("# ")]
            frame = pd.read_csv(io.StringIO("\n".join(lines)), dtype=str)
            assert len(frame.columns) >= 1
            cells = frame.fillna("").to_numpy().ravel().tolist()
            assert not any(c.startswith("=") for c in cells)  # formulas neutralised
    else:
        assert out.strip()


def test_gaps_json_has_ids_names_numbers_and_provenance(runner, files):
    rel, partners = files
    data = json.loads(run(runner, ["gaps", rel, "-p", partners, "--format", "json",
                                   "--attribute", "country"]).output)
    top = data["holes"]["rows"][0]
    names = {"kaist": "카이스트", "etri": "ETRI", "lg": "LG", "msit": "과학기술정보통신부"}
    assert top["broker_rank"] == 1 and names.get(top["id"]) == top["name"]
    assert {"effective_size", "efficiency", "constraint", "hierarchy", "broker_rank"} <= set(top)
    assert data["holes"]["params"]["weighted"] is True
    assert data["brokerage"]["params"]["groups"] == "community"
    assert data["fragility"]["articulation_points"][0]["id"] in {"kaist", "etri", "lg", "msit"}
    assert any(b["source"] == "kaist" and b["target"] == "etri" or
               b["source"] == "etri" and b["target"] == "kaist"
               for b in data["fragility"]["bridges"])
    assert data["parameters"]["partition"]["method"] == "leiden"
    assert data["attribute_country_gaps"]["cross_share_ties"] == pytest.approx(2 / 12)
    assert "null_model" in data["community_gaps"]["params"]


def test_gaps_table_shows_sections(runner, files):
    rel, partners = files
    out = run(runner, ["gaps", rel, "-p", partners]).output
    for title in ("Brokers", "Brokerage roles", "Articulation points", "Bridges",
                  "Community", "sector: mixing summary", "Communities missing helix groups"):
        assert title in out


def test_recommend_json_explains_and_names_introducers(runner, files):
    rel, partners = files
    data = json.loads(run(runner, ["recommend", rel, "-p", partners, "--format", "json",
                                   "--top", "5", "--lang", "ko"]).output)
    row = data["rows"][0]
    assert {"source", "target", "source_name", "target_name", "score", "why", "introducers",
            "introducer_names", "common_partner_ids"} <= set(row)
    assert "공통 파트너" in row["why"]
    assert data["parameters"]["method"] == "resource_allocation" and data["parameters"]["seed"] == 0


def test_recommend_per_partner_caps_each_partner(runner, files):
    rel, partners = files

    def rows(*extra):
        out = run(runner, ["recommend", rel, "--format", "json", "--top", "6", *extra]).output
        return json.loads(out)["rows"]

    def most(rs):
        return pd.Series([r["source"] for r in rs] + [r["target"] for r in rs]).value_counts().max()

    assert most(rows()) > 1  # without a tight cap some partner is in several pairs
    capped = rows("--per-partner", "1")
    assert capped and most(capped) == 1


def test_recommend_evaluate_reports_auc_per_method(runner, files):
    rel, partners = files
    data = json.loads(run(runner, ["recommend", rel, "--evaluate", "--format", "json",
                                   "--seed", "2", "--hide", "0.25"]).output)
    assert {r["method"] for r in data["rows"]} == {"adamic_adar", "resource_allocation", "jaccard",
                                                   "common_neighbours", "community"}
    assert data["parameters"]["hide"] == 0.25 and data["parameters"]["seed"] == 2
    assert all(0 <= r["auc"] <= 1 for r in data["rows"])


def test_resilience_what_if_json(runner, files):
    rel, partners = files
    data = json.loads(run(runner, ["resilience", rel, "-p", partners, "--remove", "카이스트",
                                   "--format", "json"]).output)
    w = data["what_if"]
    assert w["removed"] == ["kaist"] and w["removed_names"] == ["카이스트"]
    assert w["components_after"] == 2 and w["reach_lost"] > 0
    assert w["efficiency_after"] < w["efficiency_before"]


def test_resilience_unknown_partner_exits_2_with_suggestion(runner, files):
    rel, partners = files
    result = runner.invoke(main, ["resilience", rel, "-p", partners, "--remove", "kaistt"])
    assert result.exit_code == 2
    assert "Error:" in result.output and "did you mean 'kaist'" in result.output
    assert "Traceback" not in result.output


def test_bad_input_exits_2(runner, files, tmp_path):
    rel, partners = files
    result = runner.invoke(main, ["gaps", rel, "-p", partners, "--attribute", "planet"])
    assert result.exit_code == 2 and "planet" in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["resilience", rel, "--strategy", "alphabetical"])
    assert result.exit_code == 2
    empty = tmp_path / "empty.csv"
    empty.write_text("source,target\n", encoding="utf-8")
    result = runner.invoke(main, ["health", str(empty)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_health_table_lists_every_kpi(runner, files):
    rel, partners = files
    out = run(runner, ["health", rel, "-p", partners]).output
    for key in ("density", "modularity", "sector_blau", "main_core_share"):
        assert key in out
    data = json.loads(run(runner, ["health", rel, "-p", partners, "--format", "json"]).output)
    assert data["kpis"]["n_partners"] == 9 and data["parameters"]["partition_method"] == "leiden"
    assert all(r["definition"] for r in data["rows"])
