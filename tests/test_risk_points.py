"""The risk matrix's chart points, computed column by column, are those of the row-by-row
rule (coordinates, tooltips, labels), and the report computes them once for both charts."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd

from ecosystem.i18n import translator
from ecosystem.render import trust as T


def _row_by_row(analysis, lang="en", label_top=8):
    """The points as the report computed them before (``iterrows``), before label placing."""
    t = translator(lang)
    tab = analysis.risk.table
    svg = T.SVG
    w = svg["w"] - svg["left"] - svg["right"]
    h = svg["h"] - svg["top"] - svg["bottom"]
    labelled = set(tab[tab["quadrant"].isin(["act_now", "keep_close"])].head(label_top).index)
    pts = []
    for pid, r in tab.iterrows():
        x = svg["left"] + float(r["impact"]) * w
        y = svg["top"] + (1 - min(float(r["likelihood"]), 1.0)) * h
        tip = (f"{r['name']} — {t('q_' + r['quadrant'])}\n{t('col_impact')} "
               f"{float(r['impact']):.2f} · {t('col_likelihood')} {float(r['likelihood']):.2f}")
        pts.append({"id": str(pid), "name": str(r["name"]), "q": str(r["quadrant"]),
                    "x": round(x, 1), "y": round(y, 1), "tip": tip,
                    "colour": T.QUADRANT_COLOURS[str(r["quadrant"])],
                    "label": pid in labelled, "left": float(r["impact"]) > 0.7})
    return pts


def _analysis(n=40, seed=1):
    rng = np.random.default_rng(seed)
    quadrants = np.array(["act_now", "keep_close", "watch", "stable"])
    tab = pd.DataFrame({
        "name": [f"p{i}" if i % 7 else f"파트너 {i}" for i in range(n)],
        "quadrant": quadrants[rng.integers(0, 4, n)],
        "impact": rng.random(n).round(3),
        "likelihood": rng.random(n) * 1.3,  # above 1 is drawn on the top edge
        "sector": "x"}, index=pd.Index([f"id{i}" for i in range(n)], name="id"))
    tab.loc["id3", "impact"] = 0.7   # the right-edge rule's boundary
    tab.loc["id4", "likelihood"] = 1.0
    tab.loc["id5", "name"] = np.nan  # a missing name reads "nan", as before
    risk = SimpleNamespace(table=tab, params={"likelihood_at": 0.5, "impact_at": 0.5})
    return SimpleNamespace(risk=risk)


def test_points_equal_the_row_by_row_rule():
    a = _analysis()
    for lang in ("en", "ko"):
        for top in (0, 3, 8):
            old = {p["id"]: p for p in _row_by_row(a, lang, top)}
            new = T.risk_points(a, lang, top)
            assert len(new) == len(old)
            for p in new:
                ref = old[p["id"]]
                assert {k: p[k] for k in ref if k != "label"} == {k: ref[k] for k in ref
                                                                 if k != "label"}
                assert type(p["x"]) is type(ref["x"]) is float
                # a label is kept unless no free line was found nearby
                assert p["label"] <= ref["label"]
                if p["label"]:
                    assert "ly" in p


def test_a_tiny_matrix_by_hand():
    tab = pd.DataFrame({"name": ["A", "B"], "quadrant": ["act_now", "stable"],
                        "impact": [1.0, 0.0], "likelihood": [2.0, 0.0]},
                       index=pd.Index(["a", "b"], name="id"))
    a = SimpleNamespace(risk=SimpleNamespace(table=tab, params={"likelihood_at": 0.5}))
    pts = {p["id"]: p for p in T.risk_points(a)}
    # plot box 596 x 388 from (64, 20): impact 1 -> right edge, likelihood >= 1 -> top edge
    assert (pts["a"]["x"], pts["a"]["y"], pts["a"]["left"], pts["a"]["label"]) == (660.0, 20.0,
                                                                                   True, True)
    assert (pts["b"]["x"], pts["b"]["y"], pts["b"]["left"], pts["b"]["label"]) == (64.0, 408.0,
                                                                                   False, False)
    assert pts["a"]["tip"] == "A — Act now\nImpact 1.00 · Warning signs 2.00"


def test_the_chart_png_reuses_given_points(monkeypatch):
    a = _analysis()
    points = T.risk_points(a)
    calls = []
    monkeypatch.setattr(T, "risk_points", lambda *args, **kw: calls.append(1) or points)
    png = T.risk_chart_png(a, points=points)
    assert png[:4] == b"\x89PNG" and calls == []
    T.risk_chart_png(a)
    assert calls == [1]


def test_labels_moved_off_their_dot_get_a_leader_and_cover_no_labelled_dot():
    # h2020_swafs: four act-now partners at exactly (0.5, 0.5) and others on the same line;
    # labels stacked above and below without a line to their dot could not be read
    n = 8
    tab = pd.DataFrame({"name": [f"PIC 99{i:07d} · HES · ES" for i in range(n)],
                        "quadrant": ["act_now"] * n,
                        "impact": [0.5, 0.5, 0.5, 0.5, 0.556, 0.778, 0.889, 1.0],
                        "likelihood": [0.5] * n, "sector": "x"},
                       index=pd.Index([f"id{i}" for i in range(n)], name="id"))
    a = SimpleNamespace(risk=SimpleNamespace(table=tab, params={"likelihood_at": 0.35,
                                                                "impact_at": 0.5}))
    pts = [p for p in T.risk_points(a) if p["label"]]
    assert len(pts) == n

    def box(p):  # the label's box, as risk_points measures it (6.5 px per Latin letter)
        width = sum(11.5 if ord(ch) > 0x2E80 else 6.5 for ch in p["name"]) + 4
        x0 = p["x"] - 8 - width if p["left"] else p["x"] + 8
        return x0, x0 + width, p["ly"] - 10, p["ly"] + 3

    boxes = [box(p) for p in pts]
    for i, (a0, a1, t0, b0) in enumerate(boxes):
        for j, q in enumerate(pts):
            other = boxes[j]
            if j > i:  # no two labels overlap
                assert not (a0 < other[1] and other[0] < a1 and t0 < other[3] and other[2] < b0)
            if j != i:  # no label covers another labelled dot
                assert not (a0 < q["x"] + 6 and q["x"] - 6 < a1 and t0 < q["y"] + 6
                            and q["y"] - 6 < b0)
    moved = [p for p in pts if abs(p["ly"] - (p["y"] + 4)) > 1]
    assert moved and all(p["lead"] for p in moved)
    assert all(p["lead"] is None for p in pts if p not in moved)
    for p, (x0, x1, _, _) in ((p, box(p)) for p in moved):
        lead = p["lead"]
        assert lead["y1"] == p["y"] and abs(lead["x1"] - p["x"]) == 5  # from the dot's edge
        assert lead["x2"] == round(x1 if p["left"] else x0, 1)       # to the label's near end
        assert lead["y2"] == round(p["ly"] - 4, 1)


def test_partners_on_one_spot_say_how_many_they_are():
    # scotland: eleven "watch" partners sit at (0, 1) and read as one dot
    tab = pd.DataFrame({"name": [f"w{i}" for i in range(11)] + ["s1", "s2", "k"],
                        "quadrant": ["watch"] * 11 + ["stable", "stable", "keep_close"],
                        "impact": [0.0] * 11 + [0.1, 0.1, 1.0],
                        "likelihood": [1.0] * 11 + [0.0, 0.0, 0.0], "sector": "x"},
                       index=pd.Index([f"id{i}" for i in range(14)], name="id"))
    a = SimpleNamespace(risk=SimpleNamespace(table=tab, params={"likelihood_at": 0.35,
                                                                "impact_at": 0.5}))
    pts = {p["id"]: p for p in T.risk_points(a)}
    assert pts["id0"]["stack"] == 11 and all(pts[f"id{i}"]["stack"] == 0 for i in range(1, 11))
    assert pts["id0"]["stack_y"] == pts["id0"]["y"] + 13      # below a dot at the top edge
    assert pts["id11"]["stack"] == 0 == pts["id12"]["stack"]  # the stable pile is not counted
    assert pts["id13"]["stack"] == 0                          # alone on its spot


def test_stack_counts_never_overprint_each_other():
    # h2020_swafs: "×560" and "×2" side by side read "×560:2"
    tab = pd.DataFrame({"name": [f"w{i}" for i in range(12)],
                        "quadrant": ["watch"] * 12,
                        "impact": [0.0] * 10 + [0.005, 0.005],
                        "likelihood": [0.5] * 12, "sector": "x"},
                       index=pd.Index([f"id{i}" for i in range(12)], name="id"))
    a = SimpleNamespace(risk=SimpleNamespace(table=tab, params={"likelihood_at": 0.35,
                                                                "impact_at": 0.5}))
    pts = {p["id"]: p for p in T.risk_points(a)}
    assert pts["id0"]["stack"] == 10 and pts["id10"]["stack"] == 0
