"""Readers for every input users have, and the validation that loses nothing.

* :func:`load` — any file (CSV/TSV/TXT, XLSX, GraphML, GEXF, JSON, participation tables) or a
  bundled dataset name -> :class:`~ecosystem.model.Ecosystem`;
* :func:`prepare_tables` — validate raw pandas tables (every problem, with rows);
* :func:`project_affiliations` — partner x project participations -> partner ties;
* :func:`list_datasets`, :func:`load_dataset` — the bundled datasets.
"""
from .readers import detect_format, load, load_dataset, read_table
from ..model_validate import match_columns, prepare_tables
from .affiliation import project_affiliations
from .datasets import list_datasets

__all__ = ["load", "detect_format", "read_table", "prepare_tables", "match_columns",
           "project_affiliations", "list_datasets", "load_dataset"]
