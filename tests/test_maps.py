"""Map specs and pages: encoding rules, legend = styling, focus/community, overview, safety."""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ecosystem as es
from ecosystem import Ecosystem
from ecosystem.exceptions import InvalidParameterError, PartnerNotFoundError
from ecosystem.render.map import style
from ecosystem import make_map, map_spec
from ecosystem.render.maps import MapView, map_files, map_html, write_map
from ecosystem.render.map.html import json_for_script, page_payload

ROOT = Path(__file__).resolve().parent.parent
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "</script><script>alert(1)</script>"


@pytest.fixture(scope="module")
def demo() -> Ecosystem:
    return es.load(ROOT / "datasets/demo/relations.csv", ROOT / "datasets/demo/partners.csv")


@pytest.fixture(scope="module")
def demo_spec(demo) -> dict:
    return map_spec(demo, seed=0)


def small_eco() -> Ecosystem:
    rel = pd.DataFrame({"source": ["a", "b", "c", "c", "d", "e", "f"],
                        "target": ["b", "c", "a", "d", "e", "f", "d"],
                        "type": ["joint R&D", "pilot", "pilot", "licence", "pilot", "MoU", "pilot"],
                        "weight": [3, 1, 1, 2, 1, 1, 4]})
    part = pd.DataFrame({"id": list("abcdefg"),
                         "name": ["삼성전자", XSS_IMG, XSS_SCRIPT, "KAIST", "Naver\u2028Labs",
                                  "Tom & Jerry", "Isolated Ltd"],
                         "sector": ["company", "startup", "startup", "university", "company",
                                    "", "government"],
                         "country": ["KR", "KR", "US", "KR", "KR", "=cmd()", None]})
    return Ecosystem.from_frames(rel, part)


# ---------------------------------------------------------------- spec contents
def test_spec_has_every_partner_and_tie_with_positions(two_triangles):
    spec = map_spec(two_triangles, seed=0)
    assert spec["kind"] == "partners"
    assert sorted(n["id"] for n in spec["nodes"]) == list("abcdef")
    assert len(spec["edges"]) == two_triangles.n_ties == 7
    assert all(np.isfinite([n["x"], n["y"], n["size"]]).all() for n in spec["nodes"])
    json.dumps(spec, allow_nan=False)  # pure JSON-ready data


def test_bridge_and_articulation_points_come_from_fragility(two_triangles):
    spec = map_spec(two_triangles)
    bridges = [(e["source"], e["target"]) for e in spec["edges"] if e["bridge"]]
    assert bridges == [("c", "d")]
    cd = next(e for e in spec["edges"] if e["bridge"])
    assert cd["cut_off"] == 3  # removing c-d cuts one triangle (3 partners) off
    arts = sorted(n["id"] for n in spec["nodes"] if n["articulation"])
    assert arts == ["c", "d"]
    assert spec["overlays"] == {"recommended": bool(spec["recommended"]), "fragility": False}


def test_community_colours_are_stable_palette_positions(two_triangles):
    spec = map_spec(two_triangles)
    by_id = {n["id"]: n for n in spec["nodes"]}
    assert {by_id[i]["community"] for i in "abc"} != {by_id[i]["community"] for i in "def"}
    for n in spec["nodes"]:
        assert n["color"] == style.PALETTE[n["community"]]
    # same data, another run: same colours
    again = map_spec(two_triangles)
    assert [n["color"] for n in again["nodes"]] == [n["color"] for n in spec["nodes"]]


