"""``ecosystem map``: an offline interactive HTML map (and optional PNG/SVG image)."""
from __future__ import annotations

from pathlib import Path
import click
import pandas as pd

from .common import emit, handle_errors
from .options import (Command, DataSource, config_option, data_options, format_option,
                      lang_option, output_option, seed_option)


def _read_positions(path: str) -> pd.DataFrame:
    from ..exceptions import InputDataError, Problem

    p = Path(path)
    if not p.exists():
        raise InputDataError([Problem("file not found", file=str(p), code="missing_file")])
    frame = pd.read_csv(p, dtype={"id": str}, encoding="utf-8-sig")
    missing = [c for c in ("id", "x", "y") if c not in frame.columns]
    if missing:
        raise InputDataError([Problem(f"positions file needs columns id, x, y (missing: "
                                      f"{', '.join(missing)})", file=str(p), code="missing_column")])
    bad = frame[pd.to_numeric(frame["x"], errors="coerce").isna()
                | pd.to_numeric(frame["y"], errors="coerce").isna()]
    if len(bad):
        row = int(bad.index[0]) + 2
        raise InputDataError([Problem("x and y must be numbers", file=str(p), row=row,
                                      column="x/y", value=f"{bad.iloc[0]['x']}, {bad.iloc[0]['y']}")])
    return frame.set_index("id")[["x", "y"]].astype(float)


@click.command("map", cls=Command)
@data_options
@output_option("The HTML file to write (one self-contained file; drill-down pages go next to it).",
               metavar="FILE.html", default="map.html")
@click.option("--color-by", default="community", show_default=True, metavar="WHAT",
              help="Node colour: community, sector or any partner column.")
@click.option("--size-by", default="anchor_score", show_default=True, metavar="METRIC",
              help="Node size: anchor_score, degree, strength, pagerank, betweenness, ..., a numeric "
                   "partner column, or none.")
@click.option("--labels", default=15, show_default=True, type=int, metavar="N",
              help="How many top partners (by the size metric) the static image (--image) "
                   "labels. The page labels as many of the most important partners as fit "
                   "without overlapping, more as you zoom in.")
@click.option("--focus", default=None, metavar="PARTNER",
              help="Map only this partner's neighbourhood (name or id).")
@click.option("--depth", default=1, show_default=True, type=int, metavar="N",
              help="With --focus: how many ties away to include.")
@click.option("--community", default=None, type=int, metavar="K", help="Map only community K.")
@click.option("--max-nodes", default=3000, show_default=True, type=int, metavar="N",
              help="Above N partners write a community overview + one map per community (0: never).")
@click.option("--embed", is_flag=True,
              help="Embeddable page: no header or side panel, sized by its container (iframe).")
@click.option("--image", "images", multiple=True, metavar="FILE.png|.svg",
              help="Also write a static image of the same layout. Repeatable.")
@click.option("--title", default=None, help="Map title (default: from the data).")
@lang_option("en", "Language of the page (controls, legend, tooltips).")
@click.option("--no-recommendations", is_flag=True, help="Leave out recommended partnerships.")
@click.option("--no-time", is_flag=True,
              help="No time slider, even when the relations carry dates.")
@click.option("--show-fragility", is_flag=True,
              help="Start with the bridges/articulation points overlay switched on.")
@click.option("--positions", "positions_file", default=None, metavar="FILE.csv",
              help="Use saved positions (columns id, x, y) instead of computing a layout.")
@click.option("--save-positions", default=None, metavar="FILE.csv",
              help="Save the map's node positions (id, x, y) to reuse with --positions.")
@config_option("YAML configuration (see `ecosystem init`): how communities, centrality and "
               "recommendations are computed, so the map matches `ecosystem analyze`.", metavar=None)
