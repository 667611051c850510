"""`ecosystem analyze`: one command from data to a report; exit codes; progress on stderr only."""
from __future__ import annotations

import io
import json

import pytest

from ecosystem.cli import main
from ecosystem.progress import Progress

FAST = ["--stability-runs", "2"]


def test_analyze_demo_json_on_stdout_timings_on_stderr(runner, tmp_path):
    out = tmp_path / "demo"
    result = runner.invoke(main, ["analyze", "--demo", "-o", str(out), "--format", "json",
                                  "--verbose", *FAST])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # stdout is pure JSON
    assert data["command"] == "analyze" and data["directory"] == str(out)
    for name in ("report.html", "report.md", "partners.csv", "communities.csv",
                 "recommendations.csv", "summary.json", "metrics.xlsx", "map.html"):
        assert name in data["files"] and (out / name).is_file(), name
    assert data["kpis"]["partners"] == 202
    assert data["anchors"][0]["rank"] == 1 and data["anchors"][0]["id"]
    assert data["parameters"]["seed"] == 0
    # --verbose: one timing line per step on stderr
    for step in ("load", "centrality", "communities", "anchors", "resilience", "report.html"):
        assert step in result.stderr, step
    assert " s\n" in result.stderr


def test_default_output_folder_and_quiet(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["analyze", "karate", "-q", *FAST])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "reports" / "karate" / "report.html").is_file()
    assert result.stderr == "" or result.stderr.startswith("note:")  # no progress when piped
    assert "Wrote reports/karate/" in result.stdout and "partners" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["analyze"], "give DATA"),
    (["analyze", "karate", "--demo"], "either DATA or --demo"),
    (["analyze", "no/such/file.csv"], "Error"),
    (["analyze", "karate", "--lang", "fr"], "Invalid value for '--lang'"),
    (["analyze", "karate", "--resolution", "-1"], "resolution"),
])
def test_bad_input_and_usage_exit_2(runner, tmp_path, args, message):
    result = runner.invoke(main, [*args, "-o", str(tmp_path / "x")])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_internal_error_exits_1(runner, tmp_path, monkeypatch):
    import ecosystem.pipeline as pl

    def broken(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(pl, "analyze", broken)
    result = runner.invoke(main, ["analyze", "karate", "-o", str(tmp_path / "x")])
    assert result.exit_code == 1


def test_cli_overrides_and_korean(runner, tmp_path):
    out = tmp_path / "ko"
    result = runner.invoke(main, ["analyze", "karate", "-o", str(out), "--lang", "ko", "--seed",
                                  "3", "--method", "louvain", "--top", "5", "--title",
                                  "가라테 클럽 <분석>", "--name", "가라테", "-q", *FAST])
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["parameters"]["seed"] == 3 and summary["communities"]["method"] == "louvain"
    assert len(summary["anchors"]) == 5 and summary["lang"] == "ko"
    assert summary["name"] == "가라테"
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<title>가라테 클럽 &lt;분석&gt;</title>" in html and "앵커 파트너" in html


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal():
    tty, pipe = _Tty(), io.StringIO()
    for stream in (tty, pipe):
        p = Progress(stream=stream)
        with p.run("analysis", total=2):
            with p.step("centrality"):
                pass
            with p.step("communities"):
                pass
    assert tty.getvalue() != "" and pipe.getvalue() == ""
    quiet = _Tty()
    p = Progress(stream=quiet, quiet=True, verbose=True)
    with p.run("analysis", total=1):
        with p.step("x"):
            pass
    assert quiet.getvalue() == "" and set(p.timings) == {"x"}


def test_korean_cp949_spreadsheets_to_korean_report(runner, tmp_path):
    """An Excel 'ANSI' (CP949) export with Hangul headers and names, end to end."""
    orgs = ["삼성전자", "LG화학", "KAIST", "서울대학교", "한국전자통신연구원", "판교스타트업",
            "경기도청", "현대자동차"]
    kinds = ["기업", "기업", "대학", "대학", "연구소", "스타트업", "정부", "기업"]
    pairs = [(0, 2), (0, 3), (2, 3), (1, 3), (1, 4), (4, 2), (5, 0), (5, 2), (6, 4), (6, 5),
             (7, 1), (7, 4)]
    rel = ["기관1,기관2,관계유형,가중치"] + [f"{orgs[a]},{orgs[b]},공동연구,{1 + (a + b) % 3}"
                                            for a, b in pairs]
    part = ["기관명,유형"] + [f"{o},{k}" for o, k in zip(orgs, kinds)]
    (tmp_path / "rel.csv").write_bytes(("\n".join(rel) + "\n").encode("cp949"))
    (tmp_path / "part.csv").write_bytes(("\n".join(part) + "\n").encode("cp949"))
    out = tmp_path / "보고서"
    result = runner.invoke(main, ["analyze", str(tmp_path / "rel.csv"), "-p",
                                  str(tmp_path / "part.csv"), "--lang", "ko", "--name",
                                  "판교 생태계", "-o", str(out), "-q", *FAST])
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["partners"]["count"] == 8 and summary["partners"]["sectors"]["기업"] == 3
    assert summary["data_quality"]["encoding"]["relations"].lower() in ("cp949", "euc-kr", "uhc")
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "생태계 분석 보고서: 판교 생태계" in html and "한국전자통신연구원" in html
    csv_text = (out / "partners.csv").read_text(encoding="utf-8-sig")
    assert "삼성전자" in csv_text and "스타트업" in csv_text


def test_a_data_warning_is_one_plain_note_not_a_python_warning(runner, tmp_path):
    """An undated relation among dated ones: `analyze` says so in one `note:` line on
    stderr (no warning class, file name or source line)."""
    rows = ["source,target,year", "a,b,2020", "b,c,2020", "a,c,2021", "c,d,2021", "d,e,"]
    path = tmp_path / "rel.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["analyze", str(path), "-o", str(tmp_path / "out"), *FAST])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if "without a date" in line]
    assert notes == ["note: 1 relation without a date in 'year': counted in the latest "
                     "snapshot only (undated='latest')"]
    assert "EcosystemWarning" not in result.stderr and ".py:" not in result.stderr
