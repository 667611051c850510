"""Delimited tables: CSV, TSV, .txt, ';' European CSV, Gephi exports, row numbers."""
from pathlib import Path

import pytest

from ecosystem import load
from ecosystem.exceptions import InputDataError
from ecosystem.io.readers import detect_format, read_table
from ecosystem.io.tables import parse_delimited, sniff_delimiter

DATA = Path(__file__).parent / "data"


def test_tsv_with_alias_headers():
    eco = load(DATA / "relations.tsv")  # from/to/kind/strength
    assert eco.n_relations == 3
    assert eco.relations["type"].tolist() == ["pilot", "MoU", "pilot"]
    assert eco.relations["weight"].tolist() == [2.0, 1.0, 0.5]


def test_txt_with_pipe_delimiter_is_sniffed():
    eco = load(DATA / "relations_pipe.txt")
    assert eco.metadata["source"]["delimiter"] == "pipe"
    assert eco.n_partners == 4 and eco.relations["weight"].sum() == 6


def test_european_semicolon_csv_with_decimal_commas_and_explicit_columns():
    eco = load(DATA / "european_relations.csv",
               columns={"source": "Quelle", "target": "Ziel", "type": "Art", "weight": "Gewicht",
                        "date": "Datum"})
    assert eco.metadata["source"]["delimiter"] == "semicolon"
    assert eco.relations["weight"].tolist() == [1.5, 2.0, 1250.75]
    assert eco.relations["type"].tolist() == ["Joint R&D", "Pilot", "Lizenz"]


def test_missing_source_target_names_columns_and_option():
    with pytest.raises(InputDataError, match="missing required columns 'source', 'target'.*'organisation'.*--source-col"):
        load(DATA / "no_source.csv")


def test_explicit_column_that_does_not_exist_is_an_error_not_a_silent_fallback():
    with pytest.raises(InputDataError, match="--source-col 'Quelle' is not a column"):
        load(DATA / "relations.tsv", columns={"source": "Quelle"})


def test_gephi_edge_table_type_sets_direction_not_relation_type():
    eco = load(DATA / "gephi_edges.csv", DATA / "gephi_nodes.csv")
    assert eco.directed is True
    assert eco.relations["type"].tolist() == ["investment", "investment", "pilot", "licence"]
    assert "Type" not in eco.relations and eco.relations["directed"].all()
    # Gephi node table: Id -> id, Label -> name; extra columns kept
    assert eco.names["1"] == "Seoul Ventures"
    assert "Modularity Class" in eco.partners.columns
    assert eco.digraph.has_edge("4", "1") and not eco.digraph.has_edge("1", "4")
    assert eco.graph.degree("5") == 0  # the isolate stays


def test_gephi_mixed_direction_is_undirected_with_a_note():
    eco = load(DATA / "gephi_mixed_edges.csv")
    assert eco.directed is False
    assert eco.report.counts() == {"mixed_direction": 1}
    assert eco.report.problems[0].severity == "info"


def test_explicit_undirected_overrides_gephi_direction():
    eco = load(DATA / "gephi_edges.csv", directed=False)
    assert eco.directed is False


def test_row_numbers_count_quoted_line_breaks():
    with pytest.raises(InputDataError) as info:
        load(DATA / "multiline.csv")
    (p,) = info.value.problems
    assert (p.row, p.column, p.code) == (4, "target", "empty_id")  # the cell spans lines 2-3


def test_blank_lines_do_not_shift_row_numbers():
    t = parse_delimited("source,target,weight\nA,B,1\n\nB,C,x\n", file="f.csv")
    assert t.frame.index.tolist() == [2, 4]


def test_ragged_row_is_reported_with_its_line():
    with pytest.raises(InputDataError) as info:
        load(DATA / "ragged.csv")
    p = info.value.problems[0]
    assert p.row == 3 and "4 cells but the header has 3" in p.message


def test_empty_file_is_reported():
    with pytest.raises(InputDataError, match="file is empty"):
        load(DATA / "empty.csv")


def test_missing_file_is_reported_with_bundled_names():
    with pytest.raises(InputDataError, match="file not found.*bundled: demo"):
        load(DATA / "nope.csv")


def test_ids_are_text_not_numbers():
    t = parse_delimited("source,target\n007,0012\n", file="f.csv")
    assert t.frame.iloc[0].tolist() == ["007", "0012"]


def test_read_table_keeps_old_zero_based_index():
    frame = read_table(DATA / "relations.tsv")
    assert frame.index.tolist() == [0, 1, 2]


@pytest.mark.parametrize("text, suffix, expected", [
    ("a,b\n1,2\n", ".csv", ","), ("a;b;c\n1;2,5;3\n", ".csv", ";"), ("a\tb\n1\t2\n", ".txt", "\t"),
    ("a|b\n1|2\n", ".txt", "|"), ("a\tb\n1\t2\n", ".csv", "\t"), ("a,b\n1,2\n", ".tsv", "\t"), ('name,x\n"a;b;c",1\n', ".csv", ","),
])
def test_sniff_delimiter(text, suffix, expected):
    assert sniff_delimiter(text, suffix) == expected


