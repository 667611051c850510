"""The steps of :func:`~ecosystem.pipeline.analyze`: one function per step, in run order.

Each step reads what earlier steps left on the :class:`Run` (the results so far and the
configuration), calls its analysis directly with explicit arguments, and sets the result.
:data:`STEPS` lists them with the condition under which each runs; a step that is switched
off is skipped by configuration (``analyses.<name>: false``), never by catching an error.

To add a step: write ``def my_step(run: Run) -> None`` below, add an ``AnalysisResult``
field for its result (``ecosystem/analysis_result.py``) and a ``Step`` row in
:data:`STEPS` (``analyses.my_step`` in ``ecosystem/config``).

Examples
--------
>>> [s.name for s in STEPS][:4]
['prepare', 'trust', 'communities', 'evolution_periods']
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import pandas as pd

from . import schema as S
from .analysis.anchors import anchor_partners
from .analysis.baselines import kpi_baselines
from .analysis.centrality import centrality
from .analysis.communities import community_stability, community_summary, detect_communities
from .analysis.findings import findings
from .analysis.fragility import fragility
from .analysis.gaps import community_gaps, helix_candidates, sector_gaps
from .analysis.health import health_kpis
from .analysis.holes import brokerage_roles, structural_holes
from .analysis.naming import community_names
from .analysis.rank_stability import rank_stability
from .analysis.recommend import (explain_recommendation, recommend_partnerships,
                                 recommendation_confidence)
from .analysis.roles import functional_roles
from .analysis.resilience import key_players, removal_curves, what_if_scenarios
from .analysis.risk import risk_matrix
from .analysis.scale import automatic
from .analysis.temporal import analyse_periods, evolve, has_dates, snapshot_at
from .analysis.trust import TrustResult, trust_scores, with_trust_factors
from .analysis_result import AnalysisResult
from .config import Config
from .i18n import translator
from .io.load_options import sheet_value
from .io.names import fallback_labels
from .io.survey import Survey, read_survey, restrict_survey
from .model import Ecosystem
from .analysis.layout import compute_layout


@dataclass
class Run:
    """What the steps share: the results so far, the settings and the ecosystem as loaded
    (before :func:`prepare` cut a period or renamed sectors)."""

    result: AnalysisResult
    config: Config
    loaded: Ecosystem

    @property
    def eco(self) -> Ecosystem:
        return self.result.eco

    @property
    def seed(self) -> int:
        return self.config.seed

    @property
    def top(self) -> dict[str, int]:
        return self.config.values["top"]

    def on(self, name: str) -> bool:
        return self.config.enabled(name)


def prepare(eco: Ecosystem, config: Config) -> Ecosystem:
    """Apply the configuration's data edits to a new Ecosystem.

    ``data.period`` keeps the relations active in that period (a snapshot, cut as in the
    evolution settings); partners known only by their id get a label from their type and
    country (:func:`~ecosystem.io.names.fallback_labels`); ``sectors.rename`` renames sectors.
    """
    period = config.values["data"].get("period")
    if period:
        ev = config.values["evolution"]
        eco = snapshot_at(eco, str(period), freq=ev["freq"], mode=ev["mode"],
                          window=ev["window"], date_column=ev["date_column"]).eco
        eco = eco.replace(name=f"{eco.name} {period}") if str(period) not in eco.name else eco
    eco = fallback_labels(eco)      # "PIC 999974553 · REC · DE" rather than a bare id
    rename = dict(config.values["sectors"]["rename"])
    if rename:
        partners = eco.partners.copy()
        partners[S.SECTOR] = partners[S.SECTOR].astype(str).map(lambda s: rename.get(s, s))
        eco = eco.replace(partners=partners)
    return eco


def read_configured_survey(eco: Ecosystem, config: Config) -> Survey:
    """Read the survey file the configuration names, checked against ``eco``'s partners."""
    sv = config.values["survey"]
    return read_survey(sv["file"], eco=eco, questions=sv["questions"] or None, scale=sv["scale"],
                       columns=sv["columns"], encoding=sv["encoding"], sheet=sheet_value(sv["sheet"]),
                       ignore=sv["ignore"])


def score_survey(eco: Ecosystem, config: Config, survey: Survey, *, partition: Any = None,
                 fragility: Any = None) -> TrustResult:
    """Trust and value scores of a survey with the configuration's rules (docs/trust.md)."""
    sv = config.values["survey"]
    return trust_scores(survey, eco, rule=sv["rule"], non_response=sv["non_response"],
                        perspective=sv["perspective"], gap=sv["gap"], strong=sv["strong"],
                        invited=sv["invited"], partition=partition, fragility=fragility)


def centrality_table(result: AnalysisResult) -> pd.DataFrame | None:
    return result.centrality.table if result.centrality is not None else None


