"""Names for communities, built from their members: who leads, on what, where, around whom.

A community number ("Community 3") means nothing to a reader; its members say what it
is. :func:`community_names` gives every community of two or more partners a short label
such as ``"Startup-led biohealth cluster around 경기바이오융합연구원 (KR, 44)"`` (and the
Korean ``"스타트업 주도 biohealth 클러스터 — 경기바이오융합연구원 중심 (KR, 44곳)"``), from

* the **lead**: the most common sector when it holds at least :data:`LEAD_SHARE` of the
  members, else the two most common sectors when they hold 60% together (each at least
  20%), else the most common quadruple-helix group (via the sector-to-helix mapping of
  :func:`ecosystem.analysis.gaps.helix_group`) when it holds half, else "Mixed";
* the **topic**: the most common value of a topic column (``cluster``, ``topic``,
  ``field``...) when one exists and holds at least :data:`LEAD_SHARE`;
* the **country**: the most common country when it holds at least half of the members;
* the **centre**: the community's best-ranked anchor partner (or, without an anchor
  table, its partner with the highest PageRank / strength);
* the **size**.

The same ranking gives each community's **top partners** (the centre first), so the
report's communities table lists the partner a name is "around" first.

Partners without any tie are **isolates**, not communities: community detection puts
each in a group of its own, and :func:`community_count` is the one definition of "number
of communities" (groups of two or more partners) the report, summary.json and the
why-texts share.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from ..exceptions import InvalidParameterError
from ..i18n import translator
from ..model import Ecosystem
from ..results import Partition

LEAD_SHARE = 0.4
"""A sector (or topic) names a community when at least this share of its members hold it."""

TOPIC_COLUMNS = ("cluster", "topic", "field", "theme", "technology", "domain", "industry")
"""Partner columns read as a community's topic, first found wins."""

COUNTRY_COLUMNS = ("country", "country_code", "nation", "국가")


def community_count(partition: Partition | pd.Series | Sequence[int]) -> tuple[int, int]:
    """``(communities, isolates)``: groups of two or more partners, and partners alone.

    The one definition of "number of communities" used everywhere: a partner alone in its
    group (a partner with no ties, or no tie inside any group) is an isolate.

    Examples
    --------
    >>> community_count([0, 0, 1, 1, 1, 2, 3])
    (2, 2)
    """
    memb = partition.membership if isinstance(partition, Partition) else pd.Series(partition)
    sizes = pd.Series(np.asarray(memb)).value_counts()
    return int((sizes >= 2).sum()), int(sizes[sizes == 1].sum())


def _dominant(values: pd.Series) -> tuple[str | None, float]:
    v = values.dropna().astype(str).str.strip()
    v = v[(v != "") & (v.str.casefold() != "unknown") & (v != "(missing)")]
    if v.empty:
        return None, 0.0
    counts = v.value_counts()
    top = counts[counts == counts.iloc[0]].index
    best = sorted(top)[0]                   # ties: alphabetical, so the label is deterministic
    return str(best), float(counts[best] / len(values))


def _column(eco: Ecosystem, names: Sequence[str]) -> str | None:
    lower = {str(c).casefold(): str(c) for c in eco.partners.columns}
    for n in names:
        if n.casefold() in lower:
            return lower[n.casefold()]
    return None


def sector_word(value: Any, lang: str = "en") -> str:
    """A sector label for display: known words translated (``"university"`` -> ``"대학"``).

    Examples
    --------
    >>> sector_word("university", "ko"), sector_word("REC", "en"), sector_word("railway", "ko")
    ('대학', 'Research organisation', 'railway')
    """
    from ..i18n import STRINGS

    text = str(value)
    key = "sector_" + text.strip().casefold().replace(" ", "_").replace("-", "_")
    table = STRINGS[lang] if lang in STRINGS else STRINGS["en"]
    return table.get(key) or STRINGS["en"].get(key) or text.replace("_", " ")


