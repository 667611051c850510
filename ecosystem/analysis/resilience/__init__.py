"""Resilience: what happens to the network when partners leave.

* :func:`removal_curves` removes partners step by step - targeted (by anchor score,
  degree or betweenness) or at random (averaged over seeded runs) - and records the
  largest-component share and the global efficiency after each step.
* :func:`what_if` answers "what if A and B leave?": who is cut off, components before
  and after, which communities split, how many pairs can no longer reach each other,
  and the efficiency change.
* :func:`key_players` finds the k partners whose joint removal fragments the network
  most (Borgatti 2006, KPP-NEG), greedily then improved by seeded swaps.

Modules: :mod:`.measures` (components, efficiency, fragmentation), :mod:`.curves`,
:mod:`.whatif`, :mod:`.keyplayers`.

Definitions
-----------
``lcc_share``
    Size of the largest connected component / number of partners before any removal.
``efficiency``
    Global efficiency (Latora & Marchiori 2001) on tie ``distance`` (1/strength by
    default): ``E = sum_{i != j} 1/d_ij / (n (n - 1))`` with ``n`` the number of partners
    *before* removal (removed partners and unreachable pairs contribute 0, so the curve
    starts at the intact network's value and falls). Above ``sample_above`` remaining
    partners it is estimated from ``n_sources`` seeded random sources.
``fragmentation``
    ``F = 1 - sum_k s_k (s_k - 1) / (N (N - 1))`` over the component sizes ``s_k`` of the
    remaining ``N`` partners (0 = all connected, 1 = all isolated).
"""
from __future__ import annotations

from .curves import (LARGE_PARTNERS, LARGE_TIES, SAMPLE_ABOVE, STRATEGIES, curve_defaults,
                     removal_curves)
from .keyplayers import key_players
from .measures import fragmentation
from .whatif import (WhatIfBaseline, WhatIfResult, efficiency_change_share, what_if,
                     what_if_baseline, what_if_scenarios)

__all__ = ["STRATEGIES", "SAMPLE_ABOVE", "LARGE_PARTNERS", "LARGE_TIES", "curve_defaults",
           "removal_curves", "fragmentation", "key_players", "WhatIfBaseline", "WhatIfResult",
           "what_if", "what_if_baseline", "what_if_scenarios", "efficiency_change_share"]
