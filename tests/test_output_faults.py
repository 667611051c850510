"""Issue 15: OS failures are user errors (exit 2, path and reason), nothing half-written,
the previous report intact; batch outputs obey the rules of ``analyze -o``; the folder
swap never leaves the output path empty and tidies what killed runs left."""
from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ecosystem.cli import main

ROOT = Path(__file__).resolve().parent.parent
FAST = ["--stability-runs", "0", "-q"]


@pytest.fixture()
def data(tmp_path):
    f = tmp_path / "rel.csv"
    f.write_text("source,target,weight\na,b,2\nb,c,1\nc,a,1\nc,d,3\n", encoding="utf-8")
    return f


@pytest.fixture()
def light_config(tmp_path):
    cfg = tmp_path / "light.yaml"
    cfg.write_text("outputs: {map.png: false, metrics.xlsx: false}\n"
                   "analyses: {resilience: false, evolution: false}\n", encoding="utf-8")
    return cfg


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


# ---------------------------------------------------------------- paths that are not folders
@pytest.mark.parametrize("where", ["/", "/proc/x", "/etc", "/dev/shm/r"])
def test_system_folders_are_refused(data, where):
    r = cli("analyze", data, "-o", where, *FAST)
    assert r.exit_code == 2 and "system folder" in r.output, r.output


def test_output_naming_a_regular_file_or_a_folder_inside_one(tmp_path, data, light_config):
    f = tmp_path / "notes.txt"
    f.write_text("keep me", encoding="utf-8")
    for out in (f, f / "sub"):
        r = cli("analyze", data, "-o", out, "-c", light_config, *FAST)
        assert r.exit_code == 2 and "Traceback" not in r.output, r.output
        assert "not a folder" in r.output
    assert f.read_text(encoding="utf-8") == "keep me"


def test_export_and_map_refuse_proc_and_file_parents(tmp_path, data):
    f = tmp_path / "notes.txt"
    f.write_text("x", encoding="utf-8")
    for args in (["export", data, "-o", "/proc/x.gexf"], ["export", data, "-o", f / "n.gexf"],
                 ["map", data, "-o", "/proc/map.html"]):
        r = cli(*args)
        assert r.exit_code == 2 and "Traceback" not in r.output, (args, r.output)


# ---------------------------------------------------------------- a full disk, no permission
def test_full_disk_while_writing_keeps_the_previous_report(tmp_path, data, light_config,
                                                           monkeypatch):
    out = tmp_path / "report"
    assert cli("analyze", data, "-o", out, "-c", light_config, *FAST).exit_code == 0
    before = (out / "summary.json").read_bytes()

    from ecosystem import export

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device", str(out / "partners.csv"))

    monkeypatch.setattr(export, "write_csv", full)
    r = cli("analyze", data, "-o", out, "-c", light_config, *FAST)
    assert r.exit_code == 2, r.output
    assert "No space left on device" in r.output and "Traceback" not in r.output
    assert (out / "summary.json").read_bytes() == before
    assert leftovers(tmp_path) == []


def test_permission_denied_on_the_output_folder_is_exit_2(tmp_path, data, light_config,
                                                          monkeypatch):
    out = tmp_path / "locked" / "report"
    real_mkdir = Path.mkdir

    def denied(self, *a, **k):
        if ".tmp-" in self.name or self.name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_mkdir(self, *a, **k)

    monkeypatch.setattr(Path, "mkdir", denied)
    r = cli("analyze", data, "-o", out, "-c", light_config, *FAST)
    assert r.exit_code == 2 and "Permission denied" in r.output, r.output
    assert str(tmp_path / "locked") in r.output