def test_detect_format_by_content_for_unknown_suffix(tmp_path):
    f = tmp_path / "export.dat1"
    f.write_text('{"nodes": [], "links": []}', encoding="utf-8")
    assert detect_format(f) == "json"
    g = tmp_path / "export.xml"
    g.write_text("<?xml version='1.0'?><gexf><graph/></gexf>", encoding="utf-8")
    assert detect_format(g) == "gexf"


def test_other_tool_files_point_to_an_export():
    from ecosystem.exceptions import UnsupportedFormatError

    with pytest.raises(UnsupportedFormatError, match="export"):
        detect_format("network.gml")
    assert detect_format("network.paj") == "pajek" and detect_format("matrix.dl") == "ucinet"


def test_gzipped_csv(tmp_path):
    import gzip

    f = tmp_path / "rel.csv.gz"
    f.write_bytes(gzip.compress("source,target\n삼성전자,KAIST\n".encode("cp949")))
    eco = load(f)
    assert list(eco.ids) == ["삼성전자", "KAIST"] and eco.report.encoding["relations"] == "cp949"


@pytest.mark.slow
def test_large_relation_file_loads_in_seconds(tmp_path):
    import time

    import numpy as np

    rng = np.random.default_rng(0)
    n = 200_000
    src = rng.integers(0, 20_000, n)
    dst = (src + 1 + rng.integers(0, 19_999, n)) % 20_000  # never a self-loop
    lines = ["source,target,type,weight,date"] + [
        f"p{a},p{b},{t},{w},2021-0{m}-1{d}" for a, b, t, w, m, d in zip(
            src, dst, rng.choice(["pilot", "MoU", "joint R&D"], n), rng.integers(1, 5, n),
            rng.integers(1, 9, n), rng.integers(0, 9, n))]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.perf_counter()
    eco = load(path)
    elapsed = time.perf_counter() - start
    dups = eco.report.counts().get("duplicate_relation", 0)
    assert eco.n_relations + dups == n
    assert elapsed < 20, elapsed


def test_a_folder_with_partners_and_relations_files(tmp_path):
    (tmp_path / "Relations.csv").write_text("source,target\na,b\n", encoding="utf-8")
    (tmp_path / "partners.csv").write_text("id,name\na,Alpha\nb,Beta\nc,Gamma\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not data", encoding="utf-8")
    eco = load(tmp_path)
    assert eco.names.to_dict() == {"a": "Alpha", "b": "Beta", "c": "Gamma"}
    assert eco.name == tmp_path.name


def test_a_folder_without_relations_lists_its_files(tmp_path):
    (tmp_path / "partners.csv").write_text("id\na\n", encoding="utf-8")
    with pytest.raises(InputDataError, match="folder has no relations file.*partners.csv"):
        load(tmp_path)


def test_networkx_edgelist_files(tmp_path):
    import networkx as nx

    g = nx.Graph()
    g.add_edge("삼성전자", "KAIST", weight=2.5, type="joint R&D")
    g.add_edge("KAIST", "ETRI", weight=1)
    path = tmp_path / "g.edgelist"
    nx.write_edgelist(g, path)  # "u v {'weight': 2.5, 'type': 'joint R&D'}"
    eco = load(path)
    assert eco.relations["weight"].tolist() == [2.5, 1.0]
    assert eco.relations["type"].tolist() == ["joint R&D", "relation"]
    w = tmp_path / "w.edges"
    nx.write_weighted_edgelist(g, w)
    assert load(w).ties["strength"].sum() == 3.5


def test_whitespace_separated_txt_with_header(tmp_path):
    f = tmp_path / "ties.txt"
    f.write_text("source target weight\nA B 2\nB   C 1\n", encoding="utf-8")
    eco = load(f)
    assert eco.metadata["source"]["delimiter"] == "whitespace"
    assert eco.relations["weight"].tolist() == [2.0, 1.0]


def test_a_title_line_in_a_csv_gets_a_hint(tmp_path):
    f = tmp_path / "titled.csv"
    f.write_text("Partner list 2024\nsource,target,weight\nA,B,1\n", encoding="utf-8")
    with pytest.raises(InputDataError, match="if the first lines are a title, delete them"):
        load(f)


def test_rows_longer_than_the_header_are_all_reported_never_shifted(tmp_path):
    f = tmp_path / "long.csv"
    f.write_text("source,target\nA,B,1\nC,D\nE,F,2\n", encoding="utf-8")
    with pytest.raises(InputDataError) as info:
        load(f)
    assert [(p.row, p.code) for p in info.value.problems] == [(2, "bad_row"), (4, "bad_row")]
