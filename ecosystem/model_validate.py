"""Turn raw partner/relation tables into clean ones, reporting every problem.

Hard errors (the input cannot be used as it is) are collected, all of them, and raised
together as one :class:`~ecosystem.exceptions.InputDataError`. Repairs (merged duplicate
rows, dropped self-loops, partners added because a relation names them) are recorded
as warnings in the :class:`~ecosystem.model_report.ValidationReport`; ``strict=True`` turns
every warning into an error.
"""
from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from . import schema as S
from .exceptions import InputDataError, Problem
from .model_report import ValidationReport
from .model_report import skip_bad_rows as skip_rows
from .model_cells import (_NUMERIC_DATE, DIRECTION_WORDS, _blank, _blank_mask, _clean_ids, _dates_of,
                    _missing_mask, _numbers_of, ambiguous_number, date_ambiguity, numeric_column)

MIN_YEAR, MAX_YEAR = 1000, 3000
"""Dates and years outside this range are reported as unreadable (typing mistakes)."""


def match_columns(columns, aliases: Mapping[str, tuple[str, ...]],
                  explicit: Mapping[str, str] | None = None) -> dict[str, str]:
    """Map canonical names to the table's actual column names.

    Matching is case-insensitive and ignores spaces, dashes and underscores; explicit
    choices (``{"source": "Org A"}``) win over aliases.

    Examples
    --------
    >>> match_columns(["From", "To", "Weight"], S.RELATION_ALIASES)
    {'source': 'From', 'target': 'To', 'weight': 'Weight'}
    """
    explicit = {k: v for k, v in dict(explicit or {}).items() if v}
    found: dict[str, str] = {}
    normalised = {}
    for col in columns:
        normalised.setdefault(S.normalise_header(col), col)
    used = set()
    for canonical, actual in explicit.items():
        if actual in columns:
            found[canonical] = actual
        elif S.normalise_header(actual) in normalised:
            found[canonical] = normalised[S.normalise_header(actual)]
        else:
            continue
        used.add(found[canonical])
    for canonical, names in aliases.items():
        if canonical in found:
            continue
        for alias in names:
            col = normalised.get(S.normalise_header(alias))
            if col is not None and col not in used:
                found[canonical] = col
                used.add(col)
                break
    return found


def _check_explicit(explicit: Mapping[str, str | None], relations: pd.DataFrame,
                    partners: pd.DataFrame | None, relations_file: str, partners_file: str) -> None:
    """A column the user named explicitly must exist (no silent fallback to aliases)."""
    problems = []
    for canonical, actual in explicit.items():
        if not actual:
            continue
        if canonical in S.RELATION_ALIASES and canonical not in S.PARTNER_ALIASES:
            tables = [(relations, relations_file)]
        elif canonical in S.PARTNER_ALIASES:
            tables = [(partners, partners_file)] if partners is not None else []
        else:
            continue
        for table, file in tables:
            names = {S.normalise_header(c) for c in table.columns}
            if actual not in table.columns and S.normalise_header(actual) not in names:
                problems.append(Problem(
                    f"--{canonical}-col {actual!r} is not a column; found columns: "
                    f"{', '.join(repr(str(c)) for c in table.columns) or '(none)'}",
                    file=file, column=actual, code="missing_column"))
    if problems:
        raise InputDataError(problems)


def _keep_clashing(columns, rename: Mapping[str, str], reserved: set[str], file: str,
                   problem) -> dict[str, str]:
    """New names for unmatched columns that would clash with a canonical or derived column.

    E.g. a relations file with both ``weight`` and ``strength``: ``weight`` is read as the
    weight and ``strength`` (which the model computes) is kept as ``strength_input``.
    """
    taken = set(rename.values()) | reserved
    used = set(columns) | taken
    out = {}
    for col in columns:
        if col in rename or col not in taken:
            continue
        new = f"{col}_input"
        k = 2
        while new in used:
            new = f"{col}_input{k}"
            k += 1
        used.add(new)
        out[col] = new
        problem(f"column {col!r} kept as {new!r} ({col!r} is read from another column or "
                "computed)", file, None, col, None, severity="info", code="renamed_column")
    return out


