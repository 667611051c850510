"""Old path of :mod:`ecosystem.analysis.recommend.evaluation` (kept only while pipeline.py,
render/report.py and cli/gaps.py still import it by this name; delete once they import
from :mod:`ecosystem.analysis.recommend`)."""
from .recommend.evaluation import confidence_text, recommendation_confidence

__all__ = ["confidence_text", "recommendation_confidence"]
