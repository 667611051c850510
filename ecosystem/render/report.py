"""The analysis report: a pure-data context, then HTML and Markdown from jinja2 templates.

:func:`report_context` turns an :class:`~ecosystem.analysis_result.AnalysisResult` into plain data
(strings, numbers, lists of table rows, inline SVG charts) in one language;
:func:`render_html` / :func:`render_markdown` fill the templates in
``ecosystem/templates/`` with autoescaping ON (partner names are untrusted; only the
SVG charts, produced and escaped by matplotlib, are marked safe). The report folder is
written by :func:`ecosystem.render.folder.write_report` (atomically). Nothing here
computes a metric: numbers come from the analyses.
"""
from __future__ import annotations

import base64
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping

import pandas as pd

from ..i18n import LANGUAGES, STRINGS, check_lang, translator
from .summary import (SCHEMA_VERSION, _frame, _kind, fmt, headline_kpis, jsonable,
                      resilience_curves, robustness_values, summary_dict)

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis_result import AnalysisResult

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


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
    """``frame`` with its ``why`` column in ``lang`` (via the analysis module's explainer)."""
    if frame is None or lang == "en":
        return frame
    for col in (f"why_{lang}",):
        if col in frame:
            out = frame.copy()
            out["why"] = frame[col]
            return out
    from ..analysis.anchors import anchor_why
    from ..analysis.recommend import explain_recommendation

    out = frame.copy()
    try:
        if kind == "anchors":
            out["why"] = anchor_why(frame, lang=lang).to_numpy()
        else:
            out["why"] = [explain_recommendation(rec, lang=lang)
                          for rec in frame.to_dict("records")]
    except KeyError:  # a table without the columns the explainer reads keeps its own why
        return frame
    return out


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


# ---------------------------------------------------------------------- context
def _measures(analysis: "AnalysisResult", t: Callable, lang: str) -> list[list[str]]:
    from ..analysis.centrality import MEASURES

    defs: dict[str, str] = dict(MEASURES)
    rows = []
    table = partners_columns(analysis)
    for key in ("degree", "strength", "pagerank", "eigenvector", "betweenness", "closeness",
                "harmonic", "coreness", "clustering", "reach2", "effective_size", "constraint",
                "participation", "within_module_z", "anchor_score"):
        if key not in table:
            continue
        text = t(f"m_{key}") if (lang != "en" or key not in defs) else defs[key]
        rows.append([key, text])
    return rows


def partners_columns(analysis: "AnalysisResult") -> set[str]:
    cols: set[str] = set()
    for obj in (getattr(analysis.centrality, "table", None), analysis.roles, analysis.anchors,
                analysis.holes):
        if isinstance(obj, pd.DataFrame):
            cols.update(map(str, obj.columns))
    return cols


def _parameters(analysis: "AnalysisResult", t: Callable, lang: str) -> list[list[str]]:
    cfg = analysis.config.values
    eco = analysis.eco
    rows: list[list[str]] = [["seed", str(analysis.seed)],
                             ["directed", fmt(eco.directed, lang=lang)],
                             ["aggregate", eco.aggregate],
                             ["distance", eco.settings()["distance_definition"]]]
    rule = eco.strength_rule.to_dict()
    if rule["type_weights"]:
        rows.append(["type_weights", fmt(rule["type_weights"], lang=lang)])
    if rule["factors"]:
        rows.append(["factors", ", ".join(rule["factors"])])
    if rule["half_life"]:
        rows.append(["half_life", f"{rule['half_life']:g}"])
    if cfg["sectors"]["rename"]:
        rows.append(["sectors.rename", fmt(cfg["sectors"]["rename"], lang=lang)])
    if analysis.partition is not None:
        p = analysis.partition
        rows += [["communities.method", p.method],
                 ["communities.resolution", fmt(p.params.get("resolution"), lang=lang)],
                 ["modularity", fmt(p.modularity, lang=lang)]]
        if analysis.stability is not None:
            rows.append(["communities.stability_runs", str(cfg["communities"]["stability_runs"])])
    c = analysis.centrality
    if c is not None:
        rows.append(["centrality", f"{getattr(c, 'method', '')}"
                     + (f" (sampled: {fmt(getattr(c, 'params', {}).get('n_samples'), lang=lang)})"
                        if getattr(c, "sampled", False) else "")])
        if getattr(c, "sampled", False):
            rows.append(["sampling_error", translator(lang)("sampling_error")])
    if analysis.resilience is not None:
        r = cfg["resilience"]
        used = dict(getattr(analysis.resilience, "attrs", {}).get("params", {}))
        steps, runs = used.get("steps", r["steps"]), used.get("runs", r["runs"])
        rows.append(["resilience", f"{', '.join(r['strategies'])}; steps {steps}; runs {runs}"])
        if used.get("efficiency_sampled"):
            rows.append(["resilience.efficiency", _sampled_text(
                "efficiency", lang, k=used.get("n_sources"), above=used.get("sample_above"),
                rse=used.get("efficiency_rse_max"))])
    health = analysis.health or {}
    if health.get("path_length_sampled"):
        rows.append(["health.path_lengths", _sampled_text("path_length", lang,
                                                          rse=health.get("path_length_rse"))])
    rows.append(["top", ", ".join(f"{k} {v}" for k, v in cfg["top"].items())])
    par = getattr(analysis, "parallel", None) or {}
    if par:
        rows.append(["cpus", t("parallel_cpus", cpus=par["cpus"], available=par["available"],
                               steps=", ".join(par.get("beside", [])) or "-")
                     if par.get("cpus", 1) > 1 else t("parallel_serial")])
    return rows