def test_legend_lists_every_category_with_the_colour_used_for_nodes(demo_spec):
    for mode, coloring in demo_spec["colorings"].items():
        lookup = {it["value"]: it["color"] for it in coloring["items"]}
        used = {n["categories"][mode] for n in demo_spec["nodes"]}
        assert used == set(lookup), mode  # every category shown, nothing extra
        counts = pd.Series([n["categories"][mode] for n in demo_spec["nodes"]]).value_counts()
        assert {it["value"]: it["count"] for it in coloring["items"]} == counts.to_dict()
    lookup = {it["value"]: it["color"] for it in demo_spec["colorings"]["community"]["items"]}
    assert all(n["color"] == lookup[n["categories"]["community"]] for n in demo_spec["nodes"])
    # one colour key: a tie is tinted with its partners' shared colour, else neutral grey
    node = {n["id"]: n for n in demo_spec["nodes"]}
    for e in demo_spec["edges"]:
        a, b = node[e["source"]], node[e["target"]]
        shared = a["categories"]["community"] == b["categories"]["community"] and \
            a["categories"]["community"] not in (style.OTHER_KEY, style.ISOLATED_KEY, "unknown")
        assert e["color"] == (style.tint(a["color"]) if shared else style.NEUTRAL_EDGE)
    assert sum(it["count"] for it in demo_spec["edge_types"]) == len(demo_spec["edges"])


def test_sector_colours_fixed_for_known_sectors_unknown_is_grey():
    items = style.category_colors(["university", "startup", "", "unknown", "Mystery"], kind="sector")
    colors = {it["value"]: it["color"] for it in items}
    assert colors["university"] == style.SECTOR_COLORS["university"]
    assert colors["startup"] == style.SECTOR_COLORS["startup"]
    assert colors["unknown"] == style.UNKNOWN_COLOR
    assert [it for it in items if it["value"] == "unknown"][0]["count"] == 2
    assert colors["Mystery"] in style.PALETTE and colors["Mystery"] not in (
        colors["university"], colors["startup"])
    # beyond the palette: one shared "other" grey, listed after the coloured ones
    many = style.category_colors([f"s{i:02d}" for i in range(20)], kind="category", max_colors=5)
    assert [it["color"] for it in many[:5]] == style.PALETTE[:5]
    assert {it["color"] for it in many[5:]} == {style.OTHER_COLOR}


def test_node_area_proportional_to_metric_and_edge_width_grows_with_strength(two_triangles):
    spec = map_spec(two_triangles, size_by="degree")
    by_id = {n["id"]: n for n in spec["nodes"]}
    # degree: a=2, c=3; baseline 0, so (r - min)^2 is proportional to the value
    lo, hi = style.MIN_SIZE, style.MAX_SIZE
    t = lambda r: ((r - lo) / (hi - lo)) ** 2  # noqa: E731
    assert t(by_id["a"]["size"]) / t(by_id["c"]["size"]) == pytest.approx(2 / 3, rel=1e-3)
    assert spec["size"]["by"] == "degree"
    assert [s["value"] for s in spec["size"]["samples"]] == [2, 3]
    eco = Ecosystem.from_edges([("a", "b", 1), ("b", "c", 5), ("c", "d", 20)])
    widths = {(e["source"], e["target"]): e["width"] for e in map_spec(eco, analysis={})["edges"]}
    assert widths[("a", "b")] < widths[("b", "c")] < widths[("c", "d")]


def test_top_partners_labelled(demo, demo_spec):
    labelled = [n for n in demo_spec["nodes"] if n["label"]]
    assert len(labelled) == 15
    assert sorted(n["anchor_rank"] for n in labelled) == list(range(1, 16))
    fewer = map_spec(demo, labels=3, analysis={"partition": None})
    assert sum(n["label"] for n in fewer["nodes"]) == 0  # no metric to rank by: none labelled


def test_tooltip_fields_hold_attributes_metrics_role(demo_spec):
    node = next(n for n in demo_spec["nodes"] if n["anchor_rank"] == 1)
    assert {"anchor_score", "degree", "strength", "pagerank", "betweenness"} <= set(node["metrics"])
    assert node["attributes"]["country"] == "KR"
    assert node["role"] and node["why"]
    assert isinstance(node["community"], int)


