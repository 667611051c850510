#!/usr/bin/env python3
"""Write the hand-made input fixtures in tests/data (committed; re-run to regenerate).

Each file imitates what a real tool or team produces: Korean Excel "CSV" (CP949),
Excel UTF-8 with BOM, a Latin-1 export, a European ``;`` CSV with decimal commas,
Gephi's CSV/GEXF/GraphML exports, networkx/Cytoscape JSON, an Excel workbook, a
participation table, and bad inputs (one per error class, and XML attacks).
"""
from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

KO_PARTNERS = """id,name,sector,city
K01,삼성전자,corporate,수원
K02,한국과학기술원(KAIST),university,대전
K03,서울대학교 산학협력단,university,서울
K04,한국전자통신연구원,research institute,대전
K05,(주)뉴로메카,startup,포항
K06,중소벤처기업부,government,세종
K07,카카오벤처스,investor,판교
"""
KO_RELATIONS = """출발,도착,관계유형,가중치,날짜
K01,K02,공동연구,3,2021-03-02
K01,K03,공동연구,2,2022-07-15
K02,K04,컨소시엄,2,2020-11-30
K07,K05,투자,4,2023-01-10
K06,K05,지원사업,1,2023-05-01
K03,K04,공동연구,1,2019-09-09
"""


def write(name: str, text: str, encoding: str = "utf-8") -> None:
    (HERE / name).write_bytes(text.encode(encoding))


