"""Configuration: validated YAML with defaults, a commented template, CLI overrides."""
from __future__ import annotations

import json

import pytest
import yaml

from ecosystem.cli import main
from ecosystem.config import DEFAULTS, Config, resolve_config, template
from ecosystem.exceptions import InputDataError, InvalidParameterError


def test_defaults_are_filled_in_and_partial_files_merge():
    cfg = Config.from_dict({"communities": {"resolution": 1.5}})
    assert cfg.get("communities.resolution") == 1.5
    assert cfg.get("communities.method") == "leiden"
    assert cfg.seed == 0 and cfg.lang == "en"
    assert cfg.enabled("holes") and cfg.wants("metrics.xlsx")
    assert Config().to_dict() == DEFAULTS


@pytest.mark.parametrize("data, key", [
    ({"comunities": {}}, "comunities"),
    ({"communities": {"resolutoin": 2}}, "communities.resolutoin"),
    ({"outputs": {"report.pdf": True}}, "outputs.report.pdf"),
    ({"analyses": {"everything": True}}, "analyses.everything"),
])
def test_unknown_keys_are_errors_naming_the_key(data, key):
    with pytest.raises(InvalidParameterError, match=f"unknown key '{key}'"):
        Config.from_dict(data)


def test_typo_gets_a_suggestion():
    with pytest.raises(InvalidParameterError, match="did you mean 'resolution'"):
        Config.from_dict({"communities": {"resolutoin": 2}})


@pytest.mark.parametrize("data, key, value", [
    ({"communities": {"resolution": -1}}, "communities.resolution", "-1"),
    ({"communities": {"method": "spectral"}}, "communities.method", "'spectral'"),
    ({"seed": "zero"}, "seed", "'zero'"),
    ({"seed": True}, "seed", "True"),
    ({"report": {"lang": "fr"}}, "report.lang", "'fr'"),
    ({"strength": {"type_weights": {"MoU": 0}}}, "strength.type_weights", "0"),
    ({"data": {"aggregate": "median"}}, "data.aggregate", "'median'"),
    ({"top": {"anchors": 0}}, "top.anchors", "0"),
])
def test_bad_values_name_key_and_value(data, key, value):
    with pytest.raises(InvalidParameterError) as err:
        Config.from_dict(data)
    assert f"'{key}'" in str(err.value) and value in str(err.value)


def test_template_is_commented_valid_and_equals_the_defaults():
    text = template()
    assert text.count("#") > 40  # every key explained
    assert Config.from_dict(yaml.safe_load(text)).to_dict() == Config().to_dict()
    for section in DEFAULTS:
        assert f"\n{section}:" in "\n" + text, section


def test_overrides_beat_the_file(tmp_path):
    path = tmp_path / "eco.yaml"
    path.write_text("seed: 3\ncommunities:\n  resolution: 2.0\nreport:\n  lang: ko\n",
                    encoding="utf-8")
    cfg = resolve_config(path, **{"communities.resolution": 0.5})
    assert cfg.seed == 3 and cfg.lang == "ko" and cfg.get("communities.resolution") == 0.5
    assert resolve_config(path, seed=None).seed == 3  # None = flag not given


def test_relative_data_paths_are_relative_to_the_file(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "rel.csv").write_text("source,target\na,b\n", encoding="utf-8")
    (tmp_path / "sub" / "eco.yaml").write_text("data:\n  relations: rel.csv\n", encoding="utf-8")
    cfg = Config.load(tmp_path / "sub" / "eco.yaml")
    assert cfg.get("data.relations") == str(tmp_path / "sub" / "rel.csv")


def test_bad_yaml_and_missing_file_are_input_errors(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("seed: [1,\n", encoding="utf-8")
    with pytest.raises(InputDataError, match="bad.yaml"):
        Config.load(bad)
    with pytest.raises(InputDataError, match="not found"):
        Config.load(tmp_path / "nope.yaml")


def test_strength_rule_from_config():
    cfg = Config.from_dict({"strength": {"type_weights": {"joint R&D": 3}, "half_life": 2}})
    rule = cfg.strength_rule()
    assert rule.type_weight("JOINT R&D") == 3.0 and rule.half_life == 2.0


# ---------------------------------------------------------------------- CLI
def test_init_writes_template_and_refuses_to_overwrite(runner, tmp_path):
    path = tmp_path / "eco.yaml"
    result = runner.invoke(main, ["init", str(path)])
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["communities"]["method"] == "leiden"
    again = runner.invoke(main, ["init", str(path)])
    assert again.exit_code == 2 and "already exists" in again.output
    forced = runner.invoke(main, ["init", str(path), "--force", "--format", "json"])
    assert forced.exit_code == 0 and json.loads(forced.output)["path"] == str(path)
    # the untouched template is a working configuration
    used = runner.invoke(main, ["analyze", "florentine", "--config", str(path), "-q",
                                "--stability-runs", "0", "-o", str(tmp_path / "out")])
    assert used.exit_code == 0, used.output


def test_analyze_with_unknown_config_key_exits_2(runner, tmp_path):
    path = tmp_path / "eco.yaml"
    path.write_text("communities:\n  resolutoin: 2\n", encoding="utf-8")
    result = runner.invoke(main, ["analyze", "karate", "--config", str(path), "-o",
                                  str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "communities.resolutoin" in result.output and "Traceback" not in result.output


def test_cli_flags_override_the_config_file(runner, tmp_path):
    path = tmp_path / "eco.yaml"
    path.write_text(
        "seed: 4\ncommunities:\n  resolution: 2.0\n  stability_runs: 0\n"
        "resilience:\n  runs: 1\n  steps: 3\n"
        "outputs:\n  metrics.xlsx: false\n  map.png: false\n  report.md: false\n",
        encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["analyze", "karate", "--config", str(path), "--resolution",
                                  "0.8", "-o", str(out), "--format", "json", "-q"])
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["parameters"]["seed"] == 4                       # from the file
    assert summary["communities"]["resolution"] == 0.8              # flag wins
    assert not (out / "metrics.xlsx").exists() and (out / "report.html").exists()
