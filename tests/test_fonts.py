"""The embedded Hangul font for HTML pages: a NanumGothic subset as a CSS @font-face rule."""
import base64
import io
import re

import pytest

from ecosystem.render import fonts
from ecosystem.render.fonts import EMBEDDED_FAMILY, bundled_font_file, embedded_font_css

pytestmark = pytest.mark.skipif(bundled_font_file() is None, reason="NanumGothic not installed")


def _font(css):
    from fontTools.ttLib import TTFont

    b64 = re.search(r"base64,([A-Za-z0-9+/=]+)\)", css).group(1)
    return TTFont(io.BytesIO(base64.b64decode(b64)))


def test_the_subset_holds_exactly_the_characters_of_the_text():
    css = embedded_font_css("경기바이오 KAIST 경기")
    cmap = set(_font(css).getBestCmap())
    assert cmap == {ord(c) for c in "경기바이오 KAIST"}
    assert f'font-family: "{EMBEDDED_FAMILY}"' in css
    assert 'format("woff")' in css
    # unicode-range lists the same characters, with runs collapsed (A, I, K, S, T: no runs)
    assert "U+20, U+41, U+49, U+4B, U+53-54" in css
    assert "U+AE30" in css and "U+ACBD" in css            # 기, 경


def test_same_text_gives_the_same_bytes_whatever_the_order():
    assert embedded_font_css("대학 기업 정부") == embedded_font_css("정부 기업 대학 대학")
    assert embedded_font_css("대학") != embedded_font_css("기업")


def test_the_font_copyright_and_licence_travel_with_the_subset():
    css = embedded_font_css("가")
    assert "SIL Open Font License" in css.splitlines()[0]
    assert "NHN Corporation" in (_font(css)["name"].getDebugName(0) or "")


def test_characters_the_font_lacks_are_left_to_the_browser():
    css = embedded_font_css("가\U0001F600")              # an emoji NanumGothic does not have
    assert set(_font(css).getBestCmap()) == {ord("가")}
    assert embedded_font_css("\U0001F600") == ""


def test_no_font_file_means_no_rule(monkeypatch):
    monkeypatch.setattr(fonts, "bundled_font_file", lambda: None)
    assert embedded_font_css("가나다") == ""


def test_a_custom_family_name_is_quoted_and_cannot_break_out():
    css = embedded_font_css("가", family='Evil"; } </style><script>')
    assert 'font-family: "Evil  stylescript";' in css