def prepare_tables(relations: pd.DataFrame, partners: pd.DataFrame | None = None, *,
                   relations_file: str = "relations", partners_file: str = "partners",
                   row_offset: int = 2, auto_add_partners: bool = True, strict: bool = False,
                   columns: Mapping[str, str] | None = None,
                   report: ValidationReport | None = None, decimal: str = ".",
                   skip_bad_rows: bool = False, date_order: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame, ValidationReport]:
    """Validate and normalise raw tables; return ``(partners, relations, report)``.

    Parameters
    ----------
    relations, partners : DataFrame
        Raw tables as read (string or mixed columns). ``partners`` may be ``None``:
        partners are then the ids the relations name.
    relations_file, partners_file : str
        Names used in messages.
    row_offset : int, default 2
        Added to the 0-based table index to give the row users see (2 = a file with one
        header row, counted from 1).
    auto_add_partners : bool, default True
        When a partner table is given, add partners that only relations name (a
        warning) instead of failing (an error).
    strict : bool, default False
        Turn every warning into an error.
    columns : mapping, optional
        Explicit column choices: ``source``, ``target``, ``type``, ``weight``, ``date``,
        ``start``, ``end``, ``year``, ``id``, ``name``, ``sector``. A chosen column that
        does not exist is an error.
    report : ValidationReport, optional
        Report to add the problems to (e.g. one that already records the encoding).
    skip_bad_rows : bool, default False
        Leave out rows whose ids, weight, dates or year cannot be read (and, without
        auto-adding, relations naming unknown partners) instead of failing; each is listed
        as a ``skipped_row`` warning and counted in ``report.rows`` (see
        :mod:`ecosystem.model_report`).
    date_order : {"dmy", "mdy"}, optional
        Order of numeric dates like ``03/04/2024``. Default: from the column (a first
        number above 12 means day first, a second above 12 month first); dates whose
        order stays unknown are errors, never guessed.
    decimal : {".", ","}, default "."
        Decimal separator of text weights. With ``"."`` a ``,`` is read as a thousands
        separator (``1,250`` = 1250); with ``","`` (European files) ``1.250,5`` = 1250.5.

    Examples
    --------
    >>> rel = pd.DataFrame({"From": ["a", "a", "b"], "To": ["b", "b", "b"]})
    >>> part, rel2, report = prepare_tables(rel)
    >>> len(rel2), report.counts()
    (1, {'duplicate_relation': 1, 'self_loop': 1})

    Raises
    ------
    InputDataError
        Listing every hard problem with file, row, column and value.
    """
    report = report or ValidationReport()
    problems: list[Problem] = []
    explicit = dict(columns or {})

    def problem(message, file, row=None, column=None, value=None, severity="error", code="invalid"):
        problems.append(Problem(message, file=file, row=row, column=column, value=value,
                                severity=severity, code=code))

    _check_explicit(explicit, relations, partners, relations_file, partners_file)
    # ---------------------------------------------------------------- relations
    rel_cols = match_columns(list(relations.columns), S.RELATION_ALIASES,
                             {k: explicit.get(k) for k in S.RELATION_ALIASES})
    missing = [c for c in (S.SOURCE, S.TARGET) if c not in rel_cols]
    if missing:
        raise InputDataError([Problem(
            f"missing required column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(repr(m) for m in missing)}; found columns: "
            f"{', '.join(repr(str(c)) for c in relations.columns) or '(none)'}. "
            "Name them source/target (or from/to), or pass --source-col/--target-col; for a "
            "participation table (one row per partner and project) use --affiliation "
            "--partner-col COL --group-col COL",
            file=relations_file, code="missing_column")])
    # Gephi's edge Type column says Directed/Undirected: not a relation type.
    directed_flags = None
    if S.TYPE in rel_cols:
        tcol = rel_cols[S.TYPE]
        values = relations[tcol].dropna().astype(str).str.strip().str.lower()
        if len(values) and values.isin(S.GEPHI_DIRECTION_VALUES).all() and S.TYPE not in explicit:
            directed_flags = relations[tcol].astype(str).str.strip().str.lower().eq("directed")
            gephi_type_col = tcol
            del rel_cols[S.TYPE]
            other = match_columns([c for c in relations.columns if c != tcol],
                                  {S.TYPE: tuple(a for a in S.RELATION_ALIASES[S.TYPE] if a != "type")})
            if S.TYPE in other:
                rel_cols[S.TYPE] = other[S.TYPE]
    if directed_flags is None:  # Kumu's "Direction", a "directed" flag column, 방향
        used = set(rel_cols.values())
        for col in relations.columns:
            if col in used or S.normalise_header(col) not in ("direction", "directed", "방향"):
                continue
            values = relations[col].map(lambda v: "" if _blank(v) else str(v).strip().lower())
            if values.isin(DIRECTION_WORDS).all() and (values != "").any():
                directed_flags = values.map(DIRECTION_WORDS).fillna(False).astype(bool)
                gephi_type_col = col
                break
    rename = {actual: canonical for canonical, actual in rel_cols.items()}
    reserved = {S.STRENGTH, "_row"}
    if directed_flags is not None and gephi_type_col != "directed":
        reserved.add("directed")  # the direction flags will be written there
    rename.update(_keep_clashing(relations.columns, rename, reserved, relations_file, problem))
    rel = relations.rename(columns=rename).copy()
    if directed_flags is not None:
        rel = rel.drop(columns=[gephi_type_col])
        rel["directed"] = directed_flags.to_numpy()
    rows = rel.index.to_numpy() + row_offset
    rel["_row"] = rows

    blanks = {}
    for col in (S.SOURCE, S.TARGET):
        ids, blank = _clean_ids(rel[col])
        blanks[col] = blank
        for r in rel.loc[blank, "_row"]:
            problem(f"empty partner id in {col}", relations_file, int(r), rel_cols[col], "",
                    code="empty_id")
        rel[col] = ids
    valid_rows = ~(blanks[S.SOURCE] | blanks[S.TARGET])

    if S.WEIGHT in rel:
        raw = rel[S.WEIGHT]
        num = _numbers_of(raw, decimal)
        empty = pd.Series(False, index=raw.index)
        if num.isna().any():
            empty[num.isna()] = _blank_mask(raw[num.isna()])
        for idx in rel.index[num.isna() & ~empty]:
            value = raw.loc[idx]
            if ambiguous_number(value, decimal):
                message = (f"weight cannot be read exactly: with decimal {'point' if decimal == '.' else 'comma'} "
                           f"'{decimal}' a '{',' if decimal == '.' else '.'}' is a thousands separator only in "
                           "groups of three (1,250 / 1.250,5); for decimal commas pass --decimal , "
                           "(config data.decimal), else write the number with a point")
            else:
                message = "weight is not a number; expected a number > 0"
            problem(message, relations_file, int(rel.at[idx, "_row"]), rel_cols[S.WEIGHT], value,
                    code="bad_weight")
        for idx in rel.index[empty]:
            problem("weight is empty; counted as 1", relations_file, int(rel.at[idx, "_row"]),
                    rel_cols[S.WEIGHT], "", severity="warning", code="empty_weight")
        num = num.where(~empty, 1.0)
        bad = num.notna() & ((num <= 0) | ~np.isfinite(num.astype(float)))
        for idx in rel.index[bad]:
            problem("weight must be a finite number > 0", relations_file,
                    int(rel.at[idx, "_row"]), rel_cols[S.WEIGHT], raw.loc[idx], code="bad_weight")
        rel[S.WEIGHT] = num.astype(float)

    for dcol in (S.DATE, S.START, S.END):
        if dcol in rel:
            raw = rel[dcol]
            # years outside 1000..3000 (e.g. "-2024") are typing mistakes: unreadable
            parsed = _dates_of(raw, date_order)
            bad = parsed.isna()
            if bad.any():
                bad[bad] = ~_missing_mask(raw[bad])
            for idx in rel.index[bad]:
                value = raw.loc[idx]
                why = date_ambiguity(value, date_order)
                if why is None and isinstance(value, str) and _NUMERIC_DATE.match(value) \
                        and date_order is None:
                    why = ("the column holds both day-first (13/04/2024) and month-first "
                           "(04/13/2024) dates; write e.g. 2024-03-31, or pass --date-order dmy|mdy")
                problem(f"date cannot be read: {why}" if why else
                        f"date cannot be read; expected e.g. 2024-03-31 (years {MIN_YEAR}..{MAX_YEAR})",
                        relations_file, int(rel.at[idx, "_row"]), rel_cols[dcol], value,
                        code="bad_date")
            rel[dcol] = parsed
    if S.START in rel and S.END in rel:
        backwards = rel[S.START].notna() & rel[S.END].notna() & (rel[S.END] < rel[S.START])
        for idx in rel.index[backwards]:
            problem("end date is before start date", relations_file, int(rel.at[idx, "_row"]),
                    rel_cols[S.END], str(rel.at[idx, S.END].date()), code="bad_date")
    if S.YEAR in rel:
        raw = rel[S.YEAR]
        num = _numbers_of(raw)
        unread = num.isna()
        if unread.any():
            unread[unread] = ~_missing_mask(raw[unread])
        bad = unread | (num.notna() & ((num < MIN_YEAR) | (num > MAX_YEAR) | (num % 1 != 0)))
        for idx in rel.index[bad]:
            problem("year must be a whole year like 2021", relations_file,
                    int(rel.at[idx, "_row"]), rel_cols[S.YEAR], raw.loc[idx], code="bad_date")
        rel[S.YEAR] = num.astype("Int64") if not bad.any() else num

    if S.TYPE in rel:
        types, blank_type = _clean_ids(rel[S.TYPE])
        rel[S.TYPE] = types.where(~blank_type, S.DEFAULT_TYPE)
    else:
        rel[S.TYPE] = S.DEFAULT_TYPE

    skipped_rel: set[int] = set()
    skipped_part = 0
    if skip_bad_rows:  # leave out rows whose cells cannot be read; keep the rest
        problems[:], rows_out = skip_rows(problems, [relations_file])
        skipped_rel = rows_out.get(relations_file, set())
        valid_rows = valid_rows & ~rel["_row"].isin(skipped_rel)
    # self-loops: dropped, reported
    loops = valid_rows & (rel[S.SOURCE] == rel[S.TARGET])
    for idx in rel.index[loops]:
        problem("self-loop dropped (a partner related to itself)", relations_file,
                int(rel.at[idx, "_row"]), rel_cols[S.SOURCE], rel.at[idx, S.SOURCE],
                severity="warning", code="self_loop")
    # exact duplicate rows: merged, reported
    content = [c for c in rel.columns if c != "_row"]
    hashes = pd.util.hash_pandas_object(rel[content], index=False) if len(rel) \
        else pd.Series(dtype=np.uint64)
    considered = valid_rows & ~loops
    dups = considered & hashes.where(considered).duplicated(keep="first") & hashes.notna()
    if dups.any():
        firsts = considered & ~dups
        first_row = dict(zip(hashes[firsts], rel.loc[firsts, "_row"]))
        for idx, k in zip(rel.index[dups], hashes[dups]):
            problem(f"duplicate of row {first_row.get(k)}: merged (counted once)", relations_file,
                    int(rel.at[idx, "_row"]), None, f"{rel.at[idx, S.SOURCE]} - {rel.at[idx, S.TARGET]}",
                    severity="warning", code="duplicate_relation")
    rel = rel[valid_rows & ~loops & ~dups]
    n_read, n_dropped = len(relations), int(loops.sum() + dups.sum())

    # ---------------------------------------------------------------- partners
    if partners is not None:
        p_cols = match_columns(list(partners.columns), S.PARTNER_ALIASES,
                               {k: explicit.get(k) for k in S.PARTNER_ALIASES})
        if S.ID not in p_cols:
            if S.NAME in p_cols:  # a name column alone serves as id
                p_cols[S.ID] = p_cols.pop(S.NAME)
            else:
                raise InputDataError([Problem(
                    "missing partner id column; found columns: "
                    f"{', '.join(repr(str(c)) for c in partners.columns) or '(none)'}. "
                    "Name it id (or Id, partner, name), or pass --id-col",
                    file=partners_file, code="missing_column")])
        p_rename = {v: k for k, v in p_cols.items()}
        p_rename.update(_keep_clashing(partners.columns, p_rename, {"_row"}, partners_file, problem))
        part = partners.rename(columns=p_rename).copy()
        part["_row"] = part.index.to_numpy() + row_offset
        part[S.ID], blank = _clean_ids(part[S.ID])
        for r in part.loc[blank, "_row"]:
            problem("empty partner id", partners_file, int(r), p_cols[S.ID], "", code="empty_id")
        part = part[~blank].copy()

        dup = part[S.ID].duplicated(keep=False)
        if dup.any():
            attrs = [c for c in part.columns if c != "_row"]
            for pid, group in part[dup].groupby(S.ID, sort=False):
                first = int(group["_row"].iloc[0])
                same = group[attrs].astype(str).nunique().max() <= 1
                for r in group["_row"].iloc[1:]:
                    if same:
                        problem(f"duplicate partner id (same as row {first}): merged",
                                partners_file, int(r), p_cols[S.ID], pid, severity="warning",
                                code="duplicate_partner")
                    else:
                        problem(f"duplicate partner id with different details (first at row {first})",
                                partners_file, int(r), p_cols[S.ID], pid, code="duplicate_id")
            part = part.drop_duplicates(subset=[S.ID], keep="first")
        known = set(part[S.ID])
        # relations that name partners by their display name instead of their id
        if S.NAME in part.columns:
            names = part[S.NAME].astype(str).str.strip().str.casefold()
            unique = ~names.duplicated(keep=False) & part[S.NAME].notna()
            by_name = dict(zip(names[unique], part.loc[unique, S.ID]))
            for col in (S.SOURCE, S.TARGET):
                mask = ~rel[col].isin(known)
                if not mask.any():
                    continue
                keys = rel.loc[mask, col].astype(str).str.strip().str.casefold()
                hits = keys.map(by_name)
                matched = hits.notna()
                if matched.any():
                    rel.loc[hits.index[matched], col] = hits[matched].to_numpy()
                    problem(f"{int(matched.sum())} {col} value(s) are partner names, not ids; "
                            "matched to the partner with that name", relations_file, None,
                            rel_cols[col], None, severity="info", code="matched_by_name")
        unknown_rows = []
        for col in (S.SOURCE, S.TARGET):
            mask = ~rel[col].isin(known)
            for idx in rel.index[mask]:
                unknown_rows.append((int(rel.at[idx, "_row"]), col, rel.at[idx, col]))
        if unknown_rows:
            severity = "warning" if auto_add_partners else "error"
            for r, col, value in sorted(unknown_rows):
                msg = ("relation names a partner not in the partner table"
                       + ("; added with sector 'unknown'" if auto_add_partners else
                          "; add it to the partner table or allow auto-adding"))
                problem(msg, relations_file, r, rel_cols[col], value, severity=severity,
                        code="unknown_partner")
            if auto_add_partners:
                new = [v for v in pd.unique(pd.Series([u[2] for u in sorted(unknown_rows)]))
                       if v not in known]
                part = pd.concat([part, pd.DataFrame({S.ID: new, "_row": [None] * len(new)})],
                                 ignore_index=True)
    else:
        # first appearance, reading each relation row source then target
        ids = pd.unique(np.column_stack([rel[S.SOURCE].to_numpy(object),
                                         rel[S.TARGET].to_numpy(object)]).ravel())
        part = pd.DataFrame({S.ID: ids})
        part["_row"] = None

    # attribute columns holding only plain numbers (score: -5, -1.5) become numbers
    for col in [c for c in part.columns if c not in (S.ID, S.NAME, S.SECTOR, "_row")]:
        converted = numeric_column(part[col])
        if converted is not None:
            part[col] = converted.to_numpy() if converted.dtype == float else converted
    if S.NAME not in part:
        part[S.NAME] = part[S.ID]
    part[S.NAME] = [pid if _blank(n) else str(n).strip() for pid, n in zip(part[S.ID], part[S.NAME])]
    if S.SECTOR not in part:
        part[S.SECTOR] = S.UNKNOWN_SECTOR
    part[S.SECTOR] = part[S.SECTOR].map(lambda v: S.UNKNOWN_SECTOR if _blank(v) else str(v).strip())

    if skip_bad_rows:  # relations naming partners missing from the table (--no-auto-add)
        problems[:], rows_out = skip_rows(problems, [relations_file, partners_file])
        late = rows_out.get(relations_file, set()) - skipped_rel
        rel = rel[~rel["_row"].isin(late)]
        skipped_rel |= late
        skipped_part = len(rows_out.get(partners_file, ()))
    if partners is not None:
        used_part = int(part["_row"].notna().sum())
        report.rows["partners"] = {"read": len(partners), "skipped": skipped_part,
                                   "dropped": len(partners) - skipped_part - used_part,
                                   "used": used_part}
    report.rows["relations"] = {"read": n_read, "skipped": len(skipped_rel),
                                "dropped": n_dropped, "used": len(rel)}
    if strict:
        problems = [Problem(p.message + " (an error under --strict)", p.file, p.row, p.column,
                            p.value, "error", p.code) if p.severity == "warning" else p
                    for p in problems]
    files = list(dict.fromkeys([relations_file, partners_file] + [p.file for p in problems]))
    problems.sort(key=lambda p: (files.index(p.file), p.row if p.row is not None else 0))
    report.problems.extend(problems)
    report.sources.setdefault("relations", relations_file)
    if partners is not None:
        report.sources.setdefault("partners", partners_file)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputDataError(report.problems)
    rel = rel.drop(columns=["_row"]).reset_index(drop=True)
    part = part.drop(columns=["_row"]).reset_index(drop=True)
    return part, rel, report
