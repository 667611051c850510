"""Every figure of the decision brief can be found in the evidence it links to, and
communities are called by their names everywhere.

A director reads "the two communities share 9 ties where 78 would be expected", follows
the link and must find 9 and 78 there; reads "around 대한모터스" and must find 대한모터스
first among the community's top partners; and never has to decode "Community 3" or
"C31" without being told which community that is.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from ecosystem.cli.analyze import demo_survey
from ecosystem.pipeline import analyze
from ecosystem.render.report import render_html, render_markdown, report_context

FAST = {"communities": {"stability_runs": 2}, "resilience": {"runs": 2, "steps": 5},
        "recommendations": {"evaluate": False}, "baselines": {"runs": 3}}

DATASETS = ["demo", "scotland", "krebs"]


@pytest.fixture(scope="module")
def analyses():
    # the demo as `ecosystem analyze --demo` runs it: with its bundled survey
    return {name: analyze(name, {**FAST, "survey": {"file": str(demo_survey())}}
                          if name == "demo" else FAST) for name in DATASETS}


@pytest.fixture(scope="module")
def pages(analyses):
    """(context, report.html, report.md) per dataset and language."""
    out = {}
    for name, a in analyses.items():
        for lang in ("en", "ko"):
            ctx = report_context(a, lang, charts=False)
            out[name, lang] = (ctx, render_html(ctx), render_markdown(ctx))
    return out


# ------------------------------------------------------------------ reading the page
class _Blocks(HTMLParser):
    """The page as (tag, id, text) blocks, and every table cell's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str | None, str]] = []   # ("start", id, tag) / ("text", ...)

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", dict(attrs).get("id"), tag))

    def handle_endtag(self, tag):
        self.events.append(("end", None, tag))

    def handle_data(self, data):
        if data.strip():
            self.events.append(("text", None, data))


def section_events(html: str, section: str) -> list[tuple[str, str | None, str]]:
    """The page from the element with id ``section`` to the next heading of the same or a
    higher level (the whole ``<section>`` when the id is a section's)."""
    p = _Blocks()
    p.feed(html)
    ev = p.events
    start = next(i for i, (kind, ident, _) in enumerate(ev) if kind == "start" and ident == section)
    tag = ev[start][2]
    level = int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else 2
    stops = {f"h{k}" for k in range(1, level + 1)}
    out, seen_own_heading = [], tag != "section"
    for kind, ident, text in ev[start + 1:]:
        if kind == "start" and text in stops:
            if seen_own_heading:
                break
            seen_own_heading = True
        out.append((kind, ident, text))
    return out


def section_text(html: str, section: str) -> str:
    return " ".join(text for kind, _, text in section_events(html, section) if kind == "text")


def section_rows(html: str, section: str) -> list[list[str]]:
    """The table rows (cell texts) inside the section."""
    rows, row, cell = [], None, None
    for kind, _, text in section_events(html, section):
        if kind == "start" and text == "tr":
            row = []
        elif kind == "start" and text in ("td", "th"):
            cell = []
        elif kind == "text" and cell is not None:
            cell.append(text)
        elif kind == "end" and text in ("td", "th") and row is not None:
            row.append(" ".join(cell or []).strip())
            cell = None
        elif kind == "end" and text == "tr" and row is not None:
            rows.append(row)
            row = None
    return rows


NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def figures(finding: dict, lang: str) -> list[str]:
    """The numbers a finding's sentence quotes, leaving out those inside the names it
    quotes (partners, community labels) and the "(+3)" / "외 3곳" of a shortened list."""
    text = finding["text_ko" if lang == "ko" else "text"]
    names = finding["partner_names"] + finding["community_labels" if lang == "en"
                                               else "community_labels_ko"]
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    text = re.sub(r"\(\+\d+\)| 외 \d+곳", " ", text)
    return [n.replace(",", "") for n in NUMBER.findall(text)]


def numbers_in(text: str) -> set[str]:
    return {n.replace(",", "") for n in NUMBER.findall(text)}


# ------------------------------------------------------------------ the brief and its evidence
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_weak_link_finding_quotes_the_tie_counts_of_its_row_in_the_linked_table(analyses, pages,
                                                                               lang):
    a = analyses["demo"]
    f = next(x for x in a.findings if x["kind"].startswith("connect"))
    ctx, html, _ = pages["demo", lang]
    brief = next(b for b in ctx["brief"] if b["kind"] == f["kind"])
    assert brief["section"] == "community-gaps"
    quoted = figures(f, lang)
    assert quoted == [str(f["evidence"]["ties"]), f"{f['evidence']['expected_ties']:.0f}"]
    labels = f["community_labels" if lang == "en" else "community_labels_ko"]
    row = next(r for r in section_rows(html, "community-gaps") if r[:2] == labels)
    cells = [c.replace(",", "") for c in row]
    for number in quoted:                       # e.g. 9 ties where 78 were expected
        assert number in cells, (number, row)


