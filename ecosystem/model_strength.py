"""How strong a relation is: :class:`StrengthRule` (weight x type x factors x recency)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Mapping

import numpy as np
import pandas as pd

from . import schema as S
from .exceptions import InputDataError, InvalidParameterError, Problem


@dataclass(frozen=True)
class StrengthRule:
    """How one relation's strength is computed from its columns.

    ``strength = weight x type_weight[type] x product(factors) x 0.5 ** (age / half_life)``

    Parameters
    ----------
    type_weights : mapping of str to float
        Multiplier per relation type (matched case-insensitively), e.g.
        ``{"joint R&D": 3, "pilot": 2, "MoU": 1}``. Types not listed get
        ``default_type_weight``.
    default_type_weight : float, default 1.0
    factors : sequence of str
        Numeric relation columns multiplied in (e.g. ``("trust", "value")``). A missing
        value in a factor column counts as 1 (neutral) and is reported as a warning in
        the ecosystem's ``report``.
    half_life : float or None
        Recency decay in years: a relation ``half_life`` years older than the reference
        date counts half. ``None`` (default) disables decay.
    date_column : str or None
        Column giving each relation's date for the decay (default: the first of
        ``end``, ``date``, ``start``, ``year`` present).
    reference_date : str or None
        "Now" for the decay (default: the latest date in the data).
    use_weight : bool, default True
        Multiply by the raw ``weight`` column (1 where absent).

    Examples
    --------
    >>> rule = StrengthRule(type_weights={"joint R&D": 3, "MoU": 1})
    >>> rule.type_weight("Joint R&D")
    3.0
    """

    type_weights: Mapping[str, float] = field(default_factory=dict)
    default_type_weight: float = 1.0
    factors: tuple[str, ...] = ()
    half_life: float | None = None
    date_column: str | None = None
    reference_date: str | None = None
    use_weight: bool = True

    def __post_init__(self) -> None:
        for key, value in dict(self.type_weights).items():
            if not isinstance(value, (int, float)) or not value > 0 or math.isinf(value):
                raise InvalidParameterError(
                    f"type weight for {key!r} must be a number > 0, got {value!r}")
        if not self.default_type_weight > 0:
            raise InvalidParameterError(
                f"default_type_weight must be > 0, got {self.default_type_weight!r}")
        if self.half_life is not None and not self.half_life > 0:
            raise InvalidParameterError(f"half_life must be > 0 years, got {self.half_life!r}")
        object.__setattr__(self, "factors", tuple(self.factors))

    def type_weight(self, relation_type: str) -> float:
        lookup = {str(k).strip().lower(): float(v) for k, v in dict(self.type_weights).items()}
        return lookup.get(str(relation_type).strip().lower(), float(self.default_type_weight))

    def to_dict(self) -> dict:
        return {"type_weights": {str(k): float(v) for k, v in dict(self.type_weights).items()},
                "default_type_weight": self.default_type_weight,
                "factors": list(self.factors), "half_life": self.half_life,
                "date_column": self.date_column, "reference_date": self.reference_date,
                "use_weight": self.use_weight}

    def apply(self, relations: pd.DataFrame) -> pd.Series:
        """Strength per relation row (a float Series aligned with ``relations``)."""
        n = len(relations)
        strength = np.ones(n, dtype=float)
        if self.use_weight and S.WEIGHT in relations:
            strength *= pd.to_numeric(relations[S.WEIGHT], errors="coerce").fillna(1.0).to_numpy(float)
        if S.TYPE in relations and (self.type_weights or self.default_type_weight != 1.0):
            types = relations[S.TYPE].astype(str)
            uniq = pd.unique(types)
            mapping = {t: self.type_weight(t) for t in uniq}
            strength *= types.map(mapping).to_numpy(float)
        for col in self.factors:
            if col not in relations:
                raise InvalidParameterError(
                    f"strength factor column {col!r} is not in the relations "
                    f"(columns: {', '.join(map(str, relations.columns))})")
            values = pd.to_numeric(relations[col], errors="coerce").fillna(1.0).to_numpy(float)
            bad = np.flatnonzero(~np.isfinite(values) | (values <= 0))
            if len(bad):  # a strength must stay > 0: distance = 1/strength
                raise InputDataError([Problem(
                    f"strength factor must be a finite number > 0 (relation "
                    f"{relations[S.SOURCE].iloc[i]} -> {relations[S.TARGET].iloc[i]}, "
                    f"relation {i + 1} of the table)", column=col, value=float(values[i]),
                    code="bad_factor") for i in bad])
            strength *= values
        if self.half_life is not None:
            dates = relation_dates(relations, self.date_column)
            if dates is not None:
                ref = (pd.Timestamp(self.reference_date) if self.reference_date
                       else dates.max())
                age_years = ((ref - dates).dt.days / 365.25).clip(lower=0).fillna(0.0)
                strength *= np.power(0.5, age_years.to_numpy(float) / self.half_life)
        return pd.Series(strength, index=relations.index, name=S.STRENGTH)


def relation_dates(relations: pd.DataFrame, column: str | None = None) -> pd.Series | None:
    """The date of each relation as datetimes (``None`` when the table has no dates).

    ``column`` names the column; by default the first of ``end``, ``date``, ``start``,
    ``year`` that exists. Years are read as 1 January of that year.
    """
    candidates = [column] if column else [S.END, S.DATE, S.START, S.YEAR]
    for col in candidates:
        if col and col in relations:
            values = relations[col]
            if col == S.YEAR or pd.api.types.is_numeric_dtype(values):
                years = pd.to_numeric(values, errors="coerce")
                return pd.to_datetime(years.astype("Int64").astype(str).where(years.notna()),
                                      format="%Y", errors="coerce")
            return pd.to_datetime(values, errors="coerce", format="mixed")
    return None
