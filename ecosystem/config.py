"""Analysis configuration: one YAML file, validated, with defaults and CLI overrides.

A configuration is a nested mapping (see :data:`DEFAULTS` and ``ecosystem init``). Every
key is checked: an unknown key or a bad value raises
:class:`~ecosystem.exceptions.InvalidParameterError` naming the key (``communities.resolution``)
and the value, so a typo never silently falls back to a default.

Precedence, lowest first: built-in defaults < configuration file < command-line flags
(or keyword overrides in Python).

Examples
--------
>>> cfg = Config.from_dict({"communities": {"resolution": 1.5}, "seed": 7})
>>> cfg.get("communities.resolution"), cfg.get("communities.method"), cfg.seed
(1.5, 'leiden', 7)
>>> Config.from_dict({"comunities": {}})
Traceback (most recent call last):
...
ecosystem.exceptions.InvalidParameterError: config: unknown key 'comunities' (did you mean 'communities'?)
"""
from __future__ import annotations

import copy
import difflib
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from .exceptions import InputDataError, InvalidParameterError, Problem

ANALYSES = ("centrality", "communities", "stability", "roles", "anchors", "holes", "brokerage",
            "fragility", "gaps", "recommendations", "resilience", "health", "evolution")
OUTPUTS = ("report.html", "report.md", "partners.csv", "communities.csv", "recommendations.csv",
           "summary.json", "metrics.xlsx", "map.html", "map.png")
LANGUAGES = ("en", "ko")
COMMUNITY_METHODS = ("leiden", "louvain", "label_propagation")
ATTACKS = ("anchor", "degree", "betweenness", "random")

DEFAULTS: dict[str, Any] = {
    "data": {"relations": None, "partners": None, "encoding": None, "directed": None,
             "aggregate": "sum", "distance": "inverse", "strict": False,
             "auto_add_partners": True, "name": None, "sheet": None, "partners_sheet": None,
             "delimiter": None, "affiliation": None, "projection": "count",
             "projection_output": "relations", "max_group_size": None, "period": None,
             "decimal": None, "skip_bad_rows": False, "date_order": None},
    "columns": {"source": None, "target": None, "type": None, "weight": None, "date": None,
                "id": None, "name": None, "sector": None, "partner": None, "group": None,
                "year": None},
    "strength": {"type_weights": {}, "default_type_weight": 1.0, "factors": [],
                 "half_life": None, "date_column": None, "reference_date": None,
                 "use_weight": True},
    "sectors": {"rename": {}},
    "seed": 0,
    "communities": {"method": "leiden", "resolution": 1.0, "stability_runs": 10},
    "centrality": {"sample": "auto", "n_samples": None},
    "anchors": {"weights": {}},
    "recommendations": {"method": "adamic_adar", "favour": None, "evaluate": True},
    "top": {"anchors": 10, "recommendations": 20, "key_players": 5, "holes": 10, "gaps": 10},
    "resilience": {"strategies": ["anchor", "degree", "betweenness", "random"], "steps": None,
                   "runs": None, "max_share": 0.5, "efficiency": True, "what_if": 3},
    "evolution": {"freq": "year", "mode": "cumulative", "window": 1, "date_column": None},
    "analyses": {name: True for name in ANALYSES},
    "outputs": {name: True for name in OUTPUTS},
    "report": {"lang": "en", "title": None, "max_rows": 25, "full_paths": False},
    "map": {"color_by": "community", "size_by": "anchor_score"},
    "limits": {"max_file_mb": 2048, "max_stream_mb": 256, "max_declared_count": 1_000_000,
               "max_json_depth": 100, "max_field_chars": 1_000_000, "max_number_digits": 300},
}


# ---------------------------------------------------------------- value checks
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


def _sample(v: Any) -> Any:
    if v in ("auto", True, False):
        return v
    return _fail("'auto', true or false")