# ---------------------------------------------------------------------- the steps
def prepare_step(run: Run) -> None:
    run.result.eco = prepare(run.loaded, run.config)


def trust_step(run: Run) -> None:
    r, sv = run.result, run.config.values["survey"]
    if not sv["file"]:
        return  # no survey: nothing to score (the risk matrix says so)
    # names are checked against every partner loaded, before a --period snapshot
    r.survey = read_configured_survey(run.loaded, run.config)
    if r.eco.n_partners != run.loaded.n_partners:
        r.survey = restrict_survey(r.survey, r.eco.ids)
        dropped = r.survey.problems[-1] if r.survey.problems else None
        if dropped is not None and dropped.code == "outside_period":
            r.notes["trust"] = dropped.message
    if sv["factors"] or not run.on("risk"):  # else scored once, with communities, in risk
        r.trust = score_survey(r.eco, run.config, r.survey)
    if sv["factors"]:
        r.eco = with_trust_factors(r.eco, r.trust, which=tuple(sv["factors"]))


def centrality_step(run: Run) -> None:
    c = run.config.values["centrality"]
    run.result.centrality = centrality(run.eco, sample=c["sample"], n_samples=c["n_samples"],
                                       seed=run.seed)


def communities_step(run: Run) -> None:
    r, c = run.result, run.config.values["communities"]
    r.partition = detect_communities(run.eco, method=c["method"], resolution=c["resolution"],
                                     seed=run.seed)


def community_summary_step(run: Run) -> None:
    r = run.result
    r.communities = community_summary(run.eco, r.partition, centrality_table=centrality_table(r))


def stability_step(run: Run) -> None:
    c = run.config.values["communities"]
    run.result.stability = community_stability(
        run.eco, method=c["method"], resolution=c["resolution"], seed=run.seed,
        runs=_automatic(run, "communities.stability_runs"), reference=run.result.partition,
        seed_partition=run.result.partition)  # the main partition is the seed's run


def _automatic(run: Run, setting: str) -> int:
    """The configured value of ``setting``, or the automatic one for this network's size
    (:mod:`ecosystem.analysis.scale`)."""
    section, key = setting.split(".")
    return automatic(setting, run.config.values[section][key], run.eco.n_ties)


def roles_step(run: Run) -> None:
    run.result.roles = functional_roles(run.eco, run.result.partition)


def anchors_step(run: Run) -> None:
    r = run.result
    r.anchors = anchor_partners(run.eco, partition=r.partition, centrality=r.centrality,
                                roles=r.roles, weights=run.config.values["anchors"]["weights"] or None,
                                seed=run.seed)


def names_step(run: Run) -> None:
    r = run.result
    r.community_names = community_names(run.eco, r.partition, centrality_table=centrality_table(r),
                                        anchors=r.anchors,
                                        helix=run.config.values["sectors"]["helix"] or None)
    if isinstance(r.communities, pd.DataFrame):
        r.communities = named_communities(r.communities, r.community_names, run.config.lang)


def rank_stability_step(run: Run) -> None:
    r, c, a = run.result, run.config.values["communities"], run.config.values["anchors"]
    r.rank_stability = rank_stability(
        run.eco, r.anchors, partition=r.partition, weights=a["weights"] or None, seed=run.seed,
        seeds=a["stability_seeds"], top=min(5, run.top["anchors"]), method=c["method"],
        resolution=c["resolution"], centrality=r.centrality)


def holes_step(run: Run) -> None:
    run.result.holes = structural_holes(run.eco)


def brokerage_step(run: Run) -> None:
    run.result.brokerage = brokerage_roles(run.eco, run.result.partition)


def fragility_step(run: Run) -> None:
    run.result.fragility = fragility(run.eco)


def gaps_step(run: Run) -> None:
    r, top = run.result, run.top["gaps"]
    if r.partition is not None:
        r.community_gaps = community_gaps(run.eco, r.partition, top=top)
    helix = run.config.values["sectors"]["helix"] or None
    r.sector_gaps = sector_gaps(run.eco, partition=r.partition, top=top, helix=helix)
    missing = r.sector_gaps.missing
    if isinstance(r.anchors, pd.DataFrame) and r.partition is not None and len(missing):
        # who could bring each community its missing group (the brief quotes the first)
        missing["candidate"] = helix_candidates(missing, r.anchors, r.partition.membership,
                                                helix)


def recommendations_step(run: Run) -> None:
    r, rc, k = run.result, run.config.values["recommendations"], run.top["recommendations"]
    opts = {key: rc[key] for key in (
        "method", "favour", "per_partner", "diversity", "group", "evidence", "target_sector",
        "exclude", "competitors", "bonus") if key in rc}
    r.recommendations = recommend_partnerships(run.eco, top=k, partition=r.partition,
                                               seed=run.seed, gaps=r.community_gaps, **opts)
    name_recommended_communities(r.recommendations, r.community_names)
    if rc["evaluate"] and run.eco.n_ties >= 10:
        opts.pop("competitors", None)
        r.recommendation_quality = recommendation_confidence(run.eco, seed=run.seed, k=k, **opts)


