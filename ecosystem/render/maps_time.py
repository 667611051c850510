"""Old path of :mod:`ecosystem.render.map.timeline`, kept only for render/gexf.py (which is
leaving render/); import from ``render.map.timeline`` instead."""
from __future__ import annotations

from .map.timeline import map_snapshots, time_spec

__all__ = ["map_snapshots", "time_spec"]
