"""Value checks of every configuration key (:data:`SPEC`), mirroring :data:`~ecosystem.config.defaults.DEFAULTS`.

A check returns the (normalised) value or raises ``ValueError`` with what it expected;
the choices of the data-loading keys come from :mod:`ecosystem.io.load_options`.

Examples
--------
>>> SPEC["communities"]["resolution"](1.5)
1.5
>>> SPEC["data"]["aggregate"]("median")
Traceback (most recent call last):
...
ValueError: one of sum, max, mean, count
"""
from __future__ import annotations

import math
from typing import Any, Callable, Mapping

from ..io.load_options import option
from .defaults import (ANALYSES, ATTACKS, COMMUNITY_METHODS, DEFAULTS, LANGUAGES, OUTPUTS,
                       SURVEY_NON_RESPONSE, SURVEY_RULES)

Check = Callable[[Any], Any]


def _fail(expected: str) -> Any:
    raise ValueError(expected)


def _opt(check: Check) -> Check:
    def inner(v: Any) -> Any:
        return None if v is None else check(v)
    inner.__doc__ = check.__doc__
    return inner


def _str(v: Any) -> str:
    if isinstance(v, (str, int, float)) and not isinstance(v, bool):
        return str(v)
    return _fail("a text value")


def _bool(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    return _fail("true or false")


def _choice(*options: str) -> Check:
    def inner(v: Any) -> str:
        if isinstance(v, str) and v in options:
            return v
        return _fail("one of " + ", ".join(options))
    return inner


def _num(low: float | None = None, *, open_low: bool = False) -> Check:
    def inner(v: Any) -> float:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or math.isnan(v) or math.isinf(v):
            return _fail("a number" + (f" {'>' if open_low else '>='} {low:g}" if low is not None else ""))
        if low is not None and (v < low or (open_low and v == low)):
            return _fail(f"a number {'>' if open_low else '>='} {low:g}")
        return float(v)
    return inner


def _int(low: int = 0) -> Check:
    def inner(v: Any) -> int:
        if isinstance(v, bool) or not isinstance(v, int) or v < low:
            return _fail(f"a whole number >= {low}")
        return int(v)
    return inner


def _map(value_check: Check, what: str) -> Check:
    def inner(v: Any) -> dict:
        if v is None:
            return {}
        if not isinstance(v, Mapping):
            return _fail(f"a mapping of {what}")
        out = {}
        for key, val in v.items():
            try:
                out[str(key)] = value_check(val)
            except ValueError as err:
                raise ValueError(f"{err} for {key!r}") from None
        return out
    return inner


def _goals(v: Any) -> list[str]:
    """Recommendation goals: one of community, sector, country, or a list of them."""
    items = [v] if isinstance(v, str) else v
    if not isinstance(items, list) or not items or any(
            x not in ("community", "sector", "country") for x in items):
        return _fail("community, sector, country or a list of them")
    return list(dict.fromkeys(items))


def _share_below_1(v: Any) -> float:
    x = _num(0)(v)
    return x if x < 1 else _fail("a number >= 0 and < 1")


def _list(item_check: Check) -> Check:
    def inner(v: Any) -> list:
        if v is None:
            return []
        if isinstance(v, str):
            v = [s.strip() for s in v.split(",") if s.strip()]
        if not isinstance(v, (list, tuple)):
            return _fail("a list")
        return [item_check(x) for x in v]
    return inner


def _scale(v: Any) -> list[float]:
    if (isinstance(v, (list, tuple)) and len(v) == 2
            and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v)
            and v[1] > v[0]):
        return [float(v[0]), float(v[1])]
    return _fail("[lowest, highest] answer, e.g. [1, 4]")


def _invited(v: Any) -> Any:
    if v in ("named", "all"):
        return v
    if isinstance(v, (list, tuple)):
        return [_str(x) for x in v]
    return _fail("'named', 'all' or a list of partner ids")


def _share(v: Any) -> float:
    x = _num(0)(v)
    return x if x <= 1 else _fail("a number between 0 and 1")


def _sample(v: Any) -> Any:
    if v in ("auto", True, False):
        return v
    return _fail("'auto', true or false")


