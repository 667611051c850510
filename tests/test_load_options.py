"""The data-loading options come from one table (issue 17): CLI, configuration, loader."""
from click.testing import CliRunner

from ecosystem.cli import COMMANDS, main
from ecosystem.config import DEFAULTS
from ecosystem.io.load_options import LOAD_OPTIONS
from ecosystem.pipeline import load_data


def _file(tmp_path):
    f = tmp_path / "rel.txt"
    f.write_text("source;target;weight\na;b;1\nb;c;2\nc;a;1\n", encoding="utf-8")
    return f


def _config_has(key: str) -> bool:
    node = DEFAULTS
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def test_every_row_has_a_configuration_key():
    missing = [row.name for row in LOAD_OPTIONS if not _config_has(row.config)]
    assert not missing


def test_commands_that_read_data_offer_every_command_line_row_in_their_own_group():
    wanted = {flag.split("/")[0] for row in LOAD_OPTIONS for flag in row.flags[:1]}
    for command in COMMANDS:
        if command.name not in ("analyze", "anchors", "gaps", "export"):
            continue
        help_text = CliRunner().invoke(main, [command.name, "--help"]).output
        own, _, data = help_text.partition("Data loading options:")
        assert data, command.name
        assert all(flag in data for flag in wanted), command.name
        assert "--top" not in data and "--seed" not in data


def test_delimiter_by_name_in_the_configuration(tmp_path):
    # 'semicolon' is the documented name of ';': it used to reach the reader as the word
    eco = load_data({"data": {"delimiter": "semicolon"}}, _file(tmp_path))
    assert eco.n_ties == 3


def test_delimiter_by_name_on_export(tmp_path):
    out = tmp_path / "g.graphml"
    r = CliRunner().invoke(main, ["export", str(_file(tmp_path)), "--delimiter", "semicolon",
                                  "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.exists()
