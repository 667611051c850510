"""The first screen of report.html at 1440x900, in English and Korean, on a machine with no
CJK font: the findings and the map are visible, and Hangul is drawn from the embedded font."""
from __future__ import annotations

import json
import os

import pytest

from ecosystem.cli import main

from conftest import CHROMIUM_ARGS, chromium_path  # tests/ is on sys.path (rootdir conftest)

pytestmark = pytest.mark.browser

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>{dejavu}</dir>
  <cachedir>{cache}</cachedir>
  <config></config>
</fontconfig>
"""


@pytest.fixture(scope="module")
def latin_only_browser(browser, tmp_path_factory):
    """Chromium whose fontconfig lists DejaVu only: no system font has Hangul.

    Launched through the shared ``browser`` fixture's playwright (one sync playwright
    per process)."""
    path = chromium_path()
    dejavu = "/usr/share/fonts/truetype/dejavu"
    if not os.path.isdir(dejavu):
        pytest.skip("DejaVu fonts not installed")
    folder = tmp_path_factory.mktemp("fontconfig")
    conf = folder / "fonts.conf"
    conf.write_text(FONTS_CONF.format(dejavu=dejavu, cache=folder / "cache"), encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "FONTCONFIG_PATH": str(folder)}
    latin = browser.browser_type.launch(executable_path=path, args=CHROMIUM_ARGS, env=env)
    yield latin
    latin.close()


@pytest.fixture(scope="module", params=["en", "ko"])
def report(request, tmp_path_factory):
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp(f"first-{request.param}") / "r"
    res = CliRunner().invoke(main, ["analyze", "--demo", "-o", str(out), "--lang", request.param,
                                    "--stability-runs", "2", "-q"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return request.param, out, json.loads((out / "summary.json").read_text(encoding="utf-8"))


def _platform_fonts(page, selector):
    """The fonts Chromium actually used to draw the text of ``selector`` (DevTools CSS domain)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


def test_first_screen_shows_findings_and_map_and_draws_hangul_from_the_embedded_font(
        latin_only_browser, report, tmp_path):
    lang, out, summary = report
    context = latin_only_browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    blocked = []
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
        ("file:", "data:", "blob:", "about:")) else (blocked.append(r.request.url), r.abort()))
    page.goto((out / "report.html").resolve().as_uri(), wait_until="load")
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(300)
    page.screenshot(path=str(tmp_path / f"first-screen-{lang}.png"))

    def in_first_screen(locator):
        box = locator.bounding_box()
        return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 200) <= 900

    findings = page.locator("#findings li")
    assert findings.count() == len(summary["findings"]) >= 3
    assert in_first_screen(findings.first)
    first_text = findings.first.inner_text()
    assert summary["findings"][0]["text"] in first_text
    assert in_first_screen(page.locator("#brief-map img"))
    assert page.locator("#brief-map img").evaluate("img => img.naturalWidth") > 500
    assert blocked == []

    # the embedded face loaded, and Hangul text is drawn with it (not boxes, not a system font)
    faces = page.evaluate("""() => [...document.fonts].map(f => [f.family, f.status])""")
    assert ['"Ecosystem Hangul"', "loaded"] in faces or ["Ecosystem Hangul", "loaded"] in faces
    used = _platform_fonts(page, "#findings li")
    custom = [f for f in used if f.get("isCustomFont")]
    assert custom and custom[0]["familyName"].startswith("NanumGothic"), used
    hangul = sum(1 for ch in first_text if "\uac00" <= ch <= "\ud7a3")
    assert hangul > 0 and sum(f["glyphCount"] for f in custom) >= hangul
    system = [f for f in used if not f.get("isCustomFont")]
    assert all("Nanum" not in f["familyName"] and "CJK" not in f["familyName"] for f in system)
    if lang == "ko":
        assert "의사결정 요약" in page.locator("#brief h2").inner_text()
        # a Hangul heading without the embedded font would fall back to DejaVu's empty boxes:
        # the same text in DejaVu only measures differently
        widths = page.evaluate("""() => {
            const c = document.createElement('canvas').getContext('2d');
            const w = f => { c.font = f; return c.measureText('의사결정 요약').width; };
            return [w('20px "Ecosystem Hangul"'), w('20px "DejaVu Sans"')];
        }""")
        assert abs(widths[0] - widths[1]) > 1
    context.close()
