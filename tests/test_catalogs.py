"""The message catalogs: every key in both languages, the same placeholders, no stray keys.

The wording of the report, the map and the findings lives in gettext catalogs
(ecosystem/locale/<lang>/LC_MESSAGES/ecosystem.po, read with Babel). A key missing in one
language would show English inside a Korean report (or the reverse), so it fails here.
"""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from ecosystem.i18n import EN, KO, LANGUAGES, LOCALE_DIR, STRINGS, translator

PACKAGE = Path(__file__).resolve().parents[1] / "ecosystem"


def _catalog(lang: str) -> dict[str, str]:
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / "ecosystem.po", "rb") as f:
        return {m.id: m.string for m in read_po(f, locale=lang) if m.id}


def _placeholders(text: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text)
            if name is not None}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalog_holds_every_key_with_a_text(lang):
    catalog = _catalog(lang)
    keys = set(_catalog("en")) | set(_catalog("ko"))
    missing = sorted(keys - set(catalog))
    empty = sorted(k for k, v in catalog.items() if not v.strip())
    assert not missing, f"{lang} catalog lacks {missing[:20]}"
    assert not empty, f"{lang} catalog has empty texts for {empty[:20]}"


def test_english_and_korean_use_the_same_placeholders():
    differ = {k: (_placeholders(EN[k]), _placeholders(KO[k])) for k in EN
              if _placeholders(EN[k]) != _placeholders(KO[k])}
    assert not differ, differ


def test_the_module_serves_what_the_catalogs_hold():
    assert STRINGS == {"en": EN, "ko": KO}
    assert EN == _catalog("en") and KO == _catalog("ko")
    assert translator("ko")("anchors") == KO["anchors"] != EN["anchors"]


def test_korean_texts_are_korean():
    """A Korean message that is the English one copied over is a missing translation
    (short technical words such as 'PageRank' or 'id' may stay)."""
    copied = [k for k in KO if KO[k] == EN[k] and re.search(r"[a-z]{4,}\s+[a-z]{3,}", EN[k])]
    assert not copied, copied[:20]


def _literal_keys() -> set[str]:
    """Keys the code asks for as a literal first argument of t(...) / tr(...)."""
    keys: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("t", "tr") and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                keys.add(node.args[0].value)
    return keys


def test_every_literal_key_the_code_uses_is_in_the_catalogs():
    unknown = sorted(k for k in _literal_keys() if k not in EN)
    assert not unknown, f"keys used in the code but missing in the catalogs: {unknown}"
