"""ecosystem: analyse partner networks — anchors, communities, gaps, resilience, maps.

Examples
--------
>>> import ecosystem as es
>>> eco = es.Ecosystem.from_edges([("a", "b", 2), ("b", "c", 1)])
>>> eco.n_partners
3
"""
from __future__ import annotations

__version__ = "0.1.0"

from .exceptions import (EcosystemError, EcosystemWarning, EmptyGraphError, InputDataError,
                         InvalidParameterError, PartnerNotFoundError, Problem,
                         UnsupportedFormatError)
from .model import Ecosystem, StrengthRule, ValidationReport
from .results import Partition
from .io.readers import load
from .analysis.communities import detect_communities

__all__ = [
    "__version__", "Ecosystem", "StrengthRule", "ValidationReport", "Partition", "load",
    "detect_communities",
    "EcosystemError", "EcosystemWarning", "EmptyGraphError", "InputDataError",
    "InvalidParameterError", "PartnerNotFoundError", "Problem", "UnsupportedFormatError",
]