SPEC: dict[str, Any] = {
    "data": {"relations": _opt(_str), "partners": _opt(_str), "encoding": _opt(_str),
             "directed": _opt(_bool), "aggregate": _choice("sum", "max", "mean", "count"),
             "distance": _choice("inverse", "unit"), "strict": _bool,
             "auto_add_partners": _bool, "name": _opt(_str), "sheet": _opt(_str),
             "partners_sheet": _opt(_str), "delimiter": _opt(_str), "affiliation": _opt(_bool),
             "projection": _choice("count", "newman"),
             "projection_output": _choice("relations", "ties"),
             "max_group_size": _opt(_int(2)), "period": _opt(_str),
             "decimal": _opt(_choice(".", ",")), "skip_bad_rows": _bool,
             "date_order": _opt(_choice("dmy", "mdy"))},
    "columns": {k: _opt(_str) for k in DEFAULTS["columns"]},
    "strength": {"type_weights": _map(_num(0, open_low=True), "relation type -> number > 0"),
                 "default_type_weight": _num(0, open_low=True), "factors": _list(_str),
                 "half_life": _opt(_num(0, open_low=True)), "date_column": _opt(_str),
                 "reference_date": _opt(_str), "use_weight": _bool},
    "sectors": {"rename": _map(_str, "old sector -> new sector")},
    "seed": _int(0),
    "communities": {"method": _choice(*COMMUNITY_METHODS), "resolution": _num(0, open_low=True),
                    "stability_runs": _int(0)},
    "centrality": {"sample": _sample, "n_samples": _opt(_int(1))},
    "anchors": {"weights": _map(_num(0), "measure -> weight >= 0")},
    "recommendations": {"method": _choice("adamic_adar", "resource_allocation", "jaccard",
                                          "common_neighbours", "community"),
                        "favour": _opt(_choice("community", "sector")), "evaluate": _bool},
    "top": {k: _int(1) for k in DEFAULTS["top"]},
    "resilience": {"strategies": _list(_choice(*ATTACKS)), "steps": _opt(_int(1)), "runs": _opt(_int(1)),
                   "max_share": _num(0, open_low=True), "efficiency": _bool,
                   "what_if": _int(0)},
    "evolution": {"freq": _choice("year", "quarter", "month"),
                  "mode": _choice("cumulative", "window"), "window": _int(1),
                  "date_column": _opt(_str)},
    "analyses": {k: _bool for k in ANALYSES},
    "outputs": {k: _bool for k in OUTPUTS},
    "report": {"lang": _choice(*LANGUAGES), "title": _opt(_str), "max_rows": _int(1),
               "full_paths": _bool},
    "map": {"color_by": _str, "size_by": _str},
    "limits": {"max_file_mb": _num(0, open_low=True), "max_stream_mb": _num(0, open_low=True),
               "max_declared_count": _int(1), "max_json_depth": _int(1),
               "max_field_chars": _int(1), "max_number_digits": _int(1)},
}


def _validate(values: Mapping[str, Any], spec: Mapping[str, Any], base: Mapping[str, Any],
              prefix: str, source: str) -> dict[str, Any]:
    if not isinstance(values, Mapping):
        where = f"'{prefix}'" if prefix else "the top level"
        raise InvalidParameterError(f"{source}: {where} must be a mapping (key: value lines), "
                                    f"got {values!r}")
    out = copy.deepcopy(dict(base))
    for key, value in values.items():
        key = str(key)
        path = f"{prefix}.{key}" if prefix else key
        if key not in spec:
            close = difflib.get_close_matches(key, list(spec), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else \
                f" (known keys{' under ' + repr(prefix) if prefix else ''}: {', '.join(spec)})"
            raise InvalidParameterError(f"{source}: unknown key '{path}'{hint}")
        check = spec[key]
        if isinstance(check, Mapping):
            if value is None:
                continue
            out[key] = _validate(value, check, base[key], path, source)
        else:
            try:
                out[key] = check(value)
            except ValueError as err:
                raise InvalidParameterError(
                    f"{source}: key '{path}' must be {err}, got {value!r}") from None
    return out


def _deep_merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(dict(base))
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping) and key not in (
                "type_weights", "rename", "weights"):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _split(dotted: str) -> list[str]:
    """``"outputs.report.html"`` -> ``["outputs", "report.html"]`` (file names keep their dot)."""
    if dotted.startswith("outputs.") and dotted[len("outputs."):] in OUTPUTS:
        return ["outputs", dotted[len("outputs."):]]
    return dotted.split(".")


