"""Affiliation data: who took part in which project, projected to a partner network.

A participation table has one row per (partner, project) pair — e.g. CORDIS Horizon
2020 (``rcn`` = project, ``pic`` = organisation, ``type``, ``country``, ``role``,
``start_year``...), consortium member lists, board memberships. Two partners are tied
when they share a project; the projection is vectorised (no Python loop over pairs).

Weighting (``weighting=``)
--------------------------
``count``
    Each shared project adds 1: ``w_ij = sum_p 1`` = number of shared projects.
``newman``
    Each shared project ``p`` with ``n_p`` members adds ``1 / (n_p - 1)`` (Newman 2001,
    *Phys. Rev. E* 64, 016132): a partner's ties in one project sum to 1, so a
    150-member consortium does not outweigh a close 3-partner project.

Output (``output=``)
--------------------
``relations`` (default)
    One relation row per (pair, shared project) with ``project`` (the group id) and
    ``year`` when known; the model aggregates them into ties (strength = sum of
    weights, ``count`` = shared projects), so snapshots over time stay possible.
``ties``
    One relation row per pair (``weight`` = summed weight, ``projects`` = shared
    projects, ``first_year``/``last_year``): smaller for very large tables.

Partners are every organisation in the table (also those without a co-participant,
which stay as isolates), with ``sector`` from the CORDIS activity ``type`` (HES, PRC,
REC, PUB, OTH, see ``schema.CORDIS_SECTORS``) or a sector column, every column that is
constant per partner (``country``...), ``projects`` (number of projects) and, when a
``role`` column exists, ``coordinated`` (number of projects coordinated).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np
import pandas as pd

from .. import schema as S
from ..exceptions import InputDataError, InvalidParameterError, Problem
from ..model import ValidationReport

PARTNER_COL_ALIASES = ("pic", "partner", "partnerid", "organisationid", "organizationid", "orgid",
                       "organisation", "organization", "org", "company", "member", "participant",
                       "actor", "person", "id", "기관", "기관id", "기관코드", "기관명", "참여기관", "회사")
NAME_COL_ALIASES = ("name", "orgname", "organisationname", "organizationname", "legalname",
                    "partnername", "companyname", "participantname", "기관명", "회사명",
                    "기업명", "참여기관명")
GROUP_COL_ALIASES = ("rcn", "project", "projectid", "projectrcn", "projectacronym", "consortium",
                     "event", "board", "committee", "team", "grant", "grantid", "과제", "과제번호",
                     "과제명", "사업", "프로젝트", "컨소시엄")
YEAR_COL_ALIASES = ("startyear", "year", "start", "startdate", "date", "연도", "년도", "시작연도")
WEIGHTINGS = ("count", "newman")
OUTPUTS = ("relations", "ties")
RELATION_TYPE = "co-participation"


@dataclass
class Projection:
    """Result of :func:`project_affiliations`: clean tables ready for ``Ecosystem``."""

    partners: pd.DataFrame
    relations: pd.DataFrame
    report: ValidationReport
    info: dict[str, Any] = field(default_factory=dict)


def looks_like_affiliation(columns) -> bool:
    """True for a table with a project column and an organisation column but no source/target.

    Examples
    --------
    >>> looks_like_affiliation(["rcn", "role", "pic", "type", "country"])
    True
    >>> looks_like_affiliation(["source", "target", "weight"])
    False
    """
    from ..model_validate import match_columns

    cols = match_columns(list(columns), S.RELATION_ALIASES)
    if S.SOURCE in cols and S.TARGET in cols:
        return False
    norm = {S.normalise_header(c) for c in columns}
    return bool(norm & {"rcn", "projectrcn"}) and bool(norm & {"pic", "orgid", "organisationid",
                                                                "organizationid"})


def _find(columns, explicit: str | None, aliases: tuple[str, ...], what: str, option: str,
          file: str, *, required: bool = True, exclude: tuple[str, ...] = ()) -> str | None:
    if explicit:
        if explicit in columns:
            return explicit
        lookup = {S.normalise_header(c): c for c in columns}
        if S.normalise_header(explicit) in lookup:
            return lookup[S.normalise_header(explicit)]
        raise InputDataError([Problem(
            f"{option} {explicit!r} is not a column; columns: "
            f"{', '.join(repr(str(c)) for c in columns)}", file=file, column=explicit,
            code="missing_column")])
    lookup: dict[str, str] = {}
    for c in columns:
        if c not in exclude:
            lookup.setdefault(S.normalise_header(c), c)
    for alias in aliases:
        if alias in lookup:
            return lookup[alias]
    if required:
        raise InputDataError([Problem(
            f"cannot tell which column holds the {what}; columns: "
            f"{', '.join(repr(str(c)) for c in columns)}. Pass {option} COLUMN",
            file=file, code="missing_column")])
    return None


def _blank_mask(values: pd.Series) -> np.ndarray:
    return (values.isna() | values.astype(str).str.strip().eq("")).to_numpy()


def _ids(values: pd.Series) -> pd.Series:
    out = values.astype(str).str.strip()
    # Excel/float ids like 999984059.0 -> 999984059
    return out.str.replace(r"^(-?\d+)\.0+$", r"\1", regex=True)


def pair_indices(group_codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All within-group pairs ``(i, j)``, ``i < j``, of rows sorted by group (vectorised).

    Examples
    --------
    >>> a, b = pair_indices(np.array([0, 0, 0, 1, 1]))
    >>> list(zip(a.tolist(), b.tolist()))
    [(0, 1), (0, 2), (1, 2), (3, 4)]
    """
    g = np.asarray(group_codes)
    n = len(g)
    if n == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    sizes = np.diff(np.r_[starts, n])
    pos = np.arange(n) - np.repeat(starts, sizes)
    size_of_row = np.repeat(sizes, sizes)
    counts = size_of_row - 1 - pos
    total = int(counts.sum())
    left = np.repeat(np.arange(n, dtype=np.int64), counts)
    offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    right = left + 1 + offsets
    return left, right


