"""Partner names joined later (``--names FILE``), and readable labels for id-only data.

Participation data often identifies organisations only by a code (a CORDIS PIC, a
business registration number). :func:`join_names` joins a table ``id,name[,sector,
country...]`` onto the partners by id; :func:`fallback_labels` gives every partner that
still has no name a label from what is known about it, e.g. ``"PIC 999974553 · REC · DE"``,
so reports never show a bare 9-digit number as a name.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import schema as S
from ..exceptions import InputDataError, Problem
from ..model import Ecosystem

ID_PREFIXES = {"pic": "PIC"}
"""Partner-id column (normalised header) -> the label prefix for its ids."""


def join_names(eco: Ecosystem, path: str | Path, *, encoding: str | None = None) -> Ecosystem:
    """The ecosystem with names (and any other columns) from a table ``id,name,...`` by id.

    The first column whose header is ``id``/``pic``/... is the key (else the first column);
    ``name`` (or the second column) gives the name; other columns become or overwrite
    partner attributes. Ids the network does not have are reported (warning), as are
    duplicated ids (the first row wins); the partners' ids are never changed.

    Examples
    --------
    >>> import tempfile, os
    >>> f = os.path.join(tempfile.mkdtemp(), "names.csv")
    >>> _ = open(f, "w", encoding="utf-8").write("pic,name\\n1,KAIST\\n9,Other\\n")
    >>> eco = join_names(Ecosystem.from_edges([("1", "2")]), f)
    >>> eco.names.tolist(), [p.code for p in eco.report.problems]
    (['KAIST', '2'], ['names_unknown_id'])
    """
    from .readers import _read_partner_file
    from ..model import ValidationReport

    path = Path(path)
    if not path.exists():
        raise InputDataError([Problem(f"names file not found: {path}", file=str(path),
                                      code="file_not_found")])
    report = eco.report if eco.report is not None else ValidationReport()
    table, file, _ = _read_partner_file(path, encoding=encoding, sheet=None, report=report)
    if table.shape[1] < 2:
        raise InputDataError([Problem(
            "a names file needs two columns (id, name); found "
            f"{', '.join(map(str, table.columns)) or 'none'}", file=file, code="missing_column")])
    headers = {S.normalise_header(c): c for c in table.columns}
    key = next((headers[h] for h in ("id", "pic", "partner", "partnerid", "organisationid",
                                     "organizationid", "기관id", "기관코드") if h in headers),
               table.columns[0])
    name = next((headers[h] for h in ("name", "organisationname", "organizationname", "legalname",
                                      "기관명", "회사명", "이름") if h in headers),
                next(c for c in table.columns if c != key))
    ids = table[key].astype(str).str.strip()
    keep = ~ids.duplicated()
    problems = []
    if (~keep).any():
        problems.append(Problem(f"{int((~keep).sum())} ids appear more than once in the names "
                                "file; the first row is used", file=file, column=str(key),
                                severity="warning", code="names_duplicate_id"))
    table = table[keep.to_numpy()].assign(_id=ids[keep].to_numpy()).set_index("_id")
    unknown = table.index.difference(eco.ids)
    if len(unknown):
        problems.append(Problem(f"{len(unknown)} ids in the names file are not partners of the "
                                f"network (e.g. {unknown[0]!r}); they are ignored", file=file,
                                column=str(key), value=str(unknown[0]), severity="warning",
                                code="names_unknown_id"))
    partners = eco.partners.copy()
    pid = partners[S.ID].astype(str)
    for col in table.columns:
        if col == key:
            continue
        target = S.NAME if col == name else str(col)
        values = pid.map(table[col])
        blank = values.isna() | (values.astype(str).str.strip() == "")
        if target in partners:
            partners[target] = partners[target].where(blank, values)
        else:
            partners[target] = values.where(~blank, None)
    report.problems.extend(problems)
    report.sources.setdefault("names", str(path))
    return eco.replace(partners=partners, report=report)


def fallback_labels(eco: Ecosystem) -> Ecosystem:
    """Partners whose name is only their id get ``"PIC 999974553 · REC · DE"``-style labels.

    The label is the id (with ``PIC`` before CORDIS participant codes), then the partner's
    organisation type (or sector) and country when known, joined by `` · ``.

    Examples
    --------
    >>> p = pd.DataFrame({"id": ["999974553", "7"], "name": ["999974553", "KAIST"],
    ...                   "type": ["REC", "HES"], "country": ["DE", "KR"]})
    >>> eco = Ecosystem.from_edges([("999974553", "7")], partners=p)
    >>> fallback_labels(eco).names.tolist()
    ['999974553 · REC · DE', 'KAIST']
    """
    partners = eco.partners
    ids = partners[S.ID].astype(str)
    names = partners[S.NAME].astype(str) if S.NAME in partners else ids
    bare = (names.str.strip() == ids.str.strip()) | (names.str.strip() == "")
    if not bare.any():
        return eco
    source = (eco.metadata or {}).get("source", {}) if isinstance(eco.metadata, dict) else {}
    info = source.get("affiliation", {}) if isinstance(source, dict) else {}
    pcol = S.normalise_header(str(info.get("partner_col", ""))) if isinstance(info, dict) else ""
    prefix = ID_PREFIXES.get(pcol, "")
    cols = {S.normalise_header(c): c for c in partners.columns}
    kind = next((cols[c] for c in ("type", "activitytype", "orgtype") if c in cols), None)
    if kind is None and S.SECTOR in partners:
        kind = S.SECTOR
    country = next((cols[c] for c in ("country", "countrycode", "국가") if c in cols), None)
    parts = [(prefix + " " if prefix else "") + ids]
    for col in (kind, country):
        if col is not None:
            v = partners[col].astype(object).where(partners[col].notna(), "").astype(str).str.strip()
            v = v.where(~v.isin(["", S.UNKNOWN_SECTOR, "nan"]), "")
            parts.append(v)
    label = parts[0]
    for v in parts[1:]:
        label = label.where(v == "", label + " · " + v)
    out = partners.copy()
    out[S.NAME] = names.where(~bare, label)
    return eco.replace(partners=out)


__all__ = ["join_names", "fallback_labels"]
