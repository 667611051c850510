"""Render map specs as self-contained, offline, injection-safe HTML pages.

* **Offline**: the vis-network library shipped inside the ``pyvis`` package, our
  script and our stylesheet are inlined; nothing is fetched (no CDN, no Bootstrap). A
  Content-Security-Policy forbids any network access and allows only our own scripts
  (by SHA-256 hash), so even an injected ``<script>`` could not run.
* **Safe**: the data travels as JSON in ``<script type="application/json">`` with
  ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, so a partner named
  ``</script><script>alert(1)</script>`` cannot end the block; the page script builds
  every label, tooltip, legend and list with DOM text nodes (``textContent``), never
  ``innerHTML``. The title goes through Jinja2 autoescaping.
* **Compact**: nodes and edges are packed column-wise (edges as node positions), so a
  5,000-partner / 25,000-tie map is a few MB.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ...exceptions import InvalidParameterError
from ...io.safe import write_text_atomic

PACKAGE = Path(__file__).resolve().parents[2]
TEMPLATES = PACKAGE / "templates"
#: The page's own script and stylesheet (map.js, map.css), beside this module.
ASSETS = Path(__file__).resolve().parent / "assets"
FONT_STACK = ('"Noto Sans KR", "Malgun Gothic", "Apple SD Gothic Neo", NanumGothic, '
              '"Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif')

def _ui_table(lang: str) -> dict[str, str]:
    from ...i18n import STRINGS

    return {k[4:]: v for k, v in STRINGS[lang].items() if k.startswith("map_")}


#: Page wording (template and script), English and Korean, from the ``map_*`` keys of
#: :mod:`ecosystem.i18n` (the report's message catalogue). Data is never translated.
UI_TEXT: dict[str, dict[str, str]] = {lang: _ui_table(lang) for lang in ("en", "ko")}


def ui_text(lang: str | None) -> dict[str, str]:
    """The page wording for ``lang`` ("en" or "ko")."""
    key = (lang or "en").lower()
    if key not in UI_TEXT:
        raise InvalidParameterError(f"lang must be one of {', '.join(UI_TEXT)}, got {lang!r}")
    return UI_TEXT[key]


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """The vis-network standalone build shipped with pyvis (newest version found).

    Found without importing pyvis (which imports IPython: 0.4 s)."""
    from importlib.util import find_spec

    spec = find_spec("pyvis")
    if spec is None or not spec.origin:  # pragma: no cover - pyvis is a dependency
        raise FileNotFoundError("pyvis is not installed: it ships vis-network.min.js")
    lib = Path(spec.origin).resolve().parent / "templates" / "lib"
    candidates = sorted(lib.glob("vis-*/vis-network.min.js"),
                        key=lambda p: [int(x) for x in re.findall(r"\d+", p.parent.name)])
    if not candidates:  # pragma: no cover - depends on the installed pyvis
        raise FileNotFoundError(f"vis-network.min.js not found under {lib}")
    text = _normalise_newlines(candidates[-1].read_text(encoding="utf-8"))
    return _script_safe(text)


def _script_safe(js: str) -> str:
    """Make inline JS unable to end its ``<script>`` element early."""
    return js.replace("</script", "<\\/script").replace("<!--", "<\\!--")


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return _normalise_newlines((ASSETS / name).read_text(encoding="utf-8"))


def _json_text(obj: Any, *, default: Any = None) -> str:
    """Compact JSON text (UTF-8 kept, no NaN): orjson, about 5x faster than the standard
    library on a large map, or :mod:`json` when orjson is missing or refuses a value."""
    try:
        import orjson

        return orjson.dumps(obj, default=default, option=orjson.OPT_NON_STR_KEYS
                            | orjson.OPT_SERIALIZE_NUMPY).decode("utf-8")
    except (ImportError, TypeError):
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False,
                          default=default)


def json_for_script(obj: Any) -> str:
    """JSON text that is safe inside ``<script type="application/json">``.

    Examples
    --------
    >>> json_for_script({"name": "</script><b>&"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = _json_text(obj)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@lru_cache(maxsize=8)  # the same scripts on every page of an overview
def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def drilldown_file(stem: str, key: str) -> str:
    """File name of a drill-down page written next to ``<stem>.html``."""
    safe_key = re.sub(r"[^A-Za-z0-9_-]", "_", str(key))
    return f"{stem}_community_{safe_key}.html"


# ---------------------------------------------------------------------- payload
def _column(values: list, default: Any = None) -> list:
    return [default if v is None else v for v in values]


def page_payload(spec: dict, *, link_base: str = "map", back: str | None = None,
                 lang: str | None = None) -> dict:
    """Pack a spec into the column-wise structure the page script reads."""
    nodes = spec.get("nodes", [])
    edges = spec.get("edges", [])
    index = {n["id"]: i for i, n in enumerate(nodes)}
    colorings = spec.get("colorings", {})
    cat_index = {mode: {str(it["value"]): k for k, it in enumerate(c["items"])}
                 for mode, c in colorings.items()}
    metric_cols = list(spec.get("metrics", []))
    attr_cols: list[str] = []
    for n in nodes:
        for key in n.get("attributes", {}):
            if key not in attr_cols:
                attr_cols.append(key)
    type_items = spec.get("edge_types", [])
    type_index = {str(t["value"]): k for k, t in enumerate(type_items)}
    recs = [r for r in spec.get("recommended", []) if r["source"] in index and r["target"] in index]
    from .partners import sector_label

    lang_key = (lang or spec.get("lang") or "en").lower()
    sector_text = {s: sector_label(s, lang_key) for s in {n.get("sector") for n in nodes}
                   if s is not None}
    packed_nodes = {
        "id": [n["id"] for n in nodes],
        "name": [n["name"] for n in nodes],
        "sector": [sector_text.get(n.get("sector"), n.get("sector")) for n in nodes],
        "community": [n.get("community") for n in nodes],
        "x": [n["x"] for n in nodes], "y": [n["y"] for n in nodes],
        "size": [n["size"] for n in nodes], "value": [n.get("value") for n in nodes],
        "label": [1 if n.get("label") else 0 for n in nodes],
        "focus": [1 if n.get("focus") else 0 for n in nodes],
        "rank": [n.get("anchor_rank") for n in nodes],
        "role": [n.get("role") for n in nodes], "why": [n.get("why") for n in nodes],
        "art": [1 if n.get("articulation") else 0 for n in nodes],
        "cut": [n.get("cut_off") for n in nodes],
        "link": [drilldown_file(link_base, n["drilldown"]) if n.get("drilldown") is not None
                 else None for n in nodes],
        "cat": {mode: [cat_index[mode].get(str(n["categories"].get(mode)), 0) for n in nodes]
                for mode in colorings},
        "metrics": {c: [n.get("metrics", {}).get(c) for n in nodes] for c in metric_cols},
        "attrs": {c: [n.get("attributes", {}).get(c) for n in nodes] for c in attr_cols},
    }
    packed_edges = {
        "s": [index[e["source"]] for e in edges], "t": [index[e["target"]] for e in edges],
        "strength": [e.get("strength") for e in edges], "width": [e["width"] for e in edges],
        "count": [e.get("count", 1) for e in edges],
        "type": [type_index.get(str(e.get("type")), -1) for e in edges],
        "types": _type_lists(edges, type_index),
        "bridge": [1 if e.get("bridge") else 0 for e in edges],
        "bb": [1 if e.get("backbone", True) else 0 for e in edges],
        "cut": [e.get("cut_off") for e in edges],
    }
    packed_recs = {"s": [index[r["source"]] for r in recs], "t": [index[r["target"]] for r in recs],
                   "score": [r.get("score") for r in recs], "why": [r.get("why") for r in recs]}
    return {
        "meta": {"title": spec.get("title", "map"), "kind": spec.get("kind", "partners"),
                 "directed": bool(spec.get("directed")),
                 "notes": [translate_note(str(x), lang_key) for x in spec.get("notes", [])],
                 "stats": spec.get("stats", {}), "provenance": _short_provenance(spec),
                 "back": back, "scope": spec.get("scope", {})},
        "nodes": packed_nodes, "edges": packed_edges, "recommended": packed_recs,
        "colorings": colorings, "colorBy": spec.get("color_by"),
        "size": spec.get("size", {}), "width": spec.get("width", {}),
        "edgeTypes": type_items, "overlays": spec.get("overlays", {}),
        "display": spec.get("display") or {}, "time": spec.get("time"),
        "fontStack": FONT_STACK, "ui": ui_text(lang or spec.get("lang")),
    }


def _type_lists(edges: list[dict], type_index: dict[str, int]) -> list[list[int]]:
    """Every edge's relation types as legend positions (-1: not in the legend), worked
    out once per distinct list of types."""
    done: dict[tuple, list[int]] = {}
    out = []
    for e in edges:
        types = tuple(e.get("types", []))
        try:
            known = done.get(types)
        except TypeError:  # unhashable values: no sharing
            out.append([type_index.get(str(t), -1) for t in types])
            continue
        if known is None:
            known = done[types] = [type_index.get(str(t), -1) for t in types]
        out.append(known[:])
    return out


#: Notes the map code writes in English, and their catalogue keys (translated on the page).
NOTE_KEYS = {
    "no relations: no analysis was run": "map_note_no_relations",
    "communities not available": "map_note_no_communities",
    "anchor scores not available": "map_note_no_anchors",
    "fragility (bridges, articulation points) not available": "map_note_no_fragility",
    "recommended partnerships not available": "map_note_no_recommendations",
    "anchor scores not available: all partners drawn the same size": "map_note_same_size",
    "communities not available: coloured by sector": "map_note_by_sector",
    "one community on this map: coloured by sector (switch in the page)": "map_note_one_community",
}


def translate_note(note: str, lang: str) -> str:
    """A map note in ``lang`` (notes the catalogue does not know stay as written).

    Examples
    --------
    >>> translate_note("communities not available", "ko")
    '커뮤니티 정보가 없습니다'
    >>> translate_note("anchor scores not available: sized by degree", "ko")
    '앵커 점수가 없어 연결 수 기준으로 크기를 정했습니다'
    """
    from ...i18n import translator

    if lang == "en":
        return note
    t = translator(lang)
    if note in NOTE_KEYS:
        return t(NOTE_KEYS[note])
    m = re.match(r"^anchor scores not available: sized by (\w+)$", note)
    if m:
        return t("map_note_sized_by", alt=t("map_" + m.group(1)) if m.group(1) in UI_TEXT["en"]
                 else m.group(1))
    m = re.match(r"^(\d+) relations? without a date", note)
    if m:
        return t("map_note_undated_latest" if "latest snapshot only" in note else
                 "map_note_undated", n=m.group(1))
    return note


def _short_provenance(spec: dict) -> dict:
    prov = spec.get("provenance", {})
    out = {"seed": prov.get("seed"), "layout": prov.get("layout"),
           "color_by": prov.get("color_by", spec.get("color_by")),
           "size_by": prov.get("size_by", spec.get("size", {}).get("by"))}
    if "communities" in prov:
        out["communities"] = prov["communities"]
    return out


# ---------------------------------------------------------------------- pages
@lru_cache(maxsize=1)
def _environment():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True)


def render_page(spec: dict, *, embed: bool = False, link_base: str = "map",
                back: str | None = None, lang: str | None = None,
                font_css: str | None = None) -> str:
    """The HTML text of one map page (see module docstring).

    ``lang`` ("en" or "ko") sets the page's wording; default: ``spec["lang"]`` or English.
    ``font_css``: an embedded font rule to use (pages of one overview share one); default:
    :func:`page_font` for this page.
    """
    if not isinstance(spec, dict) or "nodes" not in spec:
        raise InvalidParameterError("map_html needs a map spec (from map_spec)")
    lang = (lang or spec.get("lang") or "en").lower()
    payload = page_payload(spec, link_base=link_base, back=back, lang=lang)
    if font_css is None:
        font_css = page_font(payload, lang)
    if font_css:
        from ..fonts import EMBEDDED_FAMILY

        font_css += f'body.eco-map {{ font-family: "{EMBEDDED_FAMILY}", {FONT_STACK}; }}\n'

        payload["embeddedFont"] = EMBEDDED_FAMILY
        payload["fontStack"] = f'"{EMBEDDED_FAMILY}", ' + FONT_STACK
        payload["fontSample"] = "".join(sorted({ch for ch in "".join(map(str, payload["nodes"]["name"][:50]))
                                               if _is_hangul(ch)}))[:40] or "가"
    vis_js = vis_network_js()
    map_js = _script_safe(_asset("map.js"))
    csp = ("default-src 'none'; script-src " + _csp_hash(vis_js) + " " + _csp_hash(map_js)
           + "; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
           "connect-src 'none'; base-uri 'none'; form-action 'none'")
    template = _environment().get_template("map.html.j2")
    return template.render(title=spec.get("title", "map"), embed=embed, csp=csp,
                           t=ui_text(lang), lang=lang,
                           css=_asset("map.css"), data=json_for_script(payload),
                           font_css=font_css,
                           vis_js=vis_js, map_js=map_js, back=back,
                           font_stack=FONT_STACK)


def _is_hangul(ch: str) -> bool:
    o = ord(ch)
    return 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F


def page_font(payload: dict, lang: str) -> str:
    """The embedded Hangul font subset (CSS) a page needs, or ``""``.

    A Korean page, or any page whose text holds Hangul, embeds a subset of the bundled
    NanumGothic (SIL OFL) with exactly the characters the page can show (data and
    wording, :func:`ecosystem.render.fonts.embedded_font_css`), so Hangul draws without
    CJK system fonts, on the canvas too.
    """
    from ..fonts import embedded_font_css, text_chars

    chars = text_chars(_json_text(payload)) \
        | set("".join(ui_text(lang).values()))
    if lang != "ko" and not any(_is_hangul(ch) for ch in chars):
        return ""
    return embedded_font_css("".join(sorted(chars)))


def _shared_font(spec: dict) -> str | None:
    """One font subset for an overview and all its drill-down pages (None: per page)."""
    if not spec.get("drilldowns"):
        return None
    from ..fonts import text_chars

    lang = (spec.get("lang") or "en").lower()
    # the characters of the whole spec's JSON, one page at a time: the JSON of every
    # drill-down at once was a transient string of the size of all pages (H2020: 226 MB)
    top = {k: v for k, v in spec.items() if k != "drilldowns"}
    chars = text_chars(_json_text(top, default=str)) | set('"drilldowns":[],')
    for d in spec["drilldowns"]:
        chars |= text_chars(_json_text(d, default=str))
    chars |= set("".join(ui_text(lang).values()))
    if lang != "ko" and not any(_is_hangul(ch) for ch in chars):
        return ""
    from ..fonts import embedded_font_css

    return embedded_font_css("".join(sorted(chars)))


def publish(path: Path) -> Path:
    """Give a written file the usual permissions (0666 minus umask).

    Atomic writes go through ``tempfile.mkstemp``, which creates files readable by the
    owner only; a map is meant to be shared (intranet, web server).
    """
    import os

    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)
    return path


