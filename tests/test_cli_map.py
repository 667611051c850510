"""``ecosystem map`` through click's CliRunner."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from ecosystem.cli import main

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "datasets" / "demo"


def demo_args() -> list[str]:
    return [str(DEMO / "relations.csv"), "-p", str(DEMO / "partners.csv")]


def test_map_writes_one_offline_html_and_images(runner, tmp_path):
    out = tmp_path / "map.html"
    result = runner.invoke(main, ["map", *demo_args(), "-o", str(out), "--image",
                                  str(tmp_path / "map.svg"), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["map"]["kind"] == "partners"
    assert len(payload["map"]["partners"]) == payload["data"]["partners"] == 202
    assert {"id", "name"} <= set(payload["map"]["partners"][0])
    assert payload["params"]["seed"] == 0 and payload["params"]["size_by"] == "anchor_score"
    assert payload["provenance"]["layout"]["method"] == "communities"
    assert [f["kind"] for f in payload["files"]] == ["partners", "image"]
    page = out.read_text(encoding="utf-8")
    assert "cdn.jsdelivr" not in page and '<meta charset="utf-8">' in page
    assert "경기혁신진흥원" in json.loads(page.split('id="eco-map-data">')[1].split("</script>")[0])[
        "nodes"]["name"]
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert re.search(r"<text[^>]*>[^<]*[가-힣]", svg)  # Hangul labels kept as text


def test_focus_community_embed_and_table_output(runner, tmp_path):
    out = tmp_path / "focus.html"
    result = runner.invoke(main, ["map", *demo_args(), "-o", str(out), "--focus",
                                  "경기혁신진흥원", "--depth", "1", "--embed"])
    assert result.exit_code == 0, result.output
    assert "focus.html" in result.output and "partners" in result.output
    page = out.read_text(encoding="utf-8")
    assert 'class="eco-map embed"' in page and "<header" not in page
    result = runner.invoke(main, ["map", *demo_args(), "-o", str(tmp_path / "c.html"),
                                  "--community", "0", "--color-by", "sector", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "file,kind,nodes,ties,bytes"


def test_overview_with_drilldowns(runner, tmp_path):
    out = tmp_path / "big.html"
    result = runner.invoke(main, ["map", *demo_args(), "-o", str(out), "--max-nodes", "100",
                                  "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    kinds = [f["kind"] for f in payload["files"]]
    assert kinds[0] == "overview" and kinds.count("drill-down") == len(kinds) - 1 >= 2
    assert all(Path(f["file"]).exists() for f in payload["files"])
    assert sum(f["nodes"] for f in payload["files"][1:]) == 202


def test_positions_round_trip(runner, tmp_path):
    pos = tmp_path / "pos.csv"
    r1 = runner.invoke(main, ["map", *demo_args(), "-o", str(tmp_path / "a.html"),
                              "--save-positions", str(pos), "--seed", "3"])
    assert r1.exit_code == 0, r1.output
    saved = pd.read_csv(pos, dtype={"id": str}, encoding="utf-8-sig")
    assert list(saved.columns) == ["id", "name", "x", "y"] and len(saved) == 202
    r2 = runner.invoke(main, ["map", *demo_args(), "-o", str(tmp_path / "b.html"),
                              "--positions", str(pos), "--format", "json"])
    assert r2.exit_code == 0, r2.output
    assert json.loads(r2.output)["provenance"]["layout"] == {"method": "given"}
    data = json.loads((tmp_path / "b.html").read_text(encoding="utf-8")
                      .split('id="eco-map-data">')[1].split("</script>")[0])
    assert data["nodes"]["x"] == pytest.approx(saved["x"].tolist())


@pytest.mark.parametrize("args, message", [
    (["--focus", "nobody at all"], "not in the ecosystem"),
    (["--size-by", "nonsense"], "size_by"),
    (["--color-by", "nonsense"], "color_by"),
    (["--community", "999"], "community 999 does not exist"),
    (["-o", "map.txt"], "must end in .html"),
    (["--image", "map.gif"], "must end in .png or .svg"),
    (["--depth", "-1", "--focus", "P001"], "depth"),
])
def test_bad_input_is_an_error_message_and_exit_2(runner, tmp_path, args, message):
    argv = ["map", *demo_args()]
    if "-o" not in args:
        argv += ["-o", str(tmp_path / "m.html")]
    result = runner.invoke(main, argv + args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_positions_file(runner, tmp_path):
    result = runner.invoke(main, ["map", *demo_args(), "-o", str(tmp_path / "m.html"),
                                  "--positions", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2 and "file not found" in result.output


def test_config_drives_the_analyses(runner, tmp_path):
    cfg = tmp_path / "eco.yaml"
    cfg.write_text("seed: 4\ncommunities:\n  resolution: 3.0\n", encoding="utf-8")
    res = {}
    for name, extra in (("default", []), ("config", ["--config", str(cfg)])):
        r = runner.invoke(main, ["map", *demo_args(), "-o", str(tmp_path / f"{name}.html"),
                                 "--format", "json", *extra])
        assert r.exit_code == 0, r.output
        res[name] = json.loads(r.output)
    assert res["config"]["params"]["seed"] == 4
    assert res["config"]["provenance"]["communities"]["resolution"] == 3.0
    assert res["default"]["provenance"]["communities"]["resolution"] == 1.0
    n_comm = lambda name: len(json.loads((tmp_path / f"{name}.html").read_text(  # noqa: E731
        encoding="utf-8").split('id="eco-map-data">')[1].split("</script>")[0])[
        "colorings"]["community"]["items"])
    assert n_comm("config") > n_comm("default")
    bad = tmp_path / "bad.yaml"
    bad.write_text("communities:\n  resolution: -1\n", encoding="utf-8")
    r = runner.invoke(main, ["map", *demo_args(), "-o", str(tmp_path / "x.html"), "--config", str(bad)])
    assert r.exit_code == 2 and "Error" in r.output