def test_full_disk_for_export_and_map_is_exit_2(tmp_path, data, monkeypatch):
    import tempfile

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path))

    monkeypatch.setattr(tempfile, "mkstemp", full)
    for args in (["export", data, "-o", tmp_path / "n.gexf", "-q"],
                 ["map", data, "-o", tmp_path / "m.html"]):
        r = cli(*args)
        assert r.exit_code == 2 and "No space left on device" in r.output, (args, r.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rel.csv"]


def test_validate_dev_zero_stops_quickly():
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    r = cli("validate", "/dev/zero")
    assert r.exit_code == 2 and "max_stream_mb" in r.output, r.output


# ---------------------------------------------------------------- the folder swap
def test_symlinked_output_keeps_its_link(tmp_path, data, light_config):
    real = tmp_path / "real"
    link = tmp_path / "link"
    assert cli("analyze", data, "-o", real, "-c", light_config, *FAST).exit_code == 0
    link.symlink_to(real, target_is_directory=True)
    r = cli("analyze", data, "-o", link, "-c", light_config, *FAST)
    assert r.exit_code == 0, r.output
    assert link.is_symlink() and (link / "report.html").exists()
    assert leftovers(tmp_path) == []


def test_stale_temporary_folders_of_killed_runs_are_removed(tmp_path, data, light_config):
    out = tmp_path / "report"
    for stale in (".report.tmp-999999999-abcd1234", ".report.tmp-deadbeef"):
        (tmp_path / stale).mkdir()
        (tmp_path / stale / "partners.csv").write_text("half", encoding="utf-8")
    r = cli("analyze", data, "-o", out, "-c", light_config, *FAST)
    assert r.exit_code == 0, r.output
    assert leftovers(tmp_path) == []


KILL_BETWEEN_RENAMES = """
import os, sys
from ecosystem.render import folder
folder._exchange = lambda a, b: False          # a system without RENAME_EXCHANGE
real = os.replace
def replace(src, dst):
    if ".tmp-" in os.path.basename(os.fspath(src)):
        os._exit(9)                            # killed between the two renames
    return real(src, dst)
folder.os.replace = replace
from ecosystem.cli import main
sys.argv = ["ecosystem"] + sys.argv[1:]
main()
"""


def test_a_kill_between_the_two_renames_is_repaired_by_the_next_run(tmp_path, data, light_config):
    out = tmp_path / "report"
    assert cli("analyze", data, "-o", out, "-c", light_config, *FAST).exit_code == 0
    old = (out / "summary.json").read_bytes()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", KILL_BETWEEN_RENAMES, "analyze", str(data),
                           "-o", str(out), "-c", str(light_config), *FAST], env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 9, proc.stderr[-2000:]
    (saved,) = [p for p in tmp_path.iterdir() if p.name.startswith(".report.old-")]
    assert (saved / "summary.json").read_bytes() == old  # the old report, safe
    from ecosystem.render.folder import recover_output

    recover_output(out)  # what the next run does first
    assert (out / "summary.json").read_bytes() == old and leftovers(tmp_path) == []
    assert cli("analyze", data, "-o", out, "-c", light_config, *FAST).exit_code == 0
    assert leftovers(tmp_path) == []


def test_replacing_a_report_swaps_atomically(tmp_path, data, light_config, monkeypatch):
    """Where the system can exchange two paths, the output path is never empty."""
    from ecosystem.render import folder

    out = tmp_path / "report"
    assert cli("analyze", data, "-o", out, "-c", light_config, *FAST).exit_code == 0
    calls = []
    real = folder._exchange
    monkeypatch.setattr(folder, "_exchange", lambda a, b: calls.append(b) or real(a, b))
    renames = []
    real_replace = os.replace
    monkeypatch.setattr(folder.os, "replace",
                        lambda a, b: renames.append(Path(b)) or real_replace(a, b))
    if not real(tmp_path / "rel.csv", tmp_path / "light.yaml"):
        pytest.skip("no renameat2 RENAME_EXCHANGE here")
    real(tmp_path / "rel.csv", tmp_path / "light.yaml")  # swap back
    assert cli("analyze", data, "-o", out, "-c", light_config, *FAST).exit_code == 0
    assert calls == [out] and leftovers(tmp_path) == []
    assert out not in renames and not any(".old-" in p.name for p in renames)


# ---------------------------------------------------------------- batch outputs
def _batch(tmp_path, data, text):
    f = tmp_path / "b.yaml"
    f.write_text(text.replace("DATA", str(data)), encoding="utf-8")
    return cli("batch", f, "-q")


def test_batch_output_root_is_refused(tmp_path, data):
    r = _batch(tmp_path, data, "output: /\nruns:\n  - {name: r, data: DATA}\n")
    assert r.exit_code == 2 and "system folder" in r.output, r.output
    assert not Path("/index.html").exists() and not Path("/batch.json").exists()


def test_batch_output_naming_a_file_is_refused(tmp_path, data):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    r = _batch(tmp_path, data, "output: file\nruns:\n  - {name: r, data: DATA}\n")
    assert r.exit_code == 2 and "not a folder" in r.output and "Traceback" not in r.output


@pytest.mark.parametrize("name", ["index.html", "batch.json", "Index.HTML", "NUL"])
def test_batch_reserved_run_names_are_refused(tmp_path, data, name):
    r = _batch(tmp_path, data, f"output: out\nruns:\n  - {{name: '{name}', data: DATA}}\n")
    assert r.exit_code == 2 and "reserved" in r.output, r.output


def test_batch_run_names_differing_in_case_collide(tmp_path, data):
    r = _batch(tmp_path, data, "output: out\nruns:\n  - {name: Seoul, data: DATA}\n"
                               "  - {name: seoul, data: DATA}\n")
    assert r.exit_code == 2 and "used twice" in r.output, r.output


def test_batch_output_holding_other_files_is_refused(tmp_path, data):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "thesis.docx").write_text("x", encoding="utf-8")
    r = _batch(tmp_path, data, "output: out\nruns:\n  - {name: r, data: DATA}\n")
    assert r.exit_code == 2 and "thesis.docx" in r.output, r.output
