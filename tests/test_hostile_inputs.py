"""Issue 15 "Seen": every hostile input is an error naming file/row/column/value (exit 2),
or an explicit documented option; never a traceback, never a silent change."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ecosystem import load
from ecosystem.cli import main
from ecosystem.exceptions import InputDataError
from ecosystem.io.limits import Limits


def problems_of(path, **kw):
    with pytest.raises(InputDataError) as err:
        load(path, **kw)
    return err.value.problems


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


# ---------------------------------------------------------------- CSV parsing
def test_cr_inside_unquoted_field_then_quoted_line_break_is_read_not_a_traceback(tmp_path):
    f = tmp_path / "cr.csv"
    f.write_bytes(b'source,target,weight\na,b,1\rx,y,2\n"c\nd",e,3\n')
    eco = load(f)  # a lone CR is a line break (old Mac files), as pandas reads it
    assert sorted(eco.ids) == ["a", "b", "c\nd", "e", "x", "y"]
    assert eco.n_ties == 3


# ---------------------------------------------------------------- numbers
def test_decimal_comma_in_a_comma_csv_is_an_error_not_15(tmp_path):
    f = tmp_path / "w.csv"
    f.write_text('source,target,weight\na,b,"1,5"\nb,c,"1,250"\n', encoding="utf-8")
    (p,) = problems_of(f)
    assert (p.row, p.column, p.value, p.code) == (2, "weight", "1,5", "bad_weight")
    assert "--decimal ," in p.message


def test_decimal_option_reads_decimal_commas_exactly(tmp_path):
    f = tmp_path / "w.csv"
    f.write_text('source,target,weight\na,b,"1,5"\nb,c,"1.250,5"\n', encoding="utf-8")
    eco = load(f, decimal=",")
    assert sorted(eco.relations["weight"]) == [1.5, 1250.5]
    r = cli("validate", f, "--decimal", ",")
    assert r.exit_code == 0, r.output


def test_negative_attributes_stay_numbers_in_partners_csv_and_metrics(tmp_path):
    import openpyxl

    rel = tmp_path / "rel.csv"
    rel.write_text("source,target\na,b\n", encoding="utf-8")
    part = tmp_path / "part.csv"
    part.write_text("id,score,code\na,-5,007\nb,-1.5,008\n", encoding="utf-8")
    r = cli("analyze", rel, "-p", part, "-o", tmp_path / "out", "-q")
    assert r.exit_code == 0, r.output
    text = (tmp_path / "out" / "partners.csv").read_text(encoding="utf-8-sig")
    assert "'-" not in text and ",-5.0," in text and ",-1.5," in text and ",007," in text
    ws = openpyxl.load_workbook(tmp_path / "out" / "metrics.xlsx")["partners"]
    header = [c.value for c in ws[1]]
    scores = [row[header.index("score")] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert sorted(scores) == [-5.0, -1.5]


# ---------------------------------------------------------------- Korean
def _korean_rows(n=60):
    names = [f"삼성전자{i}" for i in range(n)]
    return "source,target\n" + "".join(f"{names[i]},{names[i + 1]}\n" for i in range(n - 1))


def test_cp949_with_one_stray_byte_is_an_error_naming_the_row(tmp_path):
    data = _korean_rows().encode("cp949")
    cut = data.index(b"\n", data.index(b"\n", 14) + 1) + 3  # inside row 4
    f = tmp_path / "k.csv"
    f.write_bytes(data[:cut] + b"\xff" + data[cut:])
    (p,) = problems_of(f)
    assert p.code == "bad_encoding" and p.row == 4 and "CP949" in p.message


def test_one_utf8_row_and_one_cp949_row_is_an_error(tmp_path):
    f = tmp_path / "mixed.csv"
    f.write_bytes("source,target\n가나,다라\n".encode() + "마바,사아\n".encode("cp949"))
    (p,) = problems_of(f)
    assert p.code == "bad_encoding" and p.row == 3 and "different encodings" in p.message


def test_a_guessed_western_encoding_says_so_and_names_the_row(tmp_path):
    f = tmp_path / "fr.csv"
    f.write_bytes("source,target\nACME,Beta\nSociété,ACME\n".encode("cp1252"))
    eco = load(f)
    (p,) = [p for p in eco.report.problems if p.code == "uncertain_encoding"]
    assert p.severity == "warning" and "row 3" in p.message and "cp1252" in p.message
    assert "Société" in set(eco.ids)


# ---------------------------------------------------------------- dates
def test_negative_year_date_is_a_bad_date_not_a_traceback(tmp_path):
    f = tmp_path / "d.csv"
    f.write_text("source,target,date\na,b,-2024\nb,c,2024-01-02\n", encoding="utf-8")
    (p,) = problems_of(f)
    assert (p.row, p.column, p.value, p.code) == (2, "date", "-2024", "bad_date")
    r = cli("validate", f)
    assert r.exit_code == 2 and "Traceback" not in r.output


# ---------------------------------------------------------------- JSON
def test_json_nested_100000_levels_is_refused_by_the_depth_limit(tmp_path):
    f = tmp_path / "deep.json"
    f.write_text('{"relations": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    (p,) = problems_of(f)
    assert p.code == "too_large" and "max_json_depth" in p.message
    r = cli("validate", f)
    assert r.exit_code == 2 and "Traceback" not in r.output


def test_json_depth_limit_is_configurable(tmp_path):
    f = tmp_path / "g.json"
    f.write_text(json.dumps({"relations": [{"source": "a", "target": "b",
                                            "meta": {"x": [[1]]}}]}), encoding="utf-8")
    assert load(f).n_ties == 1
    (p,) = problems_of(f, limits={"max_json_depth": 3})
    assert "6 levels" in p.message


def test_json_integer_of_5000_digits_is_an_error(tmp_path):
    f = tmp_path / "big.json"
    f.write_text('{"relations":[{"source":"a","target":"b","weight":' + "9" * 5000 + "}]}",
                 encoding="utf-8")
    (p,) = problems_of(f)
    assert p.code == "too_large" and "5,000 digits" in p.message


def test_json_nan_weight_is_an_error_not_empty(tmp_path):
    f = tmp_path / "nan.json"
    f.write_text('{"relations":[{"source":"a","target":"b","weight":NaN}]}', encoding="utf-8")
    (p,) = problems_of(f)
    assert (p.row, p.column, p.value, p.code) == (1, "weight", "NaN", "bad_weight")


def test_graphml_nan_weight_is_an_error_not_empty(tmp_path):
    f = tmp_path / "nan.graphml"
    f.write_text('<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
                 '<key id="w" for="edge" attr.name="weight" attr.type="double"/>'
                 '<graph edgedefault="undirected"><node id="a"/><node id="b"/>\n'
                 '<edge source="a" target="b"><data key="w">NaN</data></edge></graph></graphml>',
                 encoding="utf-8")
    (p,) = problems_of(f)
    assert (p.row, p.column, p.value, p.code) == (2, "weight", "NaN", "bad_weight")


def test_json_object_as_source_is_an_error_not_an_id(tmp_path):
    f = tmp_path / "obj.json"
    f.write_text('{"relations":[{"source":{"x":1},"target":"b"}]}', encoding="utf-8")
    (p,) = problems_of(f)
    assert (p.row, p.column, p.code) == (1, "source", "bad_id")


# ---------------------------------------------------------------- Pajek / UCINET
@pytest.mark.parametrize("text, code, row", [
    ('*Vertices 2\n1 "a\n2 "b"\n*Edges\n1 2\n', "bad_row", 2),          # unterminated quote
    ("*Vertices 2000000000\n*Edges\n1 2\n", "too_large", 1),           # hostile count
    ("*Vertices 2\n*Arcs\n1 2 abc\n", "bad_weight", 3),                 # weight not a number
    ("*Vertices 3\n*Matrix\n0 1 1\n1 0\n", "bad_file", 4),              # truncated matrix
    ("*Vertices 3\n*Matrix\n0 1 1\n1 0 1\n", "bad_file", None),         # a row missing
    ("*Vertices 2\n*Edges\n1 3\n", "bad_row", 3),                       # vertex beyond n
])
def test_bad_pajek_files_are_errors_with_their_line(tmp_path, text, code, row):
    f = tmp_path / "x.net"
    f.write_text(text, encoding="utf-8")
    (p,) = problems_of(f)
    assert (p.code, p.row) == (code, row)


def test_pajek_vertices_alone_is_a_network_without_ties_not_a_keyerror(tmp_path):
    f = tmp_path / "v.net"
    f.write_text("*Vertices 2\n", encoding="utf-8")
    r = cli("validate", f)
    assert r.exit_code in (0, 2) and "Traceback" not in r.output and "KeyError" not in r.output


def test_pajek_drawing_keywords_after_an_edge_are_not_a_weight(tmp_path):
    f = tmp_path / "c.net"
    f.write_text('*Vertices 2\n1 "a"\n2 "b"\n*Edges\n1 2 c Red\n1 2 2.5 c Blue\n', encoding="utf-8")
    eco = load(f, aggregate="sum")
    assert eco.relations["weight"].tolist() == [1.0, 2.5]


def test_ucinet_labels_for_fewer_partners_than_n_is_an_error(tmp_path):
    f = tmp_path / "x.dl"
    f.write_text("DL N=3\nFORMAT=FULLMATRIX\nLABELS:\nA,B\nDATA:\n0 1 1\n1 0 1\n1 1 0\n",
                 encoding="utf-8")
    (p,) = problems_of(f)
    assert "2 labels" in p.message and "declares 3" in p.message


def test_ucinet_more_values_than_declared_is_an_error(tmp_path):
    f = tmp_path / "x.dl"
    f.write_text("DL N=2\nDATA:\n0 1\n1 0\n1 1\n", encoding="utf-8")
    (p,) = problems_of(f)
    assert "6 values" in p.message and "announce 4" in p.message


# ---------------------------------------------------------------- sizes, devices
def test_reading_dev_zero_stops_at_the_stream_limit():
    import os

    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    (p,) = problems_of("/dev/zero", limits=Limits(max_stream_mb=1))
    assert p.code == "too_large" and "max_stream_mb" in p.message


def test_field_size_limit(tmp_path):
    f = tmp_path / "long.csv"
    f.write_text("source,target\n" + "x" * 5000 + ",b\n", encoding="utf-8")
    (p,) = problems_of(f, limits=Limits(max_field_chars=1000))
    assert (p.code, p.row, p.column) == ("too_large", 2, "source")


def test_file_size_limit(tmp_path):
    f = tmp_path / "big.csv"
    f.write_text("source,target\n" + "a,b\n" * 300_000, encoding="utf-8")
    (p,) = problems_of(f, limits=Limits(max_file_mb=0.5))
    assert p.code == "too_large" and "max_file_mb" in p.message


def test_unreadable_input_is_exit_2_with_the_reason(tmp_path):
    import os

    f = tmp_path / "secret.csv"
    f.write_text("source,target\na,b\n", encoding="utf-8")
    f.chmod(0)
    try:
        if os.access(f, os.R_OK):
            pytest.skip("running as root: permissions are not enforced")
        r = cli("validate", f)
        assert r.exit_code == 2 and "Permission denied" in r.output
    finally:
        f.chmod(0o644)


# ---------------------------------------------------------------- found by the property tests
def test_a_date_in_year_24_is_a_bad_date_not_an_overflow(tmp_path):
    f = tmp_path / "d.csv"
    f.write_text("source,target,date\na,b,0024-01-05\nb,c,x\n", encoding="utf-8")
    assert [p.row for p in problems_of(f)] == [2, 3]


def test_xml_with_an_unknown_declared_encoding_is_an_error(tmp_path):
    f = tmp_path / "g.graphml"
    f.write_text('<?xml version="1.0" encoding="U-8"?><graphml/>', encoding="utf-8")
    (p,) = problems_of(f)
    assert p.code == "bad_file"


def test_a_damaged_workbook_is_an_error_even_when_read_lazily(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["source", "target"])
    for i in range(200):
        wb.active.append([f"a{i}", f"b{i}"])
    f = tmp_path / "w.xlsx"
    wb.save(f)
    data = bytearray(f.read_bytes())
    start = data.index(b"xl/worksheets/sheet1.xml") + 40  # inside the compressed sheet
    data[start:start + 30] = b"\x00" * 30
    f.write_bytes(bytes(data))
    (p,) = problems_of(f)
    assert p.code == "bad_file" and "Excel" in p.message


def test_unreadable_input_simulated_is_exit_2_with_path_and_reason(tmp_path, monkeypatch):
    """The same as above where permissions are not enforced (root in a container)."""
    import errno

    from ecosystem.io import encodings

    f = tmp_path / "secret.csv"
    f.write_text("source,target\na,b\n", encoding="utf-8")

    def denied(path, *a, **k):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(encodings, "open", denied, raising=False)
    r = cli("validate", f)
    assert r.exit_code == 2 and "Permission denied" in r.output and "secret.csv" in r.output
    assert "Traceback" not in r.output


# ---------------------------------------------------------------- day/month order
def test_day_month_order_comes_from_the_column_never_value_by_value(tmp_path):
    f = tmp_path / "d.csv"
    f.write_text("source,target,date\na,b,03/04/2024\nb,c,13/04/2024\n", encoding="utf-8")
    dates = load(f).relations["date"].dt.strftime("%Y-%m-%d").tolist()
    assert dates == ["2024-04-03", "2024-04-13"]  # 13 is a day: the column is day-first


def test_an_unknown_day_month_order_is_an_error_or_the_explicit_option(tmp_path):
    f = tmp_path / "d.csv"
    f.write_text("source,target,date\na,b,03/04/2024\nb,c,05/05/2024\n", encoding="utf-8")
    (p,) = problems_of(f)
    assert (p.row, p.value, p.code) == (2, "03/04/2024", "bad_date")
    assert "--date-order" in p.message and "3 April or March 4" in p.message
    eco = load(f, date_order="mdy")
    assert eco.relations["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-03-04", "2024-05-05"]
    r = cli("validate", f, "--date-order", "dmy")
    assert r.exit_code == 0, r.output


def test_a_column_with_both_orders_and_two_digit_years_are_errors(tmp_path):
    f = tmp_path / "d.csv"
    f.write_text("source,target,date\na,b,13/04/2024\nb,c,04/13/2024\nc,d,24-01-05\n",
                 encoding="utf-8")
    problems = problems_of(f)
    assert [p.row for p in problems] == [2, 3, 4]
    assert "both day-first" in problems[0].message and "two-digit year" in problems[2].message


def test_gexf_declared_counts_must_match_the_file(tmp_path):
    f = tmp_path / "g.gexf"
    f.write_text('<?xml version="1.0"?><gexf xmlns="http://gexf.net/1.3" version="1.3">\n'
                 '<graph defaultedgetype="undirected">\n<nodes count="3">\n'
                 '<node id="a"/><node id="b"/></nodes>\n<edges count="1">\n'
                 '<edge source="a" target="b"/></edges></graph></gexf>', encoding="utf-8")
    (p,) = problems_of(f)
    assert p.code == "bad_file" and "holds 2 <node>" in p.message and p.row == 3


def test_a_partner_named_like_tex_is_text_in_every_chart_and_image(tmp_path):
    """Found in review: matplotlib reads "$...$" as TeX, so a partner named "$\\foo$" made
    the whole report fail (ParseFatalException). Names are text in charts, map.png and the
    risk matrix."""
    import pandas as pd

    from ecosystem import Ecosystem, analyze

    edges = [("hub", f"l{i}") for i in range(8)] + [("l0", "l1"), ("l2", "l3")]
    ids = sorted({n for e in edges for n in e})
    names = {"hub": "$\\foo$", "l0": "$x^2$ Labs"}
    eco = Ecosystem.from_edges(edges, partners=pd.DataFrame(
        {"id": ids, "name": [names.get(i, i) for i in ids]}))
    a = analyze(eco, {"communities": {"stability_runs": 2}, "resilience": {"runs": 2, "steps": 5},
                      "recommendations": {"evaluate": False}, "baselines": {"runs": 3}})
    for lang in ("en", "ko"):
        a.write_report(tmp_path / lang, lang=lang)
        out = tmp_path / lang
        html = (out / "report.html").read_text(encoding="utf-8")
        assert "$\\foo$" in html and (out / "map.png").stat().st_size > 0
