"""Changes between survey waves: trust and value per partner and per tie, first vs last wave.

Used by :func:`ecosystem.analysis.trust.trust_scores` (``partner_changes``,
``tie_changes``); see docs/trust.md, section 5.
"""
from __future__ import annotations

import pandas as pd


def wave_changes(use: pd.DataFrame, ties: pd.DataFrame, waves: list[str],
                 names: pd.Series | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """First vs last wave: trust/value received per partner and symmetrised per tie.

    ``use`` are the directed ratings kept by the non-response option, ``ties`` the tie
    table of :func:`~ecosystem.analysis.trust.trust_scores`. Partners or ties seen in only
    one of the two waves keep NaN on the other side (and in the change).

    Examples
    --------
    >>> use = pd.DataFrame({"wave": ["1", "2"], "ratee": ["B", "B"], "trust": [2.0, 3.5],
    ...                     "value": [2.0, 2.0]})
    >>> ties = pd.DataFrame({"wave": ["1", "2"], "a": "A", "b": "B", "scored": True,
    ...                      "trust": [2.0, 3.0], "value": 2.0, "status": "mutual"})
    >>> p, t = wave_changes(use, ties, ["1", "2"], None)
    >>> float(p.loc["B", "trust_change"]), float(t.loc[0, "trust_change"])
    (1.5, 1.0)
    """
    pcols = ["name", "first_wave", "last_wave", "trust_first", "trust_last", "trust_change",
             "value_first", "value_last", "value_change", "n_first", "n_last"]
    tcols = ["a", "b", "a_name", "b_name", "first_wave", "last_wave", "trust_first",
             "trust_last", "trust_change", "value_first", "value_last", "value_change",
             "status_first", "status_last"]
    if len(waves) < 2:
        return pd.DataFrame(columns=pcols), pd.DataFrame(columns=tcols)
    w0, w1 = waves[0], waves[-1]
    g0 = use[use["wave"] == w0].groupby("ratee")
    g1 = use[use["wave"] == w1].groupby("ratee")
    p = pd.DataFrame({"trust_first": g0["trust"].mean(), "trust_last": g1["trust"].mean(),
                      "value_first": g0["value"].mean(), "value_last": g1["value"].mean(),
                      "n_first": g0["trust"].size(), "n_last": g1["trust"].size()})
    p = p.dropna(subset=["trust_first", "trust_last"], how="all")
    p["trust_change"] = p["trust_last"] - p["trust_first"]
    p["value_change"] = p["value_last"] - p["value_first"]
    p["first_wave"], p["last_wave"] = w0, w1
    p["name"] = names.reindex(p.index).to_numpy() if names is not None else p.index
    p[["n_first", "n_last"]] = p[["n_first", "n_last"]].fillna(0).astype(int)
    p.index.name = "id"
    p = p[pcols].sort_values("trust_change", key=lambda s: -s.abs(), na_position="last",
                             kind="mergesort")
    sc = ties[ties["scored"]]
    t0 = sc[sc["wave"] == w0].set_index(["a", "b"])
    t1 = sc[sc["wave"] == w1].set_index(["a", "b"])
    t = pd.DataFrame({"trust_first": t0["trust"], "trust_last": t1["trust"],
                      "value_first": t0["value"], "value_last": t1["value"],
                      "status_first": t0["status"], "status_last": t1["status"]})
    t["trust_change"] = t["trust_last"] - t["trust_first"]
    t["value_change"] = t["value_last"] - t["value_first"]
    t = t.reset_index()
    t["first_wave"], t["last_wave"] = w0, w1
    t["a_name"] = names.reindex(t["a"]).to_numpy() if names is not None else t["a"]
    t["b_name"] = names.reindex(t["b"]).to_numpy() if names is not None else t["b"]
    t = t[tcols].sort_values("trust_change", key=lambda s: -s.abs(), na_position="last",
                             kind="mergesort").reset_index(drop=True)
    return p, t


def compare_trust(before, after, labels: tuple[str, str] = ("before", "after")
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two survey results side by side (e.g. two ecosystems, or two separate survey files).

    Returns the network rows of each side's latest wave (``side`` column first) and, per
    partner rated in either, trust and value received on each side and the change
    (``after - before``), largest change first.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> net = lambda t: pd.DataFrame({"trust": [t]}, index=pd.Index(["1"], name="wave"))
    >>> part = lambda t: pd.DataFrame({"name": ["B"], "trust_received": [t],
    ...     "value_received": [2.0], "n_received": [2]}, index=pd.Index(["B"], name="id"))
    >>> a = NS(network=net(2.0), partners=part(2.0), latest="1")
    >>> b = NS(network=net(3.0), partners=part(3.5), latest="1")
    >>> n, p = compare_trust(a, b)
    >>> n["trust"].tolist(), float(p.loc["B", "trust_change"])
    ([2.0, 3.0], 1.5)
    """
    rows = []
    for side, res in zip(labels, (before, after)):
        row = res.network.loc[[res.latest]].reset_index()
        row.insert(0, "side", side)
        rows.append(row)
    network = pd.concat(rows, ignore_index=True)
    cols = ["trust_received", "value_received", "n_received"]
    pa = before.partners[cols].add_suffix("_before")
    pb = after.partners[cols].add_suffix("_after")
    p = pa.join(pb, how="outer")
    names = before.partners.get("name")
    if names is not None:
        both = pd.concat([after.partners.get("name", pd.Series(dtype=object)), names])
        p.insert(0, "name", both[~both.index.duplicated()].reindex(p.index).to_numpy())
    p["trust_change"] = p["trust_received_after"] - p["trust_received_before"]
    p["value_change"] = p["value_received_after"] - p["value_received_before"]
    p = p.sort_values("trust_change", key=lambda s: -s.abs(), na_position="last",
                      kind="mergesort")
    p.index.name = "id"
    return network, p


__all__ = ["wave_changes", "compare_trust"]
