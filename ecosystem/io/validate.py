"""Validating raw partner/relation tables: :func:`prepare_tables`, :func:`match_columns`.

The checks work on DataFrames only and live in :mod:`ecosystem.model_validate`, below the
readers, so that :meth:`~ecosystem.model.Ecosystem.from_frames` can use them; this module
keeps the name the readers and users import them by.
"""
from __future__ import annotations

from ..model_validate import match_columns, prepare_tables

__all__ = ["match_columns", "prepare_tables"]
