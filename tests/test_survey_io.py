"""Reading partner surveys: long and wide layouts, CSV/XLSX, English and Korean headers, and
clear errors (file, row, column, value) for answers outside the scale or unknown partners."""
from __future__ import annotations

import pytest

from ecosystem import Ecosystem
from ecosystem.cli import main
from ecosystem.exceptions import InputDataError, InvalidParameterError
from ecosystem.io.survey import read_survey

ECO = Ecosystem.from_frames(
    __import__("pandas").DataFrame({"source": ["P1", "P2", "P3"], "target": ["P2", "P3", "P1"]}),
    __import__("pandas").DataFrame({"id": ["P1", "P2", "P3"],
                                    "name": ["경기혁신진흥원", "대한모터스", "Seoul Deep Tech"]}))


def write(tmp_path, text, name="survey.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_wide_korean_headers_names_resolved_to_ids(tmp_path):
    p = write(tmp_path, "차수,응답기관,파트너,신뢰성,미션 공유,소통 개방성,영향력,참여 수준,자원 기여,협력 빈도\n"
                        "1,경기혁신진흥원,대한모터스,4,3,2,1,2,3,5\n"
                        "1,대한모터스,경기혁신진흥원,3,3,3,,2,2,4\n", encoding="cp949")
    s = read_survey(p, eco=ECO)
    assert s.layout == "wide" and s.waves == ["1"]
    assert s.indicators == ["reliability", "mission", "openness", "power", "involvement",
                            "resources", "frequency"]
    r = s.ratings.set_index(["respondent", "partner", "indicator"])["value"]
    assert r[("P1", "P2", "reliability")] == 4 and r[("P2", "P1", "openness")] == 3
    # the blank power answer is "no answer": kept as NaN (out of every mean), not an error
    assert r.isna().sum() == 1 and r[("P2", "P1", "power")] != r[("P2", "P1", "power")]
    assert s.columns["respondent"] == "응답기관" and s.columns["mission"] == "미션 공유"
    assert sorted(s.responded["respondent"]) == ["P1", "P2"]


def test_long_english_layout_with_question_map_and_waves(tmp_path):
    p = write(tmp_path, "Respondent,Partner,Question,Answer,Wave\n"
                        "P1,P2,Q1 They keep promises,4,2024-11\n"
                        "P1,P2,Shared mission,3,2024-11\n"
                        "P1,P2,Q1 They keep promises,2,2023-11\n"
                        "P2,P1,Value,3,2024-11\n")
    s = read_survey(p, eco=ECO, questions={"reliability": "Q1 They keep promises"})
    assert s.layout == "long"
    assert s.waves == ["2023-11", "2024-11"]  # dates in time order
    got = sorted(map(tuple, s.ratings[["wave", "respondent", "indicator", "value"]].values.tolist()))
    assert got == [("2023-11", "P1", "reliability", 2.0), ("2024-11", "P1", "mission", 3.0),
                   ("2024-11", "P1", "reliability", 4.0), ("2024-11", "P2", "value", 3.0)]


def test_long_korean_layout(tmp_path):
    p = write(tmp_path, "응답기관,평가대상,문항,응답\n경기혁신진흥원,Seoul Deep Tech,신뢰,4\n"
                        "경기혁신진흥원,Seoul Deep Tech,가치,2점\n")
    s = read_survey(p, eco=ECO)
    assert s.layout == "long"
    assert dict(zip(s.ratings["indicator"], s.ratings["value"])) == {"trust": 4.0, "value": 2.0}


def test_xlsx_survey(tmp_path):
    import datetime as dt

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2025년 파트너 설문 결과"])  # a title row above the table
    ws.append(["조사일", "응답기관", "파트너", "신뢰", "가치"])
    ws.append([dt.datetime(2025, 3, 1), "P1", "P3", 4, 3])
    ws.append([dt.datetime(2025, 3, 1), "P3", "P1", 2, 3.5])
    wb.save(tmp_path / "s.xlsx")
    s = read_survey(tmp_path / "s.xlsx", eco=ECO)
    assert s.waves == ["2025-03-01"]
    assert s.ratings["row"].tolist() == [3, 4, 3, 4]
    assert s.ratings["value"].tolist() == [4.0, 2.0, 3.0, 3.5]


def test_every_bad_answer_is_reported_with_file_row_column_value(tmp_path):
    p = write(tmp_path, "respondent,partner,reliability,mission\nP1,P2,5,3\nP2,P1,0,x\nP3,P1,4,4\n")
    with pytest.raises(InputDataError) as err:
        read_survey(p, eco=ECO)
    msgs = [str(x) for x in err.value.problems]
    assert f"{p}, row 2, column 'reliability': answer outside the reliability scale 1-4 (value: '5')" in msgs
    assert f"{p}, row 3, column 'reliability': answer outside the reliability scale 1-4 (value: '0')" in msgs
    assert f"{p}, row 3, column 'mission': answer is not a number (value: 'x')" in msgs
    assert len(msgs) == 3


def test_scale_option_and_unknown_partners(tmp_path):
    p = write(tmp_path, "respondent,partner,trust\nP1,P2,5\n")
    assert read_survey(p, eco=ECO, scale=(1, 5)).ratings["value"].tolist() == [5.0]
    q = write(tmp_path, "respondent,partner,trust\n경기혁신진흥원,대한모터쓰,3\nNobody,P2,3\n", "q.csv")
    with pytest.raises(InputDataError) as err:
        read_survey(q, eco=ECO)
    msgs = [str(x) for x in err.value.problems]
    assert any("row 2, column 'partner': partner is not a partner of the ecosystem; did you mean "
               "'대한모터스'? (value: '대한모터쓰')" in m for m in msgs)
    assert any("row 3, column 'respondent'" in m and "'Nobody'" in m for m in msgs)


def test_self_ratings_conflicting_duplicates_and_missing_columns(tmp_path):
    p = write(tmp_path, "respondent,partner,trust\nP1,P1,3\nP2,P3,3\nP2,P3,4\n")
    with pytest.raises(InputDataError) as err:
        read_survey(p, eco=ECO)
    codes = sorted(x.code for x in err.value.problems)
    assert codes == ["duplicate_answer", "self_rating"]
    q = write(tmp_path, "from,to,colour\nP1,P2,red\n", "q.csv")
    with pytest.raises(InputDataError, match="no rating columns"):
        read_survey(q)
    r = write(tmp_path, "who,partner,trust\nP1,P2,3\n", "r.csv")
    with pytest.raises(InputDataError, match="no respondent column"):
        read_survey(r)
    assert read_survey(r, columns={"respondent": "who"}).ratings["respondent"].tolist() == ["P1"]
    with pytest.raises(InvalidParameterError, match="unknown indicator 'trustworthiness'"):
        read_survey(r, questions={"trustworthiness": "trust"})


def test_unknown_long_question_is_an_error_unless_ignored(tmp_path):
    p = write(tmp_path, "respondent,partner,question,answer\nP1,P2,trust,3\nP1,P2,Company size,250\n")
    with pytest.raises(InputDataError, match="row 3, column 'question': question is not a known"):
        read_survey(p)
    s = read_survey(p, ignore=["Company size"])
    assert s.ratings["indicator"].tolist() == ["trust"]
    assert any(x.code == "ignored_question" for x in s.problems)


def test_cli_out_of_scale_answer_exits_2_naming_file_row_column_value(runner, tmp_path):
    p = write(tmp_path, "응답기관,파트너,신뢰성\n경기혁신진흥원,대한모터스,7\n")
    rel = write(tmp_path, "source,target\nP1,P2\nP2,P3\n", "rel.csv")
    part = write(tmp_path, "id,name\nP1,경기혁신진흥원\nP2,대한모터스\nP3,X\n", "part.csv")
    for args in (["trust", str(rel), "-p", str(part), "--survey", str(p)],
                 ["analyze", str(rel), "-p", str(part), "--survey", str(p), "-o",
                  str(tmp_path / "out"), "-q"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 2, result.output
        assert (f"{p}, row 2, column '신뢰성': answer outside the reliability scale 1-4 (value: '7')"
                in result.stderr)
        assert "Traceback" not in result.output
