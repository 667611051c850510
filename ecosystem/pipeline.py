"""Run every analysis once on one ecosystem and keep the results together.

:func:`analyze` is the one place where the analyses are run: the graphs are built once
(cached on the :class:`~ecosystem.model.Ecosystem`) and shared, each step reuses earlier
results (the partition feeds roles, anchors, gaps, recommendations...), and the
:class:`Analysis` it returns is what every renderer reads (report, tables, exports, map).
Renderers never compute metrics.

Examples
--------
>>> from ecosystem import Ecosystem
>>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"),
...                             ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
>>> result = analyze(eco, {"communities": {"stability_runs": 0},
...                        "resilience": {"runs": 1, "steps": 4}})
>>> result.partition.n_communities
2
>>> sorted(result.partners_table().loc[["c", "d"], "community"].tolist())
[0, 1]
"""
from __future__ import annotations

import inspect
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

import pandas as pd

from . import schema as S
from .config import Config, resolve_config
from .model import Ecosystem
from .progress import Progress
from .analysis_result import AnalysisResult
from .results import Partition

#: Order of the steps (also the order of the progress bar).
STEPS = ("prepare", "trust", "centrality", "communities", "stability", "roles", "anchors", "names",
         "rank_stability", "holes", "brokerage", "fragility", "gaps", "recommendations",
         "resilience", "health", "baselines", "evolution", "risk", "findings", "layout")


class NotAvailable(Exception):
    """A step's analysis module is not installed / not available in this build."""


def _import(module: str, name: str) -> Callable[..., Any]:
    import importlib

    try:
        mod = importlib.import_module(f"ecosystem.{module}")
        return getattr(mod, name)
    except (ImportError, AttributeError) as err:
        raise NotAvailable(f"ecosystem.{module}.{name} is not available ({err})") from None


