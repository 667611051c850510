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

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from .analysis_result import AnalysisResult
from .config import Config, resolve_config
from .exceptions import InvalidParameterError
from .export import export_graph
from .io.load_options import LOAD_OPTIONS, loader_kwargs
from .io.names import join_names
from .io.paths import display_path
from .io.readers import load
from .model import Ecosystem
from .parallel import (ALONGSIDE, INDEPENDENT, StepRunner, available_cpus, one_native_thread,
                       resolve_cpus)
from .progress import Progress
from .render.folder import write_report
from .render.map.spec import result_map_spec
from .render.maps import MapView
from .render.summary import fmt, headline_kpis, summary_dict
from .steps import STEPS as _STEPS
from .steps import Run, join_results, prepare
from .tables import all_tables, partners_table

#: Order of the steps (also the order of the progress bar); what each does: ecosystem/steps.py.
STEPS = tuple(step.name for step in _STEPS)
_PART_OF = {step.name: step.part_of for step in _STEPS if step.part_of}


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
        return partners_table(self)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every result table by name (what ``metrics.xlsx`` holds, one sheet each)."""
        return all_tables(self)

    def kpis(self) -> dict[str, Any]:
        """Headline indicators (the report's KPI cards), by key."""
        return headline_kpis(self)

    def summary(self) -> dict[str, Any]:
        """The JSON-ready summary written to ``summary.json`` (see its JSON Schema)."""
        return summary_dict(self)

    # ------------------------------------------------------------------ outputs
    def map_spec(self, **kwargs: Any) -> dict[str, Any]:
        """The map specification (pure data) for this analysis (see ``render.maps``)."""
        return result_map_spec(self, **kwargs)

    def map(self, *, height: int = 600, **kwargs: Any):
        """The interactive map as a :class:`~ecosystem.render.maps.MapView`.

        In a notebook it shows inline (``_repr_html_``); ``.save("map.html")`` or
        ``.save("map.png")`` writes it. Keyword arguments go to ``map_spec``
        (``color_by``, ``size_by``, ``focus``, ``community``...).
        """
        return MapView(self.map_spec(**kwargs), height=height)

    def write_report(self, directory: str | Path, *, lang: str | None = None,
                     outputs: Mapping[str, bool] | list[str] | None = None,
                     progress: Progress | None = None) -> dict[str, Any]:
        """Write the report folder (report.html, report.md, CSVs, summary.json, map...).

        Written atomically: files go to a temporary sibling folder that replaces
        ``directory`` only when everything succeeded. Returns what was written
        (``{"directory": ..., "files": [...], "notes": {...}}``).
        """
        with one_native_thread():  # no spinning OpenMP/BLAS threads (see ecosystem.parallel)
            return write_report(self, directory, lang=lang, outputs=outputs, progress=progress)

    def export(self, path: str | Path, *, to: str | None = None) -> Path:
        """Write the network with every metric as node/edge attributes (gexf, graphml,
        json, cytoscape; by default from the file suffix)."""
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
    cfg = resolve_config(config)
    d = cfg.values["data"]
    source = data if data is not None else d["relations"]
    if source is None:
        raise InvalidParameterError(
            "no data: give a relations file or dataset name (DATA), or set data.relations "
            "in the configuration")
    # every data option by name, from its configuration key (see io/load_options.py)
    values = {row.name: cfg.get(row.config) for row in LOAD_OPTIONS}
    values.update({row.name: not values[row.name] for row in LOAD_OPTIONS if row.negate})
    kwargs = loader_kwargs(values)
    kwargs.update(strength_rule=cfg.strength_rule(), limits=cfg.values.get("limits"))
    part = partners or d["partners"]
    eco = load(str(source), str(part) if part else None, **kwargs)
    if d.get("name"):
        eco = eco.replace(name=str(d["name"]))
    if d.get("names"):
        eco = join_names(eco, d["names"], encoding=d["encoding"])
    return eco


def _shown_paths(cfg: Config) -> Config:
    """The configuration as reports show it: data file paths relative to the working folder
    (or file names) unless ``report.full_paths`` (issue 15: a shared report must not reveal
    the author's folders)."""
    if cfg.values["report"].get("full_paths"):
        return cfg
    d = cfg.values["data"]
    changed = {f"data.{k}": display_path(d[k]) for k in ("relations", "partners")
               if isinstance(d.get(k), str) and display_path(d[k]) != d[k]}
    return cfg.override(changed) if changed else cfg


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
    runner = StepRunner(resolve_cpus(cfg.values.get("cpus")), result)  # see ecosystem.parallel
    run = Run(result, cfg, eco)

    def done(name: str, seconds: float, in_worker: bool, cpu: float, peak: int | None) -> None:
        result.timings[name] = round(seconds, 4)
        progress.record(name, seconds, cpu, worker=in_worker, peak=peak)

    with progress.run("analysis", total=len(_STEPS)), one_native_thread():
        for step in _STEPS:
            if not step.enabled(run):
                if step.part_of is None:
                    result.notes[step.name] = "switched off in the configuration"
                progress.advance()
                continue
            if step.needs:  # it reads these workers' results, and no other
                runner.wait_for(step.needs)
            elif step.name not in ALONGSIDE:  # a step that may read a worker's result waits
                runner.wait()
            if runner.submit(step.name, lambda step=step: step.run(run), done):
                continue  # queued: a worker starts it when the parent next runs a step
            runner.poll()  # results in, and the queued steps to a free core
            start = time.perf_counter()
            with progress.step(step.name):
                step.run(run)
            result.timings[step.name] = round(time.perf_counter() - start, 4)
        runner.wait()
        join_results(run)
    # which steps a worker took depends on the machine's load at that moment: it is kept on
    # the object (``in_worker``) but the outputs name the steps that may run beside the
    # others, so two runs of the same input write the same files
    result.parallel = {"cpus": runner.cpus, "available": available_cpus(),
                       # named as the reader knows them: the evolution's periods are "evolution"
                       "beside": sorted({_PART_OF.get(name, name) for name in
                                         INDEPENDENT & set(result.timings)})
                       if runner.cpus > 1 else [],
                       "in_worker": list(runner.offloaded)}
    return result


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


__all__ = ["Analysis", "analyze", "load_data", "prepare", "run", "STEPS"]
