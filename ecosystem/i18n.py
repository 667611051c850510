"""Wording in English and Korean: report, map, findings, headings, labels, explanations.

Every message lives in a gettext catalog, one per language:
``ecosystem/locale/<lang>/LC_MESSAGES/ecosystem.po``, read with Babel when this module is
imported. A message id is the key the code uses (``"anchors"``, ``"map_title"``...), and
both catalogs hold every key (``tests/test_catalogs.py`` fails otherwise, and when the
``{placeholders}`` of a message differ between languages). To add a message, add the same
``msgid`` to both .po files. Use :func:`translator` to get a function for one language; an
unknown key falls back to English, then to the key itself made readable.

Examples
--------
>>> t = translator("ko")
>>> t("anchors")
'앵커 파트너'
>>> translator("en")("n_partners_text", n=3)
'3 partners'
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from babel.messages.pofile import read_po

from .exceptions import InvalidParameterError

LANGUAGES = ("en", "ko")
#: Where the catalogs are: ``<LOCALE_DIR>/<lang>/LC_MESSAGES/ecosystem.po``.
LOCALE_DIR = Path(__file__).parent / "locale"


def _catalog(lang: str) -> dict[str, str]:
    """The messages of one language (message id -> text), compiled at load from its catalog."""
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / "ecosystem.po", "rb") as f:
        catalog = read_po(f, locale=lang, domain="ecosystem")
    return {str(m.id): str(m.string) for m in catalog if m.id and m.string}


EN: dict[str, str] = _catalog("en")
KO: dict[str, str] = _catalog("ko")

STRINGS: dict[str, dict[str, str]] = {"en": EN, "ko": KO}


def check_lang(lang: str) -> str:
    """Return ``lang`` if supported, else raise InvalidParameterError.

    Examples
    --------
    >>> check_lang("ko")
    'ko'
    """
    if lang not in STRINGS:
        raise InvalidParameterError(
            f"report language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    return lang


_PARTICLES = r"을\(를\)|를\(을\)|이\(가\)|가\(이\)|은\(는\)|는\(은\)|와\(과\)|과\(와\)"
_PARTICLE = re.compile(_PARTICLES)
# the word a particle follows (its last 64 characters: its end is what is read), then an
# optional parenthesis that explains it ("A사(총 3곳)이(가)": the particle follows "A사",
# as Korean orthography has it); searched only in a short window before each particle,
# so the work stays linear in the text whatever an untrusted name holds
_BEFORE = re.compile(r"([^\s()]{1,64})(\s*\([^()]{0,200}\))?$")
_JOSA_PAIRS = {"을": ("을", "를"), "를": ("을", "를"), "이": ("이", "가"), "가": ("이", "가"),
               "은": ("은", "는"), "는": ("은", "는"), "와": ("과", "와"), "과": ("과", "와")}
#: Digits read in Sino-Korean (영 일 이 삼 사 오 육 칠 팔 구): those ending in a consonant.
_DIGIT_BATCHIM = set("013678")
#: Latin letters read by name (엘, 엠, 엔, 알): those ending in a consonant.
_LETTER_BATCHIM = set("LMNR")
_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z]{1,4}$")


def _batchim(word: str) -> bool | None:
    """Whether ``word`` ends in a consonant when read in Korean; None when unknown.
    Closing quotes are read through ("'쌍'은")."""
    word = word.rstrip("'\"’”」』》〉")
    if not word:
        return None
    last = word[-1]
    if "가" <= last <= "힣":
        return (ord(last) - 0xAC00) % 28 != 0
    if last.isdigit() and last.isascii():
        return last in _DIGIT_BATCHIM
    if _ACRONYM.search(word):  # an acronym read letter by letter: LG, IBM, NL
        return last in _LETTER_BATCHIM
    return None


def josa(text: str) -> str:
    """Pick the Korean particle after a word: "대학교을(를)" -> "대학교를", "IBM이(가)" -> "IBM이".

    The word is read as Korean would: Hangul by its last syllable, numbers digit by digit
    (Sino-Korean), acronyms of up to four capitals letter by letter; a parenthesis between
    the word and the particle is skipped. Other words (Latin names) keep both forms.

    Examples
    --------
    >>> josa("한국대학교을(를) 통해 서울시청와(과) 경기도청이(가)")
    '한국대학교를 통해 서울시청과 경기도청이'
    >>> josa("PIC 906324254와(과) LG전자(총 3곳)이(가), IBM은(는) 그리고 Samsung을(를)")
    'PIC 906324254와 LG전자(총 3곳)가, IBM은 그리고 Samsung을(를)'
    """
    out, last = [], 0
    for m in _PARTICLE.finditer(text):
        before = _BEFORE.search(text[max(last, m.start() - 300):m.start()])
        batchim = _batchim(before.group(1)) if before else None
        out.append(text[last:m.start()])
        if batchim is None:
            out.append(m.group(0))
        else:
            with_, without = _JOSA_PAIRS[m.group(0)[0]]
            out.append(with_ if batchim else without)
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def period_text(period: str, lang: str) -> str:
    """A period label as a sentence says it: unchanged in English; in Korean a year "2024"
    reads "2024년", a quarter "2024Q3" "2024년 3분기", a month "2024-05" "2024년 5월".

    Examples
    --------
    >>> [period_text(p, "ko") for p in ("2024", "2024Q3", "2024-05", "P1")]
    ['2024년', '2024년 3분기', '2024년 5월', 'P1']
    >>> period_text("2024Q3", "en")
    '2024Q3'
    """
    if lang != "ko":
        return period
    m = re.fullmatch(r"(\d{4})(?:Q([1-4])|-(\d{2}))?", str(period))
    if not m:
        return period
    year, quarter, month = m.groups()
    return f"{year}년" + (f" {quarter}분기" if quarter else "") + (f" {int(month)}월" if month else "")


def names_text(names, lang: str = "en", limit: int = 3, *, counter: str = "곳",
               plus: bool = False) -> str:
    """The first ``limit`` names and how many more, separated by semicolons when a name
    holds a comma (scotland's "highland railway, general accident, fire & life ass." read
    as three partners). More: "and 2 more" (``plus``: "(+2)") or "외 2곳" (``counter``:
    "곳" for organisations, "개" for things).

    Examples
    --------
    >>> names_text(["a", "b", "c"], "en", 2), names_text(["a", "b", "c"], "en", 2, plus=True)
    ('a, b and 1 more', 'a, b (+1)')
    >>> names_text(["132", "211", "9"], "ko", 2, counter="개"), names_text(["x, y", "z"])
    ('132, 211 외 1개', 'x, y; z')
    """
    names = [str(x) for x in names]
    shown = ("; " if any("," in x for x in names[:limit]) else ", ").join(names[:limit])
    more = len(names) - limit
    if more > 0:
        shown += (f" 외 {more}{counter}" if lang == "ko"
                  else f" (+{more})" if plus else f" and {more} more")
    return shown


def translator(lang: str = "en") -> Callable[..., str]:
    """A function ``t(key, **values)`` returning the text for ``key`` in ``lang``.

    Unknown keys fall back to English, then to the key with ``_`` as spaces (and any
    ``kpi_``/``col_``/``role_``/``attack_`` prefix dropped).
    """
    table = STRINGS[check_lang(lang)]

    def t(key: str, **values: object) -> str:
        text = table.get(key) or EN.get(key)
        if text is None:
            for prefix in ("kpi_", "col_", "role_", "attack_", "m_"):
                if key.startswith(prefix):
                    key = key[len(prefix):]
                    break
            text = key.replace("_", " ")
            text = text[:1].upper() + text[1:] if key == key.lower() else text
            return text
        text = text.format(**values) if values else text
        return josa(text) if lang == "ko" else text

    return t


__all__ = ["LANGUAGES", "STRINGS", "translator", "check_lang", "period_text", "names_text"]