def write_pages(spec: dict, path: Path, *, embed: bool = False) -> Path:
    """Write a map (and, for an overview, its drill-down pages) atomically."""
    if path.suffix.lower() not in (".html", ".htm"):
        raise InvalidParameterError(f"map files end in .html, got {path.name!r}")
    stem = path.stem
    back = quote(path.name)
    font = _shared_font(spec)
    for d in spec.get("drilldowns", []):
        sub = path.with_name(drilldown_file(stem, d["key"]))
        publish(write_text_atomic(sub, render_page(d["spec"], embed=embed, back=back,
                                                   font_css=font)))
    return publish(write_text_atomic(path, render_page(spec, embed=embed, link_base=stem,
                                                       font_css=font)))


def iframe(page: str, *, height: str = "600px", width: str = "100%") -> str:
    """An ``<iframe srcdoc>`` holding a whole page (for notebooks and reports).

    Examples
    --------
    >>> iframe("<p>x</p>", height="300px")[:40]
    '<iframe srcdoc="&lt;p&gt;x&lt;/p&gt;" st'
    """
    return (f'<iframe srcdoc="{html.escape(page, quote=True)}" '
            f'style="width:{html.escape(width)};height:{html.escape(height)};border:0" '
            'sandbox="allow-scripts allow-downloads" title="ecosystem map" '
            'loading="lazy"></iframe>')
