"""The built-in configuration: every key and its default, and the names of analyses and outputs.

Examples
--------
>>> DEFAULTS["communities"]["method"], "report.html" in OUTPUTS
('leiden', True)
>>> from ecosystem.io.load_options import LOAD_OPTIONS
>>> missing = [row.config for row in LOAD_OPTIONS
...            if row.config.split(".")[1] not in DEFAULTS[row.config.split(".")[0]]]
>>> missing  # every data option has its configuration key
[]
"""
from __future__ import annotations

from typing import Any

ANALYSES = ("centrality", "communities", "stability", "roles", "anchors", "holes", "brokerage",
            "fragility", "gaps", "recommendations", "resilience", "health", "evolution",
            "baselines", "rank_stability", "findings", "trust", "risk")
OUTPUTS = ("report.html", "report.md", "partners.csv", "communities.csv", "recommendations.csv",
           "summary.json", "metrics.xlsx", "map.html", "map.png", "risk_matrix.png")
SURVEY_RULES = ("mean", "min", "max", "respondent")
SURVEY_NON_RESPONSE = ("use", "exclude", "mutual")
LANGUAGES = ("en", "ko")
COMMUNITY_METHODS = ("leiden", "louvain", "label_propagation")
ATTACKS = ("anchor", "degree", "betweenness", "random")

DEFAULTS: dict[str, Any] = {
    "data": {"relations": None, "partners": None, "encoding": None, "directed": None,
             "aggregate": "sum", "distance": "inverse", "strict": False,
             "auto_add_partners": True, "name": None, "sheet": None, "partners_sheet": None,
             "delimiter": None, "affiliation": None, "projection": "count",
             "projection_output": "relations", "max_group_size": None, "period": None,
             "names": None, "decimal": None, "skip_bad_rows": False, "date_order": None},
    "columns": {"source": None, "target": None, "type": None, "weight": None, "date": None,
                "id": None, "name": None, "sector": None, "partner": None, "group": None,
                "year": None, "end": None},
    "strength": {"type_weights": {}, "default_type_weight": 1.0, "factors": [],
                 "half_life": None, "date_column": None, "reference_date": None,
                 "use_weight": True},
    "sectors": {"rename": {}, "helix": {}},
    "seed": 0,
    "cpus": None,
    "communities": {"method": "leiden", "resolution": 1.0, "stability_runs": None},
    "centrality": {"sample": "auto", "n_samples": None},
    "anchors": {"weights": {}, "stability_seeds": 2},
    "baselines": {"runs": None},
    "recommendations": {"method": "resource_allocation", "favour": None, "evaluate": True,
                        "per_partner": "auto", "diversity": 0.1, "group": True, "evidence": "ties",
                        "target_sector": None, "exclude": None, "competitors": "auto",
                        "bonus": 1.0},
    "top": {"anchors": 10, "recommendations": 20, "key_players": 5, "holes": 10, "gaps": 10},
    "resilience": {"strategies": ["anchor", "degree", "betweenness", "random"], "steps": None,
                   "runs": None, "max_share": 0.5, "efficiency": True, "sources": None,
                   "what_if": 3},
    "evolution": {"freq": "year", "mode": "cumulative", "window": 1, "date_column": None,
                  "samples": None},
    "analyses": {name: True for name in ANALYSES},
    "outputs": {name: True for name in OUTPUTS},
    "report": {"lang": "en", "title": None, "max_rows": 25, "full_paths": False},
    "map": {"color_by": "community", "size_by": "anchor_score"},
    "limits": {"max_file_mb": 2048, "max_stream_mb": 256, "max_declared_count": 1_000_000,
               "max_json_depth": 100, "max_field_chars": 1_000_000, "max_number_digits": 300},
    "survey": {"file": None, "sheet": None, "encoding": None, "rule": "mean",
               "non_response": "use", "perspective": [], "invited": "named", "scale": None,
               "questions": {}, "ignore": [], "gap": 2.0, "strong": None, "factors": [],
               "columns": {"respondent": None, "partner": None, "question": None,
                           "answer": None, "wave": None}},
    "risk": {"impact_at": 0.5, "likelihood_at": 0.35, "dormant_periods": 2, "risk_column": None},
}


__all__ = ["ANALYSES", "ATTACKS", "COMMUNITY_METHODS", "DEFAULTS", "LANGUAGES", "OUTPUTS",
           "SURVEY_NON_RESPONSE", "SURVEY_RULES"]
