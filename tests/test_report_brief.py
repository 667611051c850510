"""The report a director acts on: findings, named communities, one community count,
baselines, rank stability, helix gaps only where sectors map, names for id-only data, Korean."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

import ecosystem as es
from ecosystem.cli import main
from ecosystem.pipeline import analyze
from ecosystem.render.report import render_html, render_markdown, report_context

FAST = {"communities": {"stability_runs": 2}, "resilience": {"runs": 2, "steps": 5},
        "recommendations": {"evaluate": False}, "baselines": {"runs": 3}}

DATASETS = ["demo", "h2020_swafs", "krebs", "scotland"]


@pytest.fixture(scope="module")
def analyses():
    return {name: analyze(name, FAST) for name in DATASETS}


# ---------------------------------------------------------------- findings
@pytest.mark.parametrize("name", DATASETS)
def test_findings_name_real_partners_and_communities_and_numbers_from_the_analyses(analyses, name):
    a = analyses[name]
    f = a.findings
    assert 3 <= len(f) <= 7
    impacts = [x["impact"] for x in f]
    assert impacts == sorted(impacts, reverse=True)            # ranked by impact
    ids = set(a.eco.ids)
    names = a.eco.names
    comm_labels = dict(a.community_names["label_en"])
    for x in f:
        assert x["partners"] or x["communities"] or x["kind"] == "fragmented"
        for pid, pname in zip(x["partners"], x["partner_names"]):
            assert pid in ids and names[pid] == pname
        for c in x["communities"]:
            assert c in comm_labels                             # a real community (>= 2 partners)
        named = x["partner_names"][:1] + [comm_labels[c] for c in x["communities"]]
        assert any(n in x["text"] for n in named) or x["kind"] == "fragmented"
        assert x["evidence"] and re.search(r"\d", x["text"])
        assert x["section"] in ("community-gaps", "fragility", "what-if", "sector-gaps",
                                "missing-helix", "risk",
                                "recommendations", "evolution", "anchors")


def test_connect_finding_quotes_the_community_gap_it_comes_from(analyses):
    a = analyses["demo"]
    f = next(x for x in a.findings if x["kind"].startswith("connect"))
    gaps = a.community_gaps.gaps
    row = gaps[(gaps["community_a"] == f["communities"][0])
               & (gaps["community_b"] == f["communities"][1])].iloc[0]
    assert f["evidence"]["ties"] == int(row["ties"])
    assert f"share {int(row['ties'])} ties where {row['expected_ties']:.0f} would be" in f["text"]
    # Korean counts ties as partner pairs (연결), as the table's "연결 수" column, not as
    # relations (관계 …건, which the summary uses for the 624 relations)
    assert f"연결(파트너 쌍)은 {int(row['ties'])}개로" in f["text_ko"]
    assert f["partners"][0] == row["bridges"][0]               # the partner to engage bridges them


def test_findings_are_in_summary_json_and_report_md(tmp_path, runner):
    out = tmp_path / "r"
    res = runner.invoke(main, ["analyze", "--demo", "-o", str(out), "--stability-runs", "2", "-q"],
                        catch_exceptions=False)
    assert res.exit_code == 0, res.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert 3 <= len(summary["findings"]) <= 7
    for f in summary["findings"]:
        assert {"text", "kind", "partners", "communities", "evidence"} <= set(f)
    md = (out / "report.md").read_text(encoding="utf-8")
    brief = md.split("## Decision brief", 1)[1].split("\n## ", 1)[0]
    assert summary["findings"][0]["partner_names"][0] in brief
    assert "](#community-gaps)" in brief and '<a id="community-gaps"></a>' in md
    # the decision brief comes before everything else
    assert md.index("## Decision brief") < md.index("## Summary")


# ---------------------------------------------------------------- communities
@pytest.mark.parametrize("name", DATASETS)
def test_one_community_count_everywhere_and_no_numbered_or_id_labels(analyses, name):
    a = analyses[name]
    n = a.partition.n_groups
    summary = a.summary()
    assert summary["communities"]["count"] == n
    assert a.health["n_communities"] == n
    assert a.kpis()["communities"] == n
    assert len(a.community_names) == n
    assert summary["communities"]["isolates"] == int((a.partition.sizes == 1).sum())
    # why-texts: "ties into k of N communities" with the same N
    totals = {int(m) for m in re.findall(r"of (\d+) communities", " ".join(a.anchors["why"]))}
    assert totals <= {n}
    ctx = report_context(a, "en", charts=False)
    assert len(ctx["communities"]["rows"]) == min(n, a.config.values["report"]["max_rows"])
    ids = set(a.eco.ids)
    for lang in ("en", "ko"):
        for label in a.community_names[f"label_{lang}"]:
            assert not re.match(r"(Community|커뮤니티) \d+", label)
            assert label.strip() not in ids
            assert not re.search(r"around \d{6,} \(", label)        # never a bare 9-digit id


def test_community_labels_replace_numbers_in_gap_tables_and_exports(analyses):
    a = analyses["demo"]
    ctx = report_context(a, "en", charts=False)
    labels = set(a.community_names["label_en"])
    for row in ctx["community_gaps"]["rows"]:
        assert row[0] in labels and row[1] in labels
    for row in ctx["missing_sectors"]["rows"]:
        assert row[0] in labels
    assert set(a.communities.loc[~a.communities["isolate"], "label"]) == labels


# ---------------------------------------------------------------- gap tables
def test_gap_table_ratios_are_the_quotient_of_the_columns_beside_them(analyses):
    a = analyses["demo"]
    ctx = report_context(a, "en", charts=False)
    for key in ("community_gaps", "sector_gaps"):
        table = ctx[key]
        cols = table["columns"]
        i_obs, i_exp = cols.index("Strength"), cols.index("Expected strength")
        i_ratio = cols.index("Observed ÷ expected (strength)")
        assert table["rows"]
        for row in table["rows"]:
            obs, exp, ratio = (float(row[i].replace(",", "")) for i in (i_obs, i_exp, i_ratio))
            assert ratio == pytest.approx(obs / exp, rel=0.02, abs=0.002)


def test_no_helix_gap_for_unmapped_sectors():
    # two communities: one of words the helix does not know, one of mapped sectors
    partners = pd.DataFrame({"id": list("abcdefgh"),
                             "sector": ["content", "commerce", "content", "infrastructure",
                                        "university", "startup", "university", "startup"]})
    edges = [("a", "b"), ("b", "c"), ("c", "d"), ("a", "d"), ("a", "c"),
             ("e", "f"), ("f", "g"), ("g", "h"), ("e", "h"), ("e", "g"), ("d", "e")]
    eco = es.Ecosystem.from_edges(edges, partners=partners)
    a = analyze(eco, {**FAST, "analyses": {"resilience": False}})
    missing = a.sector_gaps.missing.set_index("community")
    unmapped_c = int(a.partition.membership["a"])
    mapped_c = int(a.partition.membership["e"])
    assert missing.loc[unmapped_c, "missing"] == []                 # nothing claimed
    assert set(missing.loc[unmapped_c, "unknown_sectors"]) == {"commerce", "content", "infrastructure"}
    assert missing.loc[mapped_c, "missing"] == ["government", "civil_society"]
    assert not any(f["kind"].startswith("missing_helix") and unmapped_c in f["communities"]
                   for f in a.findings)
    ctx = report_context(a, "en", charts=False)
    assert "commerce, content, infrastructure" in ctx["unmapped_text"]
    # a configured mapping turns the words into helix groups
    b = analyze(eco, {**FAST, "analyses": {"resilience": False},
                      "sectors": {"helix": {"content": "industry", "commerce": "industry",
                                            "infrastructure": "industry"}}})
    assert b.sector_gaps.missing.set_index("community").loc[unmapped_c, "missing"] == [
        "academia", "government", "civil_society"]


def test_cordis_codes_and_swafs_other_organisations_map_to_the_helix(analyses):
    from ecosystem.analysis.gaps import helix_group

    assert [helix_group(x) for x in ("HES", "REC", "PRC", "PUB", "OTH")] == [
        "academia", "academia", "industry", "government", "civil_society"]
    a = analyses["h2020_swafs"]
    assert a.sector_gaps.unknown == []
    lacks_civil = a.sector_gaps.missing["missing"].map(lambda m: "civil_society" in m)
    assert not lacks_civil.all()                 # OTH partners count as civil society


# ---------------------------------------------------------------- KPIs and anchors
def test_headline_shows_six_kpis_against_chance(analyses):
    a = analyses["demo"]
    b = a.baselines
    assert list(b.index) == ["largest_component_share", "articulation_points",
                             "cross_sector_tie_share", "cross_community_tie_share", "modularity",
                             "average_clustering"]
    # observed values are the analyses' own
    assert b.loc["modularity", "value"] == pytest.approx(a.partition.modularity)
    assert b.loc["cross_community_tie_share", "value"] == pytest.approx(
        a.health["cross_community_tie_share"])
    assert b.loc["articulation_points", "value"] == len(a.fragility.articulation_points)
    # rewiring destroys communities: far fewer ties stay inside them by chance
    assert b.loc["cross_community_tie_share", "verdict"] == "lower"
    assert b.loc["modularity", "verdict"] == "higher"
    # dated relations: the previous period is there
    assert b.loc["modularity", "previous_period"] == str(a.evolution.kpis.index[-2])
    ctx = report_context(a, "en", charts=False)
    assert len(ctx["tiles"]) == 6
    tile = next(t for t in ctx["tiles"] if t["key"] == "cross_community_tie_share")
    assert tile["meaning"] == "communities keep to themselves" and tile["baseline"].startswith("chance: ")


def test_baselines_are_seeded():
    from ecosystem.analysis.baselines import null_model_kpis

    eco = es.load_dataset("krebs")
    part = es.detect_communities(eco)
    pd.testing.assert_frame_equal(null_model_kpis(eco, part, runs=2, seed=4),
                                  null_model_kpis(eco, part, runs=2, seed=4))


def test_roles_agree_with_why_texts_and_scores_have_two_decimals(analyses):
    for name in DATASETS:
        a = analyses[name]
        for _, r in a.anchors.head(10).iterrows():
            assert r["why"].startswith(r["plain_role"] + ":")
            m = re.search(r"ties into (\d+) of (\d+)", r["why"])
            if r["plain_role"] in ("inner", "community hub"):
                assert m is None or int(m.group(1)) == 1
            if m and int(m.group(1)) >= 2 and not r["role"].endswith("hub"):
                assert r["plain_role"] in ("bridge", "outreach")
    ctx = report_context(analyses["h2020_swafs"], "en", charts=False)
    scores = [row[4] for row in ctx["anchors"]["rows"]]
    assert all(re.fullmatch(r"\d\.\d\d", s) for s in scores)


def test_rank_stability_says_whether_the_top_holds_and_flags_near_ties(analyses):
    swafs = analyses["h2020_swafs"]
    rs = swafs.rank_stability
    assert "projection_newman" in rs.attrs["variants"]          # project data: other weighting
    assert rs.attrs["near_tie"]["tied_with_first"] >= 2          # SWAFS top scores within 0.02
    ctx = report_context(swafs, "en", charts=False)
    text = " ".join(ctx["rank_stability_text"])
    assert "near tie" in text
    assert ("stays first" in text) == rs.attrs["first_holds"]
    assert any(f["kind"].startswith("top_anchor") for f in swafs.findings)


# ---------------------------------------------------------------- names
def _participations(tmp_path):
    t = pd.DataFrame({
        "rcn": [1, 1, 1, 2, 2, 2, 3, 3, 3],
        "pic": ["999974553", "911111111", "922222222", "999974553", "911111111", "933333333",
                "922222222", "933333333", "944444444"],
        "organisation_name": ["Uni Alpha", "Firm Beta", "Institut Gamma", "Uni Alpha",
                              "Firm Beta", "City Delta", "Institut Gamma", "City Delta",
                              "Verein Epsilon"],
        "type": ["HES", "PRC", "REC", "HES", "PRC", "PUB", "REC", "PUB", "OTH"],
        "country": ["DE", "FR", "DE", "DE", "FR", "AT", "DE", "AT", "DE"]})
    f = tmp_path / "participations.csv"
    t.to_csv(f, index=False)
    return f, t


def test_name_and_sector_columns_are_honoured_with_affiliation(tmp_path, runner):
    f, _ = _participations(tmp_path)
    out = tmp_path / "r"
    res = runner.invoke(main, ["analyze", str(f), "--affiliation", "--name-col",
                               "organisation_name", "-o", str(out), "-q",
                               "--stability-runs", "0"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    partners = pd.read_csv(out / "partners.csv", dtype=str).set_index("id")
    assert partners.loc["999974553", "name"] == "Uni Alpha"
    assert partners.loc["944444444", "sector"] == "other organisation"


def test_id_only_partners_get_readable_labels_and_names_can_be_joined(tmp_path, runner):
    f, t = _participations(tmp_path)
    t.drop(columns="organisation_name").to_csv(f, index=False)
    a = analyze(str(f), {**FAST, "data": {"affiliation": True}})
    assert a.eco.names["999974553"] == "PIC 999974553 · HES · DE"
    names = tmp_path / "names.csv"
    names.write_text("pic,name\n999974553,Uni Alpha\n123,Nobody\n", encoding="utf-8")
    b = analyze(str(f), {**FAST, "data": {"affiliation": True, "names": str(names)}})
    assert b.eco.names["999974553"] == "Uni Alpha"
    assert b.eco.names["911111111"] == "PIC 911111111 · PRC · FR"
    assert any(p.code == "names_unknown_id" for p in b.eco.report.problems)
    html = render_html(report_context(b, "en", charts=False))
    assert "Uni Alpha" in html
    # ids never wrap mid-token in HTML tables
    assert re.search(r"th, td \{[^}]*word-break: keep-all", html)
    # and Korean text anywhere breaks between words, never inside one ("커뮤/니티")
    assert re.search(r"\nbody \{[^}]*word-break: keep-all", html)
    assert "overflow-wrap: anywhere" not in html.split("th, td {", 1)[1].split("}", 1)[0]
    res = runner.invoke(main, ["analyze", str(f), "--affiliation", "--names", str(names), "-o",
                               str(tmp_path / "r2"), "-q", "--stability-runs", "0"],
                        catch_exceptions=False)
    assert res.exit_code == 0, res.output


def test_missing_names_file_is_a_clear_error(tmp_path, runner):
    f, _ = _participations(tmp_path)
    res = runner.invoke(main, ["analyze", str(f), "--names", str(tmp_path / "nope.csv"), "-o",
                               str(tmp_path / "r"), "-q"])
    assert res.exit_code == 2 and "nope.csv" in res.output


# ---------------------------------------------------------------- Korean
ENGLISH_UI = ["Decision brief", "Headline indicators", "Anchor partners", "Communities",
              "Evidence:", "chance:", "Role", "Sector", "Strength", "Expected", "Community ",
              "around ", "-led", "cluster", "Missing", "Unmapped", "isolate", "peripheral",
              "connector", "hub", "bridge", "Does the ranking hold", "What the roles mean",
              "Engage ", "Secure ", "Broker ", "Keep ", "university", "research institute",
              "government", "startup", "company", "organisation", "Name", "Rank", "Why", "Score"]


@pytest.mark.parametrize("name", ["demo", "h2020_swafs"])
def test_korean_report_has_no_english_ui_text(analyses, name):
    a = analyses[name]
    ctx = report_context(a, "ko", charts=False)
    html = render_html(ctx)
    md = render_markdown(ctx)
    # user-visible text up to the methods (where measure and setting names are identifiers):
    # drop the style, scripts, tags, and the data's own values (names, topics)
    visible = re.sub(r"<style>.*?</style>|<script.*?</script>|<[^>]+>", " ",
                     html.split('<section id="methods">')[0], flags=re.S)
    md = md.split("\n## 분석 방법")[0]
    data_words = set(a.eco.names) | set(a.eco.partners.get("cluster", pd.Series(dtype=str)).astype(str))
    for text in (visible, md):
        for word in sorted(data_words, key=len, reverse=True):
            text = text.replace(str(word), " ")
        text = text.split("의사결정 요약", 1)[1]
        for s in ENGLISH_UI:
            assert s not in text, (s, text[max(0, text.find(s) - 80):text.find(s) + 80])
    assert "Hangul" in html and "@font-face" in html and "base64," in html


def test_a_partnership_the_backtest_could_not_tell_from_chance_is_a_lead_not_an_order():
    """Krebs: the hidden-ties test finds the suggestions no better than chance, so the brief
    says "check whether", with the reason, in both languages, and ranks it lower; with a
    verdict that beats chance the same pair is an action again."""
    from ecosystem.analysis.findings import findings

    a = analyze("krebs", {**FAST, "recommendations": {}})
    assert a.recommendation_quality.attrs["verdict"]["level"] == "low"
    lead = next(x for x in a.findings if x["section"] == "recommendations")
    assert lead["kind"].endswith("_lead") and lead["evidence"]["backtest"] == "low"
    assert lead["text"].startswith("Check whether ")
    assert "could not be shown to beat chance" in lead["text"]
    assert "Broker" not in lead["text"] and "우연보다 낫다는 것이 확인되지 않았습니다" in lead["text_ko"]
    # the row's competitor flag travels with it into the brief (en and ko)
    recs = a.recommendations
    row = recs[(recs["source"] == lead["partners"][0]) & (recs["target"] == lead["partners"][1])]
    assert bool(row["competitor"].iloc[0])
    # the competitor caution, then krebs' unstable communities (NMI below 0.7)
    assert lead["text"].endswith("Caution: likely competitors (same sector (infrastructure)). "
                                 "Caution: the communities change between runs (see their "
                                 "stability under Communities), so read them as rough "
                                 "groupings.")
    assert "주의: 경쟁 관계일 가능성이 있습니다" in lead["text_ko"]
    a.recommendation_quality.attrs["verdict"] = {**a.recommendation_quality.attrs["verdict"],
                                                 "level": "beats"}
    action = next(x for x in findings(a, limit=20) if x["section"] == "recommendations")
    assert action["partners"] == lead["partners"] and action["text"].startswith("Broker ")
    assert action["impact"] == 4 * lead["impact"]


def test_an_efficiency_drop_within_its_sampling_error_is_not_a_finding():
    """A sampled what-if's efficiency change comes with its standard error: the brief
    claims a loss only when it is more than two standard errors (and 3% of the value)."""
    from ecosystem.analysis.findings import _anchor_loss, _Ctx

    a = analyze(es.Ecosystem.from_edges([("a", "b"), ("b", "c"), ("c", "d")]),
                {"analyses": {"stability": False, "resilience": False}})
    scenario = {"removed": ["b"], "reach_lost_share": 0.0, "efficiency_before": 0.5,
                "efficiency_change": -0.05, "cut_off_count": 0}
    a.what_if = [{**scenario, "efficiency_change_se": 0.03}]      # -0.05 within 2 x 0.03
    assert _anchor_loss(_Ctx(a)) == []
    a.what_if = [{**scenario, "efficiency_change_se": 0.01}]
    (found,) = _anchor_loss(_Ctx(a))
    assert found["kind"] == "anchor_loss_eff" and found["evidence"]["efficiency_drop"] == 0.1
    a.what_if = [{**scenario, "efficiency_change_se": None}]      # exact: as before
    assert _anchor_loss(_Ctx(a))[0]["kind"] == "anchor_loss_eff"
    # reach lost, but the efficiency change within its error: no "would fall by 0%"
    a.what_if = [{**scenario, "reach_lost_share": 0.05, "efficiency_change": -0.04,
                  "efficiency_before": 0.4, "efficiency_change_se": 0.025}]
    (found,) = _anchor_loss(_Ctx(a))
    assert found["kind"] == "anchor_loss_reach" and "fall by" not in found["text"]
    assert found["text"].endswith("5.0% of connected partner pairs would lose their link.")
    a.what_if[0]["efficiency_change_se"] = 0.001                   # outside it: both said
    (found,) = _anchor_loss(_Ctx(a))
    assert found["kind"] == "anchor_loss" and "efficiency would fall by 10" in found["text"]


def test_what_if_table_shows_the_standard_error_of_a_sampled_change():
    from ecosystem.render.report_sections import _with_error

    assert _with_error(-0.000352, 4.09e-05, "en") == "-0.00035 ± 0.00004"   # H2020's top anchor
    assert _with_error(-0.00374, 0.00339, "en") == "-0.004 ± 0.003"
    assert _with_error(-0.0123, 0.0014, "en") == "-0.0123 ± 0.0014"
    assert _with_error(-0.0123, None, "en") == "-0.0123"


def test_one_finding_per_partner_when_it_is_both_a_key_anchor_and_a_single_point(analyses):
    # krebs' brief had "Keep MSFT engaged: ..." and, two items later, "Secure MSFT: it is a
    # single point of failure ...": one finding now says both
    from ecosystem.analysis.findings import findings

    a = analyses["krebs"]
    fs = findings(a)
    firsts = [f["partners"][0] for f in fs if f["kind"] in ("single_point", "anchor_loss",
                                                              "anchor_loss_eff",
                                                              "anchor_loss_reach")]
    assert len(firsts) == len(set(firsts))
    merged = [f for f in fs if "single_point_cut_off" in f["evidence"]]
    art = a.fragility.articulation_points.sort_values("cut_off", ascending=False).iloc[0]
    assert len(merged) == 1 and merged[0]["partners"][0] == str(art.name)
    k = int(art["cut_off"])
    assert merged[0]["text"].startswith(f"Keep {art['name']} engaged")
    assert merged[0]["text"].endswith(f"({k} in all) would be cut off from the rest of the network.")
    assert f"(총 {k}곳)이 나머지 네트워크와 끊깁니다." in merged[0]["text_ko"]


def test_helix_table_says_why_it_is_empty_and_lists_only_communities_missing_a_group(analyses):
    # scotland's sectors (banks, railway ...) map to no helix group: its table was a column
    # of dashes under an instruction; the demo listed communities that miss nothing
    from ecosystem.render.report import report_context

    ctx = report_context(analyses["scotland"], "en")
    assert ctx["helix_unchecked"] and ctx.get("missing_sectors") is None
    assert ctx["unmapped_text"].startswith("None of this data's sectors maps to a helix group")
    assert "banks" in ctx["unmapped_text"]
    demo = report_context(analyses["demo"], "en")
    rows = demo["missing_sectors"]["rows"]
    miss = demo["missing_sectors"]["columns"].index("Missing helix groups")
    assert rows and all(r[miss] not in ("", "–") for r in rows)
    assert len(rows) == int((analyses["demo"].sector_gaps.missing["n_missing"] > 0).sum())
    # every demo sector maps: no column of dashes for unmapped sectors
    assert not analyses["demo"].sector_gaps.missing["unknown_sectors"].map(len).any()
    assert not any("nmapped" in c for c in demo["missing_sectors"]["columns"])


def test_community_findings_carry_a_caution_when_communities_are_unstable(analyses):
    # krebs: the runs agree at NMI 0.56, yet the brief said "Engage HP to connect ..." as if
    # the two communities were fixed
    from ecosystem.analysis.findings import UNSTABLE_NMI, findings
    from ecosystem.render.report import report_context

    from ecosystem.analysis.findings import UNSTABLE_CONSISTENCY

    for name in DATASETS:
        a = analyses[name]
        unstable = a.stability.mean_nmi < UNSTABLE_NMI
        cons = a.stability.communities.set_index("community")["consistency"]
        for f in findings(a):
            if f["communities"]:  # the whole grouping, or a community it names, is shaky
                shaky = unstable or bool((cons.reindex(f["communities"])
                                          < UNSTABLE_CONSISTENCY).any())
                said = "the communities change between runs" in f["text"]
                assert said == shaky, (name, f["kind"])
                assert ("커뮤니티가 실행마다 달라지므로" in f["text_ko"]) == shaky
            else:
                assert "the communities change between runs" not in f["text"]
        text = report_context(a, "en")["stability_text"]
        assert ("rough groupings" in text) == unstable
    assert analyses["krebs"].stability.mean_nmi < UNSTABLE_NMI   # the case above is tested