SPEC: dict[str, Any] = {
    "data": {"relations": _opt(_str), "partners": _opt(_str), "encoding": _opt(_str),
             "directed": _opt(_bool), "aggregate": _choice(*option("aggregate").choices),
             "distance": _choice(*option("distance").choices), "strict": _bool,
             "auto_add_partners": _bool, "name": _opt(_str), "sheet": _opt(_str),
             "partners_sheet": _opt(_str), "delimiter": _opt(_str), "affiliation": _opt(_bool),
             "projection": _choice(*option("projection").choices),
             "projection_output": _choice(*option("projection_output").choices),
             "max_group_size": _opt(_int(2)), "period": _opt(_str), "names": _opt(_str),
             "decimal": _opt(_choice(*option("decimal").choices)), "skip_bad_rows": _bool,
             "date_order": _opt(_choice(*option("date_order").choices))},
    "columns": {k: _opt(_str) for k in DEFAULTS["columns"]},
    "strength": {"type_weights": _map(_num(0, open_low=True), "relation type -> number > 0"),
                 "default_type_weight": _num(0, open_low=True), "factors": _list(_str),
                 "half_life": _opt(_num(0, open_low=True)), "date_column": _opt(_str),
                 "reference_date": _opt(_str), "use_weight": _bool},
    "sectors": {"rename": _map(_str, "old sector -> new sector"),
                "helix": _map(_choice("academia", "industry", "government", "civil_society"),
                              "sector -> academia | industry | government | civil_society")},
    "seed": _int(0),
    "cpus": _opt(_int(1)),
    "communities": {"method": _choice(*COMMUNITY_METHODS), "resolution": _num(0, open_low=True),
                    "stability_runs": _opt(_int(0))},
    "centrality": {"sample": _sample, "n_samples": _opt(_int(1))},
    "anchors": {"weights": _map(_num(0), "measure -> weight >= 0"),
                "stability_seeds": _int(0)},
    "baselines": {"runs": _opt(_int(1))},
    "recommendations": {"method": _choice("adamic_adar", "resource_allocation", "jaccard",
                                          "common_neighbours", "community"),
                        "favour": _opt(lambda v: _goals(v)), "evaluate": _bool,
                        "per_partner": _opt(lambda v: v if v == "auto" else _int(1)(v)),
                        "diversity": lambda v: _share_below_1(v),
                        "group": _bool, "evidence": _choice("ties", "projects"),
                        "target_sector": _opt(_str), "exclude": _opt(_str),
                        "competitors": _opt(_str), "bonus": _num(0)},
    "top": {k: _int(1) for k in DEFAULTS["top"]},
    "resilience": {"strategies": _list(_choice(*ATTACKS)), "steps": _opt(_int(1)), "runs": _opt(_int(1)),
                   "max_share": _num(0, open_low=True), "efficiency": _bool,
                   "sources": _opt(_int(1)), "what_if": _int(0)},
    "evolution": {"freq": _choice("year", "quarter", "month"),
                  "mode": _choice("cumulative", "window"), "window": _int(1),
                  "date_column": _opt(_str), "samples": _opt(_int(1))},
    "analyses": {k: _bool for k in ANALYSES},
    "outputs": {k: _bool for k in OUTPUTS},
    "report": {"lang": _choice(*LANGUAGES), "title": _opt(_str), "max_rows": _int(1),
               "full_paths": _bool},
    "map": {"color_by": _str, "size_by": _str},
    "limits": {"max_file_mb": _num(0, open_low=True), "max_stream_mb": _num(0, open_low=True),
               "max_declared_count": _int(1), "max_json_depth": _int(1),
               "max_field_chars": _int(1), "max_number_digits": _int(1)},
    "survey": {"file": _opt(_str), "sheet": _opt(_str), "encoding": _opt(_str),
               "rule": _choice(*SURVEY_RULES), "non_response": _choice(*SURVEY_NON_RESPONSE),
               "perspective": _list(_str), "invited": _invited, "scale": _opt(_scale),
               "questions": _map(_str, "indicator -> column or question label"),
               "ignore": _list(_str), "gap": _num(0, open_low=True),
               "strong": _opt(_num(0, open_low=True)),
               "factors": _list(_choice("trust", "value")),
               "columns": {k: _opt(_str) for k in ("respondent", "partner", "question",
                                                   "answer", "wave")}},
    "risk": {"impact_at": _share, "likelihood_at": _share, "dormant_periods": _int(0),
             "risk_column": _opt(_str)},
}
