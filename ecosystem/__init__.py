"""ecosystem: analyse partner networks — anchors, communities, gaps, resilience, maps.

One way in, one way through: files -> :class:`Ecosystem` (partners + weighted
relations) -> analyses (pure functions returning pandas tables / result objects) ->
renderers (maps, reports, exports).

Examples
--------
>>> import ecosystem as es
>>> eco = es.Ecosystem.from_edges([("a", "b", 2), ("b", "c", 1)])
>>> eco.n_partners
3
"""
from __future__ import annotations

from .version import __version__

from .exceptions import (EcosystemError, EcosystemWarning, EmptyGraphError, InputDataError,
                         InvalidParameterError, OutputError, PartnerNotFoundError, Problem,
                         UnsupportedFormatError)
from .io.limits import Limits
from .model import Ecosystem, StrengthRule, ValidationReport
from .results import Partition

# inputs
from .io.readers import load
from .io.datasets import list_datasets
from .io.readers import load_dataset
from .io.affiliation import project_affiliations
from .model_validate import prepare_tables
from .analysis.overview import overview, summary_line

# anchors and communities
from .analysis.centrality import CentralityResult, centrality
from .analysis.communities import (StabilityResult, community_stability, community_summary,
                                   detect_communities)
from .analysis.roles import functional_roles
from .analysis.anchors import anchor_partners, anchor_why, anchors_by, explain_anchor

# gaps, recommendations, resilience, health
from .analysis.holes import brokerage_roles, burt_constraint, structural_holes, top_brokers
from .analysis.fragility import FragilityResult, dependency_concentration, fragility
from .analysis.gaps import (CommunityGapsResult, SectorGapsResult, community_gaps, mixing_table,
                            sector_gaps)
from .analysis.recommend import (backtest_recommendations, evaluate_recommendations,
                                 explain_recommendation, holdout_test, recommend_partnerships,
                                 recommendation_confidence)
from .analysis.resilience import (WhatIfBaseline, WhatIfResult, key_players, removal_curves,
                                  what_if, what_if_baseline, what_if_scenarios)
from .analysis.health import health_kpis, health_table

# the decision brief: community names, baselines, rank stability, findings
from .analysis.naming import community_count, community_names
from .analysis.baselines import kpi_baselines, null_model_kpis
from .analysis.rank_stability import rank_stability
from .analysis.findings import findings
from .render.fonts import embedded_font_css
# trust and value from partner surveys, the partner risk matrix
from .io.survey import Survey, read_survey
from .analysis.trust import TrustResult, trust_scores, with_trust_factors
from .analysis.risk import RiskResult, risk_findings, risk_matrix, warning_signs

# evolution
from .analysis.temporal import Evolution, Snapshot, evolve, snapshots
from .analysis.backbone import disparity_filter
from .analysis.compare import Comparison, compare, compare_periods

# one command: every analysis once, then reports and exports
from .config import Config, resolve_config
from .pipeline import Analysis, analyze, load_data
from .batch import load_batch, run_batch

# maps
from .analysis.layout import compute_layout
from .render.maps import MapView, map_html, write_map
from .map_analyses import make_map, map_spec, show_map
from .render.image import write_image

__all__ = [
    "__version__", "Ecosystem", "StrengthRule", "ValidationReport", "Partition",
    "load", "load_dataset", "list_datasets", "project_affiliations", "prepare_tables",
    "overview", "summary_line",
    "centrality", "CentralityResult", "detect_communities", "community_summary",
    "community_stability", "StabilityResult", "functional_roles", "anchor_partners",
    "anchors_by", "explain_anchor", "anchor_why",
    "structural_holes", "burt_constraint", "top_brokers", "brokerage_roles", "fragility", "FragilityResult",
    "dependency_concentration", "community_gaps", "CommunityGapsResult", "sector_gaps",
    "SectorGapsResult", "mixing_table", "recommend_partnerships", "explain_recommendation",
    "evaluate_recommendations", "recommendation_confidence", "backtest_recommendations",
    "holdout_test", "removal_curves", "what_if", "WhatIfResult", "what_if_scenarios",
    "what_if_baseline", "WhatIfBaseline", "key_players",
    "health_kpis", "health_table", "disparity_filter",
    "read_survey", "Survey", "trust_scores", "TrustResult", "with_trust_factors",
    "risk_matrix", "RiskResult", "risk_findings", "warning_signs",
    "snapshots", "Snapshot", "evolve", "Evolution", "compare", "compare_periods", "Comparison",
    "compute_layout", "map_spec", "write_map", "map_html", "make_map", "show_map", "MapView",
    "write_image", "analyze", "Analysis", "load_data", "Config", "resolve_config",
    "load_batch", "run_batch",
    "community_names", "community_count", "kpi_baselines", "null_model_kpis", "rank_stability",
    "findings", "embedded_font_css",
    "EcosystemError", "EcosystemWarning", "EmptyGraphError", "InputDataError",
    "InvalidParameterError", "PartnerNotFoundError", "Problem", "UnsupportedFormatError",
    "OutputError", "Limits",
]
