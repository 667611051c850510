"""Old path of :mod:`ecosystem.render.map.style`, kept only for render/export.py (which is
leaving render/); import from :mod:`ecosystem.palette` or ``render.map.style`` instead."""
from __future__ import annotations

from ..palette import OTHER_COLOR, PALETTE, category_colors, category_keys, color_lookup

__all__ = ["OTHER_COLOR", "PALETTE", "category_colors", "category_keys", "color_lookup"]
