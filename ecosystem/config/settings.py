"""The :class:`Config` class: a validated configuration, loaded from YAML, with overrides.

Examples
--------
>>> Config().override({"seed": 4}).seed
4
"""
from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ..exceptions import InputDataError, InvalidParameterError, Problem
from .checks import SPEC
from .defaults import DEFAULTS, OUTPUTS


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
        survey = cfg.values["survey"].get("file")
        if survey and not Path(survey).is_absolute() and (path.parent / survey).exists():
            cfg.values["survey"]["file"] = str(path.parent / survey)
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
        from ..model import StrengthRule

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
