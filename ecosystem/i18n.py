"""Report wording in English and Korean: headings, labels, KPI names, explanations.

Analyses return numbers and (via their own ``lang``-aware functions) why-sentences; this
module holds every fixed piece of text the report shows around them. Use :func:`translator`
to get a function for one language; a missing key falls back to English, then to the key
itself made readable, so a new KPI never breaks a report.

Examples
--------
>>> t = translator("ko")
>>> t("anchors")
'앵커 파트너'
>>> translator("en")("n_partners_text", n=3)
'3 partners'
"""
from __future__ import annotations

from typing import Callable

from .exceptions import InvalidParameterError

LANGUAGES = ("en", "ko")

EN: dict[str, str] = {
    # page
    "report_title": "Ecosystem report: {name}",
    "generated": "Generated {date} with ecosystem {version}",
    "contents": "Contents",
    "print_hint": "Use your browser's Print (Save as PDF) for a paper copy.",
    "not_available": "Not available",
    "not_available_text": "This part of the analysis was not run: {reason}",
    "none_found": "None found.",
    "more_rows": "{n} more rows in {file}.",
    "yes": "yes", "no": "no",
    # sections
    "summary": "Summary",
    "key_findings": "Key findings",
    "kpis": "Headline indicators",
    "anchors": "Anchor partners",
    "communities": "Communities",
    "roles": "Roles",
    "gaps": "Gaps",
    "holes": "Structural holes and brokers",
    "brokerage": "Brokerage between communities",
    "community_gaps": "Weakly linked communities",
    "sector_gaps": "Missing sector links",
    "fragility": "Single points of failure",
    "articulation_points": "Partners whose loss splits the network",
    "bridges": "Ties whose loss splits the network",
    "recommendations": "Recommended partnerships",
    "resilience": "Resilience",
    "key_players": "Key players",
    "map": "Network map",
    "methods": "Methods",
    "measures": "Measures",
    "weights": "Tie strength and distance",
    "parameters": "Parameters",
    "data_quality": "Data quality",
    "notes": "Notes",
    # explanations (plain language)
    "explain_summary": "{name} has {partners} partners linked by {relations} relations "
                       "({ties} distinct partner pairs) across {sectors} sectors.",
    "explain_anchors": "Anchor partners hold the network together: they are well connected, "
                       "central on the paths between others and often link different "
                       "communities. The score (0 to 1) combines these measures.",
    "explain_communities": "Communities are groups of partners that work more with each other "
                           "than with the rest of the network (found with {method}, "
                           "resolution {resolution}). Modularity {modularity} measures how "
                           "clearly the groups separate (above 0.3 is a clear structure).",
    "explain_stability": "Stability: over {runs} runs with different seeds the partitions agree "
                         "with a mean normalised mutual information of {score} (1 = identical "
                         "every time). The consistency column is the share of its community "
                         "mates a partner stays grouped with, averaged over members and runs.",
    "explain_roles": "Roles follow Guimerà and Amaral: hubs have many ties inside their "
                     "community; connectors spread their ties across communities; peripheral "
                     "partners have few ties outside their group.",
    "explain_holes": "A structural hole is a gap between partners who are not connected to "
                     "each other. Partners whose contacts do not know one another (high "
                     "effective size, low constraint) broker between them and see "
                     "more diverse information.",
    "explain_brokerage": "Brokerage roles (Gould and Fernandez) count how often a partner sits "
                         "between two others, by which communities those three belong to.",
    "explain_community_gaps": "Pairs of communities with few or weak ties between them, "
                              "compared with what their sizes would lead one to expect.",
    "explain_sector_gaps": "Pairs of sectors that are tied less than expected: possible "
                           "missing collaborations (for example companies and universities).",
    "explain_fragility": "If one of these partners or ties disappeared, parts of the network "
                         "would be cut off from the rest.",
    "explain_recommendations": "Pairs of partners who are not yet tied but would likely work "
                               "well together: they share partners, sit close in the network, "
                               "or would close a gap between communities.",
    "explain_resilience": "How the largest connected part of the network shrinks as partners "
                          "are removed, at random or by targeting the most central first. A "
                          "curve that drops fast means the network depends on a few partners.",
    "explain_map": "Colours and sizes follow the legend (by default: community and anchor "
                   "score). Drag to move, scroll to zoom, click a partner for details. The "
                   "map works offline.",
    "explain_weights": "Tie strength: higher means a stronger tie. It is computed per relation "
                       "as weight x relation-type weight x factors x recency decay, and "
                       "relations of the same pair are combined with '{aggregate}'. "
                       "Strength is used by degree/strength, PageRank, eigenvector, clustering, "
                       "Burt's measures and community detection. Path-based measures "
                       "(betweenness, closeness, shortest paths) use the tie distance "
                       "{distance}, so a path over strong ties is short.",
    "explain_data_quality": "What loading found and repaired: {errors} errors, {warnings} warnings.",
    "data_quality_clean": "No problem was found in the input.",
    "seed_text": "Random seed {seed}: the same data and settings give the same report.",
    # table columns
    "col_rank": "Rank", "col_partner": "Partner", "col_id": "ID", "col_name": "Name",
    "col_sector": "Sector", "col_role": "Role", "col_score": "Score",
    "col_anchor_score": "Anchor score", "col_why": "Why",
    "col_community": "Community", "col_label": "Label", "col_size": "Size",
    "col_density": "Density", "col_sector_mix": "Sector mix", "col_top_partners": "Top partners",
    "col_count": "Count", "col_effective_size": "Effective size", "col_efficiency": "Efficiency",
    "col_constraint": "Constraint", "col_hierarchy": "Hierarchy",
    "col_source": "Partner A", "col_target": "Partner B", "col_introducers": "Introduced by",
    "col_cuts_off": "Cuts off", "col_cut_size": "Partners cut off", "col_value": "Value",
    "col_indicator": "Indicator", "col_parameter": "Parameter", "col_measure": "Measure",
    "col_meaning": "Meaning", "col_problem": "Problem", "col_where": "Where",
    "col_severity": "Severity", "col_ties": "Ties", "col_expected": "Expected",
    "col_strength": "Strength", "col_communities": "Communities", "col_sectors": "Sectors",
    "col_degree": "Degree", "col_betweenness": "Betweenness", "col_pagerank": "PageRank",
    "col_file": "File", "col_consistency": "Consistency", "col_participation": "Participation", "col_within_module_z": "Within-community z",
    "col_ratio": "Observed / expected", "col_z": "z", "col_bridging": "Partners bridging them now",
    "col_coordinator": "Coordinator", "col_itinerant": "Itinerant",
    "col_gatekeeper": "Gatekeeper", "col_representative": "Representative",
    "col_gatekeeper_representative": "Gatekeeper / representative", "col_liaison": "Liaison",
    "col_total": "Total", "col_group": "Group", "col_order": "Order",
    "input_files": "Input files", "col_encoding": "Encoding",
    "recommendation_quality": "Reliability check: with {hide} of the ties hidden, the method "
                              "scores a hidden tie above a random unlinked pair {auc} of the "
                              "time (AUC; 0.5 = chance, 1 = perfect), and {hits} of its top "
                              "{k} suggestions were hidden ties ({precision}, against {random} "
                              "by chance).",
    "col_missing_helix": "Missing helix groups",
    "col_missing_sectors": "Sectors most communities have but this one lacks",
    "what_if": "What if a key partner left?",
    "explain_what_if": "Each row removes the partners named (one top anchor at a time, then "
                       "the key players together) and compares the network before and after.",
    "col_scenario": "If they left", "col_parts": "Connected parts (before → after)",
    "col_reach_lost": "Pairs that can no longer reach each other",
    "col_efficiency_change": "Efficiency change", "col_communities_split": "Communities split",
    "settings_changed": "Settings that differ from the defaults (configuration file format)",
    "batch_title": "Batch: {name}", "failed_runs": "Failed runs", "runs_ok": "ok",
    # charts
    "chart_resilience_title": "Largest connected part as partners are removed",
    "chart_removed": "Share of partners removed",
    "chart_lcc": "Largest component (share of partners)",
    "chart_anchor_title": "Anchor score of the top partners",
    "chart_roles_title": "Partners per role",
    "chart_sizes_title": "Community sizes",
    "attack_random": "random removal", "attack_degree": "most ties first",
    "attack_betweenness": "best brokers first", "attack_strength": "strongest first",
    "attack_pagerank": "highest PageRank first", "attack_anchor": "top anchors first",
    # counts
    "n_partners_text": "{n} partners",
    "robustness_text": "Robustness ({strategy}): {value}",
    # KPI names
    "kpi_partners": "Partners", "kpi_relations": "Relations", "kpi_ties": "Partner pairs tied",
    "kpi_sectors": "Sectors", "kpi_communities": "Communities", "kpi_modularity": "Modularity",
    "kpi_density": "Density", "kpi_components": "Connected parts",
    "kpi_largest_component_share": "Share in the largest part",
    "kpi_average_degree": "Average partners per partner", "kpi_clustering": "Clustering",
    "kpi_transitivity": "Transitivity", "kpi_average_path_length": "Average path length",
    "kpi_diameter": "Diameter", "kpi_efficiency": "Global efficiency",
    "kpi_cross_sector_share": "Cross-sector ties", "kpi_cross_community_share": "Cross-community ties",
    "kpi_centralization": "Centralisation", "kpi_degree_centralization": "Degree centralisation",
    "kpi_articulation_points": "Single points of failure", "kpi_bridges": "Bridge ties",
    "kpi_isolates": "Isolated partners", "kpi_robustness": "Robustness",
    "kpi_sector_diversity": "Sector diversity", "kpi_assortativity": "Sector assortativity",
    "kpi_top_anchor": "Top anchor", "kpi_stability": "Community stability",
    "kpi_n_partners": "Partners", "kpi_n_ties": "Partner pairs tied",
    "kpi_isolate_share": "Share of isolated partners", "kpi_average_clustering": "Clustering",
    "kpi_average_path_length_weighted": "Average path distance (1/strength)",
    "kpi_path_length_sampled": "Path lengths estimated", "kpi_n_communities": "Communities",
    "kpi_path_length_rse": "Path length sampling error (relative)",
    "kpi_sector_count": "Sectors", "kpi_sector_shannon": "Sector diversity (Shannon)",
    "kpi_sector_evenness": "Sector evenness", "kpi_sector_blau": "Sector diversity (Blau)",
    "kpi_cross_sector_tie_share": "Cross-sector ties", "kpi_cross_community_tie_share": "Cross-community ties",
    "kpi_kcore_max": "Deepest core (k)", "kpi_main_core_share": "Share in the main core",
    "health": "All health indicators", "col_definition": "Definition",
    "chart_efficiency_title": "Global efficiency as partners are removed",
    "chart_efficiency": "Global efficiency",
    # findings
    "finding_top_anchor": "The strongest anchor is {name} ({why}).",
    "finding_communities": "The network splits into {n} communities (modularity {q}).",
    "finding_fragility": "{n} partners are single points of failure; the most critical is "
                         "{name}, whose loss would cut off {k} partner(s).",
    "finding_fragility_one": "One partner is a single point of failure: {name}, whose loss "
                             "would cut off {k} partner(s).",
    "finding_no_fragility": "No single partner's loss would split the network.",
    "finding_recommendation": "The most promising new partnership: {a} and {b} ({why}).",
    "finding_components": "The network has {n} separate parts; the largest holds {share} of partners.",
    # measures
    "m_degree": "number of partners a partner is tied to",
    "m_strength": "sum of tie strengths",
    "m_pagerank": "importance from being tied to important partners (PageRank, strength-weighted)",
    "m_eigenvector": "influence from strong ties to influential partners",
    "m_betweenness": "share of shortest paths passing through the partner (uses distance)",
    "m_closeness": "how near the partner is to all others (uses distance)",
    "m_harmonic": "closeness that also works on disconnected networks (uses distance)",
    "m_coreness": "k-core: depth in the densely tied core",
    "m_clustering": "how often a partner's partners are tied to each other",
    "m_reach2": "share of the other partners within two steps",
    "m_effective_size": "Burt's effective size: non-redundant contacts",
    "m_constraint": "Burt's constraint: how much the partner depends on tightly linked contacts",
    "m_anchor_score": "anchor score combining the measures above (0 to 1)",
    "m_participation": "how evenly a partner's ties spread across communities (0 to 1)",
    "m_within_module_z": "ties inside its own community compared with its peers (z-score)",
    # roles
    "role_hub": "hub", "role_connector": "connector", "role_peripheral": "peripheral",
    "role_ultra-peripheral": "ultra-peripheral", "role_kinless": "kinless",
    "role_provincial hub": "provincial hub", "role_connector hub": "connector hub",
    "role_kinless hub": "kinless hub", "role_non-hub connector": "non-hub connector",
    "role_isolate": "isolate",
    # recommendations: evidence, goals, range, confidence (issue 14)
    "rec_competitor": "Caution: likely competitors ({reason})",
    "rec_group_project": "This row stands for {n} members of project {label} that fit alike: {names}",
    "rec_group_same": "This row stands for {n} partners reached through the same partners: {names}",
    "rec_projects": "Linked through {k} projects ({projects}) {partners}",
    "rec_common": "Share {n} partners: {names}",
    "rec_common_one": "Share 1 partner: {names}",
    "rec_projects_one": "Linked through 1 project ({projects}) {partners}",
    "rec_with_partners": "with {n} shared partners: {names}",
    "rec_with_partner_one": "with 1 shared partner: {names}",
    "rec_link": "Would link community {a} and {b}",
    "rec_gap_link": "Would link community {a} and {b} (an under-connected pair)",
    "rec_serves": "Serves: {goals}",
    "rec_goal_community": "cross-community",
    "rec_goal_sector": "cross-sector ({a} with {b})",
    "rec_goal_country": "global reach ({a} with {b})",
    "rec_goal_target": "target sector {target}",
    "rec_introduce": "{names} could introduce them",
    "rec_test_backtest": "a backtest (learning from ties before {year}, checking the pairs that "
                         "first tied from {year} on)",
    "rec_test_projects": "a test that hid {share} of the projects",
    "rec_test_ties": "a test that hid {share} of the ties",
    "rec_conf_beats": "Confidence: in {test}, {hits} of the top {k} suggestions came true "
                      "({precision}), against {base} for the best simple rule ({base_name}) and "
                      "{random} by chance. The list beats both.",
    "rec_conf_thin": "Some confidence, thin evidence: in {test}, {hits} of the top {k} suggestions "
                     "came true ({precision}), more than the best simple rule ({base_name}: "
                     "{base}) and chance ({random}), but so few hits prove little.",
    "rec_conf_weak": "Limited confidence: in {test}, {hits} of the top {k} suggestions came true "
                     "({precision}): better than chance ({random}) but not better than the simple "
                     "rule '{base_name}' ({base}).",
    "rec_conf_low": "Low confidence here: no better than chance in {test} ({hits} of the top {k} "
                    "suggestions came true; chance: {random}). Treat the list as leads to check, "
                    "not predictions.",
    "rec_conf_none": "Confidence unknown: the data is too small to test the list.",
    "base_random": "random pairs", "base_preferential_attachment": "pair the most-connected partners",
    "base_common_neighbours": "most shared partners",
}