def main() -> None:
    write("korean_partners_cp949.csv", KO_PARTNERS.replace("\n", "\r\n"), "cp949")
    write("korean_relations_cp949.csv", KO_RELATIONS.replace("\n", "\r\n"), "cp949")
    write("korean_relations_utf8bom.csv", KO_RELATIONS, "utf-8-sig")
    write("latin1_relations.csv",
          "source,target,type\nSociété Générale,Müller GmbH,licence\nMüller GmbH,Ørsted A/S,pilot\n"
          "Ørsted A/S,Société Générale,joint R&D\nCafé Crème SA,Société Générale,MoU\n", "latin-1")
    write("european_relations.csv",
          "Quelle;Ziel;Art;Gewicht;Datum\nSiemens;Bosch;Joint R&D;1,5;2021-03-01\n"
          "Bosch;BASF;Pilot;2;2022-01-15\nBASF;Siemens;Lizenz;1.250,75;2020-06-30\n")
    write("relations.tsv", "from\tto\tkind\tstrength\nA\tB\tpilot\t2\nB\tC\tMoU\t1\nC\tA\tpilot\t0.5\n")
    write("relations_pipe.txt", "Source|Target|Weight\nA|B|1\nB|C|2\nC|D|3\n")
    # Gephi "Export table" CSVs: Type = Directed/Undirected is the direction, not the relation type
    write("gephi_edges.csv",
          "Source,Target,Type,Id,Label,timeset,Weight\n1,2,Directed,0,investment,,3.0\n"
          "1,3,Directed,1,investment,,1.0\n2,3,Directed,2,pilot,,2.0\n4,1,Directed,3,licence,,1.0\n")
    write("gephi_nodes.csv",
          "Id,Label,timeset,sector,Modularity Class\n1,Seoul Ventures,,investor,0\n"
          "2,Robo Startup,,startup,0\n3,Mega Corp,,corporate,1\n4,Uni Lab,,university,1\n"
          "5,Lonely NGO,,NGO,2\n")
    write("gephi_mixed_edges.csv",
          "Source,Target,Type,Weight\nA,B,Directed,1\nB,C,Undirected,1\n")
    write("multiline.csv",
          'source,target,note\nA,B,"first line\nsecond line"\nB,,missing target\n')
    write("ragged.csv", "source,target,weight\nA,B,1\nB,C,2,extra\n")
    write("empty.csv", "")
    write("no_source.csv", "organisation,partnered with\nA,B\n")

    # every validation problem at once (rows as a user sees them: header = row 1)
    write("bad_relations.csv",
          "source,target,type,weight,date\n"
          "A,B,pilot,2,2021-01-01\n"      # row 2 ok
          "A,Z,pilot,1,2021-02-01\n"      # row 3 unknown partner Z
          ",B,pilot,1,2021-03-01\n"       # row 4 empty source
          "B,C,pilot,abc,2021-04-01\n"    # row 5 non-numeric weight
          "C,A,pilot,0,2021-05-01\n"      # row 6 zero weight
          "A,C,pilot,-2,2021-06-01\n"     # row 7 negative weight
          "B,A,pilot,NaN,2021-07-01\n"    # row 8 NaN weight
          "C,B,pilot,inf,2021-08-01\n"    # row 9 infinite weight
          "A,B,MoU,1,31/31/2021\n"        # row 10 unparseable date
          "C,C,pilot,1,2021-09-01\n"      # row 11 self-loop
          "A,B,pilot,2,2021-01-01\n")     # row 12 duplicate of row 2
    write("bad_partners.csv",
          "id,name,sector\nA,Alpha,startup\nB,Beta,corporate\nC,Gamma,university\n"
          ",Nameless,startup\nB,Beta Two,SME\n")
    write("fixable_relations.csv",
          "source,target,weight\nA,B,1\nA,B,1\nB,B,2\nB,D,\n")
    write("fixable_partners.csv", "id,name\nA,Alpha\nB,Beta\nC,Gamma\n")

    # participation (affiliation) table: who took part in which project
    write("participations.csv",
          "project,org,org_type,country,year\n"
          "P1,a,HES,KR,2019\nP1,b,PRC,KR,2019\nP1,c,REC,DE,2019\n"
          "P2,a,HES,KR,2021\nP2,b,PRC,KR,2021\n"
          "P3,c,REC,DE,2022\nP3,d,PUB,FR,2022\nP3,e,OTH,FR,2022\nP3,a,HES,KR,2022\n"
          "P4,f,PRC,US,2020\n")
    write("cordis_like.csv",
          "rcn,role,pic,type,country,start_year\n"
          "1,coordinator,100,HES,DE,2015.0\n1,participant,200,PRC,FR,2015.0\n"
          "1,participant,300,REC,IT,2015.0\n2,coordinator,200,PRC,FR,2017.0\n"
          "2,participant,300,REC,IT,2017.0\n3,coordinator,400,PUB,EL,NA\n")

    # node-link JSON (networkx), simple shape, Cytoscape.js
    write("networkx_node_link.json", json.dumps({
        "directed": True, "multigraph": False, "graph": {},
        "nodes": [{"id": "vc", "name": "Seoul Ventures", "sector": "investor"},
                  {"id": "s1", "name": "로보틱스 스타트업", "sector": "startup"},
                  {"id": "s2", "name": "Bio Startup", "sector": "startup"},
                  {"id": "iso", "name": "Isolated NGO", "sector": "NGO"}],
        "edges": [{"source": "vc", "target": "s1", "weight": 3, "type": "investment"},
                  {"source": "vc", "target": "s2", "weight": 1, "type": "investment"},
                  {"source": "s1", "target": "s2", "weight": 2, "type": "joint R&D"}]},
        ensure_ascii=False, indent=1))
    write("simple_graph.json", json.dumps({
        "partners": [{"id": "a", "name": "Alpha", "sector": "corporate"},
                     {"id": "b", "name": "Beta", "sector": "startup"}],
        "relations": [{"source": "a", "target": "b", "type": "pilot", "weight": 2,
                       "date": "2024-02-01"}]}, indent=1))
    write("cytoscape.json", json.dumps({"elements": {
        "nodes": [{"data": {"id": "n1", "name": "One"}}, {"data": {"id": "n2", "name": "Two"}}],
        "edges": [{"data": {"id": "e1", "source": "n1", "target": "n2", "interaction": "pp"}}]}}))
    write("bad.json", '{"nodes": [1, 2], "links": [ {"source": 1, "target": 2}, ]}')

    # Gephi-style GEXF 1.3 with attributes, labels, weights and dates
    write("gephi_export.gexf", """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <meta lastmodifieddate="2024-05-01"><creator>Gephi 0.10.1</creator></meta>
  <graph defaultedgetype="directed" mode="static">
    <attributes class="node" mode="static">
      <attribute id="sector" title="sector" type="string"/>
      <attribute id="founded" title="founded" type="integer"/>
      <attribute id="modularity_class" title="Modularity Class" type="integer"/>
    </attributes>
    <attributes class="edge" mode="static">
      <attribute id="trust" title="trust" type="float"><default>1.0</default></attribute>
    </attributes>
    <nodes>
      <node id="0" label="Seoul Ventures">
        <attvalues><attvalue for="sector" value="investor"/><attvalue for="founded" value="2010"/>
          <attvalue for="modularity_class" value="0"/></attvalues>
        <viz:size value="10.0"/><viz:position x="1.0" y="2.0"/><viz:color r="255" g="0" b="0"/>
      </node>
      <node id="1" label="로보틱스 스타트업">
        <attvalues><attvalue for="sector" value="startup"/><attvalue for="founded" value="2019"/>
          <attvalue for="modularity_class" value="0"/></attvalues>
      </node>
      <node id="2" label="Mega Corp">
        <attvalues><attvalue for="sector" value="corporate"/><attvalue for="founded" value="1970"/>
          <attvalue for="modularity_class" value="1"/></attvalues>
      </node>
      <node id="3" label="Quiet Institute">
        <attvalues><attvalue for="sector" value="research institute"/></attvalues>
      </node>
    </nodes>
    <edges>
      <edge id="0" source="0" target="1" label="investment" weight="3.0" start="2021-01-01">
        <attvalues><attvalue for="trust" value="0.9"/></attvalues>
      </edge>
      <edge id="1" source="2" target="1" label="pilot" weight="2.0"/>
      <edge id="2" source="2" target="0" label="MoU" weight="1.0">
        <attvalues><attvalue for="trust" value="0.5"/></attvalues>
      </edge>
    </edges>
  </graph>
</gexf>
""")
    # Gephi-style GraphML (keys for label, sector, weight)
    write("gephi_export.graphml", """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key attr.name="label" attr.type="string" for="node" id="label"/>
  <key attr.name="sector" attr.type="string" for="node" id="sector"><default>unknown</default></key>
  <key attr.name="weight" attr.type="double" for="edge" id="weight"/>
  <key attr.name="relation" attr.type="string" for="edge" id="relation"/>
  <key attr.name="date" attr.type="string" for="edge" id="date"/>
  <graph edgedefault="undirected">
    <node id="a"><data key="label">삼성전자</data><data key="sector">corporate</data></node>
    <node id="b"><data key="label">KAIST</data><data key="sector">university</data></node>
    <node id="c"><data key="label">Startup C</data></node>
    <node id="d"><data key="label">Isolated D</data><data key="sector">NGO</data></node>
    <edge id="e0" source="a" target="b"><data key="weight">3.0</data><data key="relation">joint R&amp;D</data>
      <data key="date">2022-03-01</data></edge>
    <edge id="e1" source="b" target="c"><data key="weight">1.0</data><data key="relation">licence</data></edge>
    <edge id="e2" source="a" target="c"><data key="weight">2.0</data><data key="relation">pilot</data></edge>
  </graph>
</graphml>
""")
    # XML attacks: must be refused, never expanded or fetched
    write("billion_laughs.graphml", """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key attr.name="label" attr.type="string" for="node" id="label"/>
  <graph edgedefault="undirected">
    <node id="a"><data key="label">&lol9;</data></node>
  </graph>
</graphml>
""")
    write("external_entity.gexf", """<?xml version="1.0"?>
<!DOCTYPE gexf [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="undirected">
    <nodes><node id="0" label="&xxe;"/><node id="1" label="b"/></nodes>
    <edges><edge id="0" source="0" target="1"/></edges>
  </graph>
</gexf>
""")
    write("broken.graphml", "<graphml><graph><node id='a'></graph></graphml>")

    make_workbooks()


