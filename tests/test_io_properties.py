"""Property tests over every reader (issue 15): arbitrary bytes and arbitrary mutations of
valid files end in a loaded ecosystem or an EcosystemError (exit 2), never another
exception (a traceback); for valid tables the counts reconcile with the outputs.

Bounded: each property runs a fixed number of examples without a per-example deadline,
so the whole module takes well under a minute on CI.
"""
from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecosystem import load
from ecosystem.exceptions import EcosystemError
from ecosystem.io.limits import Limits

DATA = Path(__file__).resolve().parent / "data"
SMALL = Limits(max_file_mb=1, max_stream_mb=1, max_declared_count=5000, max_json_depth=50,
               max_field_chars=10_000)
BOUNDED = settings(max_examples=25, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.function_scoped_fixture,
                                          HealthCheck.too_slow, HealthCheck.data_too_large])

PAJEK = (b'*Vertices 3\n1 "Alpha"\n2 "Beta"\n3 "Gamma"\n*Arcs\n1 2 2\n2 3 1.5 c Red\n'
         b"*Edges\n1 3\n")
UCINET = b"DL N=3\nFORMAT = FULLMATRIX\nLABELS:\nA,B,C\nDATA:\n0 1 2\n1 0 0\n2 0 0\n"
EDGELIST = b"# comment\na b {'weight': 2, 'type': 'pilot'}\nb c 3\n"
SEEDS = {
    ".csv": b"source,target,weight,date\nACME,Beta,2,2024-01-05\nBeta,\xea\xb0\x80,1,2023-12-31\n",
    ".tsv": (DATA / "relations.tsv").read_bytes(),
    ".txt": (DATA / "relations_pipe.txt").read_bytes(),
    ".edgelist": EDGELIST,
    ".json": (DATA / "networkx_node_link.json").read_bytes(),
    ".graphml": (DATA / "gephi_export.graphml").read_bytes(),
    ".gexf": (DATA / "gephi_export.gexf").read_bytes(),
    ".net": PAJEK,
    ".dl": UCINET,
    ".xlsx": (DATA / "single_sheet.xlsx").read_bytes(),
}


def _outcome(path: Path) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            eco = load(path, limits=SMALL)
        except EcosystemError:
            return "error"
    assert eco.n_partners >= 0 and len(eco.relations) >= 0
    return "ok"


@st.composite
def mutations(draw, data: bytes):
    """``data`` with a few bytes replaced, inserted or deleted, or cut short."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["replace", "insert", "delete", "truncate", "dup"]))
        pos = draw(st.integers(0, max(len(out) - 1, 0)))
        chunk = draw(st.binary(min_size=1, max_size=4) | st.sampled_from(
            [b'"', b"\r", b"\n", b",", b"\xff", b"<", b"{", b"[", b"*", b"-", b"NaN", b"\x00"]))
        if kind == "replace":
            out[pos:pos + len(chunk)] = chunk
        elif kind == "insert":
            out[pos:pos] = chunk
        elif kind == "delete":
            del out[pos:pos + len(chunk)]
        elif kind == "truncate":
            del out[pos:]
        else:
            out[pos:pos] = out[pos:pos + 16]
    return bytes(out)


@pytest.mark.parametrize("suffix", sorted(SEEDS))
def test_the_valid_seed_files_load(tmp_path, suffix):
    f = tmp_path / f"seed{suffix}"
    f.write_bytes(SEEDS[suffix])
    assert _outcome(f) == "ok"


@pytest.mark.parametrize("suffix", sorted(SEEDS))
@BOUNDED
@given(data=st.data())
def test_mutated_files_load_or_fail_cleanly(tmp_path, suffix, data):
    blob = data.draw(mutations(SEEDS[suffix]))
    f = tmp_path / f"m{suffix}"
    f.write_bytes(blob)
    _outcome(f)


@pytest.mark.parametrize("suffix", [".csv", ".json", ".graphml", ".net", ".dl", ".xlsx", ".bin"])
@BOUNDED
@given(blob=st.binary(max_size=400))
def test_arbitrary_bytes_load_or_fail_cleanly(tmp_path, suffix, blob):
    f = tmp_path / f"any{suffix}"
    f.write_bytes(blob)
    _outcome(f)


@settings(max_examples=10, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(blob=st.binary(max_size=300))
def test_cli_validate_exits_0_or_2_never_a_traceback(tmp_path, blob):
    f = tmp_path / "any.csv"
    f.write_bytes(blob)
    from ecosystem.cli import main

    r = CliRunner().invoke(main, ["validate", str(f)])
    assert r.exit_code in (0, 2), r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)


IDS = st.sampled_from(["a", "b", "c", "d", "e", "삼성", "Société", "007", "x y"])


@BOUNDED
@given(rows=st.lists(st.tuples(IDS, IDS, st.integers(1, 9)), min_size=1, max_size=25))
def test_valid_tables_reconcile_with_the_outputs(tmp_path, rows):
    frame = pd.DataFrame(rows, columns=["source", "target", "weight"])
    f = tmp_path / "rel.csv"
    frame.to_csv(f, index=False, encoding="utf-8")
    loops = frame["source"] == frame["target"]
    kept = frame[~loops].drop_duplicates()
    if kept.empty:
        with pytest.raises(EcosystemError):
            load(f)
        return
    eco = load(f)
    counts = eco.report.rows["relations"]
    assert counts["read"] == len(frame)
    assert counts["used"] == len(kept) == len(eco.relations)
    assert counts["read"] == counts["skipped"] + counts["dropped"] + counts["used"]
    assert set(eco.ids) == set(kept["source"]) | set(kept["target"])
    pairs = {frozenset(p) for p in zip(kept["source"], kept["target"])}
    assert eco.n_ties == len(pairs)
    assert abs(eco.relations["weight"].sum() - kept["weight"].sum()) < 1e-9


@settings(max_examples=4, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=st.lists(st.tuples(IDS, IDS, st.integers(1, 9)), min_size=3, max_size=20),
       bad=st.integers(0, 2))
def test_counts_reconcile_with_the_written_report(tmp_path, rows, bad):
    """Rows read = skipped + dropped + used, and the report files count what was used."""
    import json

    frame = pd.DataFrame(rows, columns=["source", "target", "weight"]).astype(str)
    frame.loc[: bad - 1, "weight"] = "n/a?"  # the first `bad` rows cannot be read
    kept = frame.iloc[bad:]
    kept = kept[kept["source"] != kept["target"]].drop_duplicates()
    if kept.empty:
        return
    f = tmp_path / "rel.csv"
    frame.to_csv(f, index=False, encoding="utf-8")
    from ecosystem.pipeline import analyze

    eco = load(f, skip_bad_rows=True)
    counts = eco.report.rows["relations"]
    assert (counts["read"], counts["skipped"], counts["used"]) == (len(frame), bad, len(kept))
    assert counts["read"] == counts["skipped"] + counts["dropped"] + counts["used"]
    cfg = {"analyses": {"resilience": False, "evolution": False, "stability": False,
                        "recommendations": False},
           "outputs": {"map.png": False, "map.html": False, "metrics.xlsx": False,
                       "report.html": False, "report.md": False}}
    out = tmp_path / "out"
    analyze(eco, cfg).write_report(out)
    partners = pd.read_csv(out / "partners.csv", encoding="utf-8-sig", dtype=str)
    assert sorted(partners["id"]) == sorted(set(kept["source"]) | set(kept["target"]))
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["data_quality"]["rows"]["relations"] == counts
    assert len(summary["data_quality"]["skipped_rows"]) == bad
