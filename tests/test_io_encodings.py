"""Encodings real teams produce: UTF-8, UTF-8 with BOM, CP949 (Korean Excel), Latin-1."""
from pathlib import Path

import pytest

from ecosystem import load
from ecosystem.exceptions import InputDataError, InvalidParameterError
from ecosystem.io.encodings import decode_bytes, normalise_encoding

DATA = Path(__file__).parent / "data"
KOREAN = ["삼성전자", "한국과학기술원(KAIST)", "서울대학교 산학협력단", "한국전자통신연구원", "(주)뉴로메카",
          "중소벤처기업부", "카카오벤처스"]


def test_cp949_fixture_really_is_cp949():
    raw = (DATA / "korean_partners_cp949.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "삼성전자" in raw.decode("cp949")


def test_cp949_files_are_detected_and_hangul_round_trips():
    eco = load(DATA / "korean_relations_cp949.csv", DATA / "korean_partners_cp949.csv")
    assert eco.report.encoding == {"relations": "cp949", "partners": "cp949"}
    assert list(eco.names) == KOREAN
    # Korean headers are matched as aliases: 출발/도착/관계유형/가중치/날짜
    assert set(eco.relations["type"]) == {"공동연구", "컨소시엄", "투자", "지원사업"}
    assert eco.relations["weight"].sum() == 13
    assert str(eco.relations["date"].min().date()) == "2019-09-09"
    assert eco.resolve("한국과학기술원(KAIST)") == "K02"


def test_utf8_bom_from_excel_is_detected_and_header_is_clean():
    eco = load(DATA / "korean_relations_utf8bom.csv")
    assert eco.report.encoding["relations"] == "utf-8-sig"
    assert "source" in eco.relations.columns and eco.n_relations == 6


def test_latin1_export_round_trips_accents():
    eco = load(DATA / "latin1_relations.csv")
    assert eco.report.encoding["relations"] in ("cp1252", "latin-1", "iso8859-1")
    assert list(eco.ids) == ["Société Générale", "Müller GmbH", "Ørsted A/S", "Café Crème SA"]


def test_forced_encoding_that_fits_is_used():
    eco = load(DATA / "korean_relations_cp949.csv", encoding="euc-kr")
    assert eco.report.encoding["relations"] == "cp949"


def test_wrong_forced_encoding_names_file_byte_position_and_row():
    with pytest.raises(InputDataError) as info:
        load(DATA / "korean_relations_cp949.csv", encoding="utf-8")
    (problem,) = info.value.problems
    assert problem.file.endswith("korean_relations_cp949.csv")
    assert problem.row == 1  # the Korean header is on line 1
    assert problem.code == "bad_encoding"
    assert "byte position 0" in problem.message and "cp949" in problem.message


def test_wrong_encoding_row_points_at_the_first_bad_line():
    data = b"source,target\nA,B\nC,D\n\xc7\xd1,E\n"
    with pytest.raises(InputDataError) as info:
        decode_bytes(data, encoding="utf-8", file="x.csv")
    assert info.value.problems[0].row == 4
    assert "byte position 22" in info.value.problems[0].message


def test_unknown_encoding_name_is_a_parameter_error():
    with pytest.raises(InvalidParameterError, match="unknown encoding 'klingon'"):
        normalise_encoding("klingon")


def test_western_text_is_not_misread_as_korean():
    text = "id,name\n1,Société Générale\n2,Ærø Energi\n3,Straße AG\n"
    assert decode_bytes(text.encode("latin-1")).text == text


def test_excel_unicode_text_export_utf16_tab_separated(tmp_path):
    f = tmp_path / "unicode_text.txt"
    f.write_bytes("source\ttarget\tweight\r\n삼성전자\tKAIST\t2\r\n".encode("utf-16"))
    eco = load(f)
    assert eco.report.encoding["relations"] == "utf-16"
    assert list(eco.ids) == ["삼성전자", "KAIST"] and eco.relations["weight"].tolist() == [2.0]


def test_a_damaged_utf8_file_is_an_error_not_mojibake():
    good = "source,target\n" + "".join(f"삼성전자{i},한국과학기술원{i}\n" for i in range(10))
    data = good.encode("utf-8")
    cut = data.index("한국과학기술원5".encode("utf-8"))
    damaged = data[:cut] + b"\xff" + data[cut + 1:]  # one byte of one Hangul syllable broken
    with pytest.raises(InputDataError) as info:
        decode_bytes(damaged, file="d.csv")
    p = info.value.problems[0]
    assert len(info.value.problems) == 1
    assert p.row == 7 and "UTF-8 except for invalid bytes here" in p.message
    assert decode_bytes(damaged, encoding="latin-1", file="d.csv").encoding == "latin-1"  # forced
    with pytest.raises(InputDataError, match="cannot be read as 'utf-8'"):
        decode_bytes(damaged, encoding="utf-8", file="d.csv")