@pytest.mark.parametrize("name,lang", [(n, lang) for n in DATASETS for lang in ("en", "ko")])
def test_every_figure_of_the_brief_is_in_the_section_it_links_to(analyses, pages, name, lang):
    a = analyses[name]
    ctx, html, md = pages[name, lang]
    assert len(ctx["brief"]) == len(a.findings) >= 3
    for f, b in zip(a.findings, ctx["brief"]):
        own = f["text_ko" if lang == "ko" else "text"]
        # the section, less any copy of the finding's own sentence (the risk section
        # repeats it): the figures must stand in its tables and explanations
        shown = numbers_in(section_text(html, b["section"]).replace(own, " "))
        missing = [n for n in figures(f, lang) if n not in shown]
        assert not missing, f"{f['kind']}: {missing} not in #{b['section']} ({own})"
        # the Markdown report links to the same place, and the place exists there
        assert f'<a id="{b["section"]}"></a>' in md, b["section"]


def test_what_if_table_shows_the_relative_efficiency_change_the_brief_quotes(analyses, pages):
    f = next(x for x in analyses["krebs"].findings if x["kind"].startswith("anchor_loss"))
    _, html, _ = pages["krebs", "en"]
    row = next(r for r in section_rows(html, "what-if") if r[0] == f["partner_names"][0])
    drop = f"{100 * f['evidence']['efficiency_drop']:.0f}%"          # "10%"
    assert row[4].endswith(f"(-{drop})") and f"fall by {drop}" in f["text"]


def test_a_fragmented_network_is_described_in_the_single_points_of_failure_section(pages):
    ctx, html, _ = pages["scotland", "en"]
    text = section_text(html, "fragility")
    assert "80% of partners are in the main network; no path leads from it to 3 separate " \
           "groups and 16 partners without ties." in text


def test_one_group_or_one_partner_outside_the_main_network_is_said_in_the_singular():
    from ecosystem.analysis.health import outside_text

    assert outside_text({"share": 0.9, "groups": 1, "isolates": 1}) == \
        "1 separate group and 1 partner without ties"
    assert outside_text({"share": 0.9, "groups": 0, "isolates": 2}) == "2 partners without ties"
    assert outside_text({"share": 1.0, "groups": 0, "isolates": 0}) == ""
    assert outside_text({"share": 0.9, "groups": 1, "isolates": 1}, "ko") == \
        "분리된 그룹 1개와 관계가 없는 파트너 1곳"


# ------------------------------------------------------------------ names, not numbers
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_trust_by_community_table_names_communities_and_says_sectors_in_the_report_language(
        analyses, pages, lang):
    a = analyses["demo"]
    ctx, html, md = pages["demo", lang]
    table = ctx["trust_risk"]["trust"]["groups"]
    community, sector = ("Community", "Sector") if lang == "en" else ("커뮤니티", "부문")
    names = set(a.community_names[f"label_{lang}"])
    by_community = [r[1] for r in table["rows"] if r[0] == community]
    assert len(by_community) == len(names)
    assert set(by_community) == names                      # no "0", "1", ... any more
    sectors = [r[1] for r in table["rows"] if r[0] == sector]
    if lang == "ko":
        assert {"대기업", "정부", "투자사", "연구소"} <= set(sectors)
        assert not {"corporate", "government", "investor", "research institute"} & set(sectors)
    for label in by_community:
        assert label in md


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_life_cycle_says_which_community_each_id_is(analyses, pages, lang):
    a = analyses["demo"]
    ev = a.evolution
    ctx, _, _ = pages["demo", lang]
    table = next(t for t in ctx["evolution"]["tables"] if t["keys"][-1] == "description")
    now_word = "today: " if lang == "en" else "현재: "
    labels = dict(a.community_names[f"label_{lang}"])
    # the latest period's communities are the main analysis' own: same members, so the
    # stable id takes that community's name
    last = ev.labels[-1]
    stable = ev.tracking.partition_at(last)
    memb = a.partition.membership
    expected = {}
    for cid, members in stable.groupby(stable).groups.items():
        mains = set(memb.reindex(members))
        assert len(mains) == 1
        main = mains.pop()
        if main in labels:
            assert set(memb.index[memb == main]) == set(members)
            expected[f"C{cid}"] = labels[main]
    assert len(expected) == len(labels)
    seen_now = set()
    for period, _, text in table["rows"]:
        mentioned = set()
        for m in re.finditer(r"\bC\d+\b", text):
            cid = m.group(0)
            after = text[m.end():]
            if cid in mentioned:
                continue
            mentioned.add(cid)
            if cid in expected:                            # C31 (today: <its name>)
                assert after.startswith(f" ({now_word}{expected[cid]})"), text
                seen_now.add(cid)
            else:                                          # C8 (around <its top partner>)
                assert re.match(r" \((around .+?|.+? 중심)\)", after), text
    assert seen_now                                        # the table does name today's ones
    # latest period first, so the most recent change is on screen
    periods = [r[0] for r in table["rows"]]
    assert periods == sorted(periods, key=ev.labels.index, reverse=True)