def _call(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call ``func`` with only the keyword arguments it accepts."""
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return func(*args, **kwargs)
    params = sig.parameters.values()
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        return func(*args, **kwargs)
    names = {p.name for p in params}
    return func(*args, **{k: v for k, v in kwargs.items() if k in names})


@dataclass(eq=False, repr=False)
class Analysis(AnalysisResult):
    """Every analysis result for one ecosystem (:class:`~ecosystem.analysis_result.AnalysisResult`)
    plus what to do with them: tables, the map, the report folder, graph exports.

    Examples
    --------
    >>> import ecosystem as es
    >>> a = es.analyze(es.Ecosystem.from_edges([("a", "b", 2), ("b", "c", 1)]),
    ...                {"outputs": {}, "communities": {"stability_runs": 0}})
    >>> int(a.partners_table().loc["b", "degree"])
    2
    """

    def _repr_html_(self) -> str:
        """A small summary card for notebooks: KPIs and the top anchors (escaped)."""
        from html import escape

        from .render.summary import fmt, headline_kpis

        kpis = headline_kpis(self)
        cells = "".join(f"<tr><th style='text-align:left'>{escape(str(k))}</th>"
                        f"<td style='text-align:right'>{escape(fmt(v))}</td></tr>"
                        for k, v in kpis.items())
        anchors = ""
        if isinstance(self.anchors, pd.DataFrame) and len(self.anchors):
            a = self.anchors.sort_values("rank").head(5) if "rank" in self.anchors else self.anchors.head(5)
            anchors = "<ol>" + "".join(
                f"<li><b>{escape(str(r.get('name', i)))}</b> — {escape(str(r.get('why', '')))}</li>"
                for i, r in a.iterrows()) + "</ol>"
        return (f"<div><b>{escape(repr(self))}</b><table>{cells}</table>{anchors}"
                "<small>.partners_table(), .map(), .write_report(dir)</small></div>")

    # ------------------------------------------------------------------ tables
    def partners_table(self) -> pd.DataFrame:
        """One row per partner: attributes and every per-partner metric.

        Columns: the partner table (id, name, sector, attributes), centrality measures,
        ``community``, roles, ``anchor_score``/``anchor_rank``/``anchor_why``, Burt's
        measures, brokerage counts (``brokerage_*``), ``articulation_point`` and
        ``cut_off`` (partners a removal would disconnect), ``x``/``y`` map position.
        """
        from .render.export import partners_table

        return partners_table(self)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every result table by name (what ``metrics.xlsx`` holds, one sheet each)."""
        from .render.export import all_tables

        return all_tables(self)

    def kpis(self) -> dict[str, Any]:
        """Headline indicators (the report's KPI cards), by key."""
        from .render.summary import headline_kpis

        return headline_kpis(self)

    def summary(self) -> dict[str, Any]:
        """The JSON-ready summary written to ``summary.json`` (see its JSON Schema)."""
        from .render.summary import summary_dict

        return summary_dict(self)

    # ------------------------------------------------------------------ outputs
    def map_spec(self, **kwargs: Any) -> dict[str, Any]:
        """The map specification (pure data) for this analysis (see ``render.maps``)."""
        from .render.maps import map_spec

        opts = {"color_by": self.config.get("map.color_by"),
                "size_by": self.config.get("map.size_by"), "seed": self.seed,
                "lang": self.config.lang}
        if self.layout is not None:
            opts["positions"] = self.layout
            opts["spread"] = True  # the analysis' own layout: discs may be pushed apart
        opts.update(kwargs)
        return _call(map_spec, self.eco, analysis=self, **opts)

    def map(self, *, height: int = 600, **kwargs: Any):
        """The interactive map as a :class:`~ecosystem.render.maps.MapView`.

        In a notebook it shows inline (``_repr_html_``); ``.save("map.html")`` or
        ``.save("map.png")`` writes it. Keyword arguments go to ``map_spec``
        (``color_by``, ``size_by``, ``focus``, ``community``...).
        """
        from .render.maps import MapView

        return MapView(self.map_spec(**kwargs), height=height)

    def write_report(self, directory: str | Path, *, lang: str | None = None,
                     outputs: Mapping[str, bool] | list[str] | None = None,
                     progress: Progress | None = None) -> dict[str, Any]:
        """Write the report folder (report.html, report.md, CSVs, summary.json, map...).

        Written atomically: files go to a temporary sibling folder that replaces
        ``directory`` only when everything succeeded. Returns what was written
        (``{"directory": ..., "files": [...], "notes": {...}}``).
        """
        from .parallel import one_native_thread
        from .render.folder import write_report

        with one_native_thread():  # no spinning OpenMP/BLAS threads (see ecosystem.parallel)
            return write_report(self, directory, lang=lang, outputs=outputs, progress=progress)

    def export(self, path: str | Path, *, to: str | None = None) -> Path:
        """Write the network with every metric as node/edge attributes (gexf, graphml,
        json, cytoscape; by default from the file suffix)."""
        from .render.export import export_graph

        return export_graph(self, path, to=to)


# ---------------------------------------------------------------------- loading
def load_data(config: Config | Mapping[str, Any] | str | Path | None = None,
              data: str | Path | None = None, partners: str | Path | None = None) -> Ecosystem:
    """Load the ecosystem a configuration describes (``data`` overrides ``data.relations``).

    Column mapping, encoding, strength rule (type weights, factors, decay), aggregation,
    direction and distance all come from the configuration.

    Examples
    --------
    >>> eco = load_data({"strength": {"type_weights": {"pilot": 2}}}, "karate")
    >>> eco.name, eco.n_partners
    ('karate', 34)
    """
    from .exceptions import InvalidParameterError
    from .io.readers import load

    cfg = resolve_config(config)
    d = cfg.values["data"]
    source = data if data is not None else d["relations"]
    if source is None:
        raise InvalidParameterError(
            "no data: give a relations file or dataset name (DATA), or set data.relations "
            "in the configuration")
    cols = cfg.values["columns"]
    columns = {k: v for k, v in cols.items() if v and k not in ("partner", "group", "year")}
    kwargs: dict[str, Any] = dict(encoding=d["encoding"], columns=columns or None,
                                  auto_add_partners=d["auto_add_partners"], strict=d["strict"],
                                  strength_rule=cfg.strength_rule(), directed=d["directed"],
                                  aggregate=d["aggregate"], distance=d["distance"])
    extra = {"sheet": _sheet(d["sheet"]), "partners_sheet": _sheet(d["partners_sheet"]),
             "delimiter": d["delimiter"], "affiliation": d["affiliation"],
             "partner_col": cols["partner"], "group_col": cols["group"], "year_col": cols["year"],
             "projection": d["projection"], "projection_output": d["projection_output"],
             "max_group_size": d["max_group_size"], "decimal": d.get("decimal"),
             "skip_bad_rows": d.get("skip_bad_rows") or None, "date_order": d.get("date_order"),
             "full_paths": cfg.values["report"].get("full_paths") or None,
             "limits": cfg.values.get("limits")}
    kwargs.update({k: v for k, v in extra.items() if v is not None})
    part = partners or d["partners"]
    eco = _call(load, str(source), str(part) if part else None, **kwargs)
    if d.get("name"):
        eco = eco.replace(name=str(d["name"]))
    if d.get("names"):
        from .io.names import join_names

        eco = join_names(eco, d["names"], encoding=d["encoding"])
    return eco


def _shown_paths(cfg: Config) -> Config:
    """The configuration as reports show it: data file paths relative to the working folder
    (or file names) unless ``report.full_paths`` (issue 15: a shared report must not reveal
    the author's folders)."""
    if cfg.values["report"].get("full_paths"):
        return cfg
    from .io.paths import display_path

    d = cfg.values["data"]
    changed = {f"data.{k}": display_path(d[k]) for k in ("relations", "partners")
               if isinstance(d.get(k), str) and display_path(d[k]) != d[k]}
    return cfg.override(changed) if changed else cfg


def _sheet(value: Any) -> Any:
    return int(value) if isinstance(value, str) and value.isdigit() else value


def prepare(eco: Ecosystem, config: Config) -> Ecosystem:
    """Apply the configuration's data edits to a new Ecosystem.

    ``data.period`` keeps the relations active in that period (a snapshot, cut as in the
    evolution settings); partners known only by their id get a label from their type and
    country (:func:`~ecosystem.io.names.fallback_labels`); ``sectors.rename`` renames sectors.
    """
    period = config.values["data"].get("period")
    if period:
        snapshot_at = _import("analysis.temporal", "snapshot_at")
        ev = config.values["evolution"]
        eco = _call(snapshot_at, eco, str(period), freq=ev["freq"], mode=ev["mode"],
                    window=ev["window"], date_column=ev["date_column"]).eco
        eco = eco.replace(name=f"{eco.name} {period}") if str(period) not in eco.name else eco
    from .io.names import fallback_labels

    eco = fallback_labels(eco)      # "PIC 999974553 · REC · DE" rather than a bare id
    rename = dict(config.values["sectors"]["rename"])
    if rename:
        partners = eco.partners.copy()
        partners[S.SECTOR] = partners[S.SECTOR].astype(str).map(lambda s: rename.get(s, s))
        eco = eco.replace(partners=partners)
    return eco


# ---------------------------------------------------------------------- the run
def analyze(eco: Ecosystem | str | Path, config: Config | Mapping[str, Any] | str | Path | None = None,
            progress: Progress | None = None, **overrides: Any) -> Analysis:
    """Run every enabled analysis once on ``eco`` and return an :class:`Analysis`.

    Parameters
    ----------
    eco : Ecosystem, or a file path / bundled dataset name
        A path or name is loaded with the configuration's data settings
        (:func:`load_data`).
    config : Config, mapping, YAML path or None
        Settings (see ``ecosystem init``); ``None`` uses the defaults.
    progress : Progress, optional
        Progress display (default: silent).
    **overrides
        Dotted configuration keys, e.g. ``**{"communities.resolution": 1.5}``, or
        ``seed=3``.

    Returns
    -------
    Analysis

    Raises
    ------
    EmptyGraphError
        When the ecosystem has no relation to analyse.

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> a = analyze(Ecosystem.from_edges([("a", "b"), ("b", "c")]),
    ...             {"analyses": {"stability": False, "resilience": False}})
    >>> a.partition.n_communities, a.anchors["rank"].idxmin()
    (1, 'b')
    >>> a.notes["resilience"]
    'switched off in the configuration'
    """
    cfg = resolve_config(config, **overrides)
    progress = progress or Progress(quiet=True)
    if isinstance(eco, (str, Path)):
        with progress.step("load"):
            eco = load_data(cfg, eco)
    eco.require_ties()
    cfg = _shown_paths(cfg)
    result = Analysis(eco=eco, config=cfg,
                      created=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    seed = cfg.seed
    top = cfg.values["top"]
    on = cfg.enabled
    from .parallel import ALONGSIDE, StepRunner, available_cpus, resolve_cpus
    runner = StepRunner(resolve_cpus(cfg.values.get("cpus")), result)  # see ecosystem.parallel

    def step(name: str, enabled: bool, func: Callable[[], None]) -> None:
        if not enabled:
            result.notes[name] = "switched off in the configuration"
            progress.advance()
            return
        if name not in ALONGSIDE:  # a step that may read a worker's result waits for it
            runner.wait()

        def guarded() -> None:
            try:
                func()
            except NotAvailable as err:
                result.notes[name] = str(err)

        def done(name: str, seconds: float, in_worker: bool) -> None:
            result.timings[name] = round(seconds, 4)
            progress.timings[name] = seconds
            progress.advance(name)
            progress.note(f"  {name:<22} {seconds:8.2f} s" + (" (worker)" if in_worker else ""))

        if runner.submit(name, guarded, done):
            return
        start = time.perf_counter()
        with progress.step(name):
            guarded()
        result.timings[name] = round(time.perf_counter() - start, 4)

    from .parallel import one_native_thread
    with progress.run("analysis", total=len(STEPS)), one_native_thread():
        def do_prepare() -> None:
            result.eco = prepare(eco, cfg)
        step("prepare", True, do_prepare)

        def do_trust() -> None:
            sv = cfg.values["survey"]
            if not sv["file"]:
                return  # no survey: nothing to score (the risk matrix says so)
            read = _import("io.survey", "read_survey")
            # names are checked against every partner loaded, before a --period snapshot
            result.survey = read(sv["file"], eco=eco, questions=sv["questions"] or None,
                                 scale=sv["scale"], columns=sv["columns"],
                                 encoding=sv["encoding"], sheet=_sheet(sv["sheet"]),
                                 ignore=sv["ignore"])
            if result.eco.n_partners != eco.n_partners:
                keep = _import("io.survey", "restrict_survey")
                result.survey = keep(result.survey, result.eco.ids)
                dropped = result.survey.problems[-1] if result.survey.problems else None
                if dropped is not None and dropped.code == "outside_period":
                    result.notes["trust"] = dropped.message
            if sv["factors"] or not on("risk"):  # else scored once, with communities, below
                result.trust = _survey_scores(result.eco, cfg, result.survey)[1]
            if sv["factors"]:
                f = _import("analysis.trust", "with_trust_factors")
                result.eco = f(result.eco, result.trust, which=tuple(sv["factors"]))
        step("trust", on("trust"), do_trust)
        e = result.eco

        def do_centrality() -> None:
            f = _import("analysis.centrality", "centrality")
            c = cfg.values["centrality"]
            result.centrality = _call(f, e, sample=c["sample"], n_samples=c["n_samples"],
                                      seed=seed)
        step("centrality", on("centrality"), do_centrality)

        def do_communities() -> None:
            c = cfg.values["communities"]
            f = _import("analysis.communities", "detect_communities")
            result.partition = _call(f, e, method=c["method"], resolution=c["resolution"],
                                     seed=seed)
            summary = _import("analysis.communities", "community_summary")
            result.communities = _call(summary, e, result.partition,
                                       centrality_table=_centrality_table(result))
        step("communities", on("communities"), do_communities)

        def do_stability() -> None:
            c = cfg.values["communities"]
            f = _import("analysis.communities", "community_stability")
            result.stability = _call(f, e, method=c["method"], resolution=c["resolution"],
                                     seed=seed, runs=c["stability_runs"],
                                     reference=result.partition)
        step("stability", on("stability") and result.partition is not None
             and cfg.values["communities"]["stability_runs"] > 0, do_stability)

        def do_roles() -> None:
            f = _import("analysis.roles", "functional_roles")
            result.roles = _call(f, e, result.partition)
        step("roles", on("roles") and result.partition is not None, do_roles)

        def do_anchors() -> None:
            f = _import("analysis.anchors", "anchor_partners")
            weights = cfg.values["anchors"]["weights"] or None
            result.anchors = _call(f, e, partition=result.partition,
                                   centrality=result.centrality, roles=result.roles,
                                   weights=weights, seed=seed)
        step("anchors", on("anchors"), do_anchors)

        def do_names() -> None:
            f = _import("analysis.naming", "community_names")
            result.community_names = _call(f, e, result.partition,
                                           centrality_table=_centrality_table(result),
                                           anchors=result.anchors,
                                           helix=cfg.values["sectors"]["helix"] or None)
            if isinstance(result.communities, pd.DataFrame):
                result.communities = _named_communities(result.communities, result.community_names,
                                                        cfg.lang)
        step("names", result.partition is not None, do_names)

        def do_rank_stability() -> None:
            f = _import("analysis.rank_stability", "rank_stability")
            c = cfg.values["communities"]
            result.rank_stability = _call(
                f, e, result.anchors, partition=result.partition,
                weights=cfg.values["anchors"]["weights"] or None, seed=seed,
                seeds=cfg.values["anchors"]["stability_seeds"], top=min(5, top["anchors"]),
                method=c["method"], resolution=c["resolution"], centrality=result.centrality)
        step("rank_stability", on("rank_stability") and isinstance(result.anchors, pd.DataFrame)
             and len(result.anchors) > 1, do_rank_stability)

        def do_holes() -> None:
            f = _import("analysis.holes", "structural_holes")
            result.holes = _call(f, e)
        step("holes", on("holes"), do_holes)

        def do_brokerage() -> None:
            f = _import("analysis.holes", "brokerage_roles")
            result.brokerage = _call(f, e, result.partition)
        step("brokerage", on("brokerage") and result.partition is not None, do_brokerage)

        def do_fragility() -> None:
            f = _import("analysis.fragility", "fragility")
            result.fragility = _call(f, e)
        step("fragility", on("fragility"), do_fragility)

        def do_gaps() -> None:
            cg = _import("analysis.gaps", "community_gaps")
            sg = _import("analysis.gaps", "sector_gaps")
            if result.partition is not None:
                result.community_gaps = _call(cg, e, result.partition, top=top["gaps"])
            result.sector_gaps = _call(sg, e, partition=result.partition, top=top["gaps"],
                                       helix=cfg.values["sectors"]["helix"] or None)
        step("gaps", on("gaps"), do_gaps)

        def do_recommendations() -> None:
            f = _import("analysis.recommend", "recommend_partnerships")
            rc = cfg.values["recommendations"]
            opts = {key: rc.get(key) for key in (
                "method", "favour", "per_partner", "diversity", "group", "evidence",
                "target_sector", "exclude", "competitors", "bonus") if key in rc}
            result.recommendations = _call(f, e, top=top["recommendations"],
                                           partition=result.partition, seed=seed,
                                           gaps=result.community_gaps, **opts)
            _name_recommended_communities(result.recommendations, result.community_names)
            if rc["evaluate"] and e.n_ties >= 10:
                ev = _import("analysis.recommend_evaluate", "recommendation_confidence")
                opts.pop("competitors", None)
                result.recommendation_quality = _call(ev, e, seed=seed, k=top["recommendations"],
                                                      **opts)
        step("recommendations", on("recommendations"), do_recommendations)

        def do_resilience() -> None:
            r = cfg.values["resilience"]
            f = _import("analysis.resilience", "removal_curves")
            result.resilience = _call(f, e, strategies=r["strategies"], steps=r["steps"],
                                      runs=r["runs"], seed=seed, max_share=r["max_share"],
                                      efficiency=r["efficiency"],
                                      centrality=_centrality_table(result),
                                      anchors=result.anchors)
            kp = _import("analysis.resilience", "key_players")
            k = min(top["key_players"], e.n_partners - 1)
            if k >= 1:
                result.key_players = _call(kp, e, k, seed=seed)
            n_what_if = r["what_if"]
            if n_what_if:
                wi = _import("analysis.resilience", "what_if_scenarios")
                scenarios: list[list[str]] = []
                if isinstance(result.anchors, pd.DataFrame) and "rank" in result.anchors:
                    best = result.anchors.sort_values("rank").index[:n_what_if]
                    scenarios += [[str(i)] for i in best]
                if isinstance(result.key_players, pd.DataFrame) and len(result.key_players) > 1:
                    scenarios.append([str(i) for i in result.key_players.index])
                result.what_if = _call(wi, e, scenarios, partition=result.partition, seed=seed,
                                       efficiency=r["efficiency"])  # one shared baseline
        step("resilience", on("resilience"), do_resilience)

        def do_health() -> None:
            f = _import("analysis.health", "health_kpis")
            result.health = _call(f, e, partition=result.partition, seed=seed)
        step("health", on("health"), do_health)

        def do_baselines() -> None:
            f = _import("analysis.baselines", "kpi_baselines")
            result.baselines = _call(f, e, result.partition, runs=cfg.values["baselines"]["runs"],
                                     seed=seed)
        step("baselines", on("baselines") and result.partition is not None, do_baselines)

        def do_evolution() -> None:
            has_dates = _import("analysis.temporal", "has_dates")
            ev = cfg.values["evolution"]
            if not has_dates(e, ev["date_column"]):
                result.notes["evolution"] = "the relations have no dates"
                return
            f = _import("analysis.temporal", "evolve")
            c = cfg.values["communities"]
            result.evolution = _call(f, e, freq=ev["freq"], mode=ev["mode"], window=ev["window"],
                                     date_column=ev["date_column"], seed=seed,
                                     method=c["method"], resolution=c["resolution"],
                                     latest={"eco": e, "partition": result.partition,  # reused
                                             "anchors": result.anchors, "health": result.health})
        step("evolution", on("evolution"), do_evolution)
        if isinstance(result.baselines, pd.DataFrame) and result.evolution is not None:
            _add_previous_period(result.baselines, result.evolution)

        def do_risk() -> None:
            if result.survey is not None:  # now with communities and bridges
                result.trust = _survey_scores(e, cfg, result.survey, partition=result.partition,
                                              fragility=result.fragility)[1]
            if result.fragility is None:
                result.notes["risk"] = "needs the fragility analysis"
                return
            f = _import("analysis.risk", "risk_matrix")
            rk = cfg.values["risk"]
            result.risk = _call(f, e, result.fragility, trust=result.trust,
                                partition=result.partition,
                                centrality=_centrality_table(result),
                                impact_at=rk["impact_at"], likelihood_at=rk["likelihood_at"],
                                dormant_periods=rk["dormant_periods"],
                                freq=cfg.values["evolution"]["freq"],
                                risk_column=rk["risk_column"])
        step("risk", on("risk"), do_risk)

        def do_findings() -> None:
            f = _import("analysis.findings", "findings")
            result.findings = f(result)
        step("findings", on("findings"), do_findings)

        def do_layout() -> None:
            f = _import("analysis.layout", "compute_layout")
            part = result.partition
            result.layout = _call(f, e, seed=seed,
                                  communities=part.membership if part is not None else None)
        step("layout", cfg.wants("map.html") or cfg.wants("map.png") or cfg.wants("report.html"),
             do_layout)
        runner.wait()
    # which steps a worker took depends on the machine's load at that moment: it is kept on
    # the object (``in_worker``) but the outputs name the steps that may run beside the
    # others, so two runs of the same input write the same files
    from .parallel import INDEPENDENT

    result.parallel = {"cpus": runner.cpus, "available": available_cpus(),
                       "beside": sorted(INDEPENDENT & set(result.timings)) if runner.cpus > 1 else [],
                       "in_worker": list(runner.offloaded)}
    return result


def _named_communities(summary: pd.DataFrame, names: pd.DataFrame | None,
                       lang: str) -> pd.DataFrame:
    """The community summary with descriptive labels (``label`` in ``lang``, ``label_en``,
    ``label_ko``); one-partner groups are labelled as isolates."""
    from .i18n import translator

    if names is None or "community" not in summary:
        return summary
    out = summary.copy()
    for code in ("en", "ko"):
        t = translator(code)
        col = names[f"label_{code}"] if f"label_{code}" in names else pd.Series(dtype=object)
        out[f"label_{code}"] = [
            str(col[c]) if c in col.index else t("isolate_label", name=str(p))
            for c, p in zip(out["community"].astype(int), out.get("central_partner", out["community"]))]
    out["label"] = out[f"label_{lang}"] if f"label_{lang}" in out else out["label_en"]
    out["isolate"] = ~out["community"].astype(int).isin(names.index)
    return out


def _name_recommended_communities(recs: Any, names: pd.DataFrame | None) -> None:
    """Give each recommendation its communities' descriptive names (en, ko) and say them in
    the why-text, instead of community numbers."""
    if not isinstance(recs, pd.DataFrame) or not len(recs) or names is None or not len(names):
        return
    from .analysis.recommend_explain import explain_recommendation

    for code in ("en", "ko"):
        col = names[f"label_{code}"] if f"label_{code}" in names else None
        if col is None:
            return
        for end in ("source", "target"):
            recs[f"{end}_community_label_{code}"] = recs[f"{end}_community"].map(
                lambda c: col.get(int(c)) if c == c else None)
    recs["why"] = [explain_recommendation(rec, lang="en") for rec in recs.to_dict("records")]


def _add_previous_period(baselines: pd.DataFrame, evolution: Any) -> None:
    periods = getattr(evolution, "kpis", None)
    if not isinstance(periods, pd.DataFrame) or len(periods) < 2:
        return
    last, prev = periods.index[-1], periods.index[-2]
    for key in baselines.index:
        if key in periods:
            baselines.loc[key, "period"] = str(last)
            baselines.loc[key, "previous_period"] = str(prev)
            baselines.loc[key, "period_value"] = float(periods.loc[last, key])
            baselines.loc[key, "previous_value"] = float(periods.loc[prev, key])
            baselines.loc[key, "change"] = float(periods.loc[last, key] - periods.loc[prev, key])
def _survey_scores(eco: Ecosystem, cfg: Config, survey: Any = None, **kwargs: Any) -> tuple[Any, Any]:
    """Read the configured survey (unless given) and score it (docs/trust.md)."""
    sv = cfg.values["survey"]
    if survey is None:
        read = _import("io.survey", "read_survey")
        survey = read(sv["file"], eco=eco, questions=sv["questions"] or None, scale=sv["scale"],
                      columns=sv["columns"], encoding=sv["encoding"], sheet=_sheet(sv["sheet"]),
                      ignore=sv["ignore"])
    score = _import("analysis.trust", "trust_scores")
    trust = score(survey, eco, rule=sv["rule"], non_response=sv["non_response"],
                  perspective=sv["perspective"], gap=sv["gap"], strong=sv["strong"],
                  invited=sv["invited"], **kwargs)
    return survey, trust


def _centrality_table(result: Analysis) -> pd.DataFrame | None:
    c = result.centrality
    if c is None:
        return None
    return getattr(c, "table", c if isinstance(c, pd.DataFrame) else None)


def run(data: str | Path | None = None, output: str | Path | None = None, *,
        config: Config | Mapping[str, Any] | str | Path | None = None,
        partners: str | Path | None = None, progress: Progress | None = None,
        **overrides: Any) -> tuple[Analysis, dict[str, Any] | None]:
    """Load, analyse and (when ``output`` is given) write the report: the CLI in one call.

    Returns ``(analysis, written)`` where ``written`` describes the files (or ``None``).
    """
    cfg = resolve_config(config, **overrides)
    progress = progress or Progress(quiet=True)
    with progress.step("load"):
        eco = load_data(cfg, data, partners)
    analysis = analyze(eco, cfg, progress)
    written = None
    if output is not None:
        written = analysis.write_report(output, progress=progress)
    return analysis, written


__all__ = ["Analysis", "analyze", "load_data", "prepare", "run", "STEPS",
           "NotAvailable"]
