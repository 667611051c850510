"""Relational survey exports: each respondent organisation rates the partners it works with.

Two layouts, as exported by common form tools (Google Forms, SurveyMonkey, Qualtrics,
네이버 폼), from CSV/TSV (any encoding, see :mod:`ecosystem.io.encodings`) or XLSX:

* **long**: one row per answer, columns respondent, partner, question, answer
  (and optionally wave);
* **wide**: one row per respondent–partner pair, one column per question.

Headers are recognised in English and Korean (응답기관, 파트너, 문항, 응답, 차수, 신뢰성,
미션 공유, 개방성, 영향력, 참여도, 자원 기여, 신뢰, 가치, 협력 빈도 ...); a **question map**
(``questions={"reliability": "Q3 믿을 수 있는 기관", ...}``, or ``survey.questions`` in the
configuration) names the columns (wide) or question labels (long) that are not.

Indicators follow the PARTNER Tool (Varda et al. 2008, 2012): trust = reliability,
shared mission, openness to discussion; value = power/influence, level of involvement,
resource contribution; each on a 1-4 scale. A survey may instead ask one direct ``trust``
and/or ``value`` question, and may add ``frequency`` (협력 빈도, not scored). Answers
outside the scale, text that is not a number, unknown respondents or partners, self
ratings and conflicting duplicate answers raise one
:class:`~ecosystem.exceptions.InputDataError` listing every problem with file, row,
column and value. A blank answer is "no answer" (kept out of every mean and counted).
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from ..exceptions import InputDataError, InvalidParameterError, Problem

TRUST_ITEMS = ("reliability", "mission", "openness")
VALUE_ITEMS = ("power", "involvement", "resources")
#: Every indicator the engine knows: the six PARTNER items, direct trust/value, frequency.
INDICATORS = TRUST_ITEMS + VALUE_ITEMS + ("trust", "value", "frequency")
DEFAULT_SCALE = (1.0, 4.0)

ROLE_ALIASES: dict[str, tuple[str, ...]] = {
    "respondent": ("respondent", "respondent id", "respondent organisation",
                   "respondent organization", "rater", "organisation", "organization", "from",
                   "ego", "source", "응답기관", "응답자", "응답 기관", "평가기관", "평가 기관", "기관"),
    "partner": ("partner", "partner id", "partner organisation", "partner organization", "rated",
                "rated partner", "alter", "target", "to", "about", "파트너", "상대기관", "상대 기관",
                "협력기관", "협력 기관", "평가대상", "평가 대상", "대상기관"),
    "question": ("question", "item", "indicator", "dimension", "문항", "질문", "지표", "항목"),
    "answer": ("answer", "response", "value", "score", "rating", "응답", "답변", "점수", "평점",
               "응답값"),
    "wave": ("wave", "round", "survey wave", "survey round", "date", "survey date", "year",
             "period", "차수", "조사차수", "조사 차수", "회차", "조사시점", "조사 시점", "조사일",
             "시점", "연도"),
}
INDICATOR_ALIASES: dict[str, tuple[str, ...]] = {
    "reliability": ("reliability", "reliable", "trust reliability", "신뢰성", "신뢰도", "믿음",
                    "약속 이행"),
    "mission": ("mission", "shared mission", "mission congruence", "in support of mission",
                "미션", "미션 공유", "목표 공유", "공동 목표", "사명 공유"),
    "openness": ("openness", "open to discussion", "openness to discussion", "개방성",
                 "소통 개방성", "열린 소통", "소통"),
    "power": ("power", "influence", "power influence", "power/influence", "영향력", "권한"),
    "involvement": ("involvement", "level of involvement", "참여도", "참여 수준", "참여"),
    "resources": ("resources", "resource contribution", "resource", "contributing resources",
                  "자원 기여", "자원", "자원기여"),
    "trust": ("trust", "overall trust", "신뢰", "전반적 신뢰"),
    "value": ("value", "overall value", "가치", "전반적 가치"),
    "frequency": ("frequency", "contact frequency", "frequency of collaboration",
                  "collaboration frequency", "협력 빈도", "협력빈도", "교류 빈도", "빈도"),
}


def _norm(text: Any) -> str:
    """Header/label key: NFKC, case-folded, separators removed (``"Shared-Mission"`` -> ``sharedmission``)."""
    s = unicodedata.normalize("NFKC", str(text)).casefold().strip()
    return re.sub(r"[\s_\-./:()\[\]]+", "", s)


_ROLE_KEYS = {role: {_norm(a) for a in aliases} for role, aliases in ROLE_ALIASES.items()}
_IND_KEYS = {ind: {_norm(a) for a in aliases} for ind, aliases in INDICATOR_ALIASES.items()}
_NUMBER = re.compile(r"^\s*([+-]?\d+(?:[.,]\d+)?)")


@dataclass
class Survey:
    """A relational survey, validated: one row per answer.

    Attributes
    ----------
    ratings : DataFrame
        ``wave, respondent, partner, indicator, value, row`` (respondent and partner are
        partner ids when read against an ecosystem; ``row`` is the file row a user sees;
        ``value`` is NaN for a blank answer).
    responded : DataFrame
        ``wave, respondent``: who answered in each wave (a row with a blank partner
        records a respondent who named no partner).
    waves : list of str
        Wave labels in time order.
    scales : dict
        Indicator -> (lowest, highest) answer.
    file : str
    layout : {"long", "wide"}
    columns : dict
        Role or indicator -> the header it was read from.
    problems : list of Problem
        Warnings (identical duplicate answers merged, columns not used).
    """

    ratings: pd.DataFrame
    responded: pd.DataFrame
    waves: list[str]
    scales: dict[str, tuple[float, float]]
    file: str = "survey"
    layout: str = "wide"
    columns: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def indicators(self) -> list[str]:
        present = set(self.ratings["indicator"].unique())
        return [i for i in INDICATORS if i in present]

    def __repr__(self) -> str:
        return (f"Survey({Path(self.file).name!r}: {len(self.ratings):,} answers, "
                f"{self.ratings['respondent'].nunique():,} respondents, waves {self.waves})")


def _scales(scale: Sequence[float] | Mapping[str, Sequence[float]] | None) -> dict[str, tuple[float, float]]:
    out = {ind: DEFAULT_SCALE for ind in INDICATORS}
    out["frequency"] = (1.0, 5.0)
    if scale is None:
        return out
    if isinstance(scale, Mapping):
        items = scale.items()
    else:
        items = [(ind, scale) for ind in INDICATORS if ind != "frequency"]
    for ind, rng in items:
        if ind not in out:
            raise InvalidParameterError(f"survey scale: unknown indicator {ind!r}; known: "
                                        f"{', '.join(INDICATORS)}")
        try:
            lo, hi = (float(rng[0]), float(rng[1]))
        except (TypeError, ValueError, IndexError):
            raise InvalidParameterError(f"survey scale for {ind!r} must be [lowest, highest], "
                                        f"got {rng!r}") from None
        if not hi > lo:
            raise InvalidParameterError(f"survey scale for {ind!r}: highest must exceed lowest, "
                                        f"got {rng!r}")
        out[ind] = (lo, hi)
    return out


def _read_frame(path: Path, *, encoding: str | None, sheet: Any) -> pd.DataFrame:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputDataError([Problem("survey file not found", file=str(path), code="missing_file")])
    if suffix in (".xlsx", ".xlsm"):
        from .excel import _open, sheet_frame

        wb = _open(path)
        try:
            names = wb.sheetnames
            if sheet is None:
                ws = wb[names[0]]
            elif isinstance(sheet, int) or (isinstance(sheet, str) and sheet.isdigit()):
                k = int(sheet)
                if not 1 <= k <= len(names):
                    raise InvalidParameterError(f"survey sheet {sheet!r}: the workbook has "
                                                f"{len(names)} sheets ({', '.join(names)})")
                ws = wb[names[k - 1]]
            elif sheet in names:
                ws = wb[sheet]
            else:
                raise InvalidParameterError(f"survey sheet {sheet!r} not found; sheets: "
                                            f"{', '.join(names)}")
            frame = sheet_frame(ws, file=str(path))
        finally:
            wb.close()
        return frame.map(_cell_text) if len(frame) else frame.astype(str)
    if suffix == ".xls":
        raise InputDataError([Problem("old .xls workbooks are not read; save as .xlsx or CSV",
                                      file=str(path), code="bad_file")])
    from .tables import read_delimited

    return read_delimited(path, encoding=encoding).frame


def _cell_text(v: Any) -> str:
    """An Excel cell as the text a CSV export would hold (3.0 -> "3", dates as ISO dates)."""
    import datetime as dt

    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def _find(columns: Sequence[str], role: str, given: str | None, file: str) -> str | None:
    if given:
        if given in columns:
            return given
        hits = [c for c in columns if _norm(c) == _norm(given)]
        if hits:
            return hits[0]
        raise InputDataError([Problem(
            f"survey column {given!r} (for {role}) not found; columns: {', '.join(columns)}",
            file=file, column=given, code="missing_column")])
    for c in columns:
        if _norm(c) in _ROLE_KEYS[role]:
            return c
    return None


def _indicator_of(label: Any, questions: Mapping[str, str]) -> str | None:
    key = _norm(label)
    for ind, q in questions.items():
        if _norm(q) == key:
            return ind
    for ind, keys in _IND_KEYS.items():
        if key in keys:
            return ind
    return None


def _resolver(eco: Any):
    """Map survey labels (ids or names, case/space-insensitive) to partner ids."""
    if eco is None:
        return None, []
    ids = pd.Index(eco.ids.astype(str))
    names = eco.names.astype(str).to_numpy()
    lookup: dict[str, str] = {}
    for i, n in zip(ids, names):  # names first, ids win on a clash
        lookup.setdefault(_norm(n), i)
    for i in ids:
        lookup[_norm(i)] = i
    exact = {i: i for i in ids}
    return (lambda v: exact.get(v) or lookup.get(_norm(v))), list(names)


def read_survey(path: str | Path, *, eco: Any = None, questions: Mapping[str, str] | None = None,
                scale: Sequence[float] | Mapping[str, Sequence[float]] | None = None,
                columns: Mapping[str, str | None] | None = None, encoding: str | None = None,
                sheet: Any = None, ignore: Sequence[str] = ()) -> Survey:
    """Read and validate a relational survey export (long or wide, CSV or XLSX).

    Parameters
    ----------
    path : str or Path
    eco : Ecosystem, optional
        When given, respondents and partners (ids or names) must be partners of it and
        are stored as its ids; unknown ones are errors with close matches.
    questions : mapping, optional
        Indicator -> column header (wide) or question label (long) for headers the
        built-in English/Korean names do not recognise, e.g.
        ``{"reliability": "Q3", "resources": "자원을 제공함"}``.
    scale : (low, high) or mapping of indicator -> (low, high), optional
        Answer range (default 1-4 for every indicator, 1-5 for frequency).
    columns : mapping, optional
        Role -> header for ``respondent, partner, question, answer, wave``.
    encoding, sheet
        Text encoding (default: detected) and Excel sheet (default: the first).
    ignore : sequence of str
        Columns (wide) or question labels (long) that are not relationship ratings
        (e.g. demographics); they are skipped and listed in ``problems``.

    Returns
    -------
    Survey

    Raises
    ------
    InputDataError
        Every bad answer, unknown organisation or missing column, with file/row/column/value.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); p = os.path.join(d, "s.csv")
    >>> _ = open(p, "w", encoding="utf-8").write(
    ...     "응답기관,파트너,신뢰성,미션 공유,개방성\\nA,B,4,3,3\\nB,A,2,3,4\\n")
    >>> s = read_survey(p)
    >>> s.layout, s.indicators, float(s.ratings["value"].sum())
    ('wide', ['reliability', 'mission', 'openness'], 19.0)
    """
    path = Path(path)
    file = str(path)
    frame = _read_frame(path, encoding=encoding, sheet=sheet)
    cols = [str(c) for c in frame.columns]
    given = {k: v for k, v in dict(columns or {}).items() if v}
    unknown_roles = set(given) - set(ROLE_ALIASES)
    if unknown_roles:
        raise InvalidParameterError(f"survey columns: unknown role {sorted(unknown_roles)[0]!r}; "
                                    f"roles: {', '.join(ROLE_ALIASES)}")
    qmap = {str(k): str(v) for k, v in dict(questions or {}).items()}
    bad_ind = [k for k in qmap if k not in INDICATORS]
    if bad_ind:
        raise InvalidParameterError(f"survey questions: unknown indicator {bad_ind[0]!r}; "
                                    f"indicators: {', '.join(INDICATORS)}")
    scales = _scales(scale)
    ignore_keys = {_norm(x) for x in ignore}
    resp_col = _find(cols, "respondent", given.get("respondent"), file)
    part_col = _find(cols, "partner", given.get("partner"), file)
    wave_col = _find(cols, "wave", given.get("wave"), file)
    q_col = _find(cols, "question", given.get("question"), file)
    a_col = None
    if q_col is not None:
        a_col = _find([c for c in cols if c not in (resp_col, part_col, wave_col, q_col)],
                      "answer", given.get("answer"), file)
    missing = [role for role, c in (("respondent", resp_col), ("partner", part_col)) if c is None]
    if missing:
        raise InputDataError([Problem(
            f"survey has no {' or '.join(missing)} column; name it (e.g. respondent/응답기관, "
            f"partner/파트너) or set survey.columns; columns found: {', '.join(cols)}",
            file=file, code="missing_column")])
    problems: list[Problem] = []
    used: dict[str, str] = {"respondent": resp_col, "partner": part_col}
    if wave_col:
        used["wave"] = wave_col
    base = pd.DataFrame({"respondent": frame[resp_col].astype(str).str.strip(),
                         "partner": frame[part_col].astype(str).str.strip(),
                         "wave": frame[wave_col].astype(str).str.strip() if wave_col else "1"},
                        index=frame.index)
    if q_col is not None and a_col is not None:
        layout = "long"
        used.update(question=q_col, answer=a_col)
        labels = frame[q_col].astype(str).str.strip()
        uniq = pd.unique(labels[labels != ""])
        mapping = {lab: _indicator_of(lab, qmap) for lab in uniq}
        skip = {lab for lab in uniq if _norm(lab) in ignore_keys}
        bad = labels.map(lambda x: x != "" and x not in skip and mapping.get(x) is None)
        for row in labels.index[bad.to_numpy()][:200]:
            problems.append(Problem(
                "question is not a known indicator; map it in survey.questions (e.g. "
                "reliability: '<label>') or list it in survey.ignore", file=file, row=int(row),
                column=q_col, value=labels[row], code="unknown_question"))
        if skip:
            problems.append(Problem(f"questions skipped as asked (survey.ignore): "
                                    f"{', '.join(sorted(skip))}", file=file, severity="info",
                                    code="ignored_question"))
        keep = labels.map(lambda x: mapping.get(x) is not None and x not in skip)
        long = base[keep.to_numpy()].copy()
        long["indicator"] = labels[keep.to_numpy()].map(mapping)
        long["answer"] = frame.loc[keep.to_numpy(), a_col].astype(str).str.strip()
        long["column"] = a_col
        blank_q = labels == ""
        responded_rows = base[blank_q.to_numpy() | keep.to_numpy()]
    else:
        layout = "wide"
        taken = {c for c in (resp_col, part_col, wave_col) if c}
        ind_cols: dict[str, str] = {}
        unused = []
        for c in cols:
            if c in taken:
                continue
            ind = _indicator_of(c, qmap)
            if ind is not None and _norm(c) not in ignore_keys:
                if ind in ind_cols:
                    raise InputDataError([Problem(
                        f"two columns give {ind!r}: {ind_cols[ind]!r} and {c!r}; map one in "
                        "survey.questions or list the other in survey.ignore", file=file,
                        column=c, code="duplicate_column")])
                ind_cols[ind] = c
            else:
                unused.append(c)
        if not ind_cols:
            raise InputDataError([Problem(
                "survey has no rating columns; expected question columns such as reliability/"
                "신뢰성, mission/미션 공유, openness/개방성, power/영향력, involvement/참여도, "
                "resources/자원 기여, trust/신뢰, value/가치 (or a long layout with question and "
                f"answer columns); columns found: {', '.join(cols)}", file=file,
                code="missing_column")])
        if unused:
            problems.append(Problem(f"columns not used as ratings: {', '.join(unused)}", file=file,
                                    severity="info", code="unused_column"))
        used.update(ind_cols)
        parts = []
        for ind, c in ind_cols.items():
            part = base.copy()
            part["indicator"] = ind
            part["answer"] = frame[c].astype(str).str.strip()
            part["column"] = c
            parts.append(part)
        long = pd.concat(parts)
        responded_rows = base
    long = long.rename_axis("row").reset_index()
    # -- answers: numbers inside the indicator's scale; blank = no answer
    ans = long["answer"].replace({"nan": "", "None": ""})
    num = pd.to_numeric(ans.str.replace(",", ".", regex=False), errors="coerce")
    retry = num.isna() & (ans != "")
    if retry.any():
        num[retry] = pd.to_numeric(ans[retry].str.extract(_NUMBER, expand=False)
                                   .str.replace(",", ".", regex=False), errors="coerce")
    lows = long["indicator"].map({k: v[0] for k, v in scales.items()})
    highs = long["indicator"].map({k: v[1] for k, v in scales.items()})
    not_number = num.isna() & (ans != "")
    out_of_scale = num.notna() & ((num < lows) | (num > highs))
    for i in np.flatnonzero(not_number.to_numpy())[:200]:
        problems.append(Problem("answer is not a number", file=file, row=int(long["row"].iat[i]),
                                column=long["column"].iat[i], value=long["answer"].iat[i],
                                code="bad_answer"))
    for i in np.flatnonzero(out_of_scale.to_numpy())[:200]:
        ind = long["indicator"].iat[i]
        lo, hi = scales[ind]
        problems.append(Problem(f"answer outside the {ind} scale {lo:g}-{hi:g}", file=file,
                                row=int(long["row"].iat[i]), column=long["column"].iat[i],
                                value=long["answer"].iat[i], code="out_of_scale"))
    long["value"] = num.where(~out_of_scale)
    # -- organisations
    resolve, pool = _resolver(eco)
    for role in ("respondent", "partner"):
        vals = long[role] if role == "respondent" else long[role]
        col = used[role]
        blank = vals == ""
        if role == "respondent":
            for row in long.loc[blank, "row"].unique()[:50]:
                problems.append(Problem("respondent is blank", file=file, row=int(row),
                                        column=col, code="missing_id"))
        if resolve is not None:
            uniq = pd.unique(vals[~blank])
            mapped = {v: resolve(v) for v in uniq}
            unknown = [v for v in uniq if mapped[v] is None]
            for v in unknown[:100]:
                row = int(long.loc[vals == v, "row"].iat[0])
                close = difflib.get_close_matches(v, pool, n=2)
                hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
                problems.append(Problem(f"{role} is not a partner of the ecosystem{hint}",
                                        file=file, row=row, column=col, value=v,
                                        code=f"unknown_{role}"))
            long[role] = vals.map(lambda v, m=mapped: m.get(v, v) or v)
    if resolve is not None:
        rr = responded_rows["respondent"]
        responded_rows = responded_rows.assign(
            respondent=rr.map(lambda v: resolve(v) or v) if len(rr) else rr)
    rated = long[long["partner"] != ""]
    self_rows = rated.loc[rated["respondent"] == rated["partner"], ["row"]]
    for row in self_rows["row"].unique()[:50]:
        problems.append(Problem("an organisation rates itself", file=file, row=int(row),
                                column=used["partner"], value=rated.loc[rated["row"] == row,
                                                                        "partner"].iat[0],
                                code="self_rating"))
    # -- duplicates: same wave, respondent, partner, indicator
    answered = rated[rated["value"].notna()]
    key = ["wave", "respondent", "partner", "indicator"]
    dup = answered[answered.duplicated(key, keep=False)]
    if len(dup):
        spread = dup.groupby(key)["value"].agg(["min", "max", "first"])
        conflicting = spread[spread["min"] != spread["max"]]
        for k in conflicting.index[:50]:
            rows = dup.set_index(key).loc[[k], "row"].tolist()
            problems.append(Problem(
                f"{k[1]} rated {k[2]} twice on {k[3]} with different answers (rows "
                f"{', '.join(map(str, rows))})", file=file, row=int(rows[-1]),
                column=used.get(k[3], used.get("answer")), value=k[2], code="duplicate_answer"))
        if len(conflicting) < len(spread):
            problems.append(Problem(f"{len(spread) - len(conflicting)} identical repeated "
                                    "answer(s) counted once", file=file, severity="warning",
                                    code="duplicate_merged"))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputDataError(problems)
    ratings = rated.drop_duplicates(key)[["wave", "respondent", "partner", "indicator", "value",
                                          "row"]].reset_index(drop=True)
    if ratings.empty:
        raise InputDataError([Problem("survey holds no rating", file=file, code="empty_file")])
    waves = _wave_order(pd.unique(pd.concat([ratings["wave"], responded_rows["wave"]])))
    responded = (responded_rows.loc[responded_rows["respondent"] != "", ["wave", "respondent"]]
                 .drop_duplicates().reset_index(drop=True))
    return Survey(ratings=ratings, responded=responded, waves=waves, scales=scales, file=file,
                  layout=layout, columns=used, problems=problems)


def restrict_survey(survey: Survey, ids: Sequence[str]) -> Survey:
    """The survey without ratings of or by organisations outside ``ids`` (e.g. a period
    snapshot of the ecosystem); how many were left out is added to ``problems`` (info,
    code ``outside_period``), never silently.

    Examples
    --------
    >>> r = pd.DataFrame({"wave": "1", "respondent": ["A", "B"], "partner": ["B", "C"],
    ...                   "indicator": "trust", "value": [3.0, 2.0], "row": [2, 3]})
    >>> s = restrict_survey(Survey(r, r[["wave", "respondent"]], ["1"], {}), ["A", "B"])
    >>> len(s.ratings), s.problems[-1].message
    (1, '1 answer(s) name organisations outside the analysed partners (C); left out')
    """
    keep_ids = set(map(str, ids))
    r = survey.ratings
    ok = r["respondent"].isin(keep_ids) & r["partner"].isin(keep_ids)
    if ok.all():
        return survey
    outside = sorted((set(r["respondent"]) | set(r["partner"])) - keep_ids)
    shown = ", ".join(outside[:8]) + (" ..." if len(outside) > 8 else "")
    note = Problem(f"{int((~ok).sum()):,} answer(s) name organisations outside the analysed "
                   f"partners ({shown}); left out", file=survey.file, severity="info",
                   code="outside_period")
    resp = survey.responded[survey.responded["respondent"].isin(keep_ids)]
    return Survey(ratings=r[ok].reset_index(drop=True), responded=resp.reset_index(drop=True),
                  waves=survey.waves, scales=survey.scales, file=survey.file,
                  layout=survey.layout, columns=survey.columns,
                  problems=list(survey.problems) + [note])


def _wave_order(labels: Sequence[str]) -> list[str]:
    """Waves in time order: numbers numerically, dates chronologically, else as they came."""
    labels = [str(x) for x in labels]
    nums = pd.to_numeric(pd.Series(labels), errors="coerce")
    if nums.notna().all():
        return [labels[i] for i in np.argsort(nums.to_numpy(), kind="stable")]
    dates = pd.to_datetime(pd.Series(labels), errors="coerce", format="mixed")
    if dates.notna().all():
        return [labels[i] for i in np.argsort(dates.to_numpy(), kind="stable")]
    return labels


__all__ = ["Survey", "read_survey", "restrict_survey", "INDICATORS", "TRUST_ITEMS", "VALUE_ITEMS", "ROLE_ALIASES",
           "INDICATOR_ALIASES", "DEFAULT_SCALE"]
