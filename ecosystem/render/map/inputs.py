"""Collect what a map shows from analysis results (renderers never compute metrics).

A map reads communities, anchor scores, centralities, roles, fragility (articulation
points, bridges) and recommended partnerships. They come from an ``analysis`` object
(:class:`ecosystem.analysis_result.AnalysisResult` or anything with some of those
attributes, or a dict); running the analyses when none is given is the pipeline's job
(:func:`ecosystem.map_analyses.run_map_analyses`). Missing pieces are tolerated: the map
then says what it could not show (``spec["notes"]``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from ...exceptions import EcosystemError
from ...model import Ecosystem
from ...results import Partition
from ...tables import why_in

#: Metrics shown in tooltips (when the analysis has them), in this order.
TOOLTIP_METRICS = ("anchor_score", "degree", "strength", "pagerank", "betweenness",
                   "eigenvector", "closeness", "harmonic", "coreness", "clustering",
                   "constraint", "effective_size")
#: Analyses a map shows (run by :func:`ecosystem.map_analyses.run_map_analyses` when a map
#: is asked for without an analysis).
MAP_STEPS = ("centrality", "communities", "roles", "anchors", "fragility", "recommendations")


@dataclass
class MapInputs:
    """Per-partner results a map draws, aligned on partner ids."""

    table: pd.DataFrame                    # indexed by id: community, anchor_score, rank, ...
    partition: Partition | None = None
    bridges: pd.DataFrame | None = None    # source, target, cut_off
    recommendations: pd.DataFrame | None = None  # source, target, score, why
    community_labels: dict[int, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    provenance: dict[str, Any] = field(default_factory=dict)
    cache: dict[Any, Any] = field(default_factory=dict)  # per map_spec call (drill-downs share)
    community_names: pd.DataFrame | None = None  # label_en, label_ko per community (naming)

    def labels_in(self, lang: str) -> Mapping[int, str]:
        """Community number -> name in ``lang`` (read-only; cached per ``lang``).

        Labels the caller chose (a ``communities`` table whose labels are not the default
        "Community k — around X") win; otherwise the descriptive names of
        :func:`ecosystem.analysis.naming.community_names`, as in the report.
        """
        key = ("labels_in", lang, id(self.community_names), id(self.community_labels))
        cached = self.cache.get(key)  # asked once per legend row of every drill-down
        if cached is None or cached[0] != self.community_labels:
            cached = (dict(self.community_labels), self._labels_in(lang))
            self.cache[key] = cached
        return MappingProxyType(cached[1])

    def _labels_in(self, lang: str) -> dict[int, str]:
        import re

        from ...analysis.naming import community_label_map

        default = re.compile(r"^(Community \d+( — around .*)?|커뮤니티 \d+( — .* 중심)?)$")
        # the descriptive names in any language are not the caller's own choice either
        named_any = {str(v) for code in ("en", "ko")
                     for v in community_label_map(self.community_names, code).values()}
        chosen = {k: v for k, v in self.community_labels.items()
                  if not default.match(str(v)) and str(v) not in named_any}
        if chosen:
            return dict(self.community_labels)
        named = community_label_map(self.community_names, lang)
        return named or dict(self.community_labels)


def _get(analysis: Any, name: str) -> Any:
    if analysis is None:
        return None
    if isinstance(analysis, dict):
        return analysis.get(name)
    return getattr(analysis, name, None)


def gather(eco: Ecosystem, analysis: Any, *, recommendations: bool = True,
           notes: Sequence[str] = (), lang: str = "en") -> MapInputs:
    """Align every available result on the partner ids (see module docstring).

    ``notes`` (what the caller has to say first, e.g. why no analysis was run) open the
    map's notes. The anchors' and recommendations' ``why`` are in ``lang``.
    """
    notes = list(notes)
    table = pd.DataFrame(index=pd.Index(eco.ids, name="id"))
    provenance: dict[str, Any] = {}

    partition = _get(analysis, "partition")
    if isinstance(partition, pd.Series):
        partition = Partition(partition.astype(int), method="given")
    if partition is not None:
        table["community"] = partition.membership.reindex(table.index)
        provenance["communities"] = {"method": partition.method, **dict(partition.params),
                                     "modularity": partition.modularity}
    else:
        notes.append("communities not available")

    cent = _get(analysis, "centrality")
    ctable = getattr(cent, "table", cent if isinstance(cent, pd.DataFrame) else None)
    if isinstance(ctable, pd.DataFrame):
        ctable = ctable.reindex(table.index)
        for col in ctable.columns:
            if pd.api.types.is_numeric_dtype(ctable[col]) and col not in table:
                table[col] = ctable[col]
        provenance["centrality"] = {"method": getattr(cent, "method", None),
                                    "sampled": getattr(cent, "sampled", None),
                                    **dict(getattr(cent, "params", {}) or {})}

    holes = _get(analysis, "holes")
    if isinstance(holes, pd.DataFrame):
        for col in ("constraint", "effective_size"):
            if col in holes and col not in table:
                table[col] = holes[col].reindex(table.index)

    roles = _get(analysis, "roles")
    if isinstance(roles, pd.DataFrame) and "role" in roles:
        table["role"] = roles["role"].reindex(table.index)

    anchors = _get(analysis, "anchors")
    if isinstance(anchors, pd.DataFrame) and "anchor_score" in anchors:
        a = anchors.reindex(table.index)
        table["anchor_score"] = pd.to_numeric(a["anchor_score"], errors="coerce")
        rank_col = "rank" if "rank" in a else ("anchor_rank" if "anchor_rank" in a else None)
        if rank_col:
            table["anchor_rank"] = pd.to_numeric(a[rank_col], errors="coerce")
        else:
            table["anchor_rank"] = table["anchor_score"].rank(ascending=False, method="first")
        if "why" in a:
            table["why"] = why_in(anchors, "anchors", lang).reindex(table.index)
        if "role" in a and "role" not in table:
            table["role"] = a["role"]
    else:
        notes.append("anchor scores not available")

    frag = _get(analysis, "fragility")
    bridges = None
    if frag is not None:
        ap = getattr(frag, "articulation_points", None)
        if isinstance(ap, pd.DataFrame):
            ap_ids = ap.index.astype(str) if "id" not in ap else ap["id"].astype(str)
            cut = ap["cut_off"].to_numpy() if "cut_off" in ap else np.ones(len(ap))
            table["articulation"] = table.index.isin(ap_ids)
            table["cut_off"] = pd.Series(cut, index=ap_ids).reindex(table.index)
        br = getattr(frag, "bridges", None)
        if isinstance(br, pd.DataFrame) and {"source", "target"} <= set(br.columns):
            bridges = br[["source", "target"]].astype(str).copy()
            bridges["cut_off"] = br["cut_off"].to_numpy() if "cut_off" in br else 0
    else:
        notes.append("fragility (bridges, articulation points) not available")

    recs = _get(analysis, "recommendations")
    if isinstance(recs, pd.DataFrame) and {"source", "target"} <= set(recs.columns):
        recs = recs.copy()
        recs["source"] = recs["source"].astype(str)
        recs["target"] = recs["target"].astype(str)
        if "score" not in recs:
            recs["score"] = np.nan
        if "why" not in recs:
            recs["why"] = ""
        recs["why"] = why_in(recs, "recommendations", lang).to_numpy()
        recs = recs[recs["source"].isin(table.index) & recs["target"].isin(table.index)]
    elif recommendations:
        recs = None
        notes.append("recommended partnerships not available")
    else:
        recs = None

    labels: dict[int, str] = {}
    summary = _get(analysis, "communities")
    if isinstance(summary, pd.DataFrame) and "community" in summary and "label" in summary:
        # the pipeline's own descriptive names (label_en / label_ko beside the label, and
        # isolates) are not the caller's labels: the map names communities in its language
        own = pd.Series(False, index=summary.index)
        for col in ("label_en", "label_ko"):
            if col in summary:
                own |= summary["label"].astype(str) == summary[col].astype(str)
        if "isolate" in summary:
            own |= summary["isolate"].fillna(False).astype(bool)
        labels = {int(c): str(lab) for c, lab, o in zip(summary["community"], summary["label"], own)
                  if pd.notna(c) and pd.notna(lab) and not o}
    names = _community_names(eco, partition, table, analysis)
    params = _get(analysis, "params")
    if isinstance(params, dict) and "seed" in params:
        provenance["analysis_seed"] = params["seed"]
    extra = _get(analysis, "notes")
    if isinstance(extra, dict):
        notes += [f"{k}: {v}" for k, v in extra.items()
                  if k in MAP_STEPS and "switched off" not in str(v)]
    return MapInputs(table=table, partition=partition, bridges=bridges,
                     recommendations=recs, community_labels=labels, notes=notes,
                     provenance=provenance, community_names=names)


def _community_names(eco: Ecosystem, partition: Partition | None, table: pd.DataFrame,
                     analysis: Any) -> pd.DataFrame | None:
    """Descriptive community names (as in the report), or None when they cannot be made."""
    if partition is None:
        return None
    given = _get(analysis, "community_names")
    if isinstance(given, pd.DataFrame):
        return given
    from ...analysis.naming import community_names

    anchors = None
    if "anchor_rank" in table:
        anchors = pd.DataFrame({"rank": table["anchor_rank"]}).dropna()
    cent = table[["pagerank"]] if "pagerank" in table else None
    try:
        return community_names(eco, partition, centrality_table=cent, anchors=anchors)
    except EcosystemError:
        return None