def resilience_step(run: Run) -> None:
    r, e, cfg = run.result, run.eco, run.config.values["resilience"]
    r.resilience = removal_curves(e, strategies=cfg["strategies"], steps=cfg["steps"],
                                  runs=cfg["runs"], seed=run.seed, max_share=cfg["max_share"],
                                  efficiency=cfg["efficiency"], centrality=centrality_table(r),
                                  anchors=r.anchors,
                                  n_sources=_automatic(run, "resilience.sources"))
    k = min(run.top["key_players"], e.n_partners - 1)
    if k >= 1:
        r.key_players = key_players(e, k, seed=run.seed)
    if cfg["what_if"]:
        scenarios: list[list[str]] = []
        if isinstance(r.anchors, pd.DataFrame) and "rank" in r.anchors:
            scenarios += [[str(i)] for i in r.anchors.sort_values("rank").index[:cfg["what_if"]]]
        if isinstance(r.key_players, pd.DataFrame) and len(r.key_players) > 1:
            scenarios.append([str(i) for i in r.key_players.index])
        r.what_if = what_if_scenarios(e, scenarios, partition=r.partition, seed=run.seed,
                                      efficiency=cfg["efficiency"],  # one shared baseline
                                      n_sources=_automatic(run, "resilience.sources"))


def health_step(run: Run) -> None:
    run.result.health = health_kpis(run.eco, partition=run.result.partition, seed=run.seed)


def baselines_step(run: Run) -> None:
    run.result.baselines = kpi_baselines(run.eco, run.result.partition,
                                         runs=_automatic(run, "baselines.runs"),
                                         seed=run.seed)


def _evolution_cut(run: Run) -> dict[str, Any]:
    """How the evolution cuts the periods (the :func:`evolve` arguments)."""
    ev = run.config.values["evolution"]
    return {"freq": ev["freq"], "mode": ev["mode"], "window": ev["window"],
            "date_column": ev["date_column"]}


def _dated(run: Run) -> bool:
    return has_dates(run.eco, run.config.values["evolution"]["date_column"])


def evolution_periods_step(run: Run) -> None:
    c = run.config.values["communities"]
    # the latest period is taken from the main analysis when it is the analysed network
    run.result.evolution_periods = analyse_periods(
        run.eco, cut=_evolution_cut(run), seed=run.seed, method=c["method"],
        resolution=c["resolution"],
        skip_latest=run.on("anchors") and run.on("health"), main_partition=run.result.partition,
        samples=_automatic(run, "evolution.samples"))


def evolution_step(run: Run) -> None:
    r = run.result
    if not _dated(run):
        r.notes["evolution"] = "the relations have no dates"
        return
    c = run.config.values["communities"]
    r.evolution = evolve(run.eco, **_evolution_cut(run), seed=run.seed, method=c["method"],
                         resolution=c["resolution"],
                         latest={"eco": run.eco, "partition": r.partition,  # reused, not redone
                                 "anchors": r.anchors, "health": r.health},
                         analysed=r.evolution_periods,
                         samples=_automatic(run, "evolution.samples"))
    r.evolution_periods = None  # done with: the evolution holds what it needs


def risk_step(run: Run) -> None:
    r = run.result
    if r.survey is not None:  # now with communities and bridges
        r.trust = score_survey(run.eco, run.config, r.survey, partition=r.partition,
                               fragility=r.fragility)
    if r.fragility is None:
        r.notes["risk"] = "needs the fragility analysis"
        return
    rk = run.config.values["risk"]
    r.risk = risk_matrix(run.eco, r.fragility, trust=r.trust, partition=r.partition,
                         centrality=centrality_table(r), impact_at=rk["impact_at"],
                         likelihood_at=rk["likelihood_at"], dormant_periods=rk["dormant_periods"],
                         freq=run.config.values["evolution"]["freq"],
                         risk_column=rk["risk_column"])


def findings_step(run: Run) -> None:
    run.result.findings = findings(run.result)


def layout_step(run: Run) -> None:
    part = run.result.partition
    run.result.layout = compute_layout(run.eco, seed=run.seed,
                                       communities=part.membership if part is not None else None)


# ---------------------------------------------------------------------- the order
@dataclass(frozen=True)
class Step:
    """One step: its name (config key ``analyses.<name>``, progress label, timing key), what
    it runs, and when (``wanted`` sees the results so far; ``None``: when switched on)."""

    name: str
    run: Callable[[Run], None]
    wanted: Callable[[Run], bool] | None = None
    part_of: str | None = None
    """The step this one prepares (no setting or note of its own when it does not run)."""
    needs: tuple[str, ...] = ()
    """The only steps that may run beside the others (``parallel.INDEPENDENT``) whose
    results this step reads: it waits for those alone, not for every worker."""

    def enabled(self, run: Run) -> bool:
        return self.wanted(run) if self.wanted is not None else run.on(self.name)


