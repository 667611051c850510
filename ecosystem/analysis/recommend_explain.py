"""Old path of :mod:`ecosystem.analysis.recommend.explanation` (kept only while pipeline.py
still imports it by this name; delete once it imports from
:mod:`ecosystem.analysis.recommend`)."""
from .recommend.explanation import explain_recommendation

__all__ = ["explain_recommendation"]
