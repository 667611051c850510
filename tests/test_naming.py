"""Community names from their members; isolates are not communities."""
import re

import pandas as pd
import pytest

import ecosystem as es
from ecosystem.analysis.naming import (community_count, community_label_map, community_names,
                                       sector_word)
from ecosystem.exceptions import InvalidParameterError
from ecosystem.results import Partition


def _eco():
    partners = pd.DataFrame({
        "id": list("abcdefgh"),
        "name": ["KAIST", "서울대학교", "Rebellions", "Hyundai", "Kia", "Mando", "Lone NGO", "x"],
        "sector": ["university", "university", "startup", "corporate", "corporate", "SME", "NGO",
                   "startup"],
        "country": ["KR", "KR", "KR", "KR", "DE", "DE", "KR", "KR"],
        "cluster": ["ai", "ai", "ai", "mobility", "mobility", "mobility", "ai", "ai"]})
    edges = [("a", "b", 3), ("b", "c", 1), ("a", "c", 1), ("d", "e", 2), ("e", "f", 1),
             ("d", "f", 1), ("c", "d", 0.1)]
    return es.Ecosystem.from_edges(edges, partners=partners)


def _part(eco):
    return Partition(pd.Series([0, 0, 0, 1, 1, 1, 2, 3], index=list("abcdefgh")), method="given")


def test_each_community_is_named_from_its_lead_sector_topic_country_centre_and_size():
    eco = _eco()
    names = community_names(eco, _part(eco))
    # community 0: 2 of 3 universities (>= 40%), topic ai, all KR; centre by strength: a (3+1)
    # and b (3+1) tie -> a comes first in the partner order
    assert names.loc[0, "label_en"] == "University-led ai cluster around KAIST (KR, 3)"
    assert names.loc[0, "label_ko"] == "대학 주도 ai 클러스터 — KAIST 중심 (KR, 3곳)"
    # community 1: 2 of 3 corporate, topic mobility, DE holds 2 of 3; centre by strength:
    # d (Hyundai) 2 + 1 + 0.1 = 3.1 beats e (Kia) 2 + 1 = 3
    assert names.loc[1, "label_en"] == "Corporate-led mobility cluster around Hyundai (DE, 3)"


def test_isolates_are_not_communities():
    eco = _eco()
    names = community_names(eco, _part(eco))
    assert list(names.index) == [0, 1]             # g and h are alone: isolates
    assert names.attrs["isolates"] == 2
    assert community_count(_part(eco)) == (2, 2)


def test_the_centre_is_the_best_ranked_anchor_when_anchors_are_given():
    eco = _eco()
    anchors = pd.DataFrame({"rank": [1, 2]}, index=["c", "f"])
    names = community_names(eco, _part(eco), anchors=anchors)
    assert names.loc[0, "centre"] == "Rebellions" and names.loc[1, "centre"] == "Mando"


def test_no_dominant_sector_falls_back_to_the_helix_group_then_mixed():
    partners = pd.DataFrame({"id": list("abcdef"),
                             "sector": ["startup", "SME", "corporate", "investor", "university",
                                        "government"]})
    eco = es.Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d"), ("d", "a"),
                                   ("e", "f")], partners=partners)
    part = Partition(pd.Series([0, 0, 0, 0, 1, 1], index=list("abcdef")), method="given")
    names = community_names(eco, part)
    # four industry sectors of 25% each: no sector, no pair >= 60%: the helix group (100%)
    assert names.loc[0, "label_en"].startswith("Industry-led cluster around ")
    assert names.loc[0, "label_ko"].startswith("산업계 주도 클러스터")
    # university 50% -> a sector lead
    assert names.loc[1, "lead_kind"] == "sector"


def test_labels_are_unique_even_when_descriptions_coincide():
    partners = pd.DataFrame({"id": list("abcd"), "name": ["X", "Y", "X", "Z"],
                             "sector": ["startup"] * 4})
    eco = es.Ecosystem.from_edges([("a", "b"), ("c", "d")], partners=partners)
    part = Partition(pd.Series([0, 0, 1, 1], index=list("abcd")), method="given")
    labels = community_names(eco, part)["label_en"].tolist()
    assert labels == ["Startup-led cluster around X (2)", "Startup-led cluster around X (2) #2"]


def test_sector_words_and_cordis_codes_read_in_both_languages():
    assert sector_word("PRC") == "Private company" and sector_word("PRC", "ko") == "민간기업"
    assert sector_word("research institute", "ko") == "연구소"
    assert sector_word("railway", "ko") == "railway"        # data words are kept


def test_label_map_and_errors():
    eco = _eco()
    names = community_names(eco, _part(eco))
    assert community_label_map(names, "ko")[1].startswith("대기업 주도 mobility")
    assert community_label_map(None) == {}
    with pytest.raises(InvalidParameterError):
        community_names(eco, _part(eco), topic_column="nope")


@pytest.mark.parametrize("dataset", ["demo", "krebs", "scotland"])
def test_bundled_datasets_get_named_unique_labels(dataset):
    eco = es.load_dataset(dataset)
    part = es.detect_communities(eco)
    names = community_names(eco, part)
    n, isolates = community_count(part)
    assert len(names) == n and names.attrs["isolates"] == isolates
    for col in ("label_en", "label_ko"):
        assert names[col].is_unique
        assert not any(re.match(r"(Community|커뮤니티) \d+", x) for x in names[col])
    if dataset == "demo":
        bio = names[names["centre"] == "경기바이오융합연구원"].iloc[0]
        assert "biohealth" in bio["label_en"] and "(KR, 44)" in bio["label_en"]