def project_affiliations(participations: pd.DataFrame, *, partner_col: str | None = None,
                         group_col: str | None = None, year_col: str | None = None,
                         end_col: str | None = None,
                         weighting: str = "count", output: str = "relations",
                         max_group_size: int | None = None, file: str = "participations",
                         strict: bool = False, report: ValidationReport | None = None,
                         row_offset: int = 0, skip_bad_rows: bool = False,
                         name_col: str | None = None,
                         sector_col: str | None = None,
                         attribute_cols: Mapping[str, str] | None = None) -> Projection:
    """Project a partner x project participation table onto partners.

    Parameters
    ----------
    participations : DataFrame
        One row per participation. Its index + ``row_offset`` gives the row users see.
    partner_col, group_col : str, optional
        Columns with the partner id and the project id (default: detected, e.g. ``pic``
        and ``rcn`` for CORDIS).
    year_col : str, optional
        Column with the project's year (default: ``start_year``/``year``/``start_date``
        when present); kept on each relation as ``year``.
    end_col : str, optional
        Column with the project's end (a year or a date; never guessed): each relation gets
        ``end`` = the last day of the project's latest end year, so a project is active
        through its last year (the evolution drops it afterwards; the risk matrix's
        dormancy reads it).
    weighting : {"count", "newman"}
        See module notes.
    output : {"relations", "ties"}
        One relation per shared project (default) or one per pair.
    max_group_size : int, optional
        Skip projects with more members than this (each skipped project is reported
        as a warning); by default every project is used.
    strict : bool
        Warnings (merged duplicate participations, skipped projects) become errors.
    skip_bad_rows : bool
        Leave out rows with an empty partner/project id or an unreadable year (each listed
        as a ``skipped_row`` warning, counted in ``report.rows``) instead of failing.
    name_col, sector_col : str, optional
        The participation table's organisation-name and sector (or type) columns
        (``--name-col`` / ``--sector-col``); by default a column named like ``name``,
        ``organisation name``, ``legal name``, ``기관명`` or ``sector`` / ``type`` is used.
        A partner's value is its most frequent one over its rows (names can vary
        between projects; the number of partners with several spellings is reported).
    attribute_cols : mapping, optional
        Other partner columns by role (e.g. ``{"country": "Country"}``): renamed to the
        role and taken the same way.

    Raises
    ------
    InputDataError
        Listing every empty id, bad year or missing column.

    Examples
    --------
    >>> t = pd.DataFrame({"project": ["p1", "p1", "p1", "p2", "p2"],
    ...                   "org": ["a", "b", "c", "a", "b"]})
    >>> proj = project_affiliations(t)
    >>> proj.relations.groupby(["source", "target"]).size().to_dict()
    {('a', 'b'): 2, ('a', 'c'): 1, ('b', 'c'): 1}
    >>> newman = project_affiliations(t, weighting="newman", output="ties").relations
    >>> newman.set_index(["source", "target"])["weight"].round(3).to_dict()
    {('a', 'b'): 1.5, ('a', 'c'): 0.5, ('b', 'c'): 0.5}
    """
    if weighting not in WEIGHTINGS:
        raise InvalidParameterError(f"projection weighting must be one of {', '.join(WEIGHTINGS)}, "
                                    f"got {weighting!r}")
    if output not in OUTPUTS:
        raise InvalidParameterError(f"projection output must be one of {', '.join(OUTPUTS)}, "
                                    f"got {output!r}")
    if max_group_size is not None and max_group_size < 2:
        raise InvalidParameterError(f"max_group_size must be >= 2, got {max_group_size!r}")
    report = report or ValidationReport()
    problems: list[Problem] = []
    columns = list(participations.columns)
    pcol = _find(columns, partner_col, PARTNER_COL_ALIASES, "partner (organisation) id",
                 "--partner-col", file)
    gcol = _find(columns, group_col, GROUP_COL_ALIASES, "project (group) id", "--group-col", file,
                 exclude=(pcol,))
    if pcol == gcol:
        raise InvalidParameterError(f"partner and group columns must differ (both {pcol!r})")
    ycol = _find(columns, year_col, YEAR_COL_ALIASES, "year", "--year-col", file, required=False,
                 exclude=(pcol, gcol))
    df = participations
    rows = df.index.to_numpy() + row_offset

    def problem(msg, row, column, value, severity="error", code="invalid"):
        problems.append(Problem(msg, file=file, row=int(row) if row is not None else None,
                                column=column, value=value, severity=severity, code=code))

    blank_p = _blank_mask(df[pcol])
    blank_g = _blank_mask(df[gcol])
    for r in rows[blank_p]:
        problem("empty partner id", r, pcol, "", code="empty_id")
    for r in rows[blank_g]:
        problem("empty project id", r, gcol, "", code="empty_id")
    keep = ~(blank_p | blank_g)
    pid = _ids(df[pcol])
    gid = _ids(df[gcol])

    def read_years(col: str, what: str) -> np.ndarray:
        """The column's years (a year or a date per row; NaN when empty), every
        unreadable value a problem."""
        raw = df[col]
        text = raw.astype(str).str.strip()
        num = pd.to_numeric(text.str.replace(r"\.0+$", "", regex=True), errors="coerce")
        if num.isna().all() or (num.dropna() > 3000).any():
            num = pd.to_datetime(raw, errors="coerce", format="mixed").dt.year.astype("float")
        from ..model_cells import MISSING_MARKERS

        missing = _blank_mask(raw) | text.str.lower().isin(MISSING_MARKERS).to_numpy()
        bad = num.isna().to_numpy() & ~missing | (num.notna() & ((num < 1000) | (num > 3000))).to_numpy()
        for r, v in zip(rows[bad], raw.to_numpy()[bad]):
            problem(f"{what} cannot be read; expected e.g. 2019 or 2019-03-01", r, col, v,
                    code="bad_date")
        return num.to_numpy(float)

    years = read_years(ycol, "year") if ycol is not None else None
    # the project's end: only when named (--end-col), never guessed
    ecol = _find(columns, end_col, (), "project end", "--end-col", file, required=False) \
        if end_col else None
    ends = read_years(ecol, "project end") if ecol is not None else None

    n_skipped = 0
    if skip_bad_rows:  # leave out rows with an empty id or an unreadable year
        from ..model_report import skip_bad_rows as skip_rows

        problems[:], rows_out = skip_rows(problems, [file])
        bad_rows = np.isin(rows, list(rows_out.get(file, ())))
        keep = keep & ~bad_rows
        n_skipped = int(bad_rows.sum())
    # duplicate participations (same partner, same project): merged
    key = pd.DataFrame({"p": pid, "g": gid})
    dup = keep & key.duplicated(keep="first").to_numpy()
    if dup.any():
        first = key[keep & ~dup].reset_index(drop=True)
        first_rows = dict(zip(zip(first["p"], first["g"]), rows[keep & ~dup]))
        for r, p, g in zip(rows[dup], pid.to_numpy()[dup], gid.to_numpy()[dup]):
            problem(f"duplicate participation of the same partner in the same project "
                    f"(first at row {first_rows.get((p, g))}): merged", r, pcol, p,
                    severity="warning", code="duplicate_participation")
    use = keep & ~dup

    p_codes, p_uniques = pd.factorize(pid[keep], sort=False)
    partner_ids = np.asarray(p_uniques, dtype=object)
    g_codes_all, g_uniques = pd.factorize(gid[use], sort=False)
    p_use = pd.Index(partner_ids).get_indexer(pid[use])
    sizes = np.bincount(g_codes_all, minlength=len(g_uniques))
    skipped = np.zeros(len(g_uniques), dtype=bool)
    if max_group_size is not None:
        skipped = sizes > max_group_size
        for g in np.flatnonzero(skipped):
            problem(f"project with {int(sizes[g])} members (more than max_group_size="
                    f"{max_group_size}) skipped: its members are not tied through it", None, gcol,
                    str(g_uniques[g]), severity="warning", code="giant_group")

    if strict:
        problems = [Problem(p.message + " (an error under --strict)", p.file, p.row, p.column,
                            p.value, "error", p.code) if p.severity == "warning" else p
                    for p in problems]
    report.problems.extend(problems)
    report.sources.setdefault("participations", file)
    report.rows["participations"] = {"read": len(df), "skipped": n_skipped,
                                     "dropped": int(dup.sum()), "used": int(use.sum())}
    if any(p.severity == "error" for p in problems):
        raise InputDataError(report.problems)

    # ---------------------------------------------------------------- partners
    part = pd.DataFrame({S.ID: partner_ids})
    sub = df[keep]
    codes = pd.Series(p_codes, index=sub.index)
    constant_cols = []
    skip_cols = {pcol, gcol}
    for col in columns:
        if col in skip_cols:
            continue
        nun = sub[col].groupby(codes.to_numpy()).nunique(dropna=True)
        if len(nun) and nun.max() <= 1:
            constant_cols.append(col)
    if constant_cols:
        firsts = sub[constant_cols].groupby(codes.to_numpy()).first()
        for col in constant_cols:
            name = col if col not in (S.ID, "projects", "coordinated") else f"{col}_attr"
            part[name] = firsts[col].reindex(range(len(part))).to_numpy()
    type_col = next((c for c in constant_cols if S.normalise_header(c) in ("type", "activitytype",
                                                                          "orgtype")), None)
    explicit_sector = sector_col
    sector_col = next((c for c in constant_cols if S.normalise_header(c) in ("sector", "섹터")), None)
    # the table's own organisation columns (name, sector, country...): most frequent value
    wanted = dict(attribute_cols or {})
    if name_col is None:
        name_col = next((c for c in columns if c not in skip_cols
                         and S.normalise_header(c) in NAME_COL_ALIASES), None)
    if name_col is not None:
        wanted[S.NAME] = name_col
    if explicit_sector is not None:
        wanted[S.SECTOR] = explicit_sector
    for role, col in wanted.items():
        if col not in columns:
            raise InputDataError([Problem(
                f"column {col!r} (the partners' {role}) is not in the participation table; "
                f"columns: {', '.join(map(str, columns))}", file=file, column=col,
                code="missing_column")])
        values = sub[col].astype(object).where(sub[col].notna(), None)
        frame = pd.DataFrame({"p": codes.to_numpy(), "v": values.to_numpy()}).dropna()
        frame = frame[frame["v"].astype(str).str.strip() != ""]
        counts = frame.groupby(["p", "v"], sort=True).size().reset_index(name="k")
        counts = counts.sort_values(["p", "k"], ascending=[True, False], kind="stable")
        varying = int((counts.groupby("p").size() > 1).sum())
        best = counts.drop_duplicates("p").set_index("p")["v"]
        part[role] = best.reindex(range(len(part))).to_numpy()
        if varying:
            report.problems.append(Problem(
                f"{varying} partners have more than one {role} in column {col!r}; the most "
                "frequent one is used", file=file, column=col, severity="info",
                code="varying_partner_attribute"))
    if explicit_sector is not None:
        sector_col = None
        type_col = None
        mapped = part[S.SECTOR].astype(str).str.strip().str.upper().map(S.CORDIS_SECTORS)
        part[S.SECTOR] = mapped.where(mapped.notna(), part[S.SECTOR])
    if sector_col is not None:
        part[S.SECTOR] = part[sector_col]
    elif type_col is not None:
        values = part[type_col].astype(str).str.strip()
        mapped = values.str.upper().map(S.CORDIS_SECTORS)
        part[S.SECTOR] = mapped.where(mapped.notna(), values)
    part[S.SECTOR] = part.get(S.SECTOR, pd.Series(S.UNKNOWN_SECTOR, index=part.index)).where(
        lambda s: s.notna() & (s.astype(str).str.strip() != ""), S.UNKNOWN_SECTOR)
    part["projects"] = np.bincount(p_use, minlength=len(part))
    role_col = next((c for c in columns if S.normalise_header(c) == "role"), None)
    if role_col is not None:
        is_coord = sub[role_col].astype(str).str.strip().str.lower().eq("coordinator").to_numpy()
        used_rows = use[keep]
        part["coordinated"] = np.bincount(p_codes[is_coord & used_rows], minlength=len(part))
    if S.NAME not in part:
        part[S.NAME] = part[S.ID]
    else:
        part[S.NAME] = part[S.NAME].where(part[S.NAME].notna(), part[S.ID]).astype(str)

    # ---------------------------------------------------------------- pairs
    active = ~skipped[g_codes_all]
    g_act = g_codes_all[active]
    p_act = p_use[active]
    order = np.lexsort((p_act, g_act))
    g_sorted = g_act[order]
    p_sorted = p_act[order]
    left, right = pair_indices(g_sorted)
    src = p_sorted[left]
    dst = p_sorted[right]
    pair_group = g_sorted[left]
    n_members = sizes[pair_group].astype(float)
    weight = np.ones(len(src)) if weighting == "count" else 1.0 / (n_members - 1.0)
    a = np.minimum(src, dst)
    b = np.maximum(src, dst)
    year_of_group = None
    if years is not None:
        gy = pd.Series(years[use]).groupby(g_codes_all).min()
        year_of_group = gy.reindex(range(len(g_uniques))).to_numpy(float)
    end_of_group = None
    if ends is not None:  # a project ends with its latest end year
        ge = pd.Series(ends[use]).groupby(g_codes_all).max()
        end_of_group = ge.reindex(range(len(g_uniques))).to_numpy(float)

    if output == "relations":
        rel = pd.DataFrame({S.SOURCE: partner_ids[a], S.TARGET: partner_ids[b],
                            S.TYPE: RELATION_TYPE, S.WEIGHT: weight,
                            "project": np.asarray(g_uniques, dtype=object)[pair_group],
                            "members": sizes[pair_group]})
        if year_of_group is not None:
            rel[S.YEAR] = pd.array(year_of_group[pair_group], dtype="Float64").astype("Int64") \
                if np.isfinite(year_of_group[pair_group]).all() else year_of_group[pair_group]
        if end_of_group is not None:  # active through the last day of the end year
            e = pd.Series(end_of_group[pair_group]).astype("Int64").astype("string")
            rel[S.END] = (e + "-12-31").astype(object).where(e.notna(), None).to_numpy()
    else:
        key = a.astype(np.int64) * len(partner_ids) + b
        frame = pd.DataFrame({"k": key, "w": weight})
        if year_of_group is not None:
            frame["y"] = year_of_group[pair_group]
        grouped = frame.groupby("k", sort=True)
        agg = grouped["w"].agg(["sum", "size"])
        ks = agg.index.to_numpy()
        rel = pd.DataFrame({S.SOURCE: partner_ids[ks // len(partner_ids)],
                            S.TARGET: partner_ids[ks % len(partner_ids)],
                            S.TYPE: RELATION_TYPE, S.WEIGHT: agg["sum"].to_numpy(float),
                            "projects": agg["size"].to_numpy(np.int64)})
        if year_of_group is not None:
            rel["first_year"] = grouped["y"].min().to_numpy()
            rel["last_year"] = grouped["y"].max().to_numpy()
    info = {"partner_col": pcol, "group_col": gcol, "year_col": ycol, "end_col": ecol,
            "weighting": weighting,
            "output": output, "max_group_size": max_group_size,
            "participations": int(use.sum()), "projects": int(len(g_uniques)),
            "projects_skipped": int(skipped.sum()), "pair_project_rows": int(len(src)),
            "largest_project": int(sizes.max()) if len(sizes) else 0}
    return Projection(part, rel, report, info)


def merge_partner_table(projected: pd.DataFrame, table: pd.DataFrame, *, file: str,
                        columns: Mapping[str, str] | None = None, auto_add_partners: bool = True,
                        strict: bool = False, report: ValidationReport,
                        row_offset: int = 0) -> pd.DataFrame:
    """Join a user's partner table (names, sectors...) onto the projected partners.

    The user's columns win; partners only in the table stay (as isolates); partners only
    in the participations are added with a warning (an error with
    ``auto_add_partners=False`` or ``strict``).
    """
    from ..model_validate import prepare_tables

    # validate the partner table alone (ids, duplicates) with an empty relation table
    empty = pd.DataFrame({S.SOURCE: pd.Series(dtype=object), S.TARGET: pd.Series(dtype=object)})
    part, _, _ = prepare_tables(empty, table, partners_file=file, row_offset=row_offset,
                                auto_add_partners=True, strict=strict, columns=columns,
                                report=report)
    explicit = dict(columns or {})
    has_sector = bool(explicit.get(S.SECTOR)) or any(
        S.normalise_header(c) in {S.normalise_header(a) for a in S.PARTNER_ALIASES[S.SECTOR]}
        for c in table.columns)
    known = set(part[S.ID])
    missing = projected[~projected[S.ID].isin(known)]
    if len(missing):
        severity = "error" if (strict or not auto_add_partners) else "warning"
        for pid in missing[S.ID]:
            report.problems.append(Problem(
                "partner takes part in projects but is not in the partner table"
                + ("; added from the participation data" if severity == "warning" else ""),
                file=file, column=S.ID, value=pid, severity=severity, code="unknown_partner"))
        if severity == "error":
            raise InputDataError(report.problems)
    extra = [c for c in projected.columns if c != S.ID and c not in part.columns]
    merged = part.merge(projected[[S.ID] + extra], on=S.ID, how="left")
    if not has_sector:  # the partner table has no sector: keep the projected one
        merged[S.SECTOR] = projected.set_index(S.ID)[S.SECTOR].reindex(merged[S.ID]).fillna(
            S.UNKNOWN_SECTOR).to_numpy()
    added = missing.copy()
    out = pd.concat([merged, added], ignore_index=True)
    if "projects" in out:
        out["projects"] = out["projects"].fillna(0).astype(np.int64)
    return out
