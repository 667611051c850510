"""Snapshots of a dated ecosystem, period by period, and how it evolves.

* :mod:`.periods` -- the relations' dates and the periods (years, quarters, months, bins);
* :mod:`.snapshots` -- one sub-ecosystem per period (cumulative or a sliding window);
* :mod:`.period_analysis` -- each period's communities, KPIs and anchor ranking;
* :mod:`.evolution` -- :func:`evolve`: every snapshot analysed, entrants and exits,
  rising and falling anchors, community life cycles
  (:mod:`ecosystem.analysis.lifecycle`).

Definitions are in ``docs/evolution.md``.
"""
from __future__ import annotations

from .evolution import Evolution, evolve, movers_between
from .period_analysis import (SNAPSHOT_PATH_SOURCES, SNAPSHOT_PIVOTS, SNAPSHOT_SAMPLE_ABOVE,
                              PeriodAnalyses, analyse_periods)
from .periods import (FREQS, MODES, PARTNER_SCOPES, UNDATED, Period, RelationDates, has_dates,
                      make_periods, relation_dates)
from .snapshots import Snapshot, snapshot_at, snapshots

__all__ = ["FREQS", "MODES", "Period", "RelationDates", "Snapshot", "has_dates", "make_periods",
           "relation_dates", "snapshot_at", "snapshots", "Evolution", "evolve",
           "movers_between", "UNDATED", "PARTNER_SCOPES", "SNAPSHOT_SAMPLE_ABOVE",
           "SNAPSHOT_PIVOTS", "SNAPSHOT_PATH_SOURCES", "PeriodAnalyses", "analyse_periods"]
