"""Reading graph XML safely (GraphML, GEXF): parsing with line numbers, typed values.

XML is parsed with :mod:`defusedxml`: documents declaring entities (the "billion laughs"
expansion attack, external entities reading local files or URLs) are refused.
"""
from __future__ import annotations

import math
from typing import Any

from ..exceptions import InputDataError, Problem


LINE = "__ecosystem_line__"
"""Element attribute holding the element's line number in the file."""


def _line(el) -> int | None:
    value = el.get(LINE)
    return int(value) if value else None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_xml(data: bytes, *, file: str):
    """Parse XML safely; entity declarations and external references are refused.

    Examples
    --------
    >>> parse_xml(b"<graphml/>", file="x").tag
    'graphml'
    """
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException
    from xml.etree.ElementTree import ParseError

    from xml.etree.ElementTree import TreeBuilder

    class _LineBuilder(TreeBuilder):
        """Records each element's line in the file (for messages users can find)."""

        def start(self, tag, attrs):
            element = super().start(tag, attrs)
            element.set(LINE, str(parser.parser.CurrentLineNumber))
            return element

    parser = DET.DefusedXMLParser(target=_LineBuilder(), forbid_dtd=False, forbid_entities=True,
                                  forbid_external=True)
    try:
        parser.feed(data)
        return parser.close()
    except DefusedXmlException as err:
        raise InputDataError([Problem(
            "refused: the XML declares entities or external references "
            f"({type(err).__name__}: {err}); this is how entity-expansion ('billion laughs') "
            "and external-entity attacks work, so such files are never read. Re-export the "
            "graph from Gephi/Cytoscape without a DTD", file=file, code="unsafe_xml")]) from None
    except ParseError as err:
        line, col = getattr(err, "position", (None, None))
        raise InputDataError([Problem(f"not well-formed XML ({err})", file=file, row=line,
                                      code="bad_file")]) from None
    except (LookupError, ValueError) as err:  # <?xml encoding="U-8"?>, a bad character
        raise InputDataError([Problem(f"cannot be read as XML ({err})", file=file,
                                      code="bad_file")]) from None
    except RecursionError:
        raise InputDataError([Problem("XML nested too deeply", file=file,
                                      code="too_large")]) from None


def _convert(value: str | None, kind: str | None) -> Any:
    if value is None:
        return None
    kind = (kind or "string").lower()
    if kind in ("int", "integer", "long", "short", "byte"):
        try:
            return int(value) if len(value.strip()) <= 18 else value
        except ValueError:
            return value
    if kind in ("float", "double"):
        try:
            number = float(value)
        except ValueError:
            return value
        # NaN/inf stay text: validation reports them (never read as "empty")
        return number if math.isfinite(number) else value
    if kind == "boolean":
        return value.strip().lower() in ("true", "1", "yes")
    return value


def _safe_key(name: str, reserved: set[str]) -> str:
    return f"{name}_attr" if name in reserved else name