def test_rising_and_falling_anchors_show_the_change_the_brief_quotes(analyses, pages):
    f = next(x for x in analyses["demo"].findings if x["kind"] == "change_mover")
    ctx, _, _ = pages["demo", "en"]
    table = next(t for t in ctx["evolution"]["tables"] if t["keys"][1:3] == ["direction", "name"])
    rows = [r for r in table["rows"] if r[0] == f["evidence"]["period"]
            and r[2] == f["partner_names"][0]]
    assert rows and rows[0][3:5] == [str(f["evidence"]["rank_before"]),
                                     str(f["evidence"]["rank_after"])]
    assert table["more"] and "metrics.xlsx" in table["more"]


# ------------------------------------------------------------------ "around X" is a top partner
@pytest.mark.parametrize("name", ["demo", "krebs"])
def test_the_partner_a_community_is_named_around_is_its_first_top_partner(analyses, pages, name):
    a = analyses[name]
    names = a.community_names
    comm = a.communities.set_index("community")
    ctx, _, _ = pages[name, "en"]
    shown = {r[0]: r[-1] for r in ctx["communities"]["rows"]}
    for c, row in names.iterrows():
        centre = row["centre"]
        assert f"around {centre} (" in row["label_en"]
        assert comm.loc[c, "top_partners"].split(", ")[0] == centre
        assert comm.loc[c, "central_partner"] == centre
        assert shown[row["label_en"]].startswith(centre)
        # one ranking for both: the anchor ranking, best first
        ranks = a.anchors["rank"].reindex(comm.loc[c, "top_partner_ids"].split(";")).tolist()
        assert ranks == sorted(ranks)
        members = a.partition.membership[a.partition.membership == c].index
        assert ranks[0] == a.anchors["rank"].reindex(members).min()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_partner_the_brief_says_could_bring_a_missing_group_is_in_the_linked_table(
        analyses, pages, lang):
    """Demo: "… has no civil society partner among its 46 members; 바이오산업협회 … could
    bring that link": the "Communities missing a helix group" table names 바이오산업협회 in
    that community's row, and names the best-ranked anchor of the missing group outside
    each community in every other row that lacks a group."""
    a = analyses["demo"]
    f = next(x for x in a.findings if x["kind"] == "missing_helix")
    _, html, md = pages["demo", lang]
    label = f["community_labels" if lang == "en" else "community_labels_ko"][0]
    assert f["section"] == "missing-helix"  # the table itself, not the sector pairs above it
    row = next(r for r in section_rows(html, "missing-helix") if r and r[0] == label)
    assert f["partner_names"][0] in row
    missing = a.sector_gaps.missing
    anchors = a.anchors.sort_values("rank")
    memb = a.partition.membership
    from ecosystem.analysis.gaps import helix_group
    for _, r in missing.iterrows():
        want = r["missing"][0] if len(r["missing"]) else None
        best = next((pid for pid, s in anchors["sector"].items()
                     if want and helix_group(s) == want and memb[pid] != r["community"]), None)
        assert (r["candidate"] if isinstance(r["candidate"], str) else None) == best
    assert f["partner_names"][0] in md


def test_the_missing_group_finding_is_about_a_row_the_table_shows():
    """Found in review: a 30-partner community lacking only civil society and twelve
    6-partner communities lacking three groups: the table (most gaps first, 10 rows) left
    out the big community the brief named. The brief now picks among the rows shown."""
    import itertools

    import pandas as pd

    from ecosystem import Ecosystem

    edges, sect = [], {}
    big = [f"b{i}" for i in range(30)]
    edges += list(itertools.combinations(big, 2))
    for i, m in enumerate(big):
        sect[m] = ["university", "company", "government"][i % 3]
    for g in range(12):
        mem = [f"s{g}_{i}" for i in range(6)]
        edges += list(itertools.combinations(mem, 2)) + [(mem[0], big[g])]
        sect.update({m: "company" for m in mem})
    ids = sorted({x for e in edges for x in e})
    eco = Ecosystem.from_edges(edges, partners=pd.DataFrame(
        {"id": ids, "sector": [sect[i] for i in ids]}))
    a = analyze(eco, FAST)
    f = next(x for x in a.findings if x["kind"].startswith("missing_helix"))
    ctx = report_context(a, "en", charts=False)
    shown = [r[0] for r in ctx["missing_sectors"]["rows"]]
    assert ctx["missing_sectors"]["more"] and f["community_labels"][0] in shown
