"""The time slider of a map: which partners and ties are active in each period.

Computed in :mod:`ecosystem.tables` (:func:`~ecosystem.tables.map_snapshots`,
:func:`~ecosystem.tables.time_spec`), which the GEXF export shares.
"""
from __future__ import annotations

from ..tables import map_snapshots, time_spec

__all__ = ["map_snapshots", "time_spec"]