#: What a sampled path measure is worth, measured (docs/performance.md, "Accuracy"):
#: 200 seeded source partners on a 10,000-partner benchmark network vs exact values.
SAMPLING_ERROR = {lang: STRINGS[lang]["sampling_error"] for lang in LANGUAGES}


def _sampled_text(what: str, lang: str, *, k: Any = None, above: Any = None,
                  rse: Any = None) -> str:
    """One line saying a measure was estimated from sampled sources, with its relative
    standard error (:mod:`ecosystem.analysis.sampling`)."""
    err = f"{float(rse):.1%}" if isinstance(rse, (int, float)) and rse == rse else "?"
    t = translator(lang)
    if what == "efficiency":
        return t("sampled_efficiency", k=k, above=above, err=err)
    return t("sampled_path_length", err=err)


def _changed_settings(analysis: "AnalysisResult") -> str | None:
    """The configuration keys that differ from the defaults, as YAML (for reproducing)."""
    import yaml

    from ..config import DEFAULTS

    def diff(values: Mapping[str, Any], base: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in values.items():
            ref = base.get(key)
            if isinstance(value, Mapping) and isinstance(ref, Mapping) and key not in (
                    "type_weights", "rename", "weights"):
                sub = diff(value, ref)
                if sub:
                    out[key] = sub
            elif value != ref:
                out[key] = value
        return out

    changed = diff(analysis.config.values, DEFAULTS)
    if not changed:
        return None
    return yaml.safe_dump(changed, allow_unicode=True, sort_keys=False, default_flow_style=False)


def _quality(analysis: "AnalysisResult", t: Callable, lang: str, max_rows: int) -> dict[str, Any]:
    rep = analysis.eco.report
    problems = rep.problems
    rows = []
    for p in problems[:max_rows]:
        where = ", ".join(x for x in (p.file or "", f"row {p.row}" if p.row is not None else "",
                                      f"'{p.column}'" if p.column else "") if x)
        rows.append([p.severity, where, p.message + (f" ({p.value!r})" if p.value not in (None, "") else "")])
    counts = rep.counts()
    return {"text": t("explain_data_quality", errors=len(rep.errors), warnings=len(rep.warnings))
            if problems else t("data_quality_clean"),
            "counts": [[k, f"{v:,}"] for k, v in counts.items()],
            "table": {"columns": [t("col_severity"), t("col_where"), t("col_problem")],
                      "numeric": [False, False, False], "rows": rows,
                      "more": t("more_rows", n=f"{len(problems) - max_rows:,}", file="summary.json")
                      if len(problems) > max_rows else None} if rows else None,
            "sources": [[t(f"source_{k}"), Path(str(v)).name, rep.encoding.get(k, "")]
                        for k, v in rep.sources.items()]}


def report_context(analysis: "AnalysisResult", lang: str | None = None, *,
                   map_html: str | None = None, map_png: bytes | None = None,
                   charts: bool = True) -> dict[str, Any]:
    """Everything the report shows, as plain data in one language.

    ``map_html`` (a self-contained map page) is embedded in an ``<iframe srcdoc>``;
    ``map_png`` is shown instead when printing.

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.pipeline import analyze
    >>> a = analyze(Ecosystem.from_edges([("a", "b"), ("b", "c")]), {"analyses": {"stability": False, "resilience": False}})
    >>> ctx = report_context(a, "ko", charts=False)
    >>> ctx["title"], ctx["kpis"][0]["label"], ctx["kpis"][0]["value"]
    ('생태계 분석 보고서: ecosystem', '파트너 수', '3')
    >>> "<h1" in render_html(ctx) and render_markdown(ctx).startswith("# ")
    True
    """
    from ..version import __version__
    from .charts import bar_chart_svg, line_chart_svg

    lang = check_lang(lang or analysis.config.lang)
    t = translator(lang)
    cfg = analysis.config.values
    max_rows = int(cfg["report"]["max_rows"])
    top = cfg["top"]
    eco = analysis.eco
    name = eco.name
    ctx: dict[str, Any] = {"lang": lang, "name": name}
    ctx["title"] = cfg["report"]["title"] or t("report_title", name=name)
    created = str(analysis.created)
    when = created[:16].replace("T", " ") + " UTC" if created.endswith("Z") else created
    ctx["generated"] = t("generated", date=when, version=__version__)
    from ..i18n import EN

    L = {k: t(k) for k in EN if "{" not in EN[k]}
    ctx["L"] = L
    ctx["intro"] = t("explain_summary", name=name, partners=f"{eco.n_partners:,}",
                     relations=f"{eco.n_relations:,}", ties=f"{eco.n_ties:,}",
                     sectors=f"{eco.sectors.nunique():,}")

    # KPIs
    kpis = headline_kpis(analysis)
    ctx["kpis"] = [{"key": k, "label": t(f"kpi_{k}"), "value": fmt(v, _kind(k, v), lang)}
                   for k, v in kpis.items()]
    ctx["kpis_json"] = jsonable(kpis)

    # anchors
    anchors = analysis.anchors if isinstance(analysis.anchors, pd.DataFrame) else None
    if anchors is not None:
        a = anchors.sort_values("rank") if "rank" in anchors else anchors
        a = _why(analysis, "anchors", a.head(top["anchors"]), lang)
        # scores to 2 decimals: the third is noise next to the rank-stability check below
        a = a.assign(anchor_score=a["anchor_score"].map(lambda v: f"{float(v):.2f}"))
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
            ctx["anchor_chart"] = bar_chart_svg(a["name"].astype(str).tolist(),
                                                a["anchor_score"].astype(float).tolist(),
                                                title=t("chart_anchor_title"))
    # communities
    if analysis.partition is not None:
        p = analysis.partition
        ctx["communities_text"] = t("explain_communities", method=p.method,
                                    resolution=fmt(p.params.get("resolution"), lang=lang),
                                    modularity=fmt(p.modularity, lang=lang))
        stab = kpis.get("stability")
        if stab is not None:
            ctx["stability_text"] = t("explain_stability", runs=cfg["communities"]["stability_runs"],
                                      score=fmt(stab, lang=lang))
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
            sc = _frame(getattr(analysis.stability, "communities", None))
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
    # roles
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
    # gaps
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
    cg = _frame(analysis.community_gaps, "gaps")
    labels = _community_labels(analysis, lang)
    if cg is not None:
        if labels:
            cg = cg.assign(community_a=cg["community_a"].map(lambda k: labels.get(int(k), k)),
                           community_b=cg["community_b"].map(lambda k: labels.get(int(k), k)))
        ctx["community_gaps"] = _table(cg, [("community_a", "col_community", "text"),
                                            ("community_b", "col_community", "text"),
                                            ("strength", "col_strength", "float"),
                                            ("expected_strength", "col_expected_strength", "float"),
                                            ("ratio", "col_ratio_strength", "float"),
                                            ("z", "col_z", "float"),
                                            ("bridge_names", "col_bridging", "text")],
                                       t, lang, max_rows=top["gaps"], file="metrics.xlsx")
    sg = _frame(analysis.sector_gaps, "gaps")
    if sg is not None:
        ctx["sector_gaps"] = _table(sg, [("group_a", "col_sector", "sector"),
                                         ("group_b", "col_sector", "sector"),
                                         ("strength", "col_strength", "float"),
                                         ("expected_strength", "col_expected_strength", "float"),
                                         ("ratio", "col_ratio_strength", "float"),
                                         ("z", "col_z", "float"),
                                         ("bridge_names", "col_bridging", "text")],
                                    t, lang, max_rows=top["gaps"], file="metrics.xlsx")
    missing = _frame(analysis.sector_gaps, "missing")
    if missing is not None and len(missing):
        m = missing.reset_index() if "community" not in missing else missing
        if labels:
            m = m.assign(community=m["community"].map(lambda k: labels.get(int(k), k)))
        ctx["missing_sectors"] = _table(m, [("community", "col_community", "text"),
                                            ("size", "col_size", "int"),
                                            ("missing", "col_missing_helix", "helix"),
                                            ("missing_sectors", "col_missing_sectors", "sectors"),
                                            ("unknown_sectors", "col_unmapped", "sectors")],
                                        t, lang, max_rows=top["gaps"], file="metrics.xlsx")
    unknown = getattr(analysis.sector_gaps, "unknown", None)
    if unknown:
        ctx["unmapped_text"] = t("unmapped_text", sectors=", ".join(map(str, unknown[:12]))
                                 + (" …" if len(unknown) > 12 else ""))
    art = _frame(analysis.fragility, "articulation_points")
    if art is not None:
        art = art if "name" in art else art.assign(name=eco.names.reindex(art.index).to_numpy())
        ctx["articulation_points"] = _table(art, [("name", "col_name", "text"),
                                                  ("sector", "col_sector", "sector"),
                                                  ("cut_off", "col_cut_size", "int"),
                                                  ("cut_off_names", "col_cuts_off", "text")],
                                            t, lang, max_rows=top["gaps"], file="metrics.xlsx")
    bridges = _frame(analysis.fragility, "bridges")
    if bridges is not None:
        ctx["bridges"] = _table(bridges, [("source_name", "col_source", "text"),
                                          ("target_name", "col_target", "text"),
                                          ("strength", "col_strength", "float"),
                                          ("cut_off", "col_cut_size", "int"),
                                          ("cut_off_names", "col_cuts_off", "text")],
                                t, lang, max_rows=top["gaps"], file="metrics.xlsx")
    # recommendations
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
    q = analysis.recommendation_quality
    if isinstance(q, pd.DataFrame) and "verdict" in q.attrs:  # backtest / hold-out verdict
        from ..analysis.recommend_evaluate import confidence_text

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
    # resilience
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
                         fmt(d.get("efficiency_change"), "float", lang),
                         fmt(d.get("communities_split"), "int", lang)])
        ctx["what_if"] = {"columns": [t("col_scenario"), t("col_cut_size"), t("col_parts"),
                                      t("col_reach_lost"), t("col_efficiency_change"),
                                      t("col_communities_split")],
                          "numeric": [False, True, True, True, True, True], "rows": rows,
                          "more": None}
    kp = _frame(analysis.key_players, "table", "players")
    if kp is not None:
        k = kp if "name" in kp else kp.assign(name=eco.names.reindex(kp.index).to_numpy())
        ctx["key_players"] = _table(k, [("order", "col_order", "int"), ("name", "col_name", "text"),
                                        ("sector", "col_sector", "sector"),
                                        ("degree", "col_degree", "int")],
                                    t, lang, max_rows=max_rows)
    # evolution over time (dated relations only)
    if analysis.evolution is not None:
        from .evolution import evolution_section

        ctx["evolution"] = evolution_section(analysis.evolution, lang, max_rows=max_rows)
    # all health indicators, with their definitions
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
    # findings: the decision brief first, the older summary lines when it was not computed
    from .brief import brief_findings, headline_tiles

    ctx["brief"] = brief_findings(analysis, t, lang)
    ctx["findings"] = ([f["text"] for f in ctx["brief"]] if ctx["brief"]
                       else _findings(analysis, t, lang, kpis, anchors))
    ctx["tiles"] = headline_tiles(analysis, t, lang)
    ctx["baseline_note"] = t("baseline_note", runs=cfg["baselines"]["runs"]) if ctx["tiles"] else None
    # trust survey and partner risk matrix (render/trust.py)
    from .trust import trust_section

    ctx["trust_risk"] = trust_section(analysis, lang, max_rows=max_rows, charts=charts)
    if ctx["trust_risk"]:
        ctx["findings"] += ctx["trust_risk"]["findings"]
    # map
    ctx["map_srcdoc"] = map_html
    ctx["map_png"] = ("data:image/png;base64," + base64.b64encode(map_png).decode("ascii")
                      if map_png else None)
    # methods
    ctx["measures"] = _measures(analysis, t, lang)
    ctx["weights_text"] = t("explain_weights", aggregate=eco.aggregate,
                            distance=eco.settings()["distance_definition"])
    ctx["seed_text"] = t("seed_text", seed=analysis.seed)
    ctx["parameters"] = _parameters(analysis, t, lang)
    ctx["settings_yaml"] = _changed_settings(analysis)
    ctx["quality"] = _quality(analysis, t, lang, max_rows)
    ctx["notes"] = [[step, reason] for step, reason in analysis.notes.items()
                    if "switched off" not in reason]
    return ctx


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


