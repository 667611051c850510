"""Recommended partnerships: link prediction with reasons, introducers and evaluation.

The modules, lowest first (each imports only those above it):

* :mod:`.scoring` -- the scores and the exact best unlinked two-step pairs;
* :mod:`.evidence` -- project-level evidence on participation data;
* :mod:`.selection` -- goals, exclusions, competitors, near-duplicates and range;
* :mod:`.explanation` -- common partners, introducers and the plain sentence;
* :mod:`.partnerships` -- :func:`recommend_partnerships`, putting them together;
* :mod:`.evaluation` -- hold-out tests and backtests of the list.
"""
from __future__ import annotations

from .evaluation import (BASELINES, MIN_HITS, backtest_recommendations, confidence_text,
                         default_scorers, evaluate_recommendations, holdout_test,
                         preferential_attachment_top, recommendation_confidence, verdict)
from .evidence import (PROJECT_METHODS, Memberships, linking_projects, project_factor,
                       project_memberships, project_weights)
from .explanation import explain_recommendation
from .partnerships import EVIDENCE, recommend_partnerships
from .scoring import (DEFAULT_METHOD, FAVOUR, METHODS, SIGNIFICANT, WEIGHTED_METHODS,
                      round_scores)
from .selection import (GOALS, NON_CORPORATE, cap_groups, common_group_keys, competitor_mask,
                        country_codes, goal_multiplier, group_near_duplicates, mmr_order,
                        normalise_goals, project_group_keys, read_pairs, target_mask)

__all__ = ["recommend_partnerships", "explain_recommendation", "evaluate_recommendations",
           "round_scores", "METHODS", "DEFAULT_METHOD", "backtest_recommendations",
           "holdout_test", "recommendation_confidence", "confidence_text", "verdict",
           "default_scorers", "preferential_attachment_top", "BASELINES", "MIN_HITS",
           "project_memberships", "project_weights", "project_factor", "linking_projects",
           "Memberships", "PROJECT_METHODS", "EVIDENCE", "FAVOUR", "SIGNIFICANT",
           "WEIGHTED_METHODS", "GOALS", "NON_CORPORATE", "cap_groups", "common_group_keys",
           "competitor_mask", "country_codes", "goal_multiplier", "group_near_duplicates",
           "mmr_order", "normalise_goals", "project_group_keys", "read_pairs", "target_mask"]