@seed_option(None, "Seed for layout and analyses (default: the configuration's, else 0).")
@format_option()
@handle_errors
def map_command(source: DataSource, output: str, color_by: str, size_by: str, labels: int,
                focus: str | None, depth: int, community: int | None, max_nodes: int, embed: bool,
                images: tuple[str, ...], title: str | None, lang: str, no_recommendations: bool,
                no_time: bool, show_fragility: bool, positions_file: str | None,
                save_positions: str | None, config_path: str | None, seed: int | None,
                fmt: str) -> None:
    """Write an offline interactive network map of DATA (one HTML file).

    Communities are placed apart and coloured (at most 10 colours, named as in the
    report; the rest one "other" row, partners without ties one "isolated" row); nodes
    are sized by anchor score; ties are grey, or tinted when both partners share a colour,
    and their width shows strength (relation types are a filter and shown on hover).
    Labels never overlap: the most important partners that fit are named, more as you
    zoom in. Dense networks draw their backbone (disparity filter + strongest ties; the
    header says how many ties are drawn of how many), every tie of a partner shows on
    click. Dated relations get a time slider (evolve's periods, newcomers ringed). The
    legend sits beside the drawing; --lang ko translates every label and embeds a Hangul
    font. The page works with no network access. Large networks get a community overview
    with drill-down maps.

    \b
    Examples:
      ecosystem map relations.csv -p partners.csv -o map.html
      ecosystem map relations.csv --focus "KAIST" --depth 2 -o kaist.html --image kaist.png
      ecosystem map relations.csv --community 0 --color-by sector --embed -o c0.html
    """
    from ..exceptions import InvalidParameterError
    from ..render.image import write_image
    from ..map_analyses import map_spec
    from ..render.maps import map_files, write_map
    from ..io.safe import neutralise_frame, write_text_atomic

    out = Path(output)
    if out.suffix.lower() not in (".html", ".htm"):
        raise InvalidParameterError(f"--output must end in .html, got {out.name!r}")
    from ..render.folder import output_file

    output_file(out)
    for img in images:
        if Path(img).suffix.lower() not in (".png", ".svg"):
            raise InvalidParameterError(f"--image must end in .png or .svg, got {img!r}")
        output_file(img)
    eco = source.load()
    config = None
    if config_path:
        from ..config import resolve_config

        config = resolve_config(config_path)
        if seed is None:
            seed = config.seed
    seed = 0 if seed is None else seed
    positions = _read_positions(positions_file) if positions_file else None
    spec = map_spec(eco, color_by=color_by, size_by=size_by,
                    positions=positions, focus=focus, depth=depth,
                    community=community, seed=seed, labels=labels,
                    max_nodes=max_nodes or None, title=title,
                    recommendations=not no_recommendations, config=config,
                    lang=lang, time=not no_time)
    if show_fragility:
        spec["overlays"]["fragility"] = True
        for d in spec.get("drilldowns", []):
            d["spec"]["overlays"]["fragility"] = True
    write_map(spec, out, embed=embed)
    rows = []
    for i, f in enumerate(map_files(spec, out)):
        sub = spec if i == 0 else spec["drilldowns"][i - 1]["spec"]
        rows.append({"file": str(f), "kind": sub["kind"] if i == 0 else "drill-down",
                     "nodes": len(sub["nodes"]), "ties": len(sub["edges"]),
                     "bytes": f.stat().st_size})
    for img in images:
        write_image(spec, img)
        rows.append({"file": str(img), "kind": "image", "nodes": len(spec["nodes"]),
                     "ties": len(spec["edges"]), "bytes": Path(img).stat().st_size})
    if save_positions:
        frame = pd.DataFrame({"id": [n["id"] for n in spec["nodes"]],
                              "name": [n["name"] for n in spec["nodes"]],
                              "x": [n["x"] for n in spec["nodes"]],
                              "y": [n["y"] for n in spec["nodes"]]})
        write_text_atomic(save_positions, neutralise_frame(frame).to_csv(index=False),
                          encoding="utf-8-sig")
        rows.append({"file": str(save_positions), "kind": "positions",
                     "nodes": len(frame), "ties": 0,
                     "bytes": Path(save_positions).stat().st_size})
    table = pd.DataFrame(rows, columns=["file", "kind", "nodes", "ties", "bytes"])
    payload = {"data": {"name": eco.name, "partners": eco.n_partners,
                        "relations": eco.n_relations, "ties": eco.n_ties},
               "map": {"kind": spec["kind"], "title": spec["title"],
                       "partners": [{"id": n["id"], "name": n["name"]} for n in spec["nodes"]]
                       if spec["kind"] == "partners" else None,
                       "color_by": spec["color_by"], "size_by": spec["size"].get("by"),
                       "notes": spec["notes"]},
               "method": "vis-network page, positions precomputed (communities placed apart, "
                         "igraph Fruchterman-Reingold inside each, weighted by strength), "
                         "physics off; dense maps draw a disparity-filter backbone",
               "params": {"color_by": color_by, "size_by": size_by, "labels": labels,
                          "focus": focus, "depth": depth, "community": community,
                          "max_nodes": max_nodes, "embed": embed, "seed": seed,
                          "config_path": config_path, "lang": lang, "no_time": no_time},
               "provenance": spec["provenance"], "files": table}
    emit(table, fmt, payload=payload,
         title=f"Map of {eco.name}: {spec['stats']['partners']} "
               f"{'communities' if spec['kind'] == 'overview' else 'partners'}")
