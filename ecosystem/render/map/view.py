"""Map specs as pages: :func:`map_html`, :func:`write_map`, :func:`map_files`, :class:`MapView`.

Examples
--------
>>> from ecosystem import Ecosystem
>>> from ecosystem.render.map.spec import map_spec
>>> page = map_html(map_spec(Ecosystem.from_edges([("a", "b")]), analysis={}))
>>> page.startswith("<!DOCTYPE html>")
True
"""
from __future__ import annotations

from pathlib import Path
from typing import Any


def map_html(spec: dict, *, embed: bool = False) -> str:
    """The map as one self-contained HTML page (no network access needed).

    ``embed=True`` gives an iframe-ready page without header or side panel chrome,
    sized by its container (100% width and height).
    """
    from .html import render_page

    return render_page(spec, embed=embed)


def write_map(spec: dict, path: str | Path, *, embed: bool = False) -> Path:
    """Write the map to ``path`` (atomically) and return the path.

    For an overview spec, one drill-down page per community is written next to it
    (``<stem>_community_<k>.html``), linked from the overview.
    """
    from .html import write_pages

    return write_pages(spec, Path(path), embed=embed)


def map_files(spec: dict, path: str | Path) -> list[Path]:
    """Every file :func:`write_map` writes for ``spec`` at ``path`` (overview first)."""
    from .html import drilldown_file

    path = Path(path)
    return [path] + [path.with_name(drilldown_file(path.stem, d["key"]))
                     for d in spec.get("drilldowns", [])]


class MapView:
    """A map you can show in a notebook, save as HTML or as an image.

    ``_repr_html_`` puts the offline page in an ``<iframe srcdoc>`` (works in Jupyter,
    JupyterLab and VS Code without any extension or network access).

    Examples
    --------
    >>> from ecosystem import Ecosystem
    >>> from ecosystem.render.map.spec import map_spec
    >>> view = MapView(map_spec(Ecosystem.from_edges([("a", "b"), ("b", "c")]), analysis={}))
    >>> view
    MapView('ecosystem: partner map': 3 partners, 2 ties)
    >>> view._repr_html_().startswith("<iframe")
    True
    """

    def __init__(self, spec: dict, *, height: int = 600) -> None:
        self.spec = spec
        self.height = int(height)

    def html(self, *, embed: bool = True) -> str:
        return map_html(self.spec, embed=embed)

    def _repr_html_(self) -> str:
        from .html import iframe

        return iframe(self.html(embed=True), height=f"{self.height}px")

    def save(self, path: str | Path, *, embed: bool = False) -> Path:
        """Write the interactive map (``.html``) or a static image (``.png``/``.svg``)."""
        path = Path(path)
        if path.suffix.lower() in (".png", ".svg"):
            return self.save_image(path)
        return write_map(self.spec, path, embed=embed)

    def save_image(self, path: str | Path, **kwargs: Any) -> Path:
        """Write a PNG or SVG of the same layout, colours and sizes, with a legend."""
        from ..image import write_image

        return write_image(self.spec, path, **kwargs)

    def __repr__(self) -> str:
        st = self.spec.get("stats", {})
        return (f"MapView({self.spec.get('title')!r}: {st.get('partners')} "
                f"{'communities' if self.spec.get('kind') == 'overview' else 'partners'}, "
                f"{st.get('ties')} ties)")


__all__ = ["map_html", "write_map", "map_files", "MapView"]