def test_focus_map_is_the_ego_network(two_triangles):
    spec = map_spec(two_triangles, focus="a", depth=2)
    assert sorted(n["id"] for n in spec["nodes"]) == ["a", "b", "c", "d"]
    assert [n["id"] for n in spec["nodes"] if n["focus"]] == ["a"]
    assert next(n for n in spec["nodes"] if n["id"] == "a")["label"]
    assert sorted((e["source"], e["target"]) for e in spec["edges"]) == [
        ("a", "b"), ("a", "c"), ("b", "c"), ("c", "d")]
    assert spec["scope"] == {"focus": "a", "focus_name": "a", "depth": 2}
    # metrics are those of the whole network, not of the ego network
    full = {n["id"]: n["metrics"] for n in map_spec(two_triangles)["nodes"]}
    assert next(n for n in spec["nodes"] if n["id"] == "c")["metrics"] == full["c"]
    with pytest.raises(PartnerNotFoundError):
        map_spec(two_triangles, focus="nobody")
    with pytest.raises(InvalidParameterError, match="depth"):
        map_spec(two_triangles, focus="a", depth=-1)


def test_focus_by_hangul_name_and_community_map(demo):
    name = demo.partners["name"].iloc[0]
    spec = map_spec(demo, focus=name, depth=1)
    assert spec["nodes"][0]["name"] == name or name in [n["name"] for n in spec["nodes"]]
    assert name in spec["title"]
    comm = map_spec(demo, community=1)
    assert {n["community"] for n in comm["nodes"]} == {1}
    assert comm["color_by"] == "sector" and "community" in comm["colorings"]  # one community
    with pytest.raises(InvalidParameterError, match="community 99 does not exist"):
        map_spec(demo, community=99)
    with pytest.raises(InvalidParameterError, match="either focus or community"):
        map_spec(demo, community=1, focus=name)


def test_bad_encoding_options(two_triangles):
    with pytest.raises(InvalidParameterError, match="size_by"):
        map_spec(two_triangles, size_by="nonsense")
    with pytest.raises(InvalidParameterError, match="color_by"):
        map_spec(two_triangles, color_by="nonsense")


def test_partial_or_missing_analysis_still_maps(two_triangles):
    bare = map_spec(two_triangles, analysis={})
    assert bare["color_by"] == "sector" and bare["size"]["by"] == "none"
    assert any("communities not available" in n for n in bare["notes"])
    from ecosystem import detect_communities

    part = map_spec(two_triangles, analysis={"partition": detect_communities(two_triangles)})
    assert part["color_by"] == "community"
    assert any("anchor scores not available" in n for n in part["notes"])


def test_given_positions_are_used(two_triangles):
    pos = pd.DataFrame({"x": range(6), "y": [0] * 6}, index=list("abcdef"), dtype=float)
    spec = map_spec(two_triangles, positions=pos, analysis={})
    assert [n["x"] for n in spec["nodes"]] == [0, 1, 2, 3, 4, 5]
    with pytest.raises(InvalidParameterError, match="missing"):
        map_spec(two_triangles, positions=pos.iloc[:3], analysis={})
    pos.loc["b", "y"] = float("nan")
    with pytest.raises(InvalidParameterError, match="'b' is not a finite number"):
        map_spec(two_triangles, positions=pos, analysis={})
    as_dict = map_spec(two_triangles, positions={k: (i, 0) for i, k in enumerate("abcdef")},
                       analysis={})
    assert [n["x"] for n in as_dict["nodes"]] == [0, 1, 2, 3, 4, 5]


def test_same_seed_same_spec(two_triangles):
    a, b = map_spec(two_triangles, seed=5), map_spec(two_triangles, seed=5)
    assert [(n["x"], n["y"]) for n in a["nodes"]] == [(n["x"], n["y"]) for n in b["nodes"]]


