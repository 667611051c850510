"""Column names, aliases and defaults: the one place string keys are spelled.

Partner table columns
    ``id`` (required, unique), ``name`` (defaults to ``id``), ``sector`` (defaults to
    ``"unknown"``); every other column is kept as a partner attribute.
Relation table columns
    ``source``, ``target`` (required, partner ids), ``type`` (defaults to
    ``"relation"``), ``weight`` (optional raw weight, > 0, default 1), ``date`` /
    ``start`` / ``end`` / ``year`` (optional), ``directed`` (optional boolean per row);
    every other column is kept as a relation attribute.
"""
from __future__ import annotations

# partner table
ID = "id"
NAME = "name"
SECTOR = "sector"

# relation table
SOURCE = "source"
TARGET = "target"
TYPE = "type"
WEIGHT = "weight"
DATE = "date"
START = "start"
END = "end"
YEAR = "year"

# derived edge attributes
STRENGTH = "strength"      # tie strength after the strength rule (higher = stronger)
DISTANCE = "distance"      # path length used by betweenness/closeness (default 1/strength)
COUNT = "count"            # number of relations aggregated into one tie

UNKNOWN_SECTOR = "unknown"
DEFAULT_TYPE = "relation"

# Case-insensitive aliases (after stripping spaces, '-' and '_'), in order of preference.
PARTNER_ALIASES: dict[str, tuple[str, ...]] = {
    ID: ("id", "partnerid", "partner", "nodeid", "node", "orgid", "organisationid",
         "organizationid", "pic", "key", "code", "아이디", "기관id", "기관코드", "코드"),
    NAME: ("name", "label", "partnername", "organisation", "organization", "org",
           "company", "institution", "이름", "기관명", "기관", "회사명", "명칭"),
    SECTOR: ("sector", "type", "category", "kind", "group", "orgtype",
             "organisationtype", "organizationtype", "industry", "segment",
             "섹터", "유형", "분야", "구분", "기관유형"),
}

RELATION_ALIASES: dict[str, tuple[str, ...]] = {
    SOURCE: ("source", "from", "src", "partnera", "partner1", "a", "sourceid", "fromid",
             "origin", "investor", "출발", "기관1", "기관a", "파트너1", "소스",
             "ego", "node1", "org1", "orga", "company1", "companya", "sourcenode", "출발기관"),
    TARGET: ("target", "to", "dst", "partnerb", "partner2", "b", "targetid", "toid",
             "destination", "investee", "도착", "기관2", "기관b", "파트너2", "타깃", "타겟",
             "alter", "node2", "org2", "orgb", "company2", "companyb", "targetnode", "도착기관"),
    TYPE: ("type", "relation", "relationtype", "relationship", "kind", "label",
           "category", "tietype", "관계", "관계유형", "유형", "협력유형",
           "interaction", "edgetype", "linktype", "relationshiptype", "협력형태"),
    WEIGHT: ("weight", "strength", "value", "w", "weights", "가중치", "강도"),
    DATE: ("date", "timestamp", "time", "signed", "날짜", "일자"),
    START: ("start", "startdate", "since", "begin", "from_date", "시작", "시작일"),
    END: ("end", "enddate", "until", "finish", "종료", "종료일"),
    YEAR: ("year", "startyear", "연도", "년도"),
}

# Gephi's edge "Type" column holds Directed/Undirected, not a relation type.
GEPHI_DIRECTION_VALUES = {"directed", "undirected", "mutual"}

AGGREGATIONS = ("sum", "max", "mean", "count")
DISTANCE_TRANSFORMS = ("inverse", "negative_log", "unit")

# Display names of common sectors (CORDIS activity types map here too).
CORDIS_SECTORS = {
    "HES": "university",
    "PRC": "company",
    "REC": "research institute",
    "PUB": "government",
    "OTH": "other organisation",
}


def normalise_header(name: object) -> str:
    """Lower-case a header and drop spaces, dashes, underscores and a BOM.

    Examples
    --------
    >>> normalise_header(" Partner_ID ")
    'partnerid'
    """
    text = str(name).replace("\ufeff", "").strip().lower()
    for ch in (" ", "-", "_", "."):
        text = text.replace(ch, "")
    return text