def community_names(eco: Ecosystem, partition: Partition, *,
                    centrality_table: pd.DataFrame | None = None,
                    anchors: pd.DataFrame | None = None,
                    helix: Mapping[str, str] | None = None,
                    topic_column: str | None = None, top: int = 3) -> pd.DataFrame:
    """A short descriptive label for every community of two or more partners, in en and ko.

    Parameters
    ----------
    eco : Ecosystem
    partition : Partition
        Covering every partner (from :func:`~ecosystem.analysis.communities.detect_communities`).
    centrality_table : DataFrame, optional
        With a ``pagerank`` column: picks the centre when no anchor table is given.
    anchors : DataFrame, optional
        Indexed by partner id with a ``rank`` column (1 = first): the centre is the
        community's best-ranked anchor.
    helix : mapping, optional
        Extra sector -> helix-group spellings (see :func:`~ecosystem.analysis.gaps.helix_group`).
    topic_column : str, optional
        Partner column giving the topic; default: the first of :data:`TOPIC_COLUMNS` present.
    top : int, default 3
        How many top partners to list, ranked like the centre (the centre first).

    Returns
    -------
    DataFrame
        Indexed by ``community`` (only groups of >= 2 partners; isolates have no row):
        ``label_en``, ``label_ko`` (unique), ``size``, ``lead`` (a sector, a pair of sectors,
        a helix group, or ``"mixed"``), ``lead_kind`` (``sector`` / ``sectors`` / ``helix`` /
        ``mixed``), ``lead_share``,
        ``topic``, ``country``, ``centre_id``, ``centre``, ``top_partner_ids``
        (``;``-separated) and ``top_partners`` (names, ``", "``-separated): the ``top``
        best-ranked members, the centre first.
        ``attrs["isolates"]``: number of partners alone in their group.

    Examples
    --------
    >>> partners = pd.DataFrame({"id": list("abcdefg"), "name": list("ABCDEFG"),
    ...     "sector": ["university", "university", "startup", "startup", "startup", "SME", "NGO"],
    ...     "country": ["KR", "KR", "KR", "DE", "DE", "DE", "KR"]})
    >>> eco = Ecosystem.from_edges([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"),
    ...                             ("e", "f"), ("d", "f"), ("c", "d", 0.1)], partners=partners)
    >>> part = Partition(pd.Series([0, 0, 0, 1, 1, 1, 2], index=list("abcdefg")), method="given")
    >>> names = community_names(eco, part)
    >>> names["label_en"].tolist()
    ['University-led cluster around C (KR, 3)', 'Startup-led cluster around D (DE, 3)']
    >>> names.loc[0, "label_ko"], names.attrs["isolates"]
    ('대학 주도 클러스터 — C 중심 (KR, 3곳)', 1)
    >>> names.loc[0, "top_partners"]
    'C, A, B'

    """
    from .gaps import helix_group

    if not isinstance(top, (int, np.integer)) or top < 1:
        raise InvalidParameterError(f"top must be a whole number >= 1, got {top!r}")
    if not isinstance(partition, Partition):
        raise InvalidParameterError(
            f"partition must be a Partition, got {type(partition).__name__}")
    ids = eco.ids
    memb = partition.membership.copy()
    memb.index = memb.index.astype(str)
    memb = memb.reindex(ids)
    if memb.isna().any():
        raise InvalidParameterError(
            f"the partition does not cover partner {memb.index[memb.isna()][0]!r}")
    memb = memb.astype(int)
    names = eco.names.reindex(ids).astype(str)
    sectors = eco.sectors.reindex(ids)
    topic_col = topic_column or _column(eco, TOPIC_COLUMNS)
    if topic_col is not None and topic_col not in eco.partners.columns:
        raise InvalidParameterError(f"topic column {topic_col!r} is not a partner column")
    if topic_col is not None and topic_col.casefold() == "sector":
        topic_col = None
    country_col = _column(eco, COUNTRY_COLUMNS)
    topics = eco.attribute(topic_col).reindex(ids) if topic_col else None
    countries = eco.attribute(country_col).reindex(ids) if country_col else None

    # centre: best anchor rank, else PageRank, else strength; ties by id order
    if anchors is not None and "rank" in anchors:
        key = -pd.to_numeric(pd.Series(anchors["rank"]), errors="coerce").reindex(ids).fillna(np.inf)
    elif centrality_table is not None and "pagerank" in centrality_table:
        key = pd.Series(centrality_table["pagerank"]).reindex(ids).fillna(0.0)
    else:
        ties = eco.undirected_ties
        s = np.zeros(len(ids))
        np.add.at(s, ties["source_index"].to_numpy(), ties["strength"].to_numpy(float))
        np.add.at(s, ties["target_index"].to_numpy(), ties["strength"].to_numpy(float))
        key = pd.Series(s, index=ids)
    key = key.astype(float)

    sizes = memb.value_counts()
    groups = sorted(int(c) for c in sizes.index if sizes[c] >= 2)
    en, ko = translator("en"), translator("ko")
    rows = []
    codes, keys = memb.to_numpy(), key.to_numpy(float)
    by_code = np.argsort(codes, kind="stable")           # partners grouped, in partner order
    bounds = np.searchsorted(codes[by_code], [*groups, np.iinfo(np.int64).max])
    for c, lo in zip(groups, bounds):
        pos = by_code[lo:lo + int(sizes[c])]
        members = ids[pos]
        size = len(members)
        order = ids[pos[np.lexsort((pos, -keys[pos]))]]   # best key first, ties by order
        centre = order[0]
        sec, sec_share = _dominant(sectors.loc[members])
        sec2, sec2_share = _dominant(sectors.loc[members][sectors.loc[members].astype(str) != sec])
        if sec is not None and sec_share >= LEAD_SHARE:
            lead, kind, share = sec, "sector", sec_share
        elif sec2 is not None and sec2_share >= 0.2 and sec_share + sec2_share >= 0.6:
            lead, kind, share = (sec, sec2), "sectors", sec_share + sec2_share
        else:
            helix_vals = sectors.loc[members].map(lambda s: helix_group(s, helix))
            grp, g_share = _dominant(helix_vals)
            if grp is not None and g_share >= 0.5:
                lead, kind, share = grp, "helix", g_share
            else:
                lead, kind, share = "mixed", "mixed", 0.0
        topic = None
        if topics is not None:
            tv, t_share = _dominant(topics.loc[members])
            topic = tv if tv is not None and t_share >= LEAD_SHARE and tv != sec else None
        country = None
        if countries is not None:
            cv, c_share = _dominant(countries.loc[members])
            country = cv if cv is not None and c_share >= 0.5 else None
        rows.append({"community": c, "size": size, "lead": lead, "lead_kind": kind,
                     "lead_share": share, "topic": topic, "country": country,
                     "centre_id": str(centre), "centre": str(names[centre]),
                     "top_partner_ids": ";".join(str(i) for i in order[:top]),
                     "top_partners": ", ".join(str(names[i]) for i in order[:top])})

    def label(r: dict[str, Any], lang: str) -> str:
        t = ko if lang == "ko" else en
        if r["lead_kind"] == "helix":
            lead = t(f"helix_{r['lead']}")
        elif r["lead_kind"] == "sectors":
            lead = t("label_and", a=sector_word(r["lead"][0], lang), b=sector_word(r["lead"][1], lang))
        else:
            lead = sector_word(r["lead"], lang)
        topic = str(r["topic"]).replace("_", " ") if r["topic"] else ""
        where = f"{r['country']}, " if r["country"] else ""
        if r["lead_kind"] == "mixed":
            text = t("community_name_mixed", topic=(" " + topic) if topic else "",
                     centre=r["centre"], where=where, size=r["size"])
        else:
            text = t("community_name", lead=lead, topic=(" " + topic) if topic else "",
                     centre=r["centre"], where=where, size=r["size"])
        return text[:1].upper() + text[1:] if lang == "en" else text

    for r in rows:
        r["label_en"], r["label_ko"] = label(r, "en"), label(r, "ko")
    for col in ("label_en", "label_ko"):
        seen: dict[str, int] = {}
        for r in rows:
            base = r[col]
            if base in seen:
                seen[base] += 1
                r[col] = f"{base} #{seen[base]}"
            else:
                seen[base] = 1
    out = pd.DataFrame(rows, columns=["community", "label_en", "label_ko", "size", "lead",
                                      "lead_kind", "lead_share", "topic", "country",
                                      "centre_id", "centre", "top_partner_ids",
                                      "top_partners"]).set_index("community")
    out.attrs["isolates"] = community_count(memb)[1]
    out.attrs["topic_column"] = topic_col
    out.attrs["country_column"] = country_col
    return out


def community_label_map(names: pd.DataFrame | None, lang: str = "en") -> dict[int, str]:
    """Community number -> label in ``lang`` from :func:`community_names` (empty when None).

    Examples
    --------
    >>> community_label_map(pd.DataFrame({"label_en": ["X"], "label_ko": ["엑스"]}, index=[3]), "ko")
    {3: '엑스'}
    """
    if names is None or not len(names):
        return {}
    col = f"label_{lang}" if f"label_{lang}" in names else "label_en"
    return dict(zip(map(int, names.index.tolist()), map(str, names[col].tolist())))


__all__ = ["community_names", "community_count", "community_label_map", "sector_word",
           "LEAD_SHARE", "TOPIC_COLUMNS"]
