"""A shared report names input files, not the author's folders (issue 15)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from ecosystem import load
from ecosystem.cli import main
from ecosystem.exceptions import InputDataError
from ecosystem.io.paths import display_path

SHARED = ("report.html", "report.md", "summary.json")


@pytest.fixture()
def private(tmp_path, monkeypatch):
    folder = tmp_path / "Kim private" / "2024 strategy"
    folder.mkdir(parents=True)
    (folder / "rel.csv").write_text("source,target,weight\na,b,1\nb,c,\nc,a,2\n", encoding="utf-8")
    (folder / "part.csv").write_text("id,name,sector\na,A,x\nb,B,y\nc,C,x\n", encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    cfg = work / "c.yaml"
    cfg.write_text("outputs: {map.png: false, metrics.xlsx: false}\n"
                   "analyses: {resilience: false, evolution: false}\n", encoding="utf-8")
    return folder, cfg


def _run(folder, cfg, *extra):
    r = CliRunner().invoke(main, ["analyze", str(folder / "rel.csv"), "-p", str(folder / "part.csv"),
                                  "-o", "out", "-q", "--stability-runs", "0", "-c", str(cfg), *extra])
    assert r.exit_code == 0, r.output


def test_reports_name_files_not_folders_by_default(private, tmp_path):
    folder, cfg = private
    _run(folder, cfg)
    for name in SHARED:
        text = (tmp_path / "work" / "out" / name).read_text(encoding="utf-8")
        assert "Kim private" not in text and "2024 strategy" not in text, name
        assert "rel.csv" in text, name  # the data-quality row still says which file


def test_full_paths_option_keeps_them(private, tmp_path):
    folder, cfg = private
    _run(folder, cfg, "--full-paths")
    text = (tmp_path / "work" / "out" / "summary.json").read_text(encoding="utf-8")
    assert "Kim private" in text


def test_files_inside_the_working_folder_keep_their_relative_path(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    f = tmp_path / "data" / "rel.csv"
    f.write_text("source,target,weight\na,b,x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputDataError) as err:
        load(f)
    assert err.value.problems[0].file == "data/rel.csv"
    assert display_path(str(f)) == "data/rel.csv"


def test_bundled_datasets_are_named_by_dataset_and_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    eco = load("demo")
    assert eco.report.sources["relations"] == "demo/relations.csv"