KO: dict[str, str] = {
    "report_title": "생태계 분석 보고서: {name}",
    "generated": "{date}, ecosystem {version}으로 작성",
    "contents": "목차",
    "print_hint": "종이 문서가 필요하면 브라우저의 인쇄(PDF로 저장)를 사용하세요.",
    "not_available": "제공되지 않음",
    "not_available_text": "이 분석은 실행되지 않았습니다: {reason}",
    "none_found": "해당 사항이 없습니다.",
    "more_rows": "나머지 {n}개 행은 {file}에 있습니다.",
    "yes": "예", "no": "아니요",
    "summary": "요약",
    "key_findings": "주요 발견",
    "kpis": "핵심 지표",
    "anchors": "앵커 파트너",
    "communities": "커뮤니티",
    "roles": "역할",
    "gaps": "공백",
    "holes": "구조적 공백과 중개자",
    "brokerage": "커뮤니티 간 중개",
    "community_gaps": "연결이 약한 커뮤니티",
    "sector_gaps": "부족한 부문 간 연결",
    "fragility": "단일 실패 지점",
    "articulation_points": "잃으면 네트워크가 끊어지는 파트너",
    "bridges": "끊어지면 네트워크가 갈라지는 관계",
    "recommendations": "추천 파트너십",
    "resilience": "회복력",
    "key_players": "핵심 행위자",
    "map": "네트워크 지도",
    "methods": "분석 방법",
    "measures": "지표",
    "weights": "관계 강도와 거리",
    "parameters": "매개변수",
    "data_quality": "데이터 품질",
    "notes": "참고",
    "explain_summary": "{name}에는 {partners}개 파트너가 {relations}건의 관계"
                       "(서로 다른 파트너 쌍 {ties}개)로 연결되어 있으며, {sectors}개 부문에 걸쳐 있습니다.",
    "explain_anchors": "앵커 파트너는 네트워크를 하나로 묶는 구심점입니다. 연결이 많고, 다른 "
                       "파트너들 사이의 경로 한가운데에 있으며, 서로 다른 커뮤니티를 이어 주는 "
                       "경우가 많습니다. 점수(0~1)는 이 지표들을 종합한 값입니다.",
    "explain_communities": "커뮤니티는 네트워크의 나머지보다 서로 더 많이 협력하는 파트너 "
                           "집단입니다({method} 방법, 해상도 {resolution}). 모듈성({modularity})은 "
                           "집단이 얼마나 뚜렷하게 나뉘는지를 나타냅니다(0.3 이상이면 뚜렷한 구조).",
    "explain_stability": "안정성: 시드를 바꿔 {runs}번 탐지한 결과들의 평균 정규화 상호정보량(NMI)은 "
                         "{score}입니다(1이면 매번 동일). 일관성 열은 파트너가 같은 커뮤니티 "
                         "구성원과 계속 함께 묶이는 비율을 구성원과 실행에 걸쳐 평균한 값입니다.",
    "explain_roles": "역할 구분은 Guimerà와 Amaral의 방법을 따릅니다. 허브는 자기 커뮤니티 안에서 "
                     "연결이 많고, 커넥터는 여러 커뮤니티에 고르게 연결되며, 주변 파트너는 "
                     "자기 집단 밖으로 연결이 거의 없습니다.",
    "explain_holes": "구조적 공백은 서로 연결되지 않은 파트너들 사이의 빈틈입니다. 서로 모르는 "
                     "상대들과 연결된 파트너(유효 규모가 크고 제약이 낮음)는 그 사이를 중개하며 "
                     "더 다양한 정보를 얻습니다.",
    "explain_brokerage": "중개 역할(Gould와 Fernandez)은 한 파트너가 다른 두 파트너 사이에 "
                         "놓이는 횟수를 세 파트너가 속한 커뮤니티에 따라 나누어 셉니다.",
    "explain_community_gaps": "규모에 비해 서로 간의 연결이 적거나 약한 커뮤니티 쌍입니다.",
    "explain_sector_gaps": "기대보다 연결이 적은 부문 쌍입니다. 빠져 있는 협력일 수 있습니다"
                           "(예: 기업과 대학).",
    "explain_fragility": "아래 파트너나 관계가 사라지면 네트워크의 일부가 나머지와 끊어집니다.",
    "explain_recommendations": "아직 관계가 없지만 함께 일하면 좋을 가능성이 큰 파트너 쌍입니다. "
                               "공통 파트너가 있거나, 네트워크에서 가깝거나, 커뮤니티 사이의 "
                               "공백을 메워 줍니다.",
    "explain_resilience": "파트너를 무작위로, 또는 중심성이 높은 순서대로 제거할 때 네트워크에서 "
                          "가장 큰 연결 부분이 얼마나 줄어드는지 보여 줍니다. 곡선이 빨리 "
                          "떨어질수록 네트워크가 소수의 파트너에 의존한다는 뜻입니다.",
    "explain_map": "색과 크기의 뜻은 범례에 있습니다(기본: 색은 커뮤니티, 크기는 앵커 점수). "
                   "드래그해 옮기고, 스크롤해 확대하고, 파트너를 클릭하면 자세한 정보가 "
                   "나옵니다. 지도는 오프라인에서도 작동합니다.",
    "explain_weights": "관계 강도는 클수록 강한 관계를 뜻합니다. 관계마다 가중치 × 관계 유형 "
                       "가중치 × 요인 × 최신성 감쇠로 계산하고, 같은 파트너 쌍의 관계는 "
                       "'{aggregate}' 방식으로 합칩니다. 강도는 연결 정도/강도, PageRank, "
                       "고유벡터, 군집 계수, Burt 지표, 커뮤니티 탐지에 쓰입니다. 경로 기반 "
                       "지표(매개 중심성, 근접 중심성, 최단 경로)는 관계 거리 {distance}를 "
                       "사용하므로 강한 관계를 지나는 경로가 짧게 계산됩니다.",
    "explain_data_quality": "데이터를 읽으면서 발견하고 보정한 사항: 오류 {errors}건, 경고 {warnings}건.",
    "data_quality_clean": "입력 데이터에서 문제가 발견되지 않았습니다.",
    "seed_text": "난수 시드 {seed}: 같은 데이터와 설정이면 같은 보고서가 나옵니다.",
    "col_rank": "순위", "col_partner": "파트너", "col_id": "ID", "col_name": "이름",
    "col_sector": "부문", "col_role": "역할", "col_score": "점수",
    "col_anchor_score": "앵커 점수", "col_why": "이유",
    "col_community": "커뮤니티", "col_label": "이름", "col_size": "규모",
    "col_density": "밀도", "col_sector_mix": "부문 구성", "col_top_partners": "주요 파트너",
    "col_count": "수", "col_effective_size": "유효 규모", "col_efficiency": "효율성",
    "col_constraint": "제약", "col_hierarchy": "위계",
    "col_source": "파트너 A", "col_target": "파트너 B", "col_introducers": "소개해 줄 파트너",
    "col_cuts_off": "끊기는 대상", "col_cut_size": "끊기는 파트너 수", "col_value": "값",
    "col_indicator": "지표", "col_parameter": "매개변수", "col_measure": "지표",
    "col_meaning": "의미", "col_problem": "문제", "col_where": "위치",
    "col_severity": "심각도", "col_ties": "관계 수", "col_expected": "기대값",
    "col_strength": "강도", "col_communities": "커뮤니티", "col_sectors": "부문",
    "col_degree": "연결 수", "col_betweenness": "매개 중심성", "col_pagerank": "PageRank",
    "col_file": "파일", "col_consistency": "일관성", "col_participation": "참여 계수", "col_within_module_z": "커뮤니티 내 z",
    "col_ratio": "실제 / 기대", "col_z": "z", "col_bridging": "현재 둘을 잇는 파트너",
    "col_coordinator": "조정자", "col_itinerant": "순회 중개자",
    "col_gatekeeper": "문지기", "col_representative": "대표자",
    "col_gatekeeper_representative": "문지기 / 대표자", "col_liaison": "연락자",
    "col_total": "합계", "col_group": "집단", "col_order": "순서",
    "input_files": "입력 파일", "col_encoding": "인코딩",
    "recommendation_quality": "신뢰도 점검: 관계의 {hide}를 숨기고 예측해 보면, 이 방법은 숨긴 "
                              "관계를 무작위로 고른 미연결 쌍보다 {auc}의 확률로 높게 평가하고"
                              "(AUC, 0.5 = 우연 수준, 1 = 완벽), 상위 {k}개 추천 중 {hits}개가 숨긴 "
                              "관계였습니다({precision}, 우연이라면 {random}).",
    "col_missing_helix": "빠진 헬릭스 그룹",
    "col_missing_sectors": "다른 커뮤니티 대부분에 있지만 여기에는 없는 부문",
    "what_if": "핵심 파트너가 빠진다면?",
    "explain_what_if": "각 행은 해당 파트너를 제거했을 때(상위 앵커 한 곳씩, 이어서 핵심 행위자 "
                       "전체)의 네트워크를 제거 전과 비교합니다.",
    "col_scenario": "빠지는 파트너", "col_parts": "연결 부분 수(전 → 후)",
    "col_reach_lost": "더 이상 서로 닿지 못하는 쌍",
    "col_efficiency_change": "효율성 변화", "col_communities_split": "쪼개지는 커뮤니티",
    "settings_changed": "기본값과 다른 설정(설정 파일 형식)",
    "batch_title": "일괄 분석: {name}", "failed_runs": "실패한 실행", "runs_ok": "성공",
    "chart_resilience_title": "파트너 제거에 따른 최대 연결 부분의 크기",
    "chart_removed": "제거된 파트너 비율",
    "chart_lcc": "최대 연결 부분(파트너 비율)",
    "chart_anchor_title": "상위 파트너의 앵커 점수",
    "chart_roles_title": "역할별 파트너 수",
    "chart_sizes_title": "커뮤니티 규모",
    "attack_random": "무작위 제거", "attack_degree": "연결 많은 순",
    "attack_betweenness": "중개 많은 순", "attack_strength": "강도 높은 순",
    "attack_pagerank": "PageRank 높은 순", "attack_anchor": "앵커 점수 높은 순",
    "n_partners_text": "파트너 {n}개",
    "robustness_text": "견고성({strategy}): {value}",
    "kpi_partners": "파트너 수", "kpi_relations": "관계 수", "kpi_ties": "연결된 파트너 쌍",
    "kpi_sectors": "부문 수", "kpi_communities": "커뮤니티 수", "kpi_modularity": "모듈성",
    "kpi_density": "밀도", "kpi_components": "연결 부분 수",
    "kpi_largest_component_share": "최대 연결 부분 비율",
    "kpi_average_degree": "파트너당 평균 연결 수", "kpi_clustering": "군집 계수",
    "kpi_transitivity": "이행성", "kpi_average_path_length": "평균 경로 길이",
    "kpi_diameter": "지름", "kpi_efficiency": "전역 효율성",
    "kpi_cross_sector_share": "부문 간 관계 비율", "kpi_cross_community_share": "커뮤니티 간 관계 비율",
    "kpi_centralization": "집중도", "kpi_degree_centralization": "연결 정도 집중도",
    "kpi_articulation_points": "단일 실패 지점", "kpi_bridges": "다리 관계",
    "kpi_isolates": "고립된 파트너", "kpi_robustness": "견고성",
    "kpi_sector_diversity": "부문 다양성", "kpi_assortativity": "부문 동류성",
    "kpi_top_anchor": "최상위 앵커", "kpi_stability": "커뮤니티 안정성",
    "kpi_n_partners": "파트너 수", "kpi_n_ties": "연결된 파트너 쌍",
    "kpi_isolate_share": "고립된 파트너 비율", "kpi_average_clustering": "군집 계수",
    "kpi_average_path_length_weighted": "평균 경로 거리(1/강도)",
    "kpi_path_length_sampled": "경로 길이 추정 여부", "kpi_n_communities": "커뮤니티 수",
    "kpi_path_length_rse": "경로 길이 추정의 상대 표준오차",
    "kpi_sector_count": "부문 수", "kpi_sector_shannon": "부문 다양성(섀넌)",
    "kpi_sector_evenness": "부문 균등도", "kpi_sector_blau": "부문 다양성(블라우)",
    "kpi_cross_sector_tie_share": "부문 간 관계 비율", "kpi_cross_community_tie_share": "커뮤니티 간 관계 비율",
    "kpi_kcore_max": "가장 깊은 코어(k)", "kpi_main_core_share": "주 코어에 속한 비율",
    "health": "전체 건강 지표", "col_definition": "정의",
    "chart_efficiency_title": "파트너 제거에 따른 전역 효율성",
    "chart_efficiency": "전역 효율성",
    "hdef_n_partners": "파트너(노드) 수. 고립된 파트너 포함.",
    "hdef_n_ties": "연결된 파트너 쌍의 수(한 쌍의 여러 관계는 하나로 셈).",
    "hdef_density": "실제 연결 수 / 가능한 연결 수 = 2m / (n(n-1)).",
    "hdef_components": "서로 연결된 부분의 수(고립된 파트너도 하나로 셈).",
    "hdef_largest_component_share": "가장 큰 연결 부분에 속한 파트너 비율.",
    "hdef_isolates": "관계가 하나도 없는 파트너 수.",
    "hdef_isolate_share": "고립된 파트너 / 전체 파트너.",
    "hdef_average_clustering": "지역 군집 계수의 평균(가중치 없음).",
    "hdef_transitivity": "전역 군집 계수: 3 × 삼각형 수 / 연결된 세 쌍의 수.",
    "hdef_average_path_length": "서로 닿을 수 있는 모든 쌍의 평균 단계 수.",
    "hdef_average_path_length_weighted": "관계 거리(기본 1/강도) 기준 평균 최단 경로 길이.",
    "hdef_path_length_sampled": "큰 네트워크에서 경로 길이를 무작위 표본으로 추정했는지 여부.",
    "hdef_path_length_rse": "표본으로 추정한 경로 길이의 상대 표준오차(두 값 중 큰 쪽, 모든 파트너에서 정확히 계산했으면 0).",
    "hdef_degree_centralization": "Freeman 연결 정도 집중도: 별 모양이면 1, 모두 같으면 0.",
    "hdef_n_communities": "분할의 커뮤니티 수.",
    "hdef_modularity": "관계 강도 기준 Newman 모듈성.",
    "hdef_sector_count": "파트너의 서로 다른 부문 수.",
    "hdef_sector_shannon": "부문 비율의 섀넌 엔트로피(0 = 한 부문).",
    "hdef_sector_evenness": "섀넌 엔트로피 / ln(부문 수)(1 = 모든 부문이 같은 비율).",
    "hdef_sector_blau": "Blau 다양성 지수: 1 - Σp²(무작위 두 파트너의 부문이 다를 확률).",
    "hdef_cross_sector_tie_share": "서로 다른 부문의 파트너를 잇는 관계의 비율.",
    "hdef_cross_community_tie_share": "서로 다른 커뮤니티의 파트너를 잇는 관계의 비율.",
    "hdef_kcore_max": "모든 구성원이 내부에 k개 이상의 관계를 갖는 k-코어 중 가장 큰 k.",
    "hdef_main_core_share": "가장 높은 k-코어에 속한 파트너 비율(중심-주변 구조의 중심).",
    "finding_top_anchor": "가장 강력한 앵커는 {name}입니다({why}).",
    "finding_communities": "네트워크는 {n}개 커뮤니티로 나뉩니다(모듈성 {q}).",
    "finding_fragility": "{n}개 파트너가 단일 실패 지점입니다. 가장 치명적인 곳은 {name}이며, "
                         "잃으면 {k}개 파트너가 끊어집니다.",
    "finding_fragility_one": "단일 실패 지점은 {name} 한 곳이며, 잃으면 {k}개 파트너가 끊어집니다.",
    "finding_no_fragility": "어느 한 파트너를 잃어도 네트워크가 갈라지지 않습니다.",
    "finding_recommendation": "가장 유망한 새 파트너십은 {a}와(과) {b}입니다({why}).",
    "finding_components": "네트워크는 {n}개의 분리된 부분으로 이루어져 있고, 가장 큰 부분에 "
                          "파트너의 {share}가 속해 있습니다.",
    "m_degree": "연결된 파트너 수",
    "m_strength": "관계 강도의 합",
    "m_pagerank": "중요한 파트너와 연결될수록 높아지는 중요도(PageRank, 강도 가중)",
    "m_eigenvector": "영향력 있는 파트너와의 강한 관계에서 오는 영향력",
    "m_betweenness": "최단 경로가 그 파트너를 지나는 비율(거리 사용)",
    "m_closeness": "다른 모든 파트너와 얼마나 가까운지(거리 사용)",
    "m_harmonic": "끊어진 네트워크에서도 쓸 수 있는 근접 중심성(거리 사용)",
    "m_coreness": "k-코어: 촘촘하게 연결된 중심부에 얼마나 깊이 있는지",
    "m_clustering": "파트너의 상대들끼리도 서로 연결된 정도",
    "m_reach2": "두 단계 안에 닿는 다른 파트너의 비율",
    "m_effective_size": "Burt의 유효 규모: 중복되지 않는 연결 상대 수",
    "m_constraint": "Burt의 제약: 서로 긴밀히 연결된 상대들에 얼마나 묶여 있는지",
    "m_anchor_score": "위 지표들을 종합한 앵커 점수(0~1)",
    "m_participation": "관계가 여러 커뮤니티에 얼마나 고르게 퍼져 있는지(0~1)",
    "m_within_module_z": "같은 커뮤니티 안의 다른 파트너와 비교한 내부 연결 수(z 점수)",
    "role_hub": "허브", "role_connector": "커넥터", "role_peripheral": "주변",
    "role_ultra-peripheral": "극주변", "role_kinless": "무소속형",
    "role_provincial hub": "지역 허브", "role_connector hub": "커넥터 허브",
    "role_kinless hub": "무소속 허브", "role_non-hub connector": "비허브 커넥터",
    "role_isolate": "고립",
    # recommendations: evidence, goals, range, confidence (issue 14)
    "rec_competitor": "주의: 경쟁 관계일 가능성이 있습니다({reason})",
    "rec_group_project": "이 행은 비슷하게 적합한 프로젝트 {label}의 구성원 {n}곳을 대표합니다: {names}",
    "rec_group_same": "이 행은 같은 파트너들을 통해 닿는 {n}곳을 대표합니다: {names}",
    "rec_projects": "프로젝트 {k}개({projects})를 통해 이어지며 {partners}",
    "rec_common": "공통 파트너 {n}곳({names})을 공유합니다",
    "rec_common_one": "공통 파트너 1곳({names})을 공유합니다",
    "rec_projects_one": "프로젝트 1개({projects})를 통해 이어지며 {partners}",
    "rec_with_partners": "공통 파트너 {n}곳({names})을 공유합니다",
    "rec_with_partner_one": "공통 파트너 1곳({names})을 공유합니다",
    "rec_link": "커뮤니티 {a}와 {b}를 연결합니다",
    "rec_gap_link": "커뮤니티 {a}와 {b}를 연결합니다(연결이 부족한 커뮤니티 쌍)",
    "rec_serves": "해당 목표: {goals}",
    "rec_goal_community": "커뮤니티 간 연결",
    "rec_goal_sector": "분야 간 연결({a}–{b})",
    "rec_goal_country": "국가 간 연결({a}–{b})",
    "rec_goal_target": "목표 분야 {target}",
    "rec_introduce": "소개해 줄 수 있는 파트너: {names}",
    "rec_test_backtest": "과거 검증({year}년 이전 관계로 학습하고 {year}년부터 처음 연결된 쌍을 확인)",
    "rec_test_projects": "프로젝트의 {share}를 숨긴 검증",
    "rec_test_ties": "관계의 {share}를 숨긴 검증",
    "rec_conf_beats": "신뢰도: {test}에서 상위 {k}개 추천 중 {hits}개가 실제로 맺어졌습니다"
                      "({precision}). 가장 나은 단순 규칙({base_name})은 {base}, 우연은 {random}이므로 "
                      "이 목록이 둘 다 앞섭니다.",
    "rec_conf_thin": "신뢰도 약간, 근거 부족: {test}에서 상위 {k}개 추천 중 {hits}개가 실제로 "
                     "맺어졌습니다({precision}). 가장 나은 단순 규칙({base_name}: {base})과 우연"
                     "({random})보다 많지만, 적중 수가 너무 적어 확실하지 않습니다.",
    "rec_conf_weak": "신뢰도 제한적: {test}에서 상위 {k}개 추천 중 {hits}개가 실제로 맺어졌습니다"
                     "({precision}). 우연({random})보다는 낫지만 단순 규칙 '{base_name}'({base})보다 "
                     "낫지 않습니다.",
    "rec_conf_low": "신뢰도 낮음: {test}에서 우연과 다르지 않았습니다(상위 {k}개 중 {hits}개 적중, "
                    "우연 수준 {random}). 예측이 아니라 확인해 볼 후보로만 보십시오.",
    "rec_conf_none": "신뢰도 알 수 없음: 데이터가 너무 작아 목록을 검증할 수 없습니다.",
    "base_random": "무작위 쌍", "base_preferential_attachment": "연결이 가장 많은 파트너끼리 잇기",
    "base_common_neighbours": "공통 파트너가 가장 많은 쌍",
}

STRINGS: dict[str, dict[str, str]] = {"en": EN, "ko": KO}


def check_lang(lang: str) -> str:
    """Return ``lang`` if supported, else raise InvalidParameterError.

    Examples
    --------
    >>> check_lang("ko")
    'ko'
    """
    if lang not in STRINGS:
        raise InvalidParameterError(
            f"report language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    return lang


def translator(lang: str = "en") -> Callable[..., str]:
    """A function ``t(key, **values)`` returning the text for ``key`` in ``lang``.

    Unknown keys fall back to English, then to the key with ``_`` as spaces (and any
    ``kpi_``/``col_``/``role_``/``attack_`` prefix dropped).
    """
    table = STRINGS[check_lang(lang)]

    def t(key: str, **values: object) -> str:
        text = table.get(key) or EN.get(key)
        if text is None:
            for prefix in ("kpi_", "col_", "role_", "attack_", "m_"):
                if key.startswith(prefix):
                    key = key[len(prefix):]
                    break
            text = key.replace("_", " ")
            text = text[:1].upper() + text[1:] if key == key.lower() else text
            return text
        return text.format(**values) if values else text

    return t


__all__ = ["LANGUAGES", "STRINGS", "translator", "check_lang"]
