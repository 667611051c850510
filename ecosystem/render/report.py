"""The analysis report: a pure-data context, then HTML and Markdown from jinja2 templates.

:func:`report_context` turns an :class:`~ecosystem.analysis_result.AnalysisResult` into
plain data (strings, numbers, lists of table rows, inline SVG charts) in one language, one
function per section (:mod:`ecosystem.render.report_sections`);
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

from ..analysis.scale import AUTOMATIC, VERY_LARGE_TIES, very_large
from ..i18n import LANGUAGES, STRINGS, check_lang, translator
from .report_sections import (_why, anchors_section, brokers_section, communities_section,
                              fragility_section, gaps_section, health_section,
                              recommendations_section, resilience_section, roles_section,
                              what_if_section)
from .summary import (SCHEMA_VERSION, _kind, headline_kpis, resilience_curves,
                      robustness_values, summary_dict)
from .values import fmt, jsonable

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis_result import AnalysisResult

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


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
            rows.append(["communities.stability_runs", str(analysis.stability.runs)])
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
    if analysis.baselines is not None:
        rows.append(["baselines.runs", str(_baseline_runs(analysis, cfg))])
    automatic = ("baselines.runs", "communities.stability_runs", "resilience.sources",
                 "evolution.samples")
    if very_large(eco.n_ties) and any(cfg[section][key] is None for section, key
                                      in (setting.split(".") for setting in automatic)):
        (b_small, b_large), (s_small, s_large), (e_small, e_large), (p_small, p_large) = (
            AUTOMATIC[k] for k in automatic)
        rows.append(["scale", t("very_large_note", ties=fmt(VERY_LARGE_TIES, lang=lang),
                                baselines=b_large, baselines_small=b_small,
                                stability=s_large, stability_small=s_small,
                                sources=e_large, sources_small=e_small,
                                snapshots=p_large, snapshots_small=p_small)])
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


#: Problem severities the report names in its language.
SEVERITIES = ("info", "warning", "error")


def _quality(analysis: "AnalysisResult", t: Callable, lang: str, max_rows: int) -> dict[str, Any]:
    rep = analysis.eco.report
    problems = rep.problems
    rows = []
    for p in problems[:max_rows]:
        where = ", ".join(x for x in (p.file or "", t("where_row", row=p.row) if p.row is not None
                                      else "", f"'{p.column}'" if p.column else "") if x)
        severity = t(f"severity_{p.severity}") if p.severity in SEVERITIES else p.severity
        rows.append([severity, where, p.message + (f" ({p.value!r})" if p.value not in (None, "") else "")])
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
    lang = check_lang(lang or analysis.config.lang)
    t = translator(lang)
    cfg = analysis.config.values
    max_rows = int(cfg["report"]["max_rows"])
    ctx = header_section(analysis, t, lang, cfg)
    kpis = headline_kpis(analysis)
    ctx["kpis"] = [{"key": k, "label": t(f"kpi_{k}"), "value": fmt(v, _kind(k, v), lang)}
                   for k, v in kpis.items()]
    ctx["kpis_json"] = jsonable(kpis)
    ctx.update(anchors_section(analysis, t, lang, cfg, charts=charts))
    ctx.update(communities_section(analysis, t, lang, cfg, kpis=kpis))
    ctx.update(roles_section(analysis, t, lang, cfg, charts=charts))
    ctx.update(brokers_section(analysis, t, lang, cfg))
    ctx.update(gaps_section(analysis, t, lang, cfg))
    ctx.update(fragility_section(analysis, t, lang, cfg))
    ctx.update(recommendations_section(analysis, t, lang, cfg))
    ctx.update(resilience_section(analysis, t, lang, charts=charts))
    ctx.update(what_if_section(analysis, t, lang, cfg))
    if analysis.evolution is not None:  # dated relations only
        from ..analysis.naming import community_label_map
        from .evolution import evolution_section

        ctx["evolution"] = evolution_section(
            analysis.evolution, lang, max_rows=max_rows,
            community_labels=community_label_map(analysis.community_names, lang))
    ctx.update(health_section(analysis, t, lang))
    ctx.update(findings_section(analysis, t, lang, cfg, kpis=kpis, charts=charts))
    ctx["map_srcdoc"] = map_html
    ctx["map_png"] = ("data:image/png;base64," + base64.b64encode(map_png).decode("ascii")
                      if map_png else None)
    ctx.update(methods_section(analysis, t, lang, cfg))
    return ctx


def header_section(analysis: "AnalysisResult", t: Callable, lang: str,
                   cfg: Mapping[str, Any]) -> dict[str, Any]:
    """Language, title, generation line, the interface words (``L``) and the intro."""
    from ..i18n import EN
    from ..version import __version__

    eco = analysis.eco
    name = eco.name
    ctx: dict[str, Any] = {"lang": lang, "name": name}
    ctx["title"] = cfg["report"]["title"] or t("report_title", name=name)
    created = str(analysis.created)
    when = created[:16].replace("T", " ") + " UTC" if created.endswith("Z") else created
    ctx["generated"] = t("generated", date=when, version=__version__)
    ctx["L"] = {k: t(k) for k in EN if "{" not in EN[k]}
    ctx["intro"] = t("explain_summary", name=name, partners=f"{eco.n_partners:,}",
                     relations=f"{eco.n_relations:,}", ties=f"{eco.n_ties:,}",
                     sectors=f"{eco.sectors.nunique():,}")
    return ctx


def findings_section(analysis: "AnalysisResult", t: Callable, lang: str, cfg: Mapping[str, Any],
                     *, kpis: Mapping[str, Any], charts: bool = True) -> dict[str, Any]:
    """The decision brief (the older summary lines when it was not computed), headline
    tiles, then the trust survey and partner risk matrix (render/trust.py)."""
    from .brief import brief_findings, headline_tiles
    from .trust import trust_section

    anchors = analysis.anchors if isinstance(analysis.anchors, pd.DataFrame) else None
    ctx: dict[str, Any] = {}
    ctx["brief"] = brief_findings(analysis, t, lang)
    ctx["findings"] = ([f["text"] for f in ctx["brief"]] if ctx["brief"]
                       else _findings(analysis, t, lang, kpis, anchors))
    ctx["tiles"] = headline_tiles(analysis, t, lang)
    ctx["baseline_note"] = t("baseline_note", runs=_baseline_runs(analysis, cfg)) if ctx["tiles"] else None
    max_rows = int(cfg["report"]["max_rows"])
    ctx["trust_risk"] = trust_section(analysis, lang, max_rows=max_rows, charts=charts)
    if ctx["trust_risk"]:
        ctx["findings"] += ctx["trust_risk"]["findings"]
    return ctx


def _baseline_runs(analysis: "AnalysisResult", cfg: Mapping[str, Any]) -> Any:
    """The null-model runs that were made (recorded with the baselines), else the setting."""
    base = analysis.baselines
    used = (getattr(base, "attrs", {}) or {}).get("params", {}) if base is not None else {}
    return used.get("runs", cfg["baselines"]["runs"])


def methods_section(analysis: "AnalysisResult", t: Callable, lang: str,
                    cfg: Mapping[str, Any]) -> dict[str, Any]:
    """Measures, weights, seed, parameters, changed settings, data quality, notes."""
    eco = analysis.eco
    ctx: dict[str, Any] = {}
    ctx["measures"] = _measures(analysis, t, lang)
    ctx["weights_text"] = t("explain_weights", aggregate=eco.aggregate,
                            distance=eco.settings()["distance_definition"])
    ctx["seed_text"] = t("seed_text", seed=analysis.seed)
    ctx["parameters"] = _parameters(analysis, t, lang)
    ctx["settings_yaml"] = _changed_settings(analysis)
    ctx["quality"] = _quality(analysis, t, lang, int(cfg["report"]["max_rows"]))
    ctx["notes"] = [[t(_NOTE_STEPS[step]) if step in _NOTE_STEPS else step,
                     t(_NOTE_REASONS[reason]) if reason in _NOTE_REASONS else reason]
                    for step, reason in analysis.notes.items() if "switched off" not in reason]
    return ctx


#: The pipeline's notes (step -> English reason) as the report names them in its language.
_NOTE_STEPS = {"evolution": "ev_title", "risk": "risk_section", "trust": "trust_section",
               "map": "map"}
_NOTE_REASONS = {"the relations have no dates": "note_no_dates",
                 "needs the fragility analysis": "note_needs_fragility"}


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
    comps = analysis.fragility.components if analysis.fragility is not None else None
    if comps is not None and len(comps) > 1 and "share" in comps:
        out.append(t("finding_components", n=f"{len(comps):,}",
                     share=fmt(float(comps["share"].iloc[0]), "share", lang)))
    art = analysis.fragility.articulation_points if analysis.fragility is not None else None
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
    from .fonts import embedded_font_css, text_chars

    if FONT_SLOT not in html:
        return html
    text = "".join(sorted({ch for ch in text_chars(html) if ord(ch) > 0x7E}))
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
             "evolution", "what_if", "map_links", "recommendation_quality", "recommendation_confidence", "recommendations_score_text", "key_players", "key_players_text", "map_srcdoc",
             "map_png", "trust_risk", "brief", "tiles", "baseline_note", "rank_stability_text", "rank_stability",
             "role_definitions", "isolates_text", "communities_count_text", "unmapped_text",
             "helix_unchecked",
             "main_network_text")


def _defaults(data: dict[str, Any]) -> dict[str, Any]:
    for key in _OPTIONAL:
        data.setdefault(key, None)
    return data


__all__ = ["report_context", "render_html", "render_markdown", "summary_dict",
           "headline_kpis", "resilience_curves", "robustness_values", "jsonable", "fmt",
           "SCHEMA_VERSION", "TEMPLATES"]