def _nest(flat: Mapping[str, Any]) -> dict[str, Any]:
    """``{"communities.resolution": 2}`` -> ``{"communities": {"resolution": 2}}``."""
    out: dict[str, Any] = {}
    for key, value in flat.items():
        parts = _split(str(key))
        node = out
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return out


@dataclass(frozen=True)
class Config:
    """A validated analysis configuration (defaults filled in).

    Build with :meth:`from_dict`, :meth:`load` (YAML file) or :func:`resolve_config`;
    derive with :meth:`override`. ``values`` is the full nested mapping.

    Examples
    --------
    >>> cfg = Config().override({"report.lang": "ko", "top.anchors": 5})
    >>> cfg.lang, cfg.get("top.anchors"), cfg.enabled("holes"), cfg.wants("map.png")
    ('ko', 5, True, True)
    """

    values: dict[str, Any] = field(default_factory=lambda: copy.deepcopy(DEFAULTS))
    source: str = "defaults"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None, *, source: str = "config") -> "Config":
        """Validate a (partial) nested mapping and fill in the defaults."""
        return cls(_validate(data or {}, SPEC, DEFAULTS, "", source), source=source)

    @classmethod
    def load(cls, path: str | Path) -> "Config":
        """Read and validate a YAML configuration file."""
        import yaml

        path = Path(path)
        if not path.is_file():
            raise InputDataError([Problem("configuration file not found", file=str(path),
                                          code="missing_file")])
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            row = mark.line + 1 if mark is not None else None
            raise InputDataError([Problem(f"not valid YAML: {getattr(err, 'problem', err)}",
                                          file=str(path), row=row, code="bad_yaml")]) from None
        except UnicodeDecodeError:
            raise InputDataError([Problem("configuration must be UTF-8 text", file=str(path),
                                          code="bad_encoding")]) from None
        cfg = cls.from_dict(data or {}, source=str(path))
        # relative data paths are relative to the configuration file
        for key in ("relations", "partners"):
            value = cfg.values["data"].get(key)
            if value and not Path(value).is_absolute() and (path.parent / value).exists():
                cfg.values["data"][key] = str(path.parent / value)
        return cfg

    def override(self, overrides: Mapping[str, Any] | None) -> "Config":
        """A new Config with ``overrides`` applied (nested or dotted keys; ``None`` values skipped).

        Overrides are validated like the file (unknown keys are errors).
        """
        if not overrides:
            return self
        flat = {k: v for k, v in overrides.items() if v is not None}
        nested = _nest(flat)
        checked = _validate(nested, SPEC, self.values, "", "override")
        return Config(_deep_merge(self.values, checked), source=self.source)

    def get(self, dotted: str, default: Any = None) -> Any:
        """A value by dotted key, e.g. ``"communities.resolution"``."""
        node: Any = self.values
        for part in _split(dotted):
            if not isinstance(node, Mapping) or part not in node:
                return default
            node = node[part]
        return node

    @property
    def seed(self) -> int:
        return int(self.values["seed"])

    @property
    def lang(self) -> str:
        return str(self.values["report"]["lang"])

    def enabled(self, analysis: str) -> bool:
        """Whether an analysis (see :data:`ANALYSES`) is switched on."""
        return bool(self.values["analyses"].get(analysis, False))

    def wants(self, output: str) -> bool:
        """Whether an output file (see :data:`OUTPUTS`) is switched on."""
        return bool(self.values["outputs"].get(output, False))

    def to_dict(self) -> dict[str, Any]:
        return copy.deepcopy(self.values)

    def strength_rule(self):
        """The :class:`~ecosystem.model.StrengthRule` this configuration describes."""
        from .model import StrengthRule

        s = self.values["strength"]
        return StrengthRule(type_weights=dict(s["type_weights"]),
                            default_type_weight=s["default_type_weight"],
                            factors=tuple(s["factors"]), half_life=s["half_life"],
                            date_column=s["date_column"], reference_date=s["reference_date"],
                            use_weight=s["use_weight"])


