"""The evolution section's tables as display rows: periods, movers, life cycle.

:func:`ecosystem.render.evolution.evolution_section` builds its tables with these helpers:
records of a frame (:func:`_records`), the report's table shape (:func:`_display`), the
latest period first (:func:`_latest_first`) and the community life cycle with each
community said by name (:func:`community_namer`, :func:`_event_rows`). Nothing here
computes a metric.
"""
from __future__ import annotations

import math
import re
from typing import Any, Callable

import numpy as np
import pandas as pd

from ..i18n import STRINGS


def _records(frame: pd.DataFrame, columns: list[str], limit: int | None = None) -> list[dict]:
    cols = [c for c in columns if c in frame]
    sub = frame[cols] if limit is None else frame[cols].head(limit)
    rows = []
    for rec in sub.to_dict("records"):
        clean = {}
        for k, v in rec.items():
            if isinstance(v, pd.Timestamp):
                v = v.date().isoformat()
            elif isinstance(v, float) and math.isnan(v):
                v = None
            elif hasattr(v, "item"):
                v = v.item()
            clean[k] = v
        rows.append(clean)
    return rows


#: Community life-cycle events in Korean: (word, sentence) from the catalogs.
EVENT_KO = {e: (STRINGS["ko"][f"ev_event_{e}"], STRINGS["ko"][f"ev_event_text_{e}"])
            for e in ("birth", "death", "continue", "grow", "shrink", "merge", "split")}


PERIOD_COLUMNS = ["period", "partners", "relations", "ties", "entrants", "exits", "communities",
                  "modularity"]
MOVER_COLUMNS = ["period", "direction", "name", "rank_before", "rank_after", "change"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return f"{int(value):,}" if value.is_integer() and abs(value) < 1e15 else f"{value:.3g}"
    return str(value)


def _latest_first(frame: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    """``frame``'s rows with the latest period first (each period's rows in their order)."""
    if not len(frame) or "period" not in frame:
        return frame
    pos = {str(lab): i for i, lab in enumerate(labels)}
    key = frame["period"].astype(str).map(lambda p: -pos.get(p, -1)).to_numpy()
    return frame.iloc[np.argsort(key, kind="stable")]


def community_namer(evolution: Any, lang: str = "en",
                    labels: dict[int, str] | None = None) -> Callable[[str, int], str]:
    """``name(period, stable id)``: how the life cycle shows a community.

    A community alive in the latest period that the main analysis named (its
    ``main_community`` in ``labels``) reads "C31 (today: <its name>)"; any other "C8
    (around <its best-ranked partner>)", that partner taken in the latest period up to
    ``period`` in which the community existed; the bare id when it has no ranked partner.

    Examples
    --------
    >>> class E:
    ...     labels = ["2020", "2021"]
    ...     communities = pd.DataFrame({"period": ["2020", "2020", "2021"],
    ...         "community": [0, 1, 2], "top_partner": ["KAIST", "", "ETRI"],
    ...         "main_community": [-1, -1, 0]})
    >>> name = community_namer(E(), "en", {0: "University-led cluster around ETRI (9)"})
    >>> name("2021", 2), name("2021", 0), name("2021", 1)
    ('C2 (today: University-led cluster around ETRI (9))', 'C0 (around KAIST)', 'C1')
    """
    t = {k[3:]: v for k, v in (STRINGS.get(lang) or STRINGS["en"]).items() if k.startswith("ev_")}
    labels = labels or {}
    com = evolution.communities
    pos = {str(lab): i for i, lab in enumerate(evolution.labels)}
    now: dict[int, str] = {}
    seen: dict[int, list[tuple[int, str]]] = {}
    if len(com):
        main = com["main_community"] if "main_community" in com else pd.Series(-1, index=com.index)
        top = com["top_partner"] if "top_partner" in com else pd.Series("", index=com.index)
        for period, cid, m, tp in zip(com["period"].astype(str), com["community"].astype(int),
                                      main, top):
            if pd.notna(m) and int(m) in labels:
                now[cid] = labels[int(m)]
            if isinstance(tp, str) and tp:
                seen.setdefault(cid, []).append((pos.get(period, -1), tp))

    def name(period: str, cid: int) -> str:
        cid = int(cid)
        if cid in now:
            return t["community_now"].format(id=f"C{cid}", label=now[cid])
        here = pos.get(str(period), len(pos))
        found = [tp for p, tp in sorted(seen.get(cid, [])) if p <= here] or \
            [tp for _, tp in sorted(seen.get(cid, []))][:1]
        return t["community_around"].format(id=f"C{cid}", name=found[-1]) if found else f"C{cid}"
    return name


def _display(title: str, records: list[dict], keys: list[str], t: dict[str, str],
             more: str | None = None) -> dict:
    """A table in the report's shape (columns, numeric, rows of display text) + raw records."""
    return {"title": title, "keys": keys, "columns": [t.get(f"col_{k}", k) for k in keys],
            "numeric": [bool(records) and all(isinstance(r.get(k), (int, float))
                                              and not isinstance(r.get(k), bool)
                                              for r in records if r.get(k) is not None)
                        for k in keys],
            "rows": [[_cell(r.get(k)) for k in keys] for r in records],
            "records": records, "more": more}


_COMMUNITY_ID = re.compile(r"\bC(\d+)\b")


def _event_rows(events: pd.DataFrame, lang: str, limit: int,
                name: Callable[[str, int], str] | None = None) -> list[dict]:
    """Life-cycle events as rows; with ``name``, each community's first mention in a row
    says which community it is (:func:`community_namer`)."""
    ev = events[events["event"] != "continue"]
    rows = _records(ev, ["period", "event", "description", "from", "to", "size_before",
                         "size_after"], limit)
    for r in rows:
        if lang == "ko":
            word, template = EVENT_KO.get(r["event"], (r["event"], r["description"]))
            r["description"] = template.format(src=r.get("from", ""), to=r.get("to", ""),
                                               size_before=r.get("size_before"),
                                               size_after=r.get("size_after"))
            r["event"] = word
        if name is not None:
            done: set[str] = set()

            def once(m: re.Match, period: str = str(r["period"])) -> str:
                if m.group(0) in done:
                    return m.group(0)
                done.add(m.group(0))
                return name(period, int(m.group(1)))
            r["description"] = _COMMUNITY_ID.sub(once, str(r["description"]))
    return [{"period": r["period"], "event": r["event"], "description": r["description"]}
            for r in rows]


__all__ = ["community_namer", "EVENT_KO", "MOVER_COLUMNS", "PERIOD_COLUMNS"]
