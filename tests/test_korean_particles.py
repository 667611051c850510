"""Korean particles: "을(를)", "와(과)", "이(가)" are resolved for every word Korean can read."""
import re

import pytest

from ecosystem import analyze
from ecosystem.i18n import josa

FAST = {"communities": {"stability_runs": 2}, "resilience": {"runs": 2, "steps": 5},
        "recommendations": {"evaluate": False}, "baselines": {"runs": 3}}


@pytest.mark.parametrize("text, expected", [
    ("대학교을(를)", "대학교를"), ("연구원을(를)", "연구원을"),           # Hangul: last syllable
    ("서울시청와(과)", "서울시청과"), ("경기도청이(가)", "경기도청이"), ("센터은(는)", "센터는"),
    ("PIC 906324254와(과)", "PIC 906324254와"),                          # 4 = 사
    ("3이(가)", "3이"), ("10을(를)", "10을"), ("2025은(는)", "2025는"),   # 5 = 오
    ("IBM이(가)", "IBM이"), ("LG와(과)", "LG와"), ("HES · NL이(가)", "HES · NL이"),  # letters
    ("AT을(를)", "AT를"), ("MSFT은(는)", "MSFT는"),
    ("'공통 파트너가 가장 많은 쌍'은(는)", "'공통 파트너가 가장 많은 쌍'은"),   # quotes
    ("중심 (102곳)와(과)", "중심 (102곳)과"),             # the particle follows the word
    ("LG전자(총 3곳)이(가)", "LG전자(총 3곳)가"),          # before the parenthesis
    ("Samsung을(를)", "Samsung을(를)"), ("POSTECH이(가)", "POSTECH이(가)"),  # unknown: both
    ("iPhoneX와(과)", "iPhoneX와(과)"), ("30%이(가)", "30%이(가)"),
])
def test_particles_follow_the_korean_reading_of_the_word(text, expected):
    assert josa(text) == expected


LEFT = re.compile(r"(?:[가-힣0-9]|(?<![A-Za-z])[A-Z]{1,4})(?:\s*\([^()]*\))?"
                  r"(?:을\(를\)|이\(가\)|은\(는\)|와\(과\)|과\(와\))")


def test_the_korean_demo_report_leaves_no_particle_a_reader_has_to_pick(tmp_path):
    a = analyze("demo", FAST)
    a.write_report(tmp_path, lang="ko")
    for name in ("report.md", "report.html"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        left = LEFT.findall(text)
        assert not left, (name, left[:5])
    assert "곳)가 나머지" not in (tmp_path / "report.md").read_text(encoding="utf-8")


def test_a_long_untrusted_name_costs_linear_time():
    """Found in review: the first version's pattern backtracked over every start position
    of a long token (a 16,000-character name took 9 s per message; 200,000, minutes)."""
    name = "x" * 200_000
    assert josa(name + "이(가) 대학교을(를)") == name + "이(가) 대학교를"
    assert josa("가" * 200_000 + "이(가)").endswith("가가")
