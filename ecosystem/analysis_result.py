"""The results of one run of :func:`~ecosystem.pipeline.analyze`, as plain data.

:class:`AnalysisResult` holds every analysis' own result object plus the settings that
produced them. Renderers read it (they never run analyses); the pipeline's
:class:`~ecosystem.pipeline.Analysis` adds the output methods (``write_report``, ``map``...).

Examples
--------
>>> from ecosystem import Ecosystem
>>> from ecosystem.config import resolve_config
>>> r = AnalysisResult(Ecosystem.from_edges([("a", "b", 1)]), resolve_config(None))
>>> r.seed, r.partition is None
(0, True)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .analysis.centrality import CentralityResult
from .analysis.communities import StabilityResult
from .analysis.fragility import FragilityResult
from .analysis.gaps import CommunityGapsResult, SectorGapsResult
from .analysis.resilience import WhatIfResult
from .analysis.risk import RiskResult
from .analysis.temporal import Evolution
from .analysis.trust import TrustResult
from .config import Config
from .io.survey import Survey
from .model import Ecosystem
from .results import Partition


@dataclass(eq=False)
class AnalysisResult:
    """Every analysis result for one ecosystem, plus the settings that produced them.

    Attributes hold the analyses' own result objects (``None`` when a step was switched
    off or had nothing to work on; :attr:`notes` says why). Tables are pandas DataFrames indexed
    by partner id where they are per partner.

    Attributes
    ----------
    eco : Ecosystem
        The ecosystem analysed (after sector renaming from the configuration).
    config : Config
    centrality : CentralityResult
        ``.table`` with degree, strength, pagerank, eigenvector, betweenness, closeness...
    partition : Partition
        Community membership.
    communities : DataFrame
        One row per community (label, size, density, sector mix, top partners).
    stability : StabilityResult
    roles : DataFrame
        Guimerà-Amaral roles (within_module_z, participation, role) per partner.
    anchors : DataFrame
        Anchor partners ranked, with ``anchor_score`` and ``why``.
    holes : DataFrame
        Burt's effective size, efficiency, constraint, hierarchy per partner.
    brokerage : DataFrame
        Gould-Fernandez brokerage counts across communities per partner.
    fragility : FragilityResult
        Articulation points and bridges with what they cut off.
    community_gaps, sector_gaps : DataFrame
    recommendations : DataFrame
        Suggested new partnerships with score and why.
    recommendation_quality : DataFrame
        Reliability check of the recommendation method (hidden ties: AUC, precision@k).
    resilience : Any
        Removal curves (largest component vs share removed) per strategy.
    key_players : DataFrame
        The partners whose joint removal fragments the network most.
    what_if : list of WhatIfResult
        "What if it left?" for each top anchor, then for the key players together.
    health : dict
        Headline KPIs.
    evolution : Evolution
        Period-by-period change (only when the relations have dates).
    evolution_periods : PeriodAnalyses
        The periods analysed ahead of the evolution (possibly in a worker); None once
        the evolution has taken them.
    layout : DataFrame
        Map positions ``x, y`` per partner (shared by map.html, map.png, exports).
    community_names : DataFrame
        Descriptive community labels in en and ko (:func:`~ecosystem.analysis.naming.community_names`).
    rank_stability : DataFrame
        The top anchors' ranks under other weightings, seeds and projection.
    baselines : DataFrame
        Headline KPIs against a degree-preserving null and the previous period.
    findings : list of dict
        The decision brief (:func:`~ecosystem.analysis.findings.findings`).
    survey : Survey
        The partner survey read (``survey.file``), or None.
    trust : TrustResult
        Trust and value scores from the survey (docs/trust.md), or None.
    risk : RiskResult
        The partner risk matrix: impact if it left x warning signs.
    notes : dict
        Step -> why it was not run.
    timings : dict
        Step -> seconds.
    """

    eco: Ecosystem
    config: Config
    centrality: CentralityResult | None = None
    partition: Partition | None = None
    communities: pd.DataFrame | None = None
    stability: StabilityResult | None = None
    roles: pd.DataFrame | None = None
    anchors: pd.DataFrame | None = None
    holes: pd.DataFrame | None = None
    brokerage: pd.DataFrame | None = None
    fragility: FragilityResult | None = None
    community_gaps: CommunityGapsResult | None = None
    sector_gaps: SectorGapsResult | None = None
    recommendations: pd.DataFrame | None = None
    recommendation_quality: pd.DataFrame | None = None
    resilience: pd.DataFrame | None = None
    key_players: pd.DataFrame | None = None
    what_if: list[WhatIfResult] = field(default_factory=list)
    health: dict[str, Any] | None = None
    evolution: Evolution | None = None
    evolution_periods: Any = None
    layout: pd.DataFrame | None = None
    community_names: pd.DataFrame | None = None
    rank_stability: pd.DataFrame | None = None
    baselines: pd.DataFrame | None = None
    findings: list[dict[str, Any]] = field(default_factory=list)
    survey: Survey | None = None
    trust: TrustResult | None = None
    risk: RiskResult | None = None
    notes: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    created: str = ""
    parallel: dict[str, Any] = field(default_factory=dict)

    # ------------------------------------------------------------------ info
    @property
    def seed(self) -> int:
        return self.config.seed

    @property
    def params(self) -> dict[str, Any]:
        """Every setting that shaped the results (for provenance)."""
        out: dict[str, Any] = {"seed": self.seed, "ecosystem": self.eco.settings(),
                               "config": self.config.to_dict()}
        for name in ("centrality", "stability", "fragility", "resilience", "evolution", "trust",
                     "risk"):
            obj = getattr(self, name)
            if obj is not None and hasattr(obj, "params"):
                out[f"{name}_params"] = dict(getattr(obj, "params") or {})
            if obj is not None and hasattr(obj, "method"):
                out[f"{name}_method"] = getattr(obj, "method")
        if self.partition is not None:
            out["communities"] = {"method": self.partition.method,
                                  **dict(self.partition.params)}
        if self.parallel:
            out["parallel"] = {k: v for k, v in self.parallel.items() if k != "in_worker"}
        return out

    def __repr__(self) -> str:
        parts = [f"{self.eco.n_partners} partners", f"{self.eco.n_ties} ties"]
        if self.partition is not None:
            parts.append(f"{self.partition.n_groups} communities")
        if self.notes:
            n = len(self.notes)
            parts.append(f"{n} step{'s' if n != 1 else ''} skipped")
        return f"Analysis({self.eco.name!r}: {', '.join(parts)})"