# ---------------------------------------------------------------- overview
def test_large_network_becomes_overview_with_drilldowns(demo, tmp_path):
    spec = map_spec(demo, max_nodes=100)
    assert spec["kind"] == "overview"
    json.dumps(spec, allow_nan=False)
    part = es.detect_communities(demo)
    sizes = part.sizes
    big = sorted(k for k, s in sizes.items() if s >= 3)
    small = [k for k, s in sizes.items() if s < 3]
    assert small  # the demo has isolated partners
    # one node per community of 3+ partners, one node for all the small ones
    assert [n["community"] for n in spec["nodes"]] == big + [None]
    assert {n["community"]: n["value"] for n in spec["nodes"][:-1]} == sizes[big].to_dict()
    assert spec["nodes"][-1]["value"] == sizes[small].sum()
    assert spec["nodes"][-1]["color"] == style.OTHER_COLOR
    legend = {it["value"]: it["count"] for it in spec["colorings"]["community"]["items"]}
    assert legend == {**{str(k): int(sizes[k]) for k in big}, "small": int(sizes[small].sum())}
    labelled = [n for n in spec["nodes"] if n["label"]]
    assert labelled and all(n["value"] >= 3 for n in labelled)
    # ties between groups aggregated: strength sums match the partner ties between them
    m = part.membership.where(part.membership.isin(big), -1)
    t = demo.undirected_ties
    ca, cb = m[t["source"]].to_numpy(), m[t["target"]].to_numpy()
    assert sum(e["strength"] for e in spec["edges"]) == pytest.approx(t[ca != cb]["strength"].sum())
    # no two community discs overlap
    xy = np.array([[n["x"], n["y"]] for n in spec["nodes"]])
    r = np.array([n["size"] for n in spec["nodes"]])
    d = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(d, np.inf)
    assert (d >= (r[:, None] + r[None, :]) - 1e-6).all()
    keys = [d["key"] for d in spec["drilldowns"]]
    assert keys == [str(k) for k in big] + ["small"]
    assert sum(len(d["spec"]["nodes"]) for d in spec["drilldowns"]) == demo.n_partners
    out = write_map(spec, tmp_path / "net.html")
    files = map_files(spec, out)
    assert all(f.exists() for f in files) and len(files) == len(keys) + 1
    overview = out.read_text(encoding="utf-8")
    assert "net_community_0.html" in overview and "net_community_small.html" in overview
    assert 'href="net.html"' in files[1].read_text(encoding="utf-8")


def test_drilldown_pages_share_one_font_subset_of_every_page_s_characters(demo, monkeypatch):
    """The shared font subset holds the characters of the whole spec's JSON, collected one
    page at a time (the JSON of all pages at once was as large as all of them)."""
    from ecosystem.render import fonts
    from ecosystem.render.map import html as H

    spec = map_spec(demo, max_nodes=100, lang="ko")
    asked = []
    monkeypatch.setattr(fonts, "embedded_font_css", lambda chars: asked.append(chars) or "css")
    assert H._shared_font(spec) == "css"
    whole = set(H._json_text(spec, default=str)) | set("".join(H.ui_text("ko").values()))
    assert asked == ["".join(sorted(whole))]


# ---------------------------------------------------------------- HTML safety and offline
def test_page_is_self_contained_offline_and_utf8(tmp_path):
    spec = map_spec(small_eco())
    out = write_map(spec, tmp_path / "m.html")
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "Noto Sans KR" in page and "Malgun Gothic" in page and "NanumGothic" in page
    # nothing is loaded from anywhere: no src/href to a URL, no CDN, no link/stylesheet tags
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    text = re.sub(r"base64,[A-Za-z0-9+/=]+", "base64,", page)  # the embedded font's bytes
    assert "<link" not in text and "cdn" not in text.lower().replace("cdn_", "")
    assert "bootstrap" not in page.lower()
    import html as html_lib

    assert "Content-Security-Policy" in page and "default-src 'none'" in html_lib.unescape(page)
    assert len(re.findall(r"^<script", page, flags=re.M)) == 3  # data, vis-network, ours
    assert out.stat().st_mode & 0o044  # readable by others, like any web page


