"""The round-2 performance work (issue 18) changes no result.

``tests/data/golden/`` holds the resilience results of the code before the rewrite
(written by ``tests/golden_perf.py`` on karate, the demo, a seeded 1,500-partner
benchmark graph and the same graph with equal tie lengths). The rewritten code must
return exactly the same tables and numbers (not approximately: the same floats).
"""
import pickle
import re
from pathlib import Path

import pandas as pd
import pytest

from golden_perf import GOLDEN, graphs, resilience_results

NAMES = ["karate", "demo", "synthetic", "unweighted"]


@pytest.fixture(scope="module")
def ecosystems():
    return graphs()


def _same(a, b):
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, check_exact=True)
        assert a.attrs == b.attrs
    elif isinstance(a, dict):
        assert a.keys() == b.keys()
        for k in a:
            _same(a[k], b[k])
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            _same(x, y)
    else:
        assert a == b or (a != a and b != b), (a, b)


def _as_before(what_if):
    """One deliberate change (session 26): a sampled what-if measures its efficiency change
    from the baseline's own sources (paired, with its standard error); every other value
    is as before."""
    out = []
    for summary, cut, split, params in what_if:
        summary, params = dict(summary), dict(params)
        params.pop("efficiency_change_se", None)
        summary.pop("efficiency_change_se", None)
        if params.get("efficiency_sampled"):
            for key in ("efficiency_after", "efficiency_change"):
                summary.pop(key, None)
            params.pop("efficiency_rse_max", None)
        out.append((summary, cut, split, params))
    return out


@pytest.mark.parametrize("name", NAMES)
def test_resilience_results_are_identical_to_before(ecosystems, name):
    with open(GOLDEN / f"resilience_{name}.pkl", "rb") as fh:
        before = pickle.load(fh)
    now = resilience_results(ecosystems[name])
    # one deliberate change (session 25): every curve starts from the same measurement of
    # the intact network; random runs used to re-estimate it from their share of the
    # sources (a visible, meaningless offset at 0% removed). Every other point is as before.
    # another (session 29): a sampled curve keeps one seeded order of sources from point
    # to point (tests/test_resilience.py checks that it follows the exact curve better),
    # so its sampled efficiency values differ; its component shares do not.
    curves, old = now["curves"], before["curves"]
    start = (curves["strategy"] == "random") & (curves["removed_count"] == 0)
    first = curves[curves["removed_count"] == 0]
    assert (first[["lcc_share", "efficiency"]].nunique() == 1).all()
    assert (curves.loc[start, ["lcc_share_sd", "efficiency_sd"]] == 0).all().all()
    sampled = curves.attrs["params"]["efficiency_sampled"]
    kept = [c for c in curves.columns if not (sampled and c.startswith("efficiency"))]
    pd.testing.assert_frame_equal(curves.loc[~start, kept], old.loc[~start, kept], check_exact=True)
    for key in ("curves", "curves_params"):
        now_params, old_params = dict(now[key].attrs.get("params", {}) if key == "curves"
                                      else now[key]), dict(old.attrs.get("params", {})
                                                           if key == "curves" else before[key])
        rse, old_rse = now_params.pop("efficiency_rse_max"), old_params.pop("efficiency_rse_max")
        assert now_params == old_params
        assert (rse is None and old_rse is None) or sampled or rse <= old_rse
        now.pop(key), before.pop(key)
    if sampled:  # the adaptive curve is sampled too: its component shares are as before
        kept = ["strategy", "removed_share", "removed_count", "lcc_share", "lcc_share_sd"]
        pd.testing.assert_frame_equal(now.pop("adaptive")[kept], before.pop("adaptive")[kept],
                                      check_exact=True)
    now["what_if"], before["what_if"] = _as_before(now["what_if"]), _as_before(before["what_if"])
    _same(before, now)


@pytest.mark.parametrize("name", ["demo", "synthetic"])
def test_what_if_scenarios_share_the_baseline_and_match_single_calls(ecosystems, name):
    from ecosystem.analysis.communities import detect_communities
    from ecosystem.analysis.resilience import what_if_scenarios

    with open(GOLDEN / f"resilience_{name}.pkl", "rb") as fh:
        before = pickle.load(fh)["what_if"]
    eco = ecosystems[name]
    scenarios = [summary["removed"] for summary, *_ in before]
    now = what_if_scenarios(eco, scenarios, partition=detect_communities(eco, seed=0), seed=0)
    _same(_as_before(before),
          _as_before([(w.summary(), w.cut_off, w.communities_split, w.params) for w in now]))


def test_metrics_workbook_has_the_same_contents_as_before(tmp_path):
    """The streaming writer stores the same values (formula-like text neutralised, NaN
    and infinity empty, dates as dates), the same sheets, header freeze and about the
    same column widths as the openpyxl writer did."""
    from golden_perf import workbook_values

    from ecosystem.export import workbook_tables as capped, write_xlsx

    with open(GOLDEN / "metrics_demo.pkl", "rb") as fh:
        golden = pickle.load(fh)
    before = golden["values"]
    # since issue 15 a plain negative number ("-2") is no longer prefixed with "'" (it
    # cannot run as a formula); every other neutralisation is as before
    plain_number = re.compile(r"^'-\d+(\.\d+)?$")
    for sheet in before.values():
        sheet["rows"] = [[c[1:] if isinstance(c, str) and plain_number.match(c) else c
                          for c in row] for row in sheet["rows"]]
    path = write_xlsx(capped(golden["tables"]), tmp_path / "m.xlsx")
    now = workbook_values(path)
    assert list(now) == list(before)
    for sheet in before:
        assert now[sheet]["rows"] == before[sheet]["rows"], sheet
        assert now[sheet]["freeze"] == before[sheet]["freeze"] == "A2"
        for col, width in before[sheet]["widths"].items():
            assert abs(now[sheet]["widths"][col] - width) < 1, (sheet, col)
    hostile = now["hostile"]["rows"]
    assert hostile[1][0] == "'=HYPERLINK(\"http://x\")" and hostile[4][0] == "'@SUM(A1)"
    from openpyxl import load_workbook
    wb = load_workbook(path)
    assert all(c.data_type != "f" for ws in wb.worksheets for row in ws.iter_rows() for c in row)
