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

# the names the single module config.py had, all importable from here as before
from .checks import SPEC  # noqa: F401
from .defaults import (ANALYSES, ATTACKS, COMMUNITY_METHODS, DEFAULTS,  # noqa: F401
                       LANGUAGES, OUTPUTS, SURVEY_NON_RESPONSE, SURVEY_RULES)
from .settings import Config, resolve_config
from .template import TEMPLATE, template  # noqa: F401

__all__ = ["Config", "DEFAULTS", "ANALYSES", "OUTPUTS", "resolve_config", "template"]