def resolve_config(config: "Config | Mapping[str, Any] | str | Path | None" = None,
                   **overrides: Any) -> Config:
    """Turn ``None``, a mapping, a YAML path or a Config into a Config, then apply overrides.

    Examples
    --------
    >>> resolve_config({"seed": 3}, **{"communities.method": "louvain"}).get("communities.method")
    'louvain'
    """
    if config is None:
        cfg = Config()
    elif isinstance(config, Config):
        cfg = config
    elif isinstance(config, Mapping):
        cfg = Config.from_dict(config)
    elif isinstance(config, (str, Path)):
        cfg = Config.load(config)
    else:
        raise InvalidParameterError(
            f"config must be a Config, a mapping or a YAML file path, got {type(config).__name__}")
    return cfg.override(overrides)


TEMPLATE = """\
# ecosystem analysis configuration (YAML).
# Use it with:  ecosystem analyze --config {name} -o reports/NAME/
# Every key is optional: delete what you do not need, the defaults are shown.
# Command-line flags override this file. An unknown key is an error (typos are caught).

data:
  relations: null          # relations file or bundled dataset name (the DATA argument wins)
  partners: null           # partner table (id, name, sector, ...); optional
  encoding: null           # utf-8, utf-8-sig, cp949, euc-kr ... (null = detect)
  directed: null           # true: relations have a direction (investor -> startup); null: from the file
  aggregate: sum           # several relations of one pair -> one tie: sum | max | mean | count
  distance: inverse        # tie length for paths: inverse (1/strength) | unit (hops)
  strict: false            # treat repairs (duplicates, self-loops, added partners) as errors
  auto_add_partners: true  # add partners that relations name but the partner table lacks
  name: null               # ecosystem name shown in the report (default: file name)
  sheet: null              # Excel: relations sheet name or number
  partners_sheet: null     # Excel: partners sheet name or number
  delimiter: null          # text tables: force the delimiter (default: sniffed)
  affiliation: null        # true: DATA is a partner x project table, projected to ties (null: detect)
  projection: count        # affiliation weighting: count (shared projects) | newman (1/(size-1))
  projection_output: relations   # relations (one per shared project) | ties (one per pair)
  max_group_size: null     # affiliation: skip projects with more members than this
  period: null             # analyse the ecosystem as it was in one period, e.g. "2021"
                           # (periods as in the evolution section below)
  decimal: null            # text tables: "," for decimal commas (1,5 = 1.5); default "."
  skip_bad_rows: false     # true: leave out unreadable rows (listed) and analyse the rest
  date_order: null         # numeric dates like 03/04/2024: dmy | mdy (null: from the column)

columns:                   # your column names, when they are not recognised automatically
  source: null             # e.g. "기관1" or "From"
  target: null
  type: null
  weight: null
  date: null
  id: null                 # partner table
  name: null
  sector: null
  partner: null            # affiliation table: partner id column
  group: null              # affiliation table: project/group column
  year: null               # affiliation table: year column

strength:                  # tie strength = weight x type weight x factors x recency decay
  type_weights: {{}}         # e.g. {{"joint R&D": 3, pilot: 2, MoU: 1}}
  default_type_weight: 1.0 # for types not listed
  factors: []              # numeric relation columns multiplied in, e.g. [trust]
  half_life: null          # years: a relation this much older than the newest counts half
  date_column: null        # date column for the decay (default: end, date, start, year)
  reference_date: null     # "now" for the decay (default: the latest date in the data)
  use_weight: true         # multiply by the raw weight column

sectors:
  rename: {{}}               # merge or translate sectors, e.g. {{PRC: company, HES: university}}

seed: 0                    # every random step (communities, sampling, layouts) uses it

communities:
  method: leiden           # leiden | louvain | label_propagation
  resolution: 1.0          # > 1: more, smaller communities; < 1: fewer, larger
  stability_runs: 10       # re-runs with other seeds to measure how stable they are (0 = skip)

centrality:
  sample: auto             # betweenness: auto (exact up to 5,000 partners) | true | false
  n_samples: null          # pivots when sampling (null = automatic)

anchors:
  weights: {{}}              # anchor score = weighted mean of rank-normalised measures;
                           # e.g. {{strength: 1, pagerank: 1, betweenness: 2, participation: 1}}
                           # (empty = the default weights, see docs/anchors.md)

recommendations:
  method: adamic_adar      # adamic_adar | resource_allocation | jaccard | common_neighbours | community
  favour: null             # null | community | sector: boost pairs that close a community/sector gap
  evaluate: true           # reliability check: hide 10% of ties and see if they are predicted

top:                       # how many rows the report lists
  anchors: 10
  recommendations: 20
  key_players: 5
  holes: 10
  gaps: 10

resilience:
  strategies: [anchor, degree, betweenness, random]   # removal orders (most central first; random)
  steps: null              # points per curve (null = automatic: 20, or 10 on large networks)
  runs: null               # random-removal repetitions, averaged (null = automatic: 10, or 3 on large networks)
  max_share: 0.5           # remove up to this share of the partners
  efficiency: true         # also draw global efficiency curves (slower on big networks)
  what_if: 3               # "what if it left?" for each of the top N anchors, and for the key players together

evolution:                 # only when relations have dates (start/end/date/year)
  freq: year               # periods: year | quarter | month
  mode: cumulative         # cumulative (all so far, minus ended) | window (last N periods)
  window: 1                # periods per window (mode: window)
  date_column: null        # default: end, date, start or year, whichever exists

analyses:                  # switch analyses off with false
{analyses}
outputs:                   # files written into the output folder
{outputs}
report:
  lang: en                 # en | ko (Korean report)
  title: null              # default: "Ecosystem report: <name>"
  max_rows: 25             # longest table shown in the report (full tables are in the CSVs)
  full_paths: false        # true: name input files by full path (default: relative / file name)

map:
  color_by: community      # community | sector | role | any partner column
  size_by: anchor_score    # anchor_score | degree | strength | pagerank | betweenness

limits:                    # hostile sizes: a clear error instead of running out of memory
  max_file_mb: 2048        # bytes read from one file
  max_stream_mb: 256       # bytes read from a pipe or device (not a regular file)
  max_declared_count: 1000000  # counts a file declares (Pajek *Vertices, UCINET N=)
  max_json_depth: 100      # nesting of JSON arrays/objects
  max_field_chars: 1000000 # characters in one cell
  max_number_digits: 300   # digits of one JSON integer
"""


def template(name: str = "ecosystem.yaml") -> str:
    """The commented configuration template that ``ecosystem init`` writes.

    Examples
    --------
    >>> import yaml
    >>> Config.from_dict(yaml.safe_load(template())).to_dict() == Config().to_dict()
    True
    """
    analyses = "".join(f"  {k}: true\n" for k in ANALYSES)
    outputs = "".join(f"  {k}: true\n" for k in OUTPUTS)
    return TEMPLATE.format(name=name, analyses=analyses, outputs=outputs)


__all__ = ["Config", "DEFAULTS", "ANALYSES", "OUTPUTS", "resolve_config", "template"]