def test_partner_text_cannot_break_out_of_the_data_block():
    spec = map_spec(small_eco())
    page = map_html(spec)
    data = page.split('id="eco-map-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and ">" not in data and "&" not in data and "\u2028" not in data
    payload = json.loads(data)
    assert XSS_SCRIPT in payload["nodes"]["name"] and XSS_IMG in payload["nodes"]["name"]
    assert "Naver\u2028Labs" in payload["nodes"]["name"]
    # the only script end tags are ours
    assert page.count("</script>") == 3
    assert XSS_IMG not in page and "alert(1)" not in page.replace("alert(1)", "", 0).split(
        "<body")[0]
    # the page script never writes data as HTML
    js = (Path(es.__file__).parent / "render" / "map" / "assets" / "map.js").read_text(encoding="utf-8")
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "document.write" not in js


def test_title_is_escaped():
    spec = map_spec(small_eco(), title="<b>R&D</b> 지도")
    page = map_html(spec)
    assert "<title>&lt;b&gt;R&amp;D&lt;/b&gt; 지도</title>" in page


def test_json_for_script_escapes_line_separators():
    assert json_for_script(["\u2028\u2029"]) == '["\\u2028\\u2029"]'


def test_payload_edges_reference_node_positions(two_triangles):
    spec = map_spec(two_triangles)
    p = page_payload(spec)
    ids = p["nodes"]["id"]
    pairs = {(ids[s], ids[t]) for s, t in zip(p["edges"]["s"], p["edges"]["t"])}
    assert pairs == {(e["source"], e["target"]) for e in spec["edges"]}
    assert len(p["recommended"]["s"]) == len(spec["recommended"])


def test_embed_variant_has_no_chrome_and_fills_its_container():
    spec = map_spec(small_eco())
    page = map_html(spec, embed=True)
    assert 'class="eco-map embed"' in page
    assert "<header" not in page
    assert "height: 100%" in page


def test_mapview_for_notebooks(tmp_path):
    view = make_map(small_eco(), analysis={}, height=450)
    assert isinstance(view, MapView)
    html = view._repr_html_()
    assert html.startswith('<iframe srcdoc="') and "height:450px" in html
    assert "<script" not in html  # the whole page is attribute-escaped inside srcdoc
    assert 'sandbox="allow-scripts allow-downloads"' in html
    assert view.save(tmp_path / "v.html").exists()
    assert view.save(tmp_path / "v.svg").read_text(encoding="utf-8").startswith("<?xml")


def test_directed_and_tieless_ecosystems_map():
    eco = Ecosystem.from_edges([("vc", "s1", 2, "investment"), ("vc", "s2", 1, "investment"),
                                ("s1", "s2", 1, "pilot"), ("s2", "s1", 3, "pilot")], directed=True)
    spec = map_spec(eco)
    assert spec["directed"] is True
    assert sorted((e["source"], e["target"]) for e in spec["edges"]) == [
        ("s1", "s2"), ("s2", "s1"), ("vc", "s1"), ("vc", "s2")]
    assert '"directed":true' in map_html(spec)
    lonely = Ecosystem(pd.DataFrame({"id": ["a", "b"]}), pd.DataFrame({"source": [], "target": []}))
    bare = map_spec(lonely)
    assert len(bare["nodes"]) == 2 and bare["edges"] == []
    assert "no relations: no analysis was run" in bare["notes"]
    assert len(bare["notes"]) == len(set(bare["notes"]))
    assert "<!DOCTYPE html>" in map_html(bare)


def test_korean_page_wording(two_triangles):
    from ecosystem.render.map.html import UI_TEXT

    assert set(UI_TEXT["ko"]) == set(UI_TEXT["en"])  # every string translated
    spec = map_spec(two_triangles, lang="ko")
    assert spec["lang"] == "ko"
    page = map_html(spec)
    assert '<html lang="ko">' in page and "이름으로 파트너 검색" in page and "필터" in page
    data = json.loads(page.split('id="eco-map-data">')[1].split("</script>")[0])
    assert data["ui"]["legend"] == "범례"
    assert '<html lang="en">' in map_html(map_spec(two_triangles))
    with pytest.raises(InvalidParameterError, match="lang"):
        map_spec(two_triangles, lang="fr")


def test_legend_has_at_most_ten_colours_one_other_row_and_one_isolated_row():
    # 14 communities of 3 (triangles) + a sector really called "other" + 2 isolated partners
    edges = [(f"c{k}a", f"c{k}b") for k in range(14)] + [(f"c{k}b", f"c{k}c") for k in range(14)]
    edges += [(f"c{k}c", f"c{k}a") for k in range(14)]
    eco = Ecosystem.from_edges(edges, partners=["lone1", "lone2"])
    part = eco.partners.assign(sector=["other" if i % 2 else "university"
                                       for i in range(eco.n_partners)])
    eco = eco.replace(partners=part)
    spec = map_spec(eco)
    items = spec["colorings"]["community"]["items"]
    colours = [it["color"] for it in items]
    assert len(set(colours) - {style.OTHER_COLOR, style.ISOLATED_COLOR}) == 10
    other = [it for it in items if it["value"] == style.OTHER_KEY]
    iso = [it for it in items if it["value"] == style.ISOLATED_KEY]
    assert len(other) == 1 and other[0]["count"] == 12 and "4 communities" in other[0]["label"]
    assert len(iso) == 1 and iso[0]["count"] == 2
    assert sum(it["count"] for it in items) == eco.n_partners
    # a sector called "other" is its own row, not the grouped one
    sectors = spec["colorings"]["sector"]["items"]
    assert sorted(it["value"] for it in sectors) == ["other", "university"]
    assert sum(it["count"] for it in sectors) == eco.n_partners


def test_partner_discs_never_overlap_and_dense_maps_flag_their_backbone(demo_spec):
    xy = np.array([[n["x"], n["y"]] for n in demo_spec["nodes"]])
    r = np.array([n["size"] for n in demo_spec["nodes"]])
    d = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(d, np.inf)
    assert (d >= (r[:, None] + r[None, :]) - 1e-6).all()
    # the demo (3 ties per partner) is drawn whole
    assert demo_spec["display"] == {"backbone": False, "alpha": None, "drawn": 598, "total": 598}
    # a dense map draws the disparity backbone plus a spanning forest: every partner keeps a tie
    edges = [(f"n{i}", f"n{j}", 1 + (i * j) % 5) for i in range(30) for j in range(i + 1, 30)
             if (i + j) % 3]
    spec = map_spec(Ecosystem.from_edges(edges), analysis={})
    shown = [e for e in spec["edges"] if e["backbone"]]
    assert spec["display"]["backbone"] and spec["display"]["drawn"] == len(shown) < len(edges)
    assert {e["source"] for e in shown} | {e["target"] for e in shown} == \
        {n["id"] for n in spec["nodes"]}


def test_map_json_is_the_same_data_whichever_encoder_writes_it(monkeypatch):
    import builtins
    import json

    import numpy as np

    from ecosystem.render.map.html import _json_text, json_for_script

    data = {"name": "한국전자 </script>&", 3: [1.5, 1e-05, 2**40, None, True], "x": np.float64(0.25)}
    fast = _json_text(data)
    real_import = builtins.__import__

    def no_orjson(name, *args, **kwargs):
        if name == "orjson":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_orjson)
    slow = _json_text(data)
    assert json.loads(fast) == json.loads(slow) == {
        "name": "한국전자 </script>&", "3": [1.5, 1e-05, 2**40, None, True], "x": 0.25}
    assert "</" not in json_for_script(data) and "&" not in json_for_script(data)


def test_the_korean_map_explains_anchors_and_recommendations_in_korean():
    """Found in review: the Korean map's partner panel read "linking hub: 36th strongest
    partner, ..." (the analyses write their why in English)."""
    a = es.analyze("demo", {"communities": {"stability_runs": 2}, "baselines": {"runs": 3},
                            "resilience": {"runs": 2, "steps": 5},
                            "recommendations": {"evaluate": False}})
    ko = map_spec(a.eco, analysis=a, lang="ko")
    en = map_spec(a.eco, analysis=a, lang="en")
    why_ko = [n["why"] for n in ko["nodes"] if n.get("why")]
    assert why_ko and not any("strongest partner" in w for w in why_ko)
    assert any("협력 강도" in w for w in why_ko)
    assert any("strongest partner" in (n.get("why") or "") for n in en["nodes"])
    recs = [r["why"] for r in ko["recommended"] if r.get("why")]
    assert recs and all("공통 파트너" in w for w in recs)
