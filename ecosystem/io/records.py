"""The elements of a graph file (GraphML, GEXF, Pajek, JSON) as an all-text table."""
from __future__ import annotations

import pandas as pd


def records_frame(records: list[dict], front: list[str],
                  lines: list[int | None] | None = None) -> pd.DataFrame:
    """Rows of dicts -> an all-text DataFrame, ``front`` columns first, then the rest in
    order of first appearance.

    The index is the row users see: each element's line in the file when ``lines`` gives
    one distinct line per record (GraphML/GEXF), else 1, 2, 3...

    Examples
    --------
    >>> records_frame([{"id": "a"}, {"id": "b", "x": 1}], ["id"]).index.tolist()
    [1, 2]
    """
    columns = list(front)
    for rec in records:
        for key in rec:
            if key not in columns:
                columns.append(key)
    frame = pd.DataFrame(records, columns=columns, dtype=object)
    if lines and all(x is not None for x in lines) and len(set(lines)) == len(lines):
        frame.index = pd.Index(lines, name="row")  # the element's line in the file
    else:
        frame.index = pd.Index(range(1, len(frame) + 1), name="row")
    return frame
