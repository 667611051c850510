"""Survey trust and value as strength factors: anchors and communities computed on trust.

See docs/trust.md, section 5 ("Feeding the strength rule").
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import pandas as pd

from ..exceptions import InvalidParameterError

SCORES = ("trust", "value")


def with_trust_factors(eco: Any, result: Any, which: Sequence[str] = ("trust",),
                       fill: str = "mean") -> Any:
    """The ecosystem with survey scores multiplied into tie strength (``factors``).

    Adds relation columns ``survey_trust`` / ``survey_value``: the latest wave's tie
    score as a share of the scale maximum (0.25-1 on a 1-4 scale). Relations of pairs
    the survey did not rate get the network mean share (``fill="mean"``) or stay empty
    (``fill="neutral"``: counted as 1, reported as a warning). The strength rule gets
    these columns as extra factors, so anchors and communities are computed on trust.

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> eco = Ecosystem.from_edges([("A", "B", 2), ("B", "C", 2)])
    >>> r = pd.DataFrame({"wave": "1", "respondent": ["A", "B"], "partner": ["B", "A"],
    ...                   "indicator": "trust", "value": [2.0, 2.0], "row": [2, 3]})
    >>> from ecosystem.io.survey import Survey
    >>> from ecosystem.analysis.trust import trust_scores
    >>> s = Survey(r, r[["wave", "respondent"]], ["1"], {"trust": (1.0, 4.0)})
    >>> e2 = with_trust_factors(eco, trust_scores(s, eco))
    >>> e2.ties["strength"].tolist()  # A-B: 2 x 2/4; B-C unrated: 2 x mean share 0.5
    [1.0, 1.0]
    """
    from ..model import StrengthRule

    if fill not in ("mean", "neutral"):
        raise InvalidParameterError(f"fill must be 'mean' or 'neutral', got {fill!r}")
    unknown = [w for w in which if w not in SCORES]
    if unknown:
        raise InvalidParameterError(f"survey factors must be trust and/or value, got {unknown[0]!r}")
    latest = result.ties[(result.ties["wave"] == result.latest) & result.ties["scored"]]
    rel = eco.relations.copy()
    s = rel["source"].astype(str).to_numpy()
    t = rel["target"].astype(str).to_numpy()
    key = pd.Series(np.minimum(s, t)) + "\x00" + pd.Series(np.maximum(s, t))
    lk = latest["a"] + "\x00" + latest["b"]
    factors = list(eco.strength_rule.factors)
    for w in which:
        hi = result.params[f"{w}_scale"][1]
        share = pd.Series((latest[w] / hi).to_numpy(), index=lk.to_numpy())
        share = share[~share.index.duplicated()].dropna()
        col = share.reindex(key).to_numpy()
        if fill == "mean":
            col = np.where(np.isnan(col), float(share.mean()) if len(share) else 1.0, col)
        rel[f"survey_{w}"] = col
        if f"survey_{w}" not in factors:
            factors.append(f"survey_{w}")
    rule = eco.strength_rule
    new_rule = StrengthRule(type_weights=dict(rule.type_weights),
                            default_type_weight=rule.default_type_weight, factors=tuple(factors),
                            half_life=rule.half_life, date_column=rule.date_column,
                            reference_date=rule.reference_date, use_weight=rule.use_weight)
    return eco.replace(relations=rel, strength_rule=new_rule)


__all__ = ["with_trust_factors"]
