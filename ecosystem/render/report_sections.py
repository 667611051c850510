"""The report's sections as plain data: one function per topic, each returning its keys.

:func:`ecosystem.render.report.report_context` calls them in the report's order and
merges what they return. Every table goes through :func:`_table` (columns, kinds,
formatting in the report language, a "more rows in <file>" line past ``max_rows``).
Nothing here computes a metric.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Mapping

import pandas as pd

from ..analysis.findings import UNSTABLE_NMI
from .summary import _kind, resilience_curves, robustness_values
from .values import fmt

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis_result import AnalysisResult


# ---------------------------------------------------------------------- tables
def _table(frame: pd.DataFrame | None, columns: list[tuple[str, str, str]], t: Callable,
           lang: str, *, max_rows: int, file: str | None = None) -> dict[str, Any] | None:
    """A display table: ``columns`` are (column, label key, kind); absent columns skipped."""
    if frame is None or not isinstance(frame, pd.DataFrame):
        return None
    cols = [(c, label, kind) for c, label, kind in columns if c in frame.columns]
    rows = []
    for _, rec in frame.head(max_rows).iterrows():
        row = []
        for c, _, kind in cols:
            v = rec[c]
            if kind == "role" and isinstance(v, str):
                v = t(f"role_{v}")
            elif kind in ("sector", "sectors", "helix", "plain"):
                v = _words(v, kind, t, lang)
            row.append(fmt(v, kind if kind in ("share", "int", "float") else "auto", lang))
        rows.append(row)
    more = len(frame) - max_rows
    return {"columns": [t(label) for _, label, _ in cols],
            "numeric": [kind in ("share", "int", "float", "num") for _, _, kind in cols],
            "rows": rows,
            "more": t("more_rows", n=f"{more:,}", file=file) if more > 0 and file else None}


def _why(analysis: "AnalysisResult", kind: str, frame: pd.DataFrame | None, lang: str) -> pd.DataFrame | None:
    """``frame`` with its ``why`` column in ``lang`` (:func:`ecosystem.tables.why_in`)."""
    if frame is None or lang == "en" or "why" not in frame:
        return frame
    from ..tables import why_in

    return frame.assign(why=why_in(frame, kind, lang).to_numpy())


def _words(v: Any, kind: str, t: Callable, lang: str) -> Any:
    """Sector values, helix groups and plain roles in the report language."""
    from ..analysis.naming import sector_word

    if isinstance(v, (list, tuple)):
        return ", ".join(str(_words(x, kind, t, lang)) for x in v) or "–"
    if not isinstance(v, str):
        return v
    if kind in ("sector", "sectors"):
        return sector_word(v, lang)
    if kind == "helix":
        return t(f"helix_{v}")
    return t("plain_" + v.replace(" ", "_"))


def _sector_mix(text: Any, lang: str) -> Any:
    """"startup 19, SME 14" with the sector words in ``lang`` ("스타트업 19, 중소기업 14")."""
    from ..analysis.naming import sector_word

    if not isinstance(text, str):
        return text
    parts = []
    for item in text.split(", "):
        word, _, count = item.rpartition(" ")
        parts.append(f"{sector_word(word, lang)} {count}" if word and count.isdigit() else item)
    return ", ".join(parts)


def _labelled(frame: pd.DataFrame, column: str, analysis: "AnalysisResult", lang: str) -> pd.DataFrame:
    """``frame`` with community numbers in ``column`` replaced by the community names."""
    labels = _community_labels(analysis, lang)
    if not labels or column not in frame:
        return frame

    def name(k: Any) -> Any:
        try:
            return labels.get(int(k), k)
        except (TypeError, ValueError):
            return k
    return frame.assign(**{column: frame[column].map(name)})


def _community_labels(analysis: "AnalysisResult", lang: str) -> dict[int, str]:
    from ..analysis.naming import community_label_map

    return community_label_map(getattr(analysis, "community_names", None), lang)


#: How the anchor table and the anchor chart's bar labels print an anchor score.
SCORE_FORMAT = "{:.2f}"


# ---------------------------------------------------------------------- sections
def anchors_section(analysis: "AnalysisResult", t: Callable, lang: str,
                    cfg: Mapping[str, Any], *, charts: bool = True) -> dict[str, Any]:
    """The anchor partners: top table, rank stability, role definitions, chart."""
    from .charts import bar_chart_svg

    top = cfg["top"]
    ctx: dict[str, Any] = {}
    anchors = analysis.anchors if isinstance(analysis.anchors, pd.DataFrame) else None
    if anchors is not None:
        a = anchors.sort_values("rank") if "rank" in anchors else anchors
        a = _why(analysis, "anchors", a.head(top["anchors"]), lang)
        scores = a["anchor_score"].astype(float).tolist()
        # scores to 2 decimals: the third is noise next to the rank-stability check below
        a = a.assign(anchor_score=[SCORE_FORMAT.format(v) for v in scores])
        ctx["anchors"] = _table(a, [("rank", "col_rank", "int"), ("name", "col_name", "text"),
                                    ("sector", "col_sector", "sector"),
                                    ("plain_role", "col_plain_role", "plain"),
                                    ("anchor_score", "col_anchor_score", "text"),
                                    ("why", "col_why", "text")], t, lang, max_rows=top["anchors"])
        from .brief import role_definitions, stability_table, stability_text

        ctx["rank_stability_text"] = stability_text(analysis, t, lang)
        ctx["rank_stability"] = stability_table(analysis, t, lang)
        ctx["role_definitions"] = role_definitions(t)
        ctx["anchor_ids"] = [str(i) for i in a.index]
        if charts and len(a):
            ctx["anchor_chart"] = bar_chart_svg(a["name"].astype(str).tolist(), scores,
                                                title=t("chart_anchor_title"),
                                                value_format=SCORE_FORMAT)
    return ctx


def communities_section(analysis: "AnalysisResult", t: Callable, lang: str,
                        cfg: Mapping[str, Any], *, kpis: Mapping[str, Any]) -> dict[str, Any]:
    """How communities were found, their table (named in ``lang``) and stability."""
    max_rows = int(cfg["report"]["max_rows"])
    ctx: dict[str, Any] = {}
    if analysis.partition is not None:
        p = analysis.partition
        ctx["communities_text"] = t("explain_communities", method=p.method,
                                    resolution=fmt(p.params.get("resolution"), lang=lang),
                                    modularity=fmt(p.modularity, lang=lang))
        stab = kpis.get("stability")
        if stab is not None:
            ctx["stability_text"] = t("explain_stability", runs=getattr(analysis.stability, "runs", None)
                                      or cfg["communities"]["stability_runs"],
                                      score=fmt(stab, lang=lang))
            if stab == stab and stab < UNSTABLE_NMI:
                ctx["stability_text"] += " " + t("explain_stability_low")
        comm = analysis.communities if isinstance(analysis.communities, pd.DataFrame) else None
        if comm is not None:
            c = comm.reset_index() if "community" not in comm else comm
            if f"label_{lang}" in c:
                c = c.assign(label=c[f"label_{lang}"])
            if lang != "en" and "sector_mix" in c:
                c = c.assign(sector_mix=c["sector_mix"].map(lambda v: _sector_mix(v, lang)))
            if "isolate" in c:
                n_iso = int(c["isolate"].astype(bool).sum())
                c = c[~c["isolate"].astype(bool)]
                ctx["communities_count_text"] = t("communities_count_text", n=f"{len(c):,}")
                if n_iso:
                    ctx["isolates_text"] = t("isolates_text", n=f"{n_iso:,}")
            elif lang != "en" and "central_partner" in c:
                from ..analysis.communities import community_label

                c = c.assign(label=[community_label(int(k), None if pd.isna(n) else str(n), lang)
                                    for k, n in zip(c["community"], c["central_partner"])])
            sc = analysis.stability.communities if analysis.stability is not None else None
            if sc is not None and {"community", "consistency"} <= set(sc.columns) \
                    and "consistency" not in c:
                c = c.assign(consistency=c["community"].map(
                    dict(zip(sc["community"], sc["consistency"]))))
            ctx["communities"] = _table(c, [("label", "col_community", "text"),
                                            ("size", "col_size", "int"),
                                            ("density", "col_density", "float"),
                                            ("consistency", "col_consistency", "share"),
                                            ("sector_mix", "col_sector_mix", "text"),
                                            ("top_partners", "col_top_partners", "text")],
                                        t, lang, max_rows=max_rows, file="communities.csv")
        else:
            sizes = p.sizes.sort_index()
            ctx["communities"] = _table(pd.DataFrame({"community": sizes.index, "size": sizes.values}),
                                        [("community", "col_community", "int"),
                                         ("size", "col_size", "int")], t, lang,
                                        max_rows=max_rows, file="communities.csv")
    return ctx


def roles_section(analysis: "AnalysisResult", t: Callable, lang: str,
                  cfg: Mapping[str, Any], *, charts: bool = True) -> dict[str, Any]:
    """Guimerà-Amaral role counts (chart) and the partners with notable roles."""
    from .charts import bar_chart_svg

    eco = analysis.eco
    max_rows = int(cfg["report"]["max_rows"])
    ctx: dict[str, Any] = {}
    if isinstance(analysis.roles, pd.DataFrame) and "role" in analysis.roles:
        counts = analysis.roles["role"].value_counts()
        ctx["roles_counts"] = [[t(f"role_{r}"), f"{int(n):,}"] for r, n in counts.items()]
        if charts:
            ctx["roles_chart"] = bar_chart_svg([t(f"role_{r}") for r in counts.index],
                                               counts.astype(float).tolist(),
                                               title=t("chart_roles_title"), value_format="{:.0f}")
        notable = analysis.roles[~analysis.roles["role"].isin(
            ["peripheral", "ultra-peripheral", "isolate"])].copy()
        if len(notable):
            notable.insert(0, "name", eco.names.reindex(notable.index).to_numpy())
            order = "participation" if "participation" in notable else notable.columns[0]
            notable = notable.sort_values(order, ascending=False)
            notable = _labelled(notable, "community", analysis, lang)
            ctx["roles"] = _table(notable, [("name", "col_name", "text"),
                                            ("community", "col_community", "text"),
                                            ("role", "col_ga_role", "role"),
                                            ("within_module_z", "col_within_module_z", "float"),
                                            ("participation", "col_participation", "float")],
                                  t, lang, max_rows=max_rows, file="partners.csv")
    return ctx


def brokers_section(analysis: "AnalysisResult", t: Callable, lang: str,
                    cfg: Mapping[str, Any]) -> dict[str, Any]:
    """Structural holes (Burt) and brokerage (Gould-Fernandez) tables."""
    eco = analysis.eco
    top = cfg["top"]
    ctx: dict[str, Any] = {}
    holes = analysis.holes if isinstance(analysis.holes, pd.DataFrame) else None
    if holes is not None:
        h = holes.sort_values("broker_rank") if "broker_rank" in holes else holes
        if "name" not in h:
            h = h.assign(name=eco.names.reindex(h.index).to_numpy())
        ctx["holes"] = _table(h.head(top["holes"]), [
            ("name", "col_name", "text"), ("sector", "col_sector", "sector"),
            ("effective_size", "col_effective_size", "float"),
            ("efficiency", "col_efficiency", "float"), ("constraint", "col_constraint", "float"),
            ("hierarchy", "col_hierarchy", "float")], t, lang, max_rows=top["holes"])
    if isinstance(analysis.brokerage, pd.DataFrame):
        b = analysis.brokerage
        role_cols = [c for c in b.columns if c not in ("name", "group", "total", "sector")]
        b = b.sort_values("total", ascending=False) if "total" in b else b
        b = b[b["total"] > 0] if "total" in b else b
        if "name" not in b:
            b = b.assign(name=eco.names.reindex(b.index).to_numpy())
        b = _labelled(b, "group", analysis, lang)
        ctx["brokerage"] = _table(b.head(top["holes"]),
                                  [("name", "col_name", "text"), ("group", "col_community", "text")]
                                  + [(c, f"col_{c}", "int") for c in role_cols]
                                  + [("total", "col_total", "int")],
                                  t, lang, max_rows=top["holes"])
    return ctx


def gaps_section(analysis: "AnalysisResult", t: Callable, lang: str,
                 cfg: Mapping[str, Any]) -> dict[str, Any]:
    """Community and sector gaps, communities missing sectors, unmapped sectors."""
    top = cfg["top"]
    ctx: dict[str, Any] = {}
    cg = analysis.community_gaps.gaps if analysis.community_gaps is not None else None
    labels = _community_labels(analysis, lang)
    if cg is not None:
        if labels:
            cg = cg.assign(community_a=cg["community_a"].map(lambda k: labels.get(int(k), k)),
                           community_b=cg["community_b"].map(lambda k: labels.get(int(k), k)))
        ctx["community_gaps"] = _table(_quoted_counts(cg), [
                                            ("community_a", "col_community", "text"),
                                            ("community_b", "col_community", "text"),
                                            *TIE_COUNTS,
                                            ("strength", "col_strength", "float"),
                                            ("expected_strength", "col_expected_strength", "float"),
                                            ("ratio", "col_ratio_strength", "float"),
                                            ("z", "col_z", "float"),
                                            ("bridge_names", "col_bridging", "text")],
                                       t, lang, max_rows=top["gaps"], file="metrics.xlsx")
    sg = analysis.sector_gaps.gaps if analysis.sector_gaps is not None else None
    if sg is not None:
        ctx["sector_gaps"] = _table(_quoted_counts(sg), [("group_a", "col_sector", "sector"),
                                         ("group_b", "col_sector", "sector"),
                                         *TIE_COUNTS,
                                         ("strength", "col_strength", "float"),
                                         ("expected_strength", "col_expected_strength", "float"),
                                         ("ratio", "col_ratio_strength", "float"),
                                         ("z", "col_z", "float"),
                                         ("bridge_names", "col_bridging", "text")],
                                    t, lang, max_rows=top["gaps"], file="metrics.xlsx")
    missing = analysis.sector_gaps.missing if analysis.sector_gaps is not None else None
    if missing is not None and "n_missing" in missing:
        missing = missing[missing["n_missing"] > 0]  # the title promises a missing group
    if missing is not None:  # an empty table reads "none found"
        m = missing.reset_index() if "community" not in missing else missing
        if labels:
            m = m.assign(community=m["community"].map(lambda k: labels.get(int(k), k)))
        if "candidate" in m:
            names = analysis.eco.names
            m = m.assign(candidate=m["candidate"].map(
                lambda pid: names.get(pid, pid) if isinstance(pid, str) else "–"))
        if "unknown_sectors" in m and not m["unknown_sectors"].map(lambda x: len(x or ())).any():
            m = m.drop(columns="unknown_sectors")  # a column of dashes says nothing
        ctx["missing_sectors"] = _table(m, [("community", "col_community", "text"),
                                            ("size", "col_size", "int"),
                                            ("missing", "col_missing_helix", "helix"),
                                            ("candidate", "col_helix_candidate", "text"),
                                            ("missing_sectors", "col_missing_sectors", "sectors"),
                                            ("unknown_sectors", "col_unmapped", "sectors")],
                                        t, lang, max_rows=top["gaps"], file="metrics.xlsx")
    unknown = getattr(analysis.sector_gaps, "unknown", None)
    if unknown:
        listed = ", ".join(map(str, unknown[:12])) + (" …" if len(unknown) > 12 else "")
        every = analysis.sector_gaps.missing
        none_mapped = (every is not None and "mapped_share" in every and len(every)
                       and not (every["mapped_share"] > 0).any())
        # when no sector maps to a helix group, nothing was checked: say so, not a table
        ctx["unmapped_text"] = t("unmapped_all_text" if none_mapped else "unmapped_text",
                                 sectors=listed)
        if none_mapped:
            ctx.pop("missing_sectors", None)
            ctx["helix_unchecked"] = True
    return ctx


#: The tie counts of a gap table (the decision brief quotes them), before the strengths.
TIE_COUNTS = [("ties", "col_ties", "int"), ("expected_ties", "col_expected_ties", "num")]


def _quoted_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """``expected_ties`` written as the decision brief writes it (whole from 10 up)."""
    from ..analysis.findings import brief_number

    if "expected_ties" not in frame:
        return frame
    return frame.assign(expected_ties=frame["expected_ties"].map(
        lambda v: brief_number(v) if pd.notna(v) else "–"))


def fragility_section(analysis: "AnalysisResult", t: Callable, lang: str,
                      cfg: Mapping[str, Any]) -> dict[str, Any]:
    """Who is outside the main network; articulation points and bridges with what they
    cut off."""
    eco = analysis.eco
    top = cfg["top"]
    ctx: dict[str, Any] = {}
    if analysis.health and analysis.health.get("largest_component_share") is not None:
        from ..analysis.health import main_network, outside_text

        main = main_network(analysis.health)
        outside = outside_text(main, lang, lambda n: fmt(n, "int", lang))
        if main["share"] < 1 and outside:
            ctx["main_network_text"] = t("fragility_main_network",
                                         share=fmt(main["share"], "share", lang), outside=outside)
    art = analysis.fragility.articulation_points if analysis.fragility is not None else None
    if art is not None:
        art = art if "name" in art else art.assign(name=eco.names.reindex(art.index).to_numpy())
        ctx["articulation_points"] = _table(art, [("name", "col_name", "text"),
                                                  ("sector", "col_sector", "sector"),
                                                  ("cut_off", "col_cut_size", "int"),
                                                  ("cut_off_names", "col_cuts_off", "text")],
                                            t, lang, max_rows=top["gaps"], file="metrics.xlsx")
    bridges = analysis.fragility.bridges if analysis.fragility is not None else None
    if bridges is not None:
        ctx["bridges"] = _table(bridges, [("source_name", "col_source", "text"),
                                          ("target_name", "col_target", "text"),
                                          ("strength", "col_strength", "float"),
                                          ("cut_off", "col_cut_size", "int"),
                                          ("cut_off_names", "col_cuts_off", "text")],
                                t, lang, max_rows=top["gaps"], file="metrics.xlsx")
    return ctx


def recommendations_section(analysis: "AnalysisResult", t: Callable, lang: str,
                            cfg: Mapping[str, Any]) -> dict[str, Any]:
    """Recommended partnerships and how reliable the method proved."""
    top = cfg["top"]
    ctx: dict[str, Any] = {}
    recs = analysis.recommendations if isinstance(analysis.recommendations, pd.DataFrame) else None
    if recs is not None:
        r = _why(analysis, "recommendations", recs, lang)
        intro = next((c for c in ("introducer_names", "introducers_names", "introducers")
                      if c in r), "introducers")
        ctx["recommendations"] = _table(r, [("source_name", "col_source", "text"),
                                            ("target_name", "col_target", "text"),
                                            ("score", "col_score", "float"),
                                            (intro, "col_introducers", "text"),
                                            ("why", "col_why", "text")],
                                        t, lang, max_rows=top["recommendations"],
                                        file="recommendations.csv")
        if len(r):  # no sentence about a score when there is no row
            first = r.iloc[0]
            known = first.get("method") in SCORE_METHODS and first.get("evidence") != "projects"
            ctx["recommendations_score_text"] = t(f"rec_score_{first['method']}" if known
                                                  else "rec_score_other")
    q = analysis.recommendation_quality
    if isinstance(q, pd.DataFrame) and "verdict" in q.attrs:  # backtest / hold-out verdict
        from ..analysis.recommend import confidence_text

        text, level = confidence_text(q, lang)
        ctx["recommendation_confidence"] = {"text": text, "low": level != "beats"}
    elif isinstance(q, pd.DataFrame) and len(q):
        row = q.iloc[0]
        hide = (q.attrs.get("params") or {}).get("hide", 0.1)
        ctx["recommendation_quality"] = t(
            "recommendation_quality", hide=fmt(float(hide), "share", lang),
            auc=fmt(row.get("auc"), "share", lang), hits=fmt(row.get("hits"), "int", lang),
            k=fmt(row.get("k"), "int", lang), precision=fmt(row.get("precision_at_k"), "share", lang),
            random=fmt(row.get("random_precision"), "share", lang))
    return ctx


#: Recommendation scores the report explains by name (others get a general sentence).
SCORE_METHODS = ("resource_allocation", "adamic_adar", "jaccard", "common_neighbours")


def resilience_section(analysis: "AnalysisResult", t: Callable, lang: str,
                       *, charts: bool = True) -> dict[str, Any]:
    """Removal curves (charts), robustness values."""
    from .charts import line_chart_svg

    ctx: dict[str, Any] = {}
    curves = resilience_curves(analysis)
    if curves:
        if charts:
            ctx["resilience_chart"] = line_chart_svg(
                {t(f"attack_{s}"): v for s, v in curves.items()},
                title=t("chart_resilience_title"), xlabel=t("chart_removed"),
                ylabel=t("chart_lcc"), ylim=(0, 1.02), percent_x=True)
            eff = resilience_curves(analysis, "efficiency")
            if eff:
                top_eff = max(max(ys) for _, ys in eff.values())
                ctx["efficiency_chart"] = line_chart_svg(
                    {t(f"attack_{s}"): v for s, v in eff.items()},
                    title=t("chart_efficiency_title"), xlabel=t("chart_removed"),
                    ylabel=t("chart_efficiency"), ylim=(0, top_eff * 1.05 or 1), percent_x=True)
        rob = robustness_values(analysis)
        ctx["robustness"] = [t("robustness_text", strategy=t(f"attack_{s}"), value=fmt(v, lang=lang))
                             for s, v in rob.items()]
    return ctx


def _with_error(value: Any, se: Any, lang: str) -> str:
    """``value ± se`` with the standard error of a sampled estimate to one significant
    digit (two when it starts with 1) and the value to the same decimals; the value
    alone (as usual) without an error.

    Examples
    --------
    >>> _with_error(-0.000352, 4.09e-05, "en"), _with_error(-0.00374, 0.00339, "en")
    ('-0.00035 ± 0.00004', '-0.004 ± 0.003')
    >>> _with_error(-0.0123, 0.0014, "en"), _with_error(-0.0123, None, "en")
    ('-0.0123 ± 0.0014', '-0.0123')
    """
    import math

    if not (isinstance(se, (int, float)) and math.isfinite(se) and se > 0
            and isinstance(value, (int, float)) and math.isfinite(value)):
        return fmt(value, "float", lang)
    power = math.floor(math.log10(se))
    digits = max(0, -power + (1 if se / 10 ** power < 2 else 0))  # 0.0014: two digits
    return f"{value:.{digits}f} ± {se:.{digits}f}"


def _with_share(text: str, share: float | None, lang: str) -> str:
    """``-0.0382 (-10%)``: a change with its share of the value before, when known."""
    return text if share is None or text == "–" else f"{text} ({fmt(share, 'share', lang)})"


def what_if_section(analysis: "AnalysisResult", t: Callable, lang: str,
                    cfg: Mapping[str, Any]) -> dict[str, Any]:
    """"What if it left?" scenarios and the key players."""
    from ..analysis.resilience import efficiency_change_share

    eco = analysis.eco
    max_rows = int(cfg["report"]["max_rows"])
    ctx: dict[str, Any] = {}
    if analysis.what_if:
        rows = []
        for w in analysis.what_if:
            d = w.summary() if hasattr(w, "summary") else dict(w)
            names = list(d.get("removed_names") or d.get("removed") or [])
            rows.append([", ".join(map(str, names[:6])) + (" …" if len(names) > 6 else ""),
                         fmt(d.get("cut_off_count"), "int", lang),
                         f"{fmt(d.get('components_before'), 'int', lang)} → "
                         f"{fmt(d.get('components_after'), 'int', lang)}",
                         f"{fmt(d.get('reach_lost'), 'int', lang)} "
                         f"({fmt(d.get('reach_lost_share'), 'share', lang)})",
                         _with_share(_with_error(d.get("efficiency_change"),
                                                 d.get("efficiency_change_se"), lang),
                                     efficiency_change_share(d), lang),
                         fmt(d.get("communities_split"), "int", lang)])
        ctx["what_if"] = {"columns": [t("col_scenario"), t("col_cut_size"), t("col_parts"),
                                      t("col_reach_lost"), t("col_efficiency_change"),
                                      t("col_communities_split")],
                          "numeric": [False, True, True, True, True, True], "rows": rows,
                          "more": None}
    kp = analysis.key_players
    if kp is not None:
        k = kp if "name" in kp else kp.assign(name=eco.names.reindex(kp.index).to_numpy())
        ctx["key_players"] = _table(k, [("order", "col_order", "int"), ("name", "col_name", "text"),
                                        ("sector", "col_sector", "sector"),
                                        ("degree", "col_degree", "int")],
                                    t, lang, max_rows=max_rows)
        at = kp.attrs
        if len(kp) and at.get("fragmentation") is not None:
            ctx["key_players_text"] = t(
                "explain_key_players_one" if len(kp) == 1 else "explain_key_players",
                k=fmt(len(kp), "int", lang), after=fmt(at["fragmentation"], "share", lang),
                before=fmt(at.get("fragmentation_before", 0.0), "share", lang),
                components=fmt(at.get("components_after"), "int", lang))
    return ctx


def health_section(analysis: "AnalysisResult", t: Callable, lang: str) -> dict[str, Any]:
    """Every health indicator with its value and definition (nothing when not computed)."""
    ctx: dict[str, Any] = {}
    if analysis.health:
        from ..analysis.health import DEFINITIONS
        from ..i18n import STRINGS

        rows = []
        for key, value in analysis.health.items():
            if isinstance(value, (dict, list, tuple)):
                continue
            definition = STRINGS[lang].get(f"hdef_{key}") or DEFINITIONS.get(key, "")
            rows.append([t(f"kpi_{key}"), fmt(value, _kind(key, value), lang), definition])
        ctx["health"] = {"columns": [t("col_indicator"), t("col_value"), t("col_definition")],
                         "numeric": [False, True, False], "rows": rows, "more": None}
    return ctx


__all__ = ["anchors_section", "health_section", "communities_section", "roles_section", "brokers_section",
           "gaps_section", "fragility_section", "recommendations_section",
           "resilience_section", "what_if_section"]