def _findings(analysis: "AnalysisResult", t: Callable, lang: str, kpis: dict[str, Any],
              anchors: pd.DataFrame | None) -> list[str]:
    out: list[str] = []
    if anchors is not None and len(anchors):
        a = anchors.sort_values("rank") if "rank" in anchors else anchors
        a = _why(analysis, "anchors", a.head(1), lang)
        first = a.iloc[0]
        out.append(t("finding_top_anchor", name=str(first.get("name", a.index[0])),
                     why=str(first.get("why", "")).rstrip(".")))
    if analysis.partition is not None:
        out.append(t("finding_communities", n=analysis.partition.n_groups,
                     q=fmt(analysis.partition.modularity, lang=lang)))
    comps = _frame(analysis.fragility, "components")
    if comps is not None and len(comps) > 1 and "share" in comps:
        out.append(t("finding_components", n=f"{len(comps):,}",
                     share=fmt(float(comps["share"].iloc[0]), "share", lang)))
    art = _frame(analysis.fragility, "articulation_points")
    if art is not None:
        if len(art):
            first = art.iloc[0]
            out.append(t("finding_fragility" if len(art) > 1 else "finding_fragility_one",
                         n=f"{len(art):,}",
                         name=str(first.get("name", art.index[0])),
                         k=fmt(first.get("cut_off"), lang=lang)))
        else:
            out.append(t("finding_no_fragility"))
    recs = analysis.recommendations
    if isinstance(recs, pd.DataFrame) and len(recs):
        r = _why(analysis, "recommendations", recs.head(1), lang).iloc[0]
        out.append(t("finding_recommendation", a=str(r.get("source_name", r.get("source"))),
                     b=str(r.get("target_name", r.get("target"))),
                     why=str(r.get("why", "")).rstrip(".")))
    return out


