"""The quadruple helix: which of academia, industry, government and civil society a
sector label belongs to (:func:`helix_group`)."""
from __future__ import annotations

import re
from typing import Any, Mapping

from ...exceptions import InvalidParameterError

# ----------------------------------------------------------------- quadruple helix
HELIX_GROUPS = ("academia", "industry", "government", "civil_society")

_HELIX_SPELLINGS: dict[str, tuple[str, ...]] = {
    "academia": (
        "academia", "academic", "university", "universities", "univ", "college",
        "research institute", "research institution", "research organisation",
        "research organization", "research center", "research centre", "research",
        "institute", "lab", "laboratory", "rto", "hei", "higher education",
        "hes", "rec", "research organisation (rec)", "higher education (hes)",
        "research institute (rec)", "연구기관(rec)", "고등교육기관", "국공립연구소", "출연연구소",
        "대학", "대학교", "연구소", "연구원", "연구기관", "출연연", "정부출연연구기관", "학계",
        "산학협력단"),
    "industry": (
        "industry", "company", "companies", "firm", "business", "enterprise", "corporate",
        "corporation", "corp", "large company", "large enterprise", "sme", "smes",
        "mid-size company", "midsize company", "startup", "start up", "start-up", "scaleup",
        "scale up", "private", "private sector", "investor", "vc", "venture capital",
        "accelerator", "prc", "private company", "private for-profit", "private for profit",
        "기업", "대기업", "중소기업", "중견기업", "스타트업", "벤처", "벤처기업", "민간기업",
        "산업", "투자사", "투자자", "벤처캐피탈", "액셀러레이터"),
    "government": (
        "government", "gov", "public", "public agency", "public body", "public sector",
        "agency", "ministry", "municipality", "city", "region", "regional government",
        "local government", "public institution", "public organisation",
        "public organization", "pub", "public body", "정부", "공공", "공공기관", "지자체",
        "지방자치단체", "부처", "중앙정부", "지방정부", "공기업", "정부부처",
        "정부기관", "시청", "도청"),
    "civil_society": (
        "civil society", "ngo", "ngos", "association", "nonprofit", "non profit",
        "non-profit", "foundation", "cooperative", "charity", "citizens", "community",
        "cluster organisation", "cluster organization", "oth", "other organisation",
        "other organization", "civil society organisation", "civil society organization", "cso",
        "협회", "단체", "재단", "비영리", "비영리단체", "비영리기관", "엔지오",
        "시민단체", "조합", "시민사회"),
}


def _norm(value: Any) -> str:
    text = str(value).strip().casefold()
    text = re.sub(r"[\s_]+", " ", text)
    return text


HELIX_MAP: dict[str, str] = {_norm(s): group for group, spellings in _HELIX_SPELLINGS.items()
                             for s in spellings}


def helix_group(sector: Any, mapping: Mapping[str, str] | None = None) -> str | None:
    """The quadruple-helix group of a sector label, or ``None`` when unknown.

    Matching is case-insensitive after trimming and collapsing spaces/underscores;
    hyphenated spellings are listed explicitly. Nothing is guessed from substrings.
    ``mapping`` adds or overrides spellings (sector -> group; configuration key
    ``sectors.helix``). Built in: the sector words of the docs (university, startup,
    government, NGO...), CORDIS activity types (``HES``/``REC`` academia, ``PRC``
    industry, ``PUB`` government, ``OTH`` "other organisation": NGOs, associations,
    foundations, counted as civil society) and common Korean words (대학, 연구소, 기업,
    스타트업, 정부, 공공기관, 협회, 재단, 비영리...).

    Examples
    --------
    >>> helix_group("University"), helix_group("start-up"), helix_group("스타트업")
    ('academia', 'industry', 'industry')
    >>> helix_group("space agency") is None
    True
    >>> helix_group("PRC"), helix_group("OTH"), helix_group("공공기관")
    ('industry', 'civil_society', 'government')
    """
    table = HELIX_MAP
    if mapping:
        table = dict(HELIX_MAP)
        for key, group in mapping.items():
            if group not in HELIX_GROUPS:
                raise InvalidParameterError(
                    f"helix group for {key!r} must be one of {', '.join(HELIX_GROUPS)}, got {group!r}")
            table[_norm(key)] = group
    key = _norm(sector)
    if key in table:
        return table[key]
    return table.get(key.replace("-", " "))


def helix_candidates(missing: "pd.DataFrame", anchors: "pd.DataFrame",
                     membership: "pd.Series", mapping: Mapping[str, str] | None = None
                     ) -> list[str | None]:
    """Who could bring each community its first missing helix group: the best-ranked
    anchor of that group outside the community (an id), or None.

    ``missing`` is :attr:`SectorGapsResult.missing` (``community`` and ``missing``
    columns), ``anchors`` the anchor table (index = partner ids, ``rank`` and ``sector``),
    ``membership`` the partition's partner -> community.

    Examples
    --------
    >>> import pandas as pd
    >>> missing = pd.DataFrame({"community": [0, 1], "missing": [["civil_society"], []]})
    >>> anchors = pd.DataFrame({"rank": [1, 2, 3], "sector": ["NGO", "NGO", "university"]},
    ...                        index=["n0", "n1", "u1"])
    >>> helix_candidates(missing, anchors, pd.Series({"n0": 0, "n1": 1, "u1": 1}))
    ['n1', None]
    """
    ranked = anchors.sort_values("rank", kind="stable") if "rank" in anchors else anchors
    if "sector" in ranked:  # each distinct sector looked up once
        sectors = [None if s is None or s != s else s for s in ranked["sector"].tolist()]
        known = {s: helix_group(s, mapping) if s is not None else None for s in set(sectors)}
        groups = [known[s] for s in sectors]
    else:
        groups = [None] * len(ranked)
    # per group, its best anchor and the best one from another community than that: the
    # best outside any community is one of the two (one pass, whatever the communities)
    best: dict[str, list[tuple[str, int]]] = {}
    for pid, g, home in zip(ranked.index, groups, membership.reindex(ranked.index).tolist()):
        if g is None:
            continue
        home = -1 if home != home or home is None else int(home)
        two = best.setdefault(g, [])
        if not two or (len(two) == 1 and home != two[0][1]):
            two.append((str(pid), home))
    out: list[str | None] = []
    for c, want in zip(missing["community"], missing["missing"]):
        two = best.get(want[0], []) if len(want) else []
        out.append(next((pid for pid, home in two if home != int(c)), None))
    return out
