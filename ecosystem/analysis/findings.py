"""The decision brief: 3-7 findings a director can act on, generated from the analyses.

:func:`findings` reads the results of one analysis run (communities and their names,
community gaps, fragility, sector gaps, recommendations, what-if, evolution, anchors and
their rank stability) and turns each actionable result into a finding:

============== ==============================================================
kind           says
============== ==============================================================
``connect``    who to engage to connect two communities that under-collaborate
``single_point`` which partner is a single point of failure and whom it holds up
``anchor_loss``  how much reach the network loses if its top anchor leaves
``fragmented``   how much of the network is cut off from the main component
``missing_helix`` which helix group a large community lacks, and who could bring it
``partnership``  the recommended partnership that closes the biggest gap
``change``       what changed since the previous period
``top_anchor``   who the top anchor is, and whether that holds under other settings
``risk``         the partner to act on first in the risk matrix (high impact, warning signs)
============== ==============================================================

Each finding has ``kind``, ``text`` (English) and ``text_ko`` (Korean), ``partners``
(ids), ``partner_names``, ``communities`` (numbers), ``community_labels``,
``evidence`` (the numbers behind it), ``section`` (the report section that proves it)
and ``impact`` (the share of partners it concerns, 0..1, used to rank). Nothing is
hard-coded: a finding appears only when its analysis found something.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..i18n import names_text, period_text, translator
from .health import main_network, outside_text
from .resilience.whatif import efficiency_change_share

MAX_FINDINGS = 7


def brief_number(v: Any) -> str:
    """A count as the brief quotes it: whole from 10 up, one decimal below.

    The report's tables show the counts a finding quotes with this same function, so the
    number in the sentence is the number in the table it links to.

    Examples
    --------
    >>> brief_number(78.3), brief_number(1234), brief_number(5.27), brief_number(8.97)
    ('78', '1,234', '5.3', '9')
    """
    v = float(v)
    return f"{v:,.0f}" if abs(v) >= 9.95 or round(v, 1).is_integer() else f"{v:.1f}"


def _pct(v: Any) -> str:
    """A share as the report shows shares: whole percent from 10% up, one decimal below
    (the rule of :func:`ecosystem.render.values.fmt`, which this layer cannot import).

    Examples
    --------
    >>> _pct(0.7963), _pct(0.0544), _pct(0.0389), _pct(0.0)
    ('80%', '5.4%', '3.9%', '0%')
    """
    v = float(v)
    return f"{v * 100:.0f}%" if abs(v) >= 0.1 or v == 0 else f"{v * 100:.1f}%"


_n = brief_number


def _names(names: list[str], k: int = 3, lang: str = "en") -> str:
    """The first ``k`` names and how many more (:func:`ecosystem.i18n.names_text`).

    Examples
    --------
    >>> _names(["a", "b", "c", "d"], 2), _names(["x, y", "z"], lang="ko")
    ('a, b (+2)', 'x, y; z')
    """
    return names_text(names, lang, k, plus=True)


class _Ctx:
    def __init__(self, analysis: Any) -> None:
        self.a = analysis
        self.eco = analysis.eco
        self.n = max(int(self.eco.n_partners), 1)
        self.names = self.eco.names
        cn = getattr(analysis, "community_names", None)
        self.labels = {lang: ({int(k): str(v) for k, v in cn[f"label_{lang}"].items()}
                              if isinstance(cn, pd.DataFrame) and len(cn) else {})
                       for lang in ("en", "ko")}
        self.sizes = (analysis.partition.membership.value_counts().to_dict()
                      if analysis.partition is not None else {})

    def label(self, c: int, lang: str) -> str:
        return self.labels[lang].get(int(c), str(c))

    def name(self, pid: str) -> str:
        return str(self.names.get(pid, pid))


def _finding(kind: str, ctx: _Ctx, *, partners: list[str], communities: list[int],
             evidence: dict[str, Any], section: str, impact: float,
             also: dict[str, str] | None = None, **values: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": kind}
    if also:  # what another finding on the same partner adds (see findings())
        out["_also"] = also
    for lang in ("en", "ko"):
        t = translator(lang)
        vals = {k: (v(lang) if callable(v) else v) for k, v in values.items()}
        out["text" if lang == "en" else "text_ko"] = t(f"brief_{kind}", **vals)
    out.update(partners=[str(p) for p in partners],
               partner_names=[ctx.name(str(p)) for p in partners],
               communities=[int(c) for c in communities],
               community_labels=[ctx.label(c, "en") for c in communities],
               community_labels_ko=[ctx.label(c, "ko") for c in communities],
               evidence={k: (v.item() if hasattr(v, "item") else v) for k, v in evidence.items()},
               section=section, impact=float(min(max(impact, 0.0), 1.0)))
    return out


def _connect(ctx: _Ctx) -> list[dict[str, Any]]:
    # among the rows the report's table shows, so the linked section holds the row
    cg = getattr(ctx.a.community_gaps, "top_gaps",
                 getattr(ctx.a.community_gaps, "gaps", ctx.a.community_gaps))
    if not isinstance(cg, pd.DataFrame) or not len(cg):
        return []
    g = cg[cg["gap"]] if "gap" in cg else cg
    if not len(g):
        return []
    g = g.assign(_missing=g["expected_ties"] - g["ties"]).sort_values(
        ["_missing", "community_a", "community_b"], ascending=[False, True, True])
    r = g.iloc[0]
    a, b = int(r["community_a"]), int(r["community_b"])
    bridges = [str(x) for x in (r.get("bridges") or [])]
    size = ctx.sizes.get(a, 0) + ctx.sizes.get(b, 0)
    evidence = {"ties": int(r["ties"]), "expected_ties": round(float(r["expected_ties"]), 1),
                "strength": float(r["strength"]), "expected_strength": float(r["expected_strength"]),
                "z": round(float(r["z"]), 2)}
    kind = "connect" if bridges else "connect_none"
    return [_finding(kind, ctx, partners=bridges[:1], communities=[a, b], evidence=evidence,
                     section="community-gaps",
                     impact=size / ctx.n * (1 - min(float(r["ties"]) / max(float(r["expected_ties"]), 1e-9), 1)),
                     broker=ctx.name(bridges[0]) if bridges else "",
                     a=lambda lang: ctx.label(a, lang), b=lambda lang: ctx.label(b, lang),
                     ties=lambda lang: _ties(int(r["ties"]), lang),
                     expected=_n(r["expected_ties"]))]


def _ties(n: int, lang: str) -> str:
    """A tie count as the brief says it: "1 tie", "9 ties" (Korean: the number; the
    sentence says 건).

    Examples
    --------
    >>> _ties(1, "en"), _ties(1234, "en"), _ties(9, "ko")
    ('1 tie', '1,234 ties', '9')
    """
    if lang == "ko":
        return _n(n)
    return f"{_n(n)} tie" if n == 1 else f"{_n(n)} ties"


def _single_point(ctx: _Ctx) -> list[dict[str, Any]]:
    art = getattr(ctx.a.fragility, "articulation_points", None)
    if not isinstance(art, pd.DataFrame) or not len(art) or "cut_off" not in art:
        return []
    r = art.sort_values("cut_off", ascending=False, kind="stable").iloc[0]
    pid = str(r.name)
    cut = [str(x) for x in (r.get("cut_off_names") or [])]
    k = int(r["cut_off"])
    also = {lang: translator(lang)("brief_also_single_point", who=_names(cut, 3, lang), k=_n(k))
            for lang in ("en", "ko")}  # said by a what-if finding on the same partner
    return [_finding("single_point", ctx, also=also, partners=[pid] + [str(x) for x in (r.get("cut_off_ids") or [])][:5],
                     communities=[], evidence={"cut_off": k, "articulation_points": int(len(art))},
                     section="fragility", impact=k / ctx.n + 0.02,
                     name=ctx.name(pid), k=_n(k),
                     who=lambda lang: _names(cut, 3, lang), total=_n(len(art)))]


def _anchor_loss(ctx: _Ctx) -> list[dict[str, Any]]:
    for w in ctx.a.what_if or []:
        d = w.summary() if hasattr(w, "summary") else dict(w)
        removed = list(d.get("removed") or [])
        if len(removed) != 1:
            continue
        share = float(d.get("reach_lost_share") or 0.0)
        eff = float(d.get("efficiency_change") or 0.0)
        se = d.get("efficiency_change_se")
        # the relative change the what-if table shows beside the change itself
        drop = -(efficiency_change_share(d) or 0.0)
        if se is not None and abs(eff) < 2 * float(se):
            drop = 0.0  # within the sampling error: no drop claimed
        if share < 0.01 and drop < 0.03:
            return []
        pid = str(removed[0])
        # reach lost, efficiency drop, or both; never "would fall by 0%"
        kind = ("anchor_loss_eff" if share < 0.01 else
                "anchor_loss" if round(drop * 100, 1) > 0 else "anchor_loss_reach")
        return [_finding(kind, ctx, partners=[pid], communities=[],
                         evidence={"reach_lost_share": share, "efficiency_drop": round(drop, 4),
                                   "cut_off": int(d.get("cut_off_count") or 0)},
                         section="what-if", impact=max(share, drop / 2),
                         name=ctx.name(pid), reach=_pct(share), eff=_pct(drop))]
    return []


def _fragmented(ctx: _Ctx) -> list[dict[str, Any]]:
    h = ctx.a.health or {}
    lcc = h.get("largest_component_share")
    if lcc is None or float(lcc) >= 0.95:
        return []
    main = main_network(h)   # the fragility section states the same three numbers
    return [_finding("fragmented", ctx, partners=[], communities=[],
                     evidence={"largest_component_share": float(lcc),
                               "components": int(h.get("components", 0)),
                               "isolates": main["isolates"]},
                     section="fragility", impact=1 - float(lcc),
                     share=_pct(main["share"]),
                     outside=lambda lang: outside_text(main, lang, _n))]


def _missing_helix(ctx: _Ctx) -> list[dict[str, Any]]:
    from .gaps import helix_candidates

    sg = ctx.a.sector_gaps
    # among the rows the report's table shows, so the linked section holds the row
    miss = getattr(sg, "top_missing", getattr(sg, "missing", None))
    if not isinstance(miss, pd.DataFrame) or not len(miss) or "missing" not in miss:
        return []
    m = miss[miss["missing"].map(lambda x: len(x) > 0)]
    if "mapped_share" in m:
        m = m[m["mapped_share"] >= 0.5]
    if not len(m):
        return []
    r = m.sort_values(["size", "community"], ascending=[False, True]).iloc[0]
    c = int(r["community"])
    group = str(r["missing"][0])
    cand = []
    if "candidate" in r and isinstance(r["candidate"], str):  # the table's own column
        cand = [r["candidate"]]
    elif "candidate" not in r:  # a table made without the pipeline's candidates
        anchors = ctx.a.anchors
        memb = ctx.a.partition.membership if ctx.a.partition is not None else None
        if isinstance(anchors, pd.DataFrame) and memb is not None:
            helix = getattr(sg, "params", {}).get("helix_map") or None
            one = helix_candidates(m.loc[[r.name]], anchors, memb, helix)[0]
            cand = [one] if one is not None else []
    kind = "missing_helix" if cand else "missing_helix_none"
    return [_finding(kind, ctx, partners=cand, communities=[c],
                     evidence={"size": int(r["size"]), "missing": list(r["missing"])},
                     section="missing-helix", impact=0.5 * int(r["size"]) / ctx.n,
                     community=lambda lang: ctx.label(c, lang),
                     group=lambda lang: translator(lang)(f"helix_{group}"),
                     size=_n(r["size"]), candidate=ctx.name(cand[0]) if cand else "")]


def _partnership(ctx: _Ctx) -> list[dict[str, Any]]:
    recs = ctx.a.recommendations
    if not isinstance(recs, pd.DataFrame) or not len(recs):
        return []
    pick = recs
    closes = "community_gap" in recs and recs["community_gap"].astype(bool).any()
    if closes:
        pick = recs[recs["community_gap"].astype(bool)]
    r = pick.iloc[0]
    s, t_ = str(r["source"]), str(r["target"])
    comms = sorted({int(r[c]) for c in ("source_community", "target_community")
                    if c in r and pd.notna(r[c]) and int(r[c]) >= 0})
    k = int(r.get("common_partners", 0) or 0)
    kind = "partnership_gap" if closes and len(comms) == 2 else "partnership"
    impact = 0.12 if kind == "partnership_gap" else 0.06
    q = ctx.a.recommendation_quality
    level = ((q.attrs.get("verdict") or {}).get("level")
             if isinstance(q, pd.DataFrame) else None)
    if level == "low":  # the backtest found the suggestions no better than chance
        kind, impact = kind + "_lead", impact / 4
    return [_finding(kind, ctx, partners=[s, t_], communities=comms,
                     evidence={"score": round(float(r["score"]), 3), "common_partners": k,
                               "backtest": level or "none"},
                     section="recommendations", impact=impact,
                     a=ctx.name(s), b=ctx.name(t_), k=_n(k),
                     caution=lambda lang: _caution(r, lang),
                     ca=lambda lang: ctx.label(comms[0], lang) if comms else "",
                     cb=lambda lang: ctx.label(comms[-1], lang) if comms else "")]


def _caution(rec: Any, lang: str) -> str:
    """" Caution: likely competitors (...)." when the recommendation carries the flag."""
    if not rec.get("competitor") or not isinstance(rec.get("competitor_reason"), str):
        return ""
    from .recommend.explanation import _competitor_reason

    return " " + translator(lang)("rec_competitor", reason=_competitor_reason(rec, lang)) + "."


def _period_in(period: str) -> Any:
    """The period as a sentence in each language says it (:func:`ecosystem.i18n.period_text`).

    Examples
    --------
    >>> _period_in("2024Q3")("ko"), _period_in("2024Q3")("en")
    ('2024년 3분기', '2024Q3')
    """
    return lambda lang: period_text(period, lang)


def _change(ctx: _Ctx) -> list[dict[str, Any]]:
    ev = ctx.a.evolution
    periods = getattr(ev, "periods", None)
    if not isinstance(periods, pd.DataFrame) or len(periods) < 2:
        return []
    last, prev = periods.iloc[-1], periods.iloc[-2]
    movers = getattr(ev, "movers", None)
    rising = None
    if isinstance(movers, pd.DataFrame) and len(movers):
        m = movers[(movers["period"].astype(str) == str(last["period"]))
                   & (movers["change"] > 0)].sort_values("change", ascending=False)
        rising = m.iloc[0] if len(m) else None
    ties_prev, ties_now = int(prev["ties"]), int(last["ties"])
    evidence = {"period": str(last["period"]), "previous": str(prev["period"]),
                "ties_before": ties_prev, "ties_after": ties_now,
                "entrants": int(last.get("entrants", 0)), "exits": int(last.get("exits", 0))}
    partners = []
    values: dict[str, Any] = dict(period=_period_in(str(last["period"])),
                                  previous=_period_in(str(prev["period"])),
                                  entrants=_n(evidence["entrants"]), exits=_n(evidence["exits"]),
                                  before=_n(ties_prev), after=_n(ties_now))
    kind = "change"
    if rising is not None:
        kind = "change_mover"
        partners = [str(rising["id"])]
        evidence.update(rank_before=int(rising["rank_before"]), rank_after=int(rising["rank_after"]))
        values.update(mover=str(rising["name"]), rank_before=_n(rising["rank_before"]),
                      rank_after=_n(rising["rank_after"]))
    growth = abs(ties_now - ties_prev) / max(ties_prev, 1)
    return [_finding(kind, ctx, partners=partners, communities=[], evidence=evidence,
                     section="evolution", impact=min(0.1 + growth, 0.5), **values)]


def _top_anchor(ctx: _Ctx) -> list[dict[str, Any]]:
    anchors = ctx.a.anchors
    if not isinstance(anchors, pd.DataFrame) or not len(anchors):
        return []
    a = anchors.sort_values("rank") if "rank" in anchors else anchors
    pid = str(a.index[0])
    rs = getattr(ctx.a, "rank_stability", None)
    evidence: dict[str, Any] = {"rank": 1, "anchor_score": round(float(a["anchor_score"].iloc[0]), 3)}
    kind = "top_anchor"
    values: dict[str, Any] = {"name": ctx.name(pid), "score": f"{evidence['anchor_score']:.2f}"}
    partners = [pid]
    if isinstance(rs, pd.DataFrame) and len(rs):
        values["n_variants"] = _n(len(rs.attrs.get("firsts", {})))
        tie = rs.attrs.get("near_tie", {})
        evidence["tied_with_first"] = int(tie.get("tied_with_first", 1))
        evidence["first_holds"] = bool(rs.attrs.get("first_holds"))
        if rs.attrs.get("first_holds"):
            kind = "top_anchor_holds"
        else:
            others = sorted({v for v in rs.attrs.get("firsts", {}).values() if v != pid})
            kind = "top_anchor_varies"
            partners += others
            values["others"] = lambda lang: _names([ctx.name(o) for o in others], 3, lang)
            values["n_other"] = _n(sum(1 for v in rs.attrs.get("firsts", {}).values() if v != pid))
        if evidence["tied_with_first"] > 1:
            kind += "_tie"
            values["k"] = _n(evidence["tied_with_first"])
    return [_finding(kind, ctx, partners=partners, communities=[], evidence=evidence,
                     section="anchors", impact=0.1, **values)]


def _risk(ctx: _Ctx) -> list[dict[str, Any]]:
    risk = getattr(ctx.a, "risk", None)
    tab = getattr(risk, "table", None)
    if not isinstance(tab, pd.DataFrame) or not len(tab) or "quadrant" not in tab:
        return []
    act = tab[tab["quadrant"] == "act_now"]
    if not len(act):
        return []
    from .risk import risk_findings

    en, ko = risk_findings(risk, "en", top=1), risk_findings(risk, "ko", top=1)
    if not en:
        return []
    pid, r = str(act.index[0]), act.iloc[0]
    cut = int(r.get("cut_off", 0) or 0) + int(r.get("dependents", 0) or 0)
    evidence = {k: (round(float(r[k]), 3) if isinstance(r[k], (float, np.floating)) else r[k])
                for k in ("impact", "likelihood", "cut_off", "communities_held", "dependents",
                          "weakest_item", "weakest_score") if k in r and pd.notna(r[k])}
    out = _finding("risk", ctx, partners=[pid], communities=[], evidence=evidence,
                   section="risk", impact=max((1 + cut) / ctx.n, 0.05 * float(r["impact"])))
    out["text"], out["text_ko"] = en[0], ko[0]
    return [out]


#: Below this mean agreement (normalised mutual information) between seeded community runs,
#: findings about communities say the grouping changes between runs.
UNSTABLE_NMI = 0.7
#: Below this consistency (the share of its community mates a partner stays grouped with,
#: mean over members and runs) a community a finding names counts as unstable too.
UNSTABLE_CONSISTENCY = 0.6

GENERATORS = (_connect, _single_point, _anchor_loss, _fragmented, _missing_helix, _partnership,
              _change, _risk, _top_anchor)


def findings(analysis: Any, *, limit: int = MAX_FINDINGS) -> list[dict[str, Any]]:
    """The decision brief of an analysis run: up to ``limit`` findings, most impact first.

    ``analysis`` is an :class:`~ecosystem.pipeline.Analysis` (any object with its
    attributes). Findings whose analysis did not run or found nothing are left out.

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.pipeline import analyze
    >>> a = analyze(Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d")]),
    ...             {"analyses": {"stability": False, "resilience": False}})
    >>> f = findings(a)
    >>> [x["kind"] for x in f][:1], f[0]["partner_names"]
    (['single_point'], ['b', 'a'])
    >>> f[0]["text"]
    'Secure b: it is a single point of failure whose departure would cut a (1 in all) off from the rest of the network.'
    """
    ctx = _Ctx(analysis)
    out: list[dict[str, Any]] = []
    for gen in GENERATORS:
        try:
            out += gen(ctx)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError):
            continue   # a result without the expected columns yields no finding
    # the risk matrix's first partner is often the single point of failure already named:
    # one finding for it. With a survey the risk one says more (why the partner may go);
    # without one, the single-point finding says it more plainly.
    risk = [f for f in out if f["kind"] == "risk"]
    same = [f for f in out if risk and f["kind"] == "single_point"
            and f["partners"][:1] == risk[0]["partners"]]
    if same and getattr(analysis, "trust", None) is not None:
        risk[0]["impact"] = max(risk[0]["impact"], same[0]["impact"])
        out.remove(same[0])
    elif same:
        out.remove(risk[0])
    # "keep X engaged" (what if it left) and "secure X" (single point of failure) on the
    # same partner: one finding that says both
    spof = [f for f in out if f["kind"] == "single_point"]
    loss = [f for f in out if f["kind"].startswith("anchor_loss")]
    if spof and loss and loss[0]["partners"][:1] == spof[0]["partners"][:1]:
        f, s = loss[0], spof[0]
        f["text"] += " " + s["_also"]["en"]
        f["text_ko"] += " " + s["_also"]["ko"]
        f["partners"] += [p for p in s["partners"] if p not in f["partners"]]
        f["partner_names"] = [ctx.name(p) for p in f["partners"]]
        f["evidence"]["single_point_cut_off"] = s["evidence"]["cut_off"]
        f["impact"] = max(f["impact"], s["impact"])
        out.remove(s)
    for f in out:
        f.pop("_also", None)
    # findings about communities carry a caution when the communities change between runs
    # (all of them, or one the finding names)
    st = getattr(analysis, "stability", None)
    nmi = getattr(st, "mean_nmi", None)
    unstable = nmi is not None and nmi == nmi and nmi < UNSTABLE_NMI
    cons = getattr(st, "communities", None)
    by = cons.set_index("community") if isinstance(cons, pd.DataFrame) \
        and "community" in cons else cons
    for f in out:
        named = f["communities"]
        if not named:
            continue
        low = (by["consistency"].reindex(named) < UNSTABLE_CONSISTENCY).any() \
            if isinstance(by, pd.DataFrame) and "consistency" in by else False
        if unstable or low:
            for lang, key in (("en", "text"), ("ko", "text_ko")):
                f[key] += " " + translator(lang)("brief_unstable")
            f["evidence"]["community_stability"] = round(float(nmi), 3) if nmi is not None \
                else None
    order = np.argsort([-f["impact"] for f in out], kind="stable")
    return [out[i] for i in order][:limit]


__all__ = ["findings", "brief_number", "MAX_FINDINGS", "GENERATORS", "UNSTABLE_NMI",
           "UNSTABLE_CONSISTENCY"]