# ---------------------------------------------------------------------- rendering
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["md"] = _md_cell
    return env


def _md_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell (pipes and newlines escaped)."""
    s = str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    for ch in ("*", "_", "`", "[", "]", "<", ">"):
        s = s.replace(ch, "\\" + ch)
    return s


def render_html(ctx: Mapping[str, Any]) -> str:
    """The report as one self-contained HTML page (inline CSS/SVG, no network)."""
    from markupsafe import Markup

    data = dict(ctx)
    for key in ("anchor_chart", "roles_chart", "resilience_chart", "efficiency_chart"):
        if data.get(key):
            data[key] = Markup(data[key])  # matplotlib-generated SVG (text escaped by it)
    if data.get("evolution"):
        section = dict(data["evolution"])
        section["charts"] = [{**c, "svg": Markup(c["svg"])} for c in section.get("charts", [])]
        data["evolution"] = section
    html = _environment().get_template("report.html.j2").render(**_defaults(data))
    return embed_font(html)


#: Where render_html puts the embedded Hangul font (report_style.j2).
FONT_SLOT = "/*@embedded-font@*/"


def embed_font(html: str) -> str:
    """Replace :data:`FONT_SLOT` with a NanumGothic subset covering the page's non-ASCII
    characters (:func:`ecosystem.render.fonts.embedded_font_css`), so Hangul shows on a
    machine without CJK fonts."""
    from .fonts import embedded_font_css

    if FONT_SLOT not in html:
        return html
    text = "".join(sorted({ch for ch in html if ord(ch) > 0x7E}))
    return html.replace(FONT_SLOT, embedded_font_css(text), 1)


def render_markdown(ctx: Mapping[str, Any]) -> str:
    """The report as Markdown (GitHub-flavoured tables) for wikis and Git."""
    env = _environment()
    env.autoescape = False  # Markdown: cells go through the |md filter instead
    return env.get_template("report.md.j2").render(**_defaults(dict(ctx)))


_OPTIONAL = ("anchors", "anchor_chart", "anchor_ids", "communities_text", "stability_text",
             "communities", "roles_counts", "roles_chart", "roles", "holes", "brokerage",
             "community_gaps", "sector_gaps", "missing_sectors", "articulation_points", "bridges",
             "recommendations", "resilience_chart", "efficiency_chart", "health", "robustness",
             "evolution", "what_if", "map_links", "recommendation_quality", "recommendation_confidence", "key_players", "map_srcdoc",
             "map_png", "trust_risk", "brief", "tiles", "baseline_note", "rank_stability_text", "rank_stability",
             "role_definitions", "isolates_text", "communities_count_text", "unmapped_text")


def _defaults(data: dict[str, Any]) -> dict[str, Any]:
    for key in _OPTIONAL:
        data.setdefault(key, None)
    return data


__all__ = ["report_context", "render_html", "render_markdown", "summary_dict",
           "headline_kpis", "resilience_curves", "robustness_values", "jsonable", "fmt",
           "SCHEMA_VERSION", "TEMPLATES"]