def _has_partition(run: Run) -> bool:
    return run.result.partition is not None


STEPS: tuple[Step, ...] = (
    Step("prepare", prepare_step, lambda run: True),
    Step("trust", trust_step),
    # communities first: stability, baselines and layout need nothing else, so a worker
    # runs them while this process computes centrality
    Step("communities", communities_step),
    # the periods of a dated network need nothing else either: the longest step first
    Step("evolution_periods", evolution_periods_step,
         lambda run: run.on("evolution") and _dated(run), part_of="evolution"),
    Step("stability", stability_step, lambda run: run.on("stability") and _has_partition(run)
         and _automatic(run, "communities.stability_runs") > 0),
    Step("baselines", baselines_step, lambda run: run.on("baselines") and _has_partition(run)),
    Step("layout", layout_step, lambda run: any(
        run.config.wants(f) for f in ("map.html", "map.png", "report.html"))),
    Step("centrality", centrality_step),
    Step("community_summary", community_summary_step, _has_partition),
    Step("roles", roles_step, lambda run: run.on("roles") and _has_partition(run)),
    Step("anchors", anchors_step),
    Step("resilience", resilience_step),
    Step("names", names_step, _has_partition),
    Step("rank_stability", rank_stability_step, lambda run: run.on("rank_stability")
         and isinstance(run.result.anchors, pd.DataFrame) and len(run.result.anchors) > 1),
    Step("holes", holes_step),
    Step("brokerage", brokerage_step, lambda run: run.on("brokerage") and _has_partition(run)),
    Step("fragility", fragility_step),
    Step("gaps", gaps_step),
    Step("recommendations", recommendations_step),
    Step("health", health_step),
    Step("evolution", evolution_step, needs=("evolution_periods",)),
    # risk reads fragility and nothing else a worker computes: it runs while the rest finish
    Step("risk", risk_step, needs=("fragility",)),
    Step("findings", findings_step),
)


def join_results(run: Run) -> None:
    """After every step: join results of steps that may have run apart (in a worker):
    the baselines table gains the evolution's last two periods (:func:`add_previous_period`)."""
    r = run.result
    if isinstance(r.baselines, pd.DataFrame) and r.evolution is not None:
        add_previous_period(r.baselines, r.evolution)


# ---------------------------------------------------------------------- helpers
def named_communities(summary: pd.DataFrame, names: pd.DataFrame | None,
                      lang: str) -> pd.DataFrame:
    """The community summary with descriptive labels (``label`` in ``lang``, ``label_en``,
    ``label_ko``); one-partner groups are labelled as isolates. A named community's
    central and top partners are those of its name (ranked by anchor score, so the
    partner a name is "around" is the first top partner)."""
    if names is None or "community" not in summary:
        return summary
    out = summary.copy()
    for col, src in (("central_partner_id", "centre_id"), ("central_partner", "centre"),
                     ("top_partner_ids", "top_partner_ids"), ("top_partners", "top_partners")):
        if col in out and src in names:
            out[col] = [names[src].get(c, v)
                        for c, v in zip(out["community"].astype(int), out[col])]
    for code in ("en", "ko"):
        t = translator(code)
        col = names[f"label_{code}"] if f"label_{code}" in names else pd.Series(dtype=object)
        out[f"label_{code}"] = [
            str(col[c]) if c in col.index else t("isolate_label", name=str(p))
            for c, p in zip(out["community"].astype(int), out.get("central_partner", out["community"]))]
    out["label"] = out[f"label_{lang}"] if f"label_{lang}" in out else out["label_en"]
    out["isolate"] = ~out["community"].astype(int).isin(names.index)
    return out


def name_recommended_communities(recs: pd.DataFrame | None, names: pd.DataFrame | None) -> None:
    """Give each recommendation its communities' descriptive names (en, ko) and say them in
    the why-text, instead of community numbers."""
    if not isinstance(recs, pd.DataFrame) or not len(recs) or names is None or not len(names):
        return
    for code in ("en", "ko"):
        col = names[f"label_{code}"] if f"label_{code}" in names else None
        if col is None:
            return
        for end in ("source", "target"):
            recs[f"{end}_community_label_{code}"] = recs[f"{end}_community"].map(
                lambda c: col.get(int(c)) if c == c else None)
    recs["why"] = [explain_recommendation(rec, lang="en") for rec in recs.to_dict("records")]


def add_previous_period(baselines: pd.DataFrame, evolution: Any) -> None:
    """Add the last two periods' values of each KPI the evolution measured."""
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
