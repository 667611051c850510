"""Community gaps and sector/attribute gaps: where the ecosystem is under-connected.

Mixing between groups (communities, sectors, countries...) is compared with a
degree-preserving null model (the configuration model). For groups ``r != s`` with
total strength ``d_r`` and ``d_s`` (sum of their members' tie strengths) and total tie
strength ``S`` in the network, the expected strength between them is

    ``E_rs = d_r d_s / (2 S)``        (``E_rr = d_r^2 / (4 S)`` inside one group)

so expected strengths sum to ``S``. The same holds for tie counts with degrees. Each
pair gets ``ratio = observed / expected`` and a z-like score
``z = (observed - expected) / sqrt(mean_tie_strength * expected)`` (a Poisson
approximation in tie units, so it does not change when all strengths are rescaled).
A pair of groups is a **gap** when ``ratio <= max_ratio`` while at least
``min_expected`` ties were expected.

Modules: :mod:`.helix` (sector -> quadruple-helix group), :mod:`.mixing` (the null model
and the gap rule, shared), :mod:`.community` (:func:`community_gaps`) and :mod:`.sector`
(:func:`sector_gaps`).
"""
from __future__ import annotations

from .community import CommunityGapsResult, community_gap_pairs, community_gaps
from .helix import HELIX_GROUPS, HELIX_MAP, helix_candidates, helix_group
from .mixing import mixing_table, weighted_assortativity
from .sector import SectorGapsResult, sector_gaps

__all__ = ["HELIX_GROUPS", "HELIX_MAP", "helix_candidates", "helix_group",
           "mixing_table", "weighted_assortativity",
           "CommunityGapsResult", "community_gap_pairs", "community_gaps", "SectorGapsResult",
           "sector_gaps"]