def make_workbooks() -> None:
    import datetime as dt

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "README"
    ws.append(["Partner ecosystem export from the strategy team"])
    part = wb.create_sheet("Partners")
    part.append(["Partner ID", "Organisation", "Sector", "Country"])
    for row in [(1001, "삼성전자", "corporate", "KR"), (1002, "한국과학기술원(KAIST)", "university", "KR"),
                (1003, "Siemens AG", "corporate", "DE"), (1004, "Seoul Robotics", "startup", "KR"),
                (1005, "Quiet Foundation", "NGO", "US")]:
        part.append(list(row))
    rel = wb.create_sheet("Relations")
    rel.append([None])  # a blank first row, as people leave them
    rel.append(["From", "To", "Relation type", "Weight", "Signed", "Trust"])
    rel.append([1001, 1002, "joint R&D", 3, dt.datetime(2021, 3, 2), 0.9])
    rel.append([1001, 1004, "pilot", 2, dt.datetime(2022, 6, 1), 0.7])
    rel.append([None, None, None, None, None, None])  # blank row inside the table
    rel.append([1003, 1002, "licence", 1.5, dt.datetime(2020, 1, 15), 0.8])
    rel.append([1004, 1003, "MoU", "two", dt.datetime(2023, 9, 9), 0.5])  # row 7: bad weight
    wb.save(HERE / "ecosystem.xlsx")

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "관계"
    ws.append(["출발", "도착", "가중치"])
    ws.append(["삼성전자", "서울대학교 산학협력단", 2])
    ws.append(["삼성전자", "한국과학기술원(KAIST)", 1])
    ws2 = wb.create_sheet("기관")
    ws2.append(["기관명", "유형"])
    ws2.append(["삼성전자", "corporate"])
    ws2.append(["서울대학교 산학협력단", "university"])
    ws2.append(["한국과학기술원(KAIST)", "university"])
    ws2.append(["카카오벤처스", "investor"])
    wb.save(HERE / "korean_sheets.xlsx")

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["source", "target", "weight"])
    ws.append(["a", "b", 1])
    ws.append(["b", "c", 2])
    wb.save(HERE / "single_sheet.xlsx")


if __name__ == "__main__":
    main()
