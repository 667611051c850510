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

import re
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
    # community names (analysis/naming.py) and sector words
    "community_name": "{lead}-led{topic} cluster around {centre} ({where}{size})",
    "community_name_mixed": "mixed{topic} cluster around {centre} ({where}{size})",
    "label_and": "{a} and {b}",
    "isolate_label": "isolate: {name}",
    "helix_academia": "academia", "helix_industry": "industry", "helix_government": "government",
    "helix_civil_society": "civil society",
    "sector_university": "university", "sector_research_institute": "research institute",
    "sector_startup": "startup", "sector_sme": "SME", "sector_corporate": "corporate",
    "sector_company": "company", "sector_government": "government", "sector_investor": "investor",
    "sector_ngo": "NGO", "sector_hes": "Higher education", "sector_rec": "Research organisation",
    "sector_prc": "Private company", "sector_pub": "Public body", "sector_oth": "Other organisation",
    "sector_unknown": "unknown",
    "sector_other_organisation": "other organisation", "sector_other": "other",
    "sector_public_agency": "public agency", "sector_association": "association",
    "sector_foundation": "foundation", "sector_accelerator": "accelerator",
    # report first screen (render/brief.py)
    "decision_brief": "Decision brief",
    "col_vs_chance": "Against chance", "col_chance_previous": "Chance · previous period",
    "brief_lead": "What to act on, most impact first. Each finding links to the section with its evidence.",
    "brief_empty": "No finding stood out: see the sections below.",
    "see_section": "Evidence: {section}",
    "evolution_title": "Change over time",
    "open_map": "Open the interactive map",
    "map_caption": "Partner map: colours are communities, size is the anchor score.",
    "kpis_strategy": "Headline indicators against chance",
    "baseline_note": "Chance = the same network with its ties rewired at random while every partner keeps its number of ties ({runs} seeded runs). Higher or lower means more than two standard deviations from chance.",
    "all_kpis": "All indicators",
    "vs_chance": "chance: {value}",
    "vs_previous": "{period}: {value}",
    "vs_largest_component_share_higher": "more connected than chance",
    "vs_largest_component_share_lower": "more fragmented than chance",
    "vs_largest_component_share_as_expected": "as connected as chance",
    "vs_articulation_points_higher": "more single points of failure than chance",
    "vs_articulation_points_lower": "fewer single points of failure than chance",
    "vs_articulation_points_as_expected": "as many single points of failure as chance",
    "vs_cross_sector_tie_share_higher": "sectors mix more than chance",
    "vs_cross_sector_tie_share_lower": "sectors keep to themselves more than chance",
    "vs_cross_sector_tie_share_as_expected": "sectors mix as much as chance",
    "vs_cross_community_tie_share_higher": "communities mix more than chance",
    "vs_cross_community_tie_share_lower": "communities keep to themselves",
    "vs_cross_community_tie_share_as_expected": "communities mix as much as chance",
    "vs_modularity_higher": "clearer communities than chance",
    "vs_modularity_lower": "weaker communities than chance",
    "vs_modularity_as_expected": "communities no clearer than chance",
    "vs_average_clustering_higher": "partners' partners work together more than chance",
    "vs_average_clustering_lower": "partners' partners work together less than chance",
    "vs_average_clustering_as_expected": "partners' partners work together as much as chance",
    "rank_stability": "Does the ranking hold?",
    "rank_first_holds": "{name} stays first in all {n} other tested settings (other documented anchor weightings, other community seeds and, for project data, the other project weighting).",
    "rank_first_varies": "{name} is first with these settings, but {others} comes first in {k} of {n} other tested settings (other documented anchor weightings, community seeds, project weighting).",
    "rank_top_hold": "{k} of the top {top} stay in the top {top} in every tested setting: {names}.",
    "rank_near_tie": "The top {k} anchor scores lie within {gap} of each other: a near tie. Read them as a group; their order is not meaningful.",
    "variant_weights_size_first": "Biggest first",
    "variant_weights_no_participation": "No participation",
    "variant_seed": "Seed {name}",
    "variant_projection": "Projects: {name}",
    "projection_newman": "Newman", "projection_count": "count",
    "source_relations": "relations", "source_partners": "partners",
    "source_participations": "participations", "source_names": "names",
    "plain_roles": "What the roles mean",
    "plain_linking_hub": "linking hub", "plain_community_hub": "community hub", "plain_bridge": "bridge",
    "plain_outreach": "outreach", "plain_inner": "inner", "plain_isolated": "isolated",
    "plaindef_linking_hub": "many ties inside its community and ties into two or more communities",
    "plaindef_community_hub": "many ties inside its community, none outside",
    "plaindef_bridge": "not a hub, but ties into at least half of the communities",
    "plaindef_outreach": "ties into two or more communities, fewer than half",
    "plaindef_inner": "ties only inside its own community",
    "plaindef_isolated": "no ties in the data",
    "col_plain_role": "Role", "col_ga_role": "Guimerà–Amaral role",
    "col_expected_strength": "Expected strength",
    "col_ratio_strength": "Observed ÷ expected (strength)",
    "col_unmapped": "Unmapped sectors",
    "missing_helix": "Communities missing a helix group",
    "unmapped_text": "Sectors that map to no helix group (add them under sectors.helix): {sectors}. No helix gap is claimed for a community where most members have such a sector.",
    "isolates_text": "{n} partners have no tie: they are isolates, not communities, and are left out of this table.",
    "communities_count_text": "{n} communities of two or more partners.",
    # decision brief (analysis/findings.py)
    "brief_connect": "Engage {broker} to connect {a} with {b}: the two communities share {ties} ties where {expected} would be expected by chance, and {broker} already works with both.",
    "brief_connect_none": "Connect {a} with {b}: the two communities share {ties} ties where {expected} would be expected by chance, and no partner bridges them yet.",
    "brief_single_point": "Secure {name}: it is a single point of failure whose departure would cut {who} ({k} in all) off from the rest of the network.",
    "brief_anchor_loss": "Keep {name} engaged: if it left, {reach} of connected partner pairs would lose their link and network efficiency would fall by {eff}.",
    "brief_anchor_loss_eff": "Keep {name} engaged: no partner would be cut off if it left, but paths between partners would get longer (network efficiency -{eff}).",
    "brief_fragmented": "Only {share} of partners are in the main network; {groups} separate groups and {isolates} partners without ties have no path to it. Reach them through a partner of the main network.",
    "brief_missing_helix": "{community} has no {group} partner among its {size} members; {candidate}, a top {group} anchor elsewhere, could bring that link.",
    "brief_missing_helix_none": "{community} has no {group} partner among its {size} members, and no top anchor from {group} could fill the gap.",
    "brief_partnership_gap": "Broker {a} with {b} first: the top-ranked new partnership that links {ca} with {cb} ({k} partners in common).",
    "brief_partnership": "Broker {a} with {b}: the top-ranked new partnership ({k} partners in common).",
    "brief_change": "From {previous} to {period}, ties went from {before} to {after} (partners entering: {entrants}, leaving: {exits}).",
    "brief_change_mover": "From {previous} to {period}, ties went from {before} to {after} (partners entering: {entrants}, leaving: {exits}); {mover} rose most in the anchor ranking, from #{rank_before} to #{rank_after}.",
    "brief_top_anchor": "{name} is the top anchor (score {score} of 1).",
    "brief_top_anchor_tie": "{name} is the top anchor, but the top {k} anchor scores are a near tie: read the first places as a group.",
    "brief_top_anchor_holds": "{name} is the top anchor, and it stays first in all {n_variants} other tested settings (anchor weightings, community seeds).",
    "brief_top_anchor_holds_tie": "{name} stays the top anchor in all {n_variants} other tested settings, but the top {k} anchor scores are a near tie: read the first places as a group.",
    "brief_top_anchor_varies": "{name} ranks first with these settings, but {others} comes first in {n_other} of {n_variants} other tested settings: treat the top anchors as a group, not a single leader.",
    "brief_top_anchor_varies_tie": "{name} ranks first with these settings, but {others} comes first in {n_other} of {n_variants} other tested settings and the top {k} scores are a near tie: treat the top anchors as a group.",
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
    "explain_roles": "Roles follow Guimerà and Amaral, from two numbers: how many ties a partner has "
                     "inside its community compared with the other members (hubs: z of 2.5 or more) "
                     "and how evenly its tie strength spreads over communities (participation P, "
                     "0 to 1). Ultra-peripheral: almost all strength inside its community "
                     "(P up to 0.05); peripheral: mostly inside (P up to 0.62), even if a few weak "
                     "ties reach other communities; connector: much of it outside (P up to 0.80); "
                     "kinless: spread almost evenly over communities; provincial, connector and "
                     "kinless hubs: the same three levels for hubs. The anchors table uses plain "
                     "roles instead (see What the roles mean).",
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
    "parallel_cpus": "{cpus} of {available} cores; run beside the others: {steps}; the results "
                     "are the same as on one core",
    "parallel_serial": "1 process (serial)",
    "explain_what_if": "Each row removes the partners named (one top anchor at a time, then "
                       "the key players together) and compares the network before and after.",
    "col_scenario": "If they left", "col_parts": "Connected parts (before → after)",
    "col_reach_lost": "Pairs that can no longer reach each other",
    "col_efficiency_change": "Efficiency change", "col_communities_split": "Communities split",
    "settings_changed": "Settings that differ from the defaults (configuration file format)",
    "batch_title": "Batch: {name}", "failed_runs": "Failed runs", "runs_ok": "ok",
    "batch_attempts": "Attempts (seconds each)",
    "batch_attempts_text": "{n} attempt(s), {retries} retry(ies): {each}",
    "attempt_ok": "ok", "attempt_failed": "failed", "attempt_lost": "lost (worker died)",
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
    # community names (analysis/naming.py) and sector words
    "community_name": "{lead} 주도{topic} 클러스터 — {centre} 중심 ({where}{size}곳)",
    "community_name_mixed": "혼합{topic} 클러스터 — {centre} 중심 ({where}{size}곳)",
    "label_and": "{a}·{b}",
    "isolate_label": "고립: {name}",
    "helix_academia": "학계", "helix_industry": "산업계", "helix_government": "정부",
    "helix_civil_society": "시민사회",
    "sector_university": "대학", "sector_research_institute": "연구소",
    "sector_startup": "스타트업", "sector_sme": "중소기업", "sector_corporate": "대기업",
    "sector_company": "기업", "sector_government": "정부", "sector_investor": "투자사",
    "sector_ngo": "비영리단체", "sector_hes": "고등교육기관", "sector_rec": "연구기관",
    "sector_prc": "민간기업", "sector_pub": "공공기관", "sector_oth": "기타 기관",
    "sector_unknown": "미상",
    "sector_other_organisation": "기타 기관", "sector_other": "기타",
    "sector_public_agency": "공공기관", "sector_association": "협회",
    "sector_foundation": "재단", "sector_accelerator": "액셀러레이터",
    # report first screen (render/brief.py)
    "decision_brief": "의사결정 요약",
    "col_vs_chance": "우연 대비", "col_chance_previous": "우연 기준 · 이전 기간",
    "brief_lead": "실행할 일을 영향이 큰 순서로 정리했습니다. 각 항목은 근거가 있는 절로 연결됩니다.",
    "brief_empty": "두드러진 발견이 없습니다. 아래 절을 참고하십시오.",
    "see_section": "근거: {section}",
    "evolution_title": "시간에 따른 변화",
    "open_map": "대화형 지도 열기",
    "map_caption": "파트너 지도: 색은 커뮤니티, 크기는 앵커 점수입니다.",
    "kpis_strategy": "우연 기준과 비교한 핵심 지표",
    "baseline_note": "우연 기준 = 각 파트너의 관계 수는 그대로 두고 관계를 무작위로 다시 연결한 같은 네트워크(시드 고정 {runs}회). 높음·낮음은 우연 기준에서 표준편차 두 배 이상 벗어났다는 뜻입니다.",
    "all_kpis": "전체 지표",
    "vs_chance": "우연 기준: {value}",
    "vs_previous": "{period}: {value}",
    "vs_largest_component_share_higher": "우연보다 더 잘 연결됨",
    "vs_largest_component_share_lower": "우연보다 더 분절됨",
    "vs_largest_component_share_as_expected": "우연과 비슷하게 연결됨",
    "vs_articulation_points_higher": "단일 실패 지점이 우연보다 많음",
    "vs_articulation_points_lower": "단일 실패 지점이 우연보다 적음",
    "vs_articulation_points_as_expected": "단일 실패 지점이 우연과 비슷함",
    "vs_cross_sector_tie_share_higher": "부문 간 협력이 우연보다 많음",
    "vs_cross_sector_tie_share_lower": "같은 부문끼리 협력하는 경향이 우연보다 강함",
    "vs_cross_sector_tie_share_as_expected": "부문 간 협력이 우연과 비슷함",
    "vs_cross_community_tie_share_higher": "커뮤니티 간 교류가 우연보다 많음",
    "vs_cross_community_tie_share_lower": "커뮤니티끼리 닫혀 있음",
    "vs_cross_community_tie_share_as_expected": "커뮤니티 간 교류가 우연과 비슷함",
    "vs_modularity_higher": "커뮤니티 구분이 우연보다 뚜렷함",
    "vs_modularity_lower": "커뮤니티 구분이 우연보다 약함",
    "vs_modularity_as_expected": "커뮤니티 구분이 우연 수준",
    "vs_average_clustering_higher": "파트너의 파트너끼리 협력하는 정도가 우연보다 높음",
    "vs_average_clustering_lower": "파트너의 파트너끼리 협력하는 정도가 우연보다 낮음",
    "vs_average_clustering_as_expected": "파트너의 파트너끼리 협력하는 정도가 우연과 비슷함",
    "rank_stability": "순위는 안정적인가?",
    "rank_first_holds": "{name}은(는) 시험한 다른 설정 {n}개(문서화된 다른 앵커 가중치, 다른 커뮤니티 시드, 과제 데이터라면 다른 과제 가중 방식) 모두에서 1위를 유지합니다.",
    "rank_first_varies": "이 설정에서는 {name}이(가) 1위지만, 시험한 다른 설정 {n}개 중 {k}개에서는 {others}이(가) 1위입니다(다른 앵커 가중치, 커뮤니티 시드, 과제 가중 방식).",
    "rank_top_hold": "상위 {top}곳 중 {k}곳은 시험한 모든 설정에서 상위 {top}위 안에 남습니다: {names}.",
    "rank_near_tie": "상위 {k}곳의 앵커 점수 차이가 {gap} 이내로 사실상 같습니다. 순서보다 한 그룹으로 보십시오.",
    "variant_weights_size_first": "규모 우선",
    "variant_weights_no_participation": "참여 계수 제외",
    "variant_seed": "시드 {name}",
    "variant_projection": "과제 가중: {name}",
    "projection_newman": "Newman 방식", "projection_count": "공동 과제 수",
    "source_relations": "관계", "source_partners": "파트너",
    "source_participations": "과제 참여", "source_names": "이름",
    "plain_roles": "역할의 뜻",
    "plain_linking_hub": "연결 허브", "plain_community_hub": "커뮤니티 허브", "plain_bridge": "가교",
    "plain_outreach": "외부 연결 구성원", "plain_inner": "내부 구성원", "plain_isolated": "고립",
    "plaindef_linking_hub": "자기 커뮤니티 안에 관계가 많고 두 개 이상의 커뮤니티와 연결됨",
    "plaindef_community_hub": "자기 커뮤니티 안에 관계가 많지만 밖으로는 연결되지 않음",
    "plaindef_bridge": "허브는 아니지만 커뮤니티의 절반 이상과 연결됨",
    "plaindef_outreach": "두 개 이상, 절반 미만의 커뮤니티와 연결됨",
    "plaindef_inner": "자기 커뮤니티 안에서만 관계가 있음",
    "plaindef_isolated": "데이터에 관계가 없음",
    "col_plain_role": "역할", "col_ga_role": "Guimerà–Amaral 역할",
    "col_expected_strength": "기대 강도",
    "col_ratio_strength": "실제 ÷ 기대(강도 기준)",
    "col_unmapped": "매핑되지 않은 부문",
    "missing_helix": "헬릭스 그룹이 빠진 커뮤니티",
    "unmapped_text": "어느 헬릭스 그룹에도 매핑되지 않은 부문(sectors.helix에 추가하십시오): {sectors}. 구성원 대부분이 이런 부문인 커뮤니티에는 헬릭스 공백을 판단하지 않습니다.",
    "isolates_text": "관계가 없는 파트너 {n}곳은 커뮤니티가 아니라 고립 파트너이며 이 표에서 뺐습니다.",
    "communities_count_text": "파트너 두 곳 이상으로 이루어진 커뮤니티 {n}개.",
    # decision brief (analysis/findings.py)
    "brief_connect": "{broker}을(를) 통해 {a}와(과) {b}을(를) 연결하십시오. 두 커뮤니티 사이 관계는 {ties}건으로 우연히 기대되는 {expected}건보다 적고, {broker}은(는) 이미 양쪽과 협력하고 있습니다.",
    "brief_connect_none": "{a}와(과) {b}을(를) 연결하십시오. 두 커뮤니티 사이 관계는 {ties}건으로 우연히 기대되는 {expected}건보다 적고, 아직 둘을 잇는 파트너가 없습니다.",
    "brief_single_point": "{name}과(와)의 관계를 지키십시오. 단일 장애점이어서, 빠지면 {who}(총 {k}곳)가 나머지 네트워크와 끊깁니다.",
    "brief_anchor_loss": "{name}의 참여를 유지하십시오. 빠지면 연결된 파트너 쌍의 {reach}가 연결을 잃고 네트워크 효율이 {eff} 떨어집니다.",
    "brief_anchor_loss_eff": "{name}의 참여를 유지하십시오. 빠져도 끊기는 파트너는 없지만 파트너 사이 경로가 길어집니다(네트워크 효율 -{eff}).",
    "brief_fragmented": "파트너의 {share}만 주 네트워크에 속합니다. 분리된 그룹 {groups}개와 관계가 없는 파트너 {isolates}곳은 주 네트워크로 가는 경로가 없습니다. 주 네트워크의 파트너를 통해 연결하십시오.",
    "brief_missing_helix": "{community}에는 구성원 {size}곳 중 {group} 파트너가 없습니다. 다른 곳의 상위 {group} 앵커인 {candidate}이(가) 그 연결을 가져올 수 있습니다.",
    "brief_missing_helix_none": "{community}에는 구성원 {size}곳 중 {group} 파트너가 없고, 이를 채울 {group} 상위 앵커도 없습니다.",
    "brief_partnership_gap": "{a}와(과) {b}의 파트너십을 먼저 주선하십시오. {ca}와(과) {cb}을(를) 잇는 가장 유망한 새 파트너십입니다(공통 파트너 {k}곳).",
    "brief_partnership": "{a}와(과) {b}의 파트너십을 주선하십시오. 가장 유망한 새 파트너십입니다(공통 파트너 {k}곳).",
    "brief_change": "{previous}에서 {period} 사이 관계가 {before}건에서 {after}건이 되었습니다(새로 들어온 파트너 {entrants}곳, 빠진 파트너 {exits}곳).",
    "brief_change_mover": "{previous}에서 {period} 사이 관계가 {before}건에서 {after}건이 되었습니다(새로 들어온 파트너 {entrants}곳, 빠진 파트너 {exits}곳). 앵커 순위가 가장 많이 오른 곳은 {mover}입니다({rank_before}위에서 {rank_after}위로).",
    "brief_top_anchor": "최상위 앵커는 {name}입니다(점수 {score}, 최대 1).",
    "brief_top_anchor_tie": "최상위 앵커는 {name}이지만, 상위 {k}곳의 앵커 점수가 사실상 같습니다. 상위권을 한 그룹으로 보십시오.",
    "brief_top_anchor_holds": "최상위 앵커는 {name}이며, 시험한 다른 설정 {n_variants}개(앵커 가중치, 커뮤니티 시드) 모두에서 1위를 지킵니다.",
    "brief_top_anchor_holds_tie": "{name}은(는) 시험한 다른 설정 {n_variants}개 모두에서 1위를 지키지만, 상위 {k}곳의 앵커 점수가 사실상 같습니다. 상위권을 한 그룹으로 보십시오.",
    "brief_top_anchor_varies": "이 설정에서는 {name}이(가) 1위지만, 시험한 다른 설정 {n_variants}개 중 {n_other}개에서는 {others}이(가) 1위입니다. 최상위 앵커를 한 곳이 아니라 그룹으로 보십시오.",
    "brief_top_anchor_varies_tie": "이 설정에서는 {name}이(가) 1위지만, 시험한 다른 설정 {n_variants}개 중 {n_other}개에서는 {others}이(가) 1위이고 상위 {k}곳의 점수가 사실상 같습니다. 최상위 앵커를 그룹으로 보십시오.",
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
    "explain_roles": "역할 구분은 Guimerà와 Amaral의 방법을 따르며 두 값으로 정합니다. 자기 커뮤니티 안의 "
                     "관계가 다른 구성원보다 얼마나 많은지(z가 2.5 이상이면 허브), 관계 강도가 여러 "
                     "커뮤니티에 얼마나 고르게 퍼져 있는지(참여 계수 P, 0~1)입니다. 극주변: 강도 거의 "
                     "전부가 커뮤니티 안(P 0.05 이하), 주변: 대부분 안쪽(P 0.62 이하, 약한 관계 몇 개가 "
                     "다른 커뮤니티에 닿아도 해당), 커넥터: 상당 부분이 바깥(P 0.80 이하), 무소속형: "
                     "여러 커뮤니티에 거의 고르게 퍼짐, 지역·커넥터·무소속 허브: 허브의 같은 세 단계. "
                     "앵커 표는 대신 쉬운 역할 이름을 씁니다(역할의 뜻 참조).",
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
    "parallel_cpus": "코어 {available}개 중 {cpus}개 사용; 다른 단계와 동시에 실행: {steps}; 결과는 "
                     "코어 하나로 실행했을 때와 같습니다",
    "parallel_serial": "프로세스 1개(순차 실행)",
    "explain_what_if": "각 행은 해당 파트너를 제거했을 때(상위 앵커 한 곳씩, 이어서 핵심 행위자 "
                       "전체)의 네트워크를 제거 전과 비교합니다.",
    "col_scenario": "빠지는 파트너", "col_parts": "연결 부분 수(전 → 후)",
    "col_reach_lost": "더 이상 서로 닿지 못하는 쌍",
    "col_efficiency_change": "효율성 변화", "col_communities_split": "쪼개지는 커뮤니티",
    "settings_changed": "기본값과 다른 설정(설정 파일 형식)",
    "batch_title": "일괄 분석: {name}", "failed_runs": "실패한 실행", "runs_ok": "성공",
    "batch_attempts": "시도 횟수(시도별 소요 초)",
    "batch_attempts_text": "시도 {n}회, 재시도 {retries}회: {each}",
    "attempt_ok": "성공", "attempt_failed": "실패", "attempt_lost": "중단됨(작업자 종료)",
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

# map page (render/maps_*.py, assets/map.js): keys "map_<name>"; the page reads them
# through ecosystem.render.maps_html.ui_text(lang)
EN.update({
    "map_search": "Search partners by name",
    "map_search_placeholder": "Name…",
    "map_no_match": "No partner name contains this text",
    "map_filtered_out": "(filtered out)",
    "map_color_by": "Colour by",
    "map_overlays": "Overlays",
    "map_ov_rec": "Recommended partnerships (dashed)",
    "map_ov_frag": "Bridges and articulation points",
    "map_ov_hulls": "Community hulls (shaded areas)",
    "map_ov_labels": "Labels of top partners",
    "map_physics": "Physics (live layout; slow on large maps)",
    "map_none_here": "(none on this map)",
    "map_filters": "Filters",
    "map_reset": "reset",
    "map_sector": "Sector",
    "map_community": "Community",
    "map_relation_type": "Relation type",
    "map_min_strength": "Minimum tie strength:",
    "map_selected": "Selected",
    "map_clear": "clear",
    "map_about": "About this map",
    "map_toggle_panel": "Show or hide the controls",
    "map_fit": "Fit",
    "map_fit_title": "Fit the whole map",
    "map_zoom_in": "Zoom in",
    "map_zoom_out": "Zoom out",
    "map_png_title": "Download the current view as PNG",
    "map_back": "Community overview",
    "map_back_short": "Overview",
    "map_loading": "Drawing the map…",
    "map_legend": "Legend",
    "map_show": "show",
    "map_hide": "hide",
    "map_colour": "Colour",
    "map_size": "Size",
    "map_area": "(area ∝ value)",
    "map_line_width": "Line width",
    "map_tie_strength": "tie strength",
    "map_line_colour": "Line colour: relation type",
    "map_lines": "Lines",
    "map_recommended": "recommended partnership",
    "map_bridge_legend": "bridge (its loss splits the network)",
    "map_art_legend": "articulation point (thick black ring)",
    "map_hull_legend": "shaded area: community hull (colour as above)",
    "map_labels_note": "Labels: top {n} by {by}; others on hover or zoom",
    "map_id": "id",
    "map_partners": "partners",
    "map_anchor_rank": "anchor rank",
    "map_role": "role",
    "map_art_row": "articulation point: its loss cuts off",
    "map_bridge_row": "bridge: its loss cuts off",
    "map_partner_s": "partner(s)",
    "map_some": "some",
    "map_ties_here": "ties on this map",
    "map_linked": "linked communities",
    "map_open_drill": "Open the partner map of this community →",
    "map_dblclick": "Double-click to open its partner map",
    "map_rec_title": "Recommended",
    "map_score": "score",
    "map_strength": "strength",
    "map_relations": "relations",
    "map_ties": "ties",
    "map_types": "types",
    "map_of": "of",
    "map_communities": "communities",
    "map_layout": "layout",
    "map_layout_seed": "layout seed",
    "map_given_positions": "given positions",
    "map_fr": "Fruchterman-Reingold (igraph), physics off",
    "map_modularity": "modularity",
    "map_credits": "Drawn with vis-network (Apache-2.0/MIT), inlined: works offline.",
    "map_anchor_score": "anchor score",
    "map_degree": "degree",
    "map_pagerank": "PageRank",
    "map_betweenness": "betweenness",
    "map_eigenvector": "eigenvector",
    "map_closeness": "closeness",
    "map_harmonic": "harmonic closeness",
    "map_coreness": "coreness",
    "map_clustering": "clustering",
    "map_constraint": "constraint",
    "map_effective_size": "effective size",
    "map_title": "{name}: partner map",
    "map_title_focus": "{name}: partners within {depth} ties",
    "map_title_community": "Community {k}",
    "map_title_overview": "{name} (community overview)",
    "map_title_drill": "{name}, community {k}",
    "map_title_small": "{name}, {n} small communities",
    "map_community_n": "Community {k}",
    "map_other_communities": "other ({n} communities)",
    "map_other": "other",
    "map_isolated": "isolated partners (no ties)",
    "map_unknown": "unknown",
    "map_small_communities": "{n} small communities (under {k} partners)",
    "map_ties_drawn": "{drawn} of {total} ties drawn",
    "map_backbone_note": "Dense network: the lines drawn are the ties that carry a significant share of at least one partner's strength (disparity filter, α = {alpha}) plus the strongest ties that keep every group connected (maximum spanning forest). Every tie is analysed; click a partner to draw all of its ties.",
    "map_show_all_ties": "Draw every tie (slow on large maps)",
    "map_edges_legend": "Lines: tie strength; tinted when both partners share a colour, grey otherwise",
    "map_time": "Time",
    "map_time_all": "all periods",
    "map_time_as_of": "as of {period}",
    "map_entrants": "new in this period (thick ring)",
    "map_time_counts": "{partners} partners, {ties} ties",
    "map_tip_click": "Click for details in the side panel",
    "map_fr_communities": "communities placed apart (group-in-a-box), Fruchterman-Reingold inside each (igraph), physics off",
    "map_labels_rule": "Labels: the most important partners whose names fit without overlapping (by {by}); zoom in for more",
    "map_sector_industry": "industry",
    "map_sector_academia": "academia",
    "map_sector_research": "research",
    "map_sector_institute": "institute",
    "map_sector_public": "public",
    "map_sector_non-profit": "non-profit",
    "map_sector_vc": "VC",
    "map_sector_other": "other",
    "map_members": "partners in the community",
    "map_summed_strength": "summed tie strength between communities",
    "map_ties_between": "ties between communities",
    "map_main_sector": "Main sector",
    "map_sector_mix": "sector mix",
    "map_top_partners": "top partners",
    "map_ties_inside": "ties inside",
    "map_strength_inside": "strength inside",
    "map_overview_note": "{n} partners: one node per community ({k}); open a community for its partner map",
    "map_overview_small": "; one node holds the {s} small communities",
    "map_note_no_relations": "no relations: no analysis was run",
    "map_note_no_communities": "communities not available",
    "map_note_no_anchors": "anchor scores not available",
    "map_note_no_fragility": "fragility (bridges, articulation points) not available",
    "map_note_no_recommendations": "recommended partnerships not available",
    "map_note_sized_by": "anchor scores not available: sized by {alt}",
    "map_note_same_size": "anchor scores not available: all partners drawn the same size",
    "map_note_by_sector": "communities not available: coloured by sector",
    "map_note_one_community": "one community on this map: coloured by sector (switch in the page)",
    "map_note_undated": "{n} relation(s) without a date: not in the time slider",
})
KO.update({
    "map_search": "이름으로 파트너 검색",
    "map_search_placeholder": "이름…",
    "map_no_match": "이 글자가 들어간 파트너 이름이 없습니다",
    "map_filtered_out": "(필터로 숨김)",
    "map_color_by": "색상 기준",
    "map_overlays": "오버레이",
    "map_ov_rec": "추천 파트너십 (점선)",
    "map_ov_frag": "브리지와 단절점",
    "map_ov_hulls": "커뮤니티 영역 (음영)",
    "map_ov_labels": "상위 파트너 이름 표시",
    "map_physics": "물리 엔진 (실시간 배치, 큰 지도에서는 느림)",
    "map_none_here": "(이 지도에는 없음)",
    "map_filters": "필터",
    "map_reset": "초기화",
    "map_sector": "섹터",
    "map_community": "커뮤니티",
    "map_relation_type": "관계 유형",
    "map_min_strength": "최소 연결 강도:",
    "map_selected": "선택",
    "map_clear": "해제",
    "map_about": "이 지도에 대하여",
    "map_toggle_panel": "조작 패널 보이기/숨기기",
    "map_fit": "전체",
    "map_fit_title": "지도 전체 보기",
    "map_zoom_in": "확대",
    "map_zoom_out": "축소",
    "map_png_title": "현재 화면을 PNG로 저장",
    "map_back": "커뮤니티 개요",
    "map_back_short": "개요",
    "map_loading": "지도를 그리는 중…",
    "map_legend": "범례",
    "map_show": "보기",
    "map_hide": "숨기기",
    "map_colour": "색상",
    "map_size": "크기",
    "map_area": "(면적 ∝ 값)",
    "map_line_width": "선 굵기",
    "map_tie_strength": "연결 강도",
    "map_line_colour": "선 색상: 관계 유형",
    "map_lines": "선",
    "map_recommended": "추천 파트너십",
    "map_bridge_legend": "브리지 (끊기면 네트워크가 분리됨)",
    "map_art_legend": "단절점 (굵은 검은 테두리)",
    "map_hull_legend": "음영: 커뮤니티 영역 (색상은 위와 같음)",
    "map_labels_note": "이름 표시: {by} 기준 상위 {n}곳, 나머지는 마우스를 올리거나 확대하면 표시",
    "map_id": "ID",
    "map_partners": "파트너",
    "map_anchor_rank": "앵커 순위",
    "map_role": "역할",
    "map_art_row": "단절점: 빠지면 분리되는 파트너",
    "map_bridge_row": "브리지: 끊기면 분리되는 파트너",
    "map_partner_s": "곳",
    "map_some": "일부",
    "map_ties_here": "이 지도의 연결 수",
    "map_linked": "연결된 커뮤니티",
    "map_open_drill": "이 커뮤니티의 파트너 지도 열기 →",
    "map_dblclick": "더블클릭하면 파트너 지도가 열립니다",
    "map_rec_title": "추천",
    "map_score": "점수",
    "map_strength": "연결 강도",
    "map_relations": "관계 수",
    "map_ties": "연결",
    "map_types": "유형",
    "map_of": "/",
    "map_communities": "커뮤니티",
    "map_layout": "배치",
    "map_layout_seed": "배치 시드",
    "map_given_positions": "주어진 위치",
    "map_fr": "Fruchterman-Reingold (igraph), 물리 엔진 꺼짐",
    "map_modularity": "모듈성",
    "map_credits": "vis-network (Apache-2.0/MIT) 내장: 인터넷 없이 작동합니다.",
    "map_anchor_score": "앵커 점수",
    "map_degree": "연결 수",
    "map_pagerank": "페이지랭크",
    "map_betweenness": "매개 중심성",
    "map_eigenvector": "고유벡터 중심성",
    "map_closeness": "근접 중심성",
    "map_harmonic": "조화 근접 중심성",
    "map_coreness": "코어 수",
    "map_clustering": "군집 계수",
    "map_constraint": "제약 (Burt)",
    "map_effective_size": "유효 규모",
    "map_title": "{name}: 파트너 지도",
    "map_title_focus": "{name}: {depth}단계 이내 파트너",
    "map_title_community": "커뮤니티 {k}",
    "map_title_overview": "{name} (커뮤니티 개요)",
    "map_title_drill": "{name}, 커뮤니티 {k}",
    "map_title_small": "{name}, 작은 커뮤니티 {n}개",
    "map_community_n": "커뮤니티 {k}",
    "map_other_communities": "기타 (커뮤니티 {n}개)",
    "map_other": "기타",
    "map_isolated": "고립 파트너 (연결 없음)",
    "map_unknown": "미상",
    "map_small_communities": "작은 커뮤니티 {n}개 (파트너 {k}곳 미만)",
    "map_ties_drawn": "연결 {total}개 중 {drawn}개 표시",
    "map_backbone_note": "연결이 많은 네트워크라서, 적어도 한쪽 파트너의 연결 강도에서 유의미한 몫을 차지하는 연결(불균형 필터, α = {alpha})과 모든 파트너를 이어 주는 가장 강한 연결(최대 신장 숲)만 그렸습니다. 분석에는 모든 연결이 쓰였고, 파트너를 클릭하면 그 파트너의 연결이 모두 보입니다.",
    "map_show_all_ties": "모든 연결 그리기 (큰 지도에서는 느림)",
    "map_edges_legend": "선: 굵기는 연결 강도, 두 파트너의 색이 같으면 그 색, 아니면 회색",
    "map_time": "시점",
    "map_time_all": "전체 기간",
    "map_time_as_of": "{period} 기준",
    "map_entrants": "이 기간에 새로 들어온 파트너 (굵은 테두리)",
    "map_time_counts": "파트너 {partners}곳, 연결 {ties}개",
    "map_tip_click": "클릭하면 왼쪽 패널에 자세히 표시",
    "map_fr_communities": "커뮤니티별로 떨어뜨려 배치 (group-in-a-box), 커뮤니티 안은 Fruchterman-Reingold (igraph), 물리 엔진 꺼짐",
    "map_labels_rule": "이름 표시: 겹치지 않게 들어가는 중요한 파트너부터 ({by} 기준), 확대하면 더 보임",
    "map_sector_industry": "산업계",
    "map_sector_academia": "학계",
    "map_sector_research": "연구",
    "map_sector_institute": "연구소",
    "map_sector_public": "공공",
    "map_sector_non-profit": "비영리단체",
    "map_sector_vc": "벤처캐피털",
    "map_sector_other": "기타",
    "map_members": "커뮤니티의 파트너 수",
    "map_summed_strength": "커뮤니티 사이 연결 강도 합계",
    "map_ties_between": "커뮤니티 사이 연결",
    "map_main_sector": "주요 부문",
    "map_sector_mix": "부문 구성",
    "map_top_partners": "주요 파트너",
    "map_ties_inside": "내부 연결",
    "map_strength_inside": "내부 연결 강도",
    "map_overview_note": "파트너 {n}곳: 커뮤니티마다 노드 하나 ({k}개), 커뮤니티를 열면 파트너 지도가 나옵니다",
    "map_overview_small": "; 작은 커뮤니티 {s}개는 노드 하나로 묶었습니다",
    "map_note_no_relations": "관계가 없어 분석을 실행하지 않았습니다",
    "map_note_no_communities": "커뮤니티 정보가 없습니다",
    "map_note_no_anchors": "앵커 점수가 없습니다",
    "map_note_no_fragility": "취약성 정보(브리지, 단절점)가 없습니다",
    "map_note_no_recommendations": "추천 파트너십이 없습니다",
    "map_note_sized_by": "앵커 점수가 없어 {alt} 기준으로 크기를 정했습니다",
    "map_note_same_size": "앵커 점수가 없어 모든 파트너를 같은 크기로 그렸습니다",
    "map_note_by_sector": "커뮤니티 정보가 없어 섹터별로 색을 칠했습니다",
    "map_note_one_community": "이 지도에는 커뮤니티가 하나뿐이라 섹터별로 색을 칠했습니다 (페이지에서 바꿀 수 있음)",
    "map_note_undated": "날짜가 없는 관계 {n}개는 시점 슬라이더에 나오지 않습니다",
})

# ---- trust survey and partner risk matrix (docs/trust.md)
EN.update({
    "trust_section": "Trust and value",
    "risk_section": "Partner risk matrix",
    "explain_trust": "From the partner survey ({file}, {waves}): {respondents} of {invited} "
                     "organisations answered ({rate}). Trust combines reliability, shared mission "
                     "and openness to discussion; value combines power/influence, level of "
                     "involvement and resource contribution (PARTNER Tool), each answered on a "
                     "{lo}-{hi} scale. Network trust is {trust} and network value {value} of the "
                     "maximum, over {ties} rated relationships ({ratings} ratings).",
    "explain_trust_rule": "A relationship's two ratings become one by the rule \u201c{rule}\u201d; "
                          "non-response option \u201c{non_response}\u201d. {mutual} relationships "
                          "are mutual, {one_sided} one-sided (both answered, only one named the "
                          "other) and {unconfirmed} unconfirmed (the other side did not answer).",
    "trust_confidence": "How sure: {single} of the scored relationships rest on one side's "
                        "report only. Treat a partner score built on fewer than 3 ratings as an "
                        "indication, not a measurement.",
    "trust_rule_mean": "mean of both ratings", "trust_rule_min": "lower rating",
    "trust_rule_max": "higher rating", "trust_rule_respondent": "respondent's own view",
    "trust_nr_use": "partners' reports used for non-respondents",
    "trust_nr_exclude": "non-respondents excluded", "trust_nr_mutual": "mutual ties only",
    "trust_waves_table": "Trust and value per survey wave",
    "trust_partners_table": "Partners: how others rate them, and how they rate others",
    "trust_lowest_table": "Lowest-rated partners (at least 2 ratings)",
    "trust_groups_table": "By community and sector",
    "perception_gaps": "Perception gaps",
    "explain_perception_gaps": "Pairs whose ratings of each other differ by {gap} points or more "
                               "on one question: one side sees the relationship very differently "
                               "from the other. Worth a conversation.",
    "trust_bridges": "Trust bridges",
    "explain_trust_bridges": "Relationships with strong trust (at least {strong}) that are the only "
                             "tie between two communities: they carry the cooperation between "
                             "those groups and deserve care.",
    "trust_changes": "Changes between waves",
    "explain_trust_changes": "Change of trust as rated by others from wave {first} to wave {last} "
                             "(positive = trust is rising).",
    "trust_tie_changes": "Relationships whose trust changed most",
    "explain_risk": "Each partner is placed by the impact its departure would have (partners cut "
                    "off, communities it alone connects, partners depending on it; from the "
                    "single-points-of-failure analysis, 0-1 where 1 is the worst partner in this "
                    "ecosystem) and by its warning signs (low trust or value in its ties, "
                    "one-sided ties, ties without an alternative path, no relation in the last "
                    "{periods} periods, or your own risk column; the mean of the signs available, "
                    "0-1). High means impact at least {impact_at}, warning signs at least "
                    "{likelihood_at}.",
    "explain_risk_nosurvey": "No partner survey was given, so trust and value signals are "
                             "missing: warning signs come from the network structure and dates only.",
    "risk_hint": "Hover over or tap a dot to see the partner; choose a quadrant to list only its "
                 "partners.",
    "risk_all": "All quadrants",
    "risk_chart_title": "Partner risk matrix",
    "risk_axis_impact": "Impact if it left (0-1)",
    "risk_axis_likelihood": "Warning signs (0-1)",
    "risk_table": "Partners to act on",
    "q_act_now": "Act now", "q_keep_close": "Keep close", "q_watch": "Watch", "q_stable": "Stable",
    "qd_act_now": "high impact if it left, and signs that it might",
    "qd_keep_close": "high impact, few warning signs: invest in the relationship",
    "qd_watch": "warning signs, but the network would cope without it",
    "qd_stable": "low impact, few warning signs",
    "risk_finding": "{name} {impact}; {why}.",
    "risk_holds": "holds {n} communities together",
    "risk_cuts": "would cut off {n} partners if it left",
    "risk_dependents": "is the main partner of {n} organisations that depend on it",
    "risk_dependents_one": "is the main partner of an organisation that depends on it",
    "risk_cuts_one": "would cut off 1 partner if it left",
    "risk_and": " and ", "risk_sep": "; ",
    "risk_central": "is hard to replace in the network",
    "risk_low_item": "its ties are rated low on {item} ({score} on average)",
    "risk_one_sided": "{share} of its surveyed ties are confirmed by one side only",
    "risk_no_redundancy": "most of its ties have no alternative path",
    "risk_no_answer": "it did not answer the latest survey",
    "risk_dormant": "it has had no relation recently",
    "risk_user": "your own risk rating for it is high",
    "risk_signals": "its warning-sign score is {value}",
    "risk_counts": "Partners per quadrant: act now {act_now}, keep close {keep_close}, watch "
                   "{watch}, stable {stable}.",
    "finding_trust": "Network trust is {trust} of the maximum and value {value} ({rate} of the "
                     "surveyed organisations answered).",
    "finding_trust_change": "Trust moved from {first} to {last} of the maximum between survey "
                            "waves {w0} and {w1}.",
    "finding_gaps": "{n} pairs of partners rate their relationship very differently (a gap of "
                    "{gap} points or more).",
    "item_reliability": "reliability", "item_mission": "shared mission",
    "item_openness": "openness to discussion", "item_power": "power/influence",
    "item_involvement": "level of involvement", "item_resources": "resource contribution",
    "item_trust": "trust", "item_value": "value", "item_frequency": "collaboration frequency",
    "col_wave": "Wave", "col_invited": "Surveyed", "col_respondents": "Answered",
    "col_response_rate": "Response rate", "col_mutual": "Mutual", "col_one_sided": "One-sided",
    "col_unconfirmed": "Unconfirmed", "col_trust": "Trust", "col_trust_share": "Trust (% of max)",
    "col_value_share": "Value (% of max)", "col_trust_received": "Trust (rated by others)",
    "col_value_received": "Value (rated by others)", "col_n_received": "Ratings received",
    "col_trust_given": "Trust it gives", "col_n_given": "Ratings given",
    "col_responded": "Answered", "col_status": "Reciprocity", "col_n_ratings": "Ratings",
    "col_a_rates_b": "A rates B", "col_b_rates_a": "B rates A",
    "col_gap": "Gap", "col_kind": "Grouped by", "col_trust_first": "Trust before",
    "col_trust_last": "Trust now", "col_trust_change": "Change",
    "col_quadrant": "Quadrant", "col_impact": "Impact", "col_likelihood": "Warning signs",
    "col_cut_off": "Cut off", "col_communities_held": "Communities held",
    "col_dependents": "Dependents", "col_weakest": "Weakest item", "col_weakest_score": "Its score",
    "col_graph_bridge": "Only path", "col_community_a": "Community", "col_community_b": "Community",
    "col_scored_ties": "Relationships scored", "col_ties_rated": "Relationships", "col_value_score": "Value",
})
KO.update({
    "trust_section": "신뢰와 가치",
    "risk_section": "파트너 위험 매트릭스",
    "explain_trust": "파트너 설문({file}, {waves}) 결과, 조사 대상 {invited}개 기관 중 {respondents}개 "
                     "기관이 응답했습니다(응답률 {rate}). 신뢰는 신뢰성·미션 공유·소통 개방성을, 가치는 "
                     "영향력·참여 수준·자원 기여를 묶은 점수이며(PARTNER Tool), 각 문항은 {lo}~{hi}점 "
                     "척도입니다. 평가된 관계 {ties}건(평가 {ratings}건) 기준으로 네트워크 신뢰는 최대치의 "
                     "{trust}, 가치는 {value}입니다.",
    "explain_trust_rule": "한 관계에 대한 양쪽 평가는 \u201c{rule}\u201d 규칙으로 하나로 합쳤고, 무응답은 "
                          "\u201c{non_response}\u201d 방식으로 처리했습니다. 상호 확인된 관계 {mutual}건, "
                          "한쪽만 상대를 꼽은 관계 {one_sided}건(양쪽 모두 응답), 상대가 응답하지 않아 "
                          "확인되지 않은 관계 {unconfirmed}건입니다.",
    "trust_confidence": "신뢰도: 점수를 매긴 관계 중 {single}는 한쪽의 응답에만 근거합니다. 평가가 3건 "
                        "미만인 파트너 점수는 측정값이 아니라 참고 신호로 보십시오.",
    "trust_rule_mean": "양쪽 평가의 평균", "trust_rule_min": "낮은 쪽 평가",
    "trust_rule_max": "높은 쪽 평가", "trust_rule_respondent": "응답 기관 자신의 관점",
    "trust_nr_use": "무응답 기관은 상대 기관의 평가로 대신함",
    "trust_nr_exclude": "무응답 기관 제외", "trust_nr_mutual": "상호 확인된 관계만",
    "trust_waves_table": "조사 차수별 신뢰와 가치",
    "trust_partners_table": "파트너별: 다른 기관의 평가와 스스로 준 평가",
    "trust_lowest_table": "평가가 가장 낮은 파트너(평가 2건 이상)",
    "trust_groups_table": "커뮤니티·부문별",
    "perception_gaps": "인식 차이",
    "explain_perception_gaps": "서로에 대한 평가가 한 문항에서 {gap}점 이상 차이 나는 관계입니다. 한쪽이 "
                               "관계를 상대와 매우 다르게 보고 있으므로 대화가 필요합니다.",
    "trust_bridges": "신뢰 다리",
    "explain_trust_bridges": "신뢰가 높고({strong}점 이상) 두 커뮤니티를 잇는 유일한 관계입니다. 두 집단 "
                             "사이의 협력을 떠받치므로 각별히 관리해야 합니다.",
    "trust_changes": "차수 간 변화",
    "explain_trust_changes": "{first}차에서 {last}차 사이, 다른 기관이 평가한 신뢰의 변화입니다(양수 = "
                             "신뢰 상승).",
    "trust_tie_changes": "신뢰가 가장 크게 변한 관계",
    "explain_risk": "각 파트너를 두 축에 놓았습니다. 영향도는 그 파트너가 빠질 때의 영향(고립되는 파트너, "
                    "그 파트너만이 잇는 커뮤니티, 그 파트너에 의존하는 파트너; 단일 실패 지점 분석 결과이며 "
                    "이 생태계에서 가장 큰 파트너를 1로 한 0~1 값)이고, 위험 신호는 관계의 낮은 신뢰나 가치, "
                    "한쪽만 확인한 관계, 대체 경로가 없는 관계, 최근 {periods}개 기간 동안 관계 없음, "
                    "사용자가 준 위험 열의 평균(0~1)입니다. 영향도 {impact_at} 이상, 위험 신호 "
                    "{likelihood_at} 이상을 높음으로 봅니다.",
    "explain_risk_nosurvey": "파트너 설문이 없어 신뢰·가치 신호는 빠졌습니다. 위험 신호는 네트워크 구조와 "
                             "날짜로만 계산했습니다.",
    "risk_hint": "점에 마우스를 올리거나 누르면 파트너가 보입니다. 사분면을 고르면 그 파트너만 표에 "
                 "나옵니다.",
    "risk_all": "전체 사분면",
    "risk_chart_title": "파트너 위험 매트릭스",
    "risk_axis_impact": "빠질 때의 영향도(0~1)",
    "risk_axis_likelihood": "위험 신호(0~1)",
    "risk_table": "대응이 필요한 파트너",
    "q_act_now": "즉시 대응", "q_keep_close": "핵심 관리", "q_watch": "관찰", "q_stable": "안정",
    "qd_act_now": "빠지면 영향이 크고, 빠질 조짐도 보임",
    "qd_keep_close": "영향은 크지만 위험 신호는 적음: 관계에 투자",
    "qd_watch": "위험 신호는 있지만 빠져도 네트워크는 버팀",
    "qd_stable": "영향도 작고 위험 신호도 적음",
    "risk_finding": "{name}: {impact}. {why}.",
    "risk_holds": "{n}개 커뮤니티를 이어 주고 있음",
    "risk_cuts": "빠지면 파트너 {n}곳이 고립됨",
    "risk_dependents": "{n}개 기관이 관계의 절반 이상을 이 파트너에 의존함",
    "risk_dependents_one": "한 기관이 관계의 절반 이상을 이 파트너에 의존함",
    "risk_cuts_one": "빠지면 파트너 1곳이 고립됨",
    "risk_and": ", ", "risk_sep": ", ",
    "risk_central": "네트워크에서 대체하기 어려움",
    "risk_low_item": "관계 평가에서 {item} 점수가 낮음(평균 {score}점)",
    "risk_one_sided": "설문에 나온 관계의 {share}가 한쪽만 확인함",
    "risk_no_redundancy": "대부분의 관계에 대체 경로가 없음",
    "risk_no_answer": "최근 설문에 응답하지 않음",
    "risk_dormant": "최근에 새 관계가 없음",
    "risk_user": "사용자가 매긴 위험 등급이 높음",
    "risk_signals": "위험 신호 점수 {value}",
    "risk_counts": "즉시 대응 {act_now}곳, 핵심 관리 {keep_close}곳, 관찰 {watch}곳, 안정 {stable}곳.",
    "finding_trust": "네트워크 신뢰는 최대치의 {trust}, 가치는 {value}입니다(설문 대상 기관의 {rate} 응답).",
    "finding_trust_change": "{w0}차에서 {w1}차 사이 네트워크 신뢰가 최대치의 {first}에서 {last}(으)로 "
                            "바뀌었습니다.",
    "finding_gaps": "{n}쌍의 파트너가 서로의 관계를 크게 다르게 평가합니다({gap}점 이상 차이).",
    "item_reliability": "신뢰성", "item_mission": "미션 공유", "item_openness": "소통 개방성",
    "item_power": "영향력", "item_involvement": "참여 수준", "item_resources": "자원 기여",
    "item_trust": "신뢰", "item_value": "가치", "item_frequency": "협력 빈도",
    "col_wave": "차수", "col_invited": "조사 대상", "col_respondents": "응답",
    "col_response_rate": "응답률", "col_mutual": "상호 확인", "col_one_sided": "한쪽만",
    "col_unconfirmed": "미확인", "col_trust": "신뢰", "col_trust_share": "신뢰(최대치 대비)",
    "col_value_share": "가치(최대치 대비)", "col_trust_received": "신뢰(다른 기관 평가)",
    "col_value_received": "가치(다른 기관 평가)", "col_n_received": "받은 평가 수",
    "col_trust_given": "준 신뢰", "col_n_given": "준 평가 수",
    "col_responded": "응답 여부", "col_status": "상호성", "col_n_ratings": "평가 수",
    "col_a_rates_b": "A→B 평가", "col_b_rates_a": "B→A 평가",
    "col_gap": "차이", "col_kind": "구분", "col_trust_first": "이전 신뢰",
    "col_trust_last": "현재 신뢰", "col_trust_change": "변화",
    "col_quadrant": "사분면", "col_impact": "영향도", "col_likelihood": "위험 신호",
    "col_cut_off": "고립 파트너", "col_communities_held": "잇는 커뮤니티",
    "col_dependents": "의존 파트너", "col_weakest": "가장 낮은 문항", "col_weakest_score": "그 점수",
    "col_graph_bridge": "유일 경로", "col_community_a": "커뮤니티", "col_community_b": "커뮤니티",
    "col_scored_ties": "점수 낸 관계", "col_ties_rated": "관계 수", "col_value_score": "가치",
})

# evolution section and charts (render/evolution.py): keys "ev_<name>"
EN.update({
    'ev_title': 'Evolution',
    'ev_intro': '{n} periods ({first} to {last}), {mode}; {freq}. Snapshots hold the relations active in each period.',
    'ev_mode_cumulative': 'cumulative (everything started so far, minus what ended)',
    'ev_mode_window': 'sliding window of {window} period(s)',
    'ev_freq': 'periods: {freq}',
    'ev_size_chart': 'Size over time',
    'ev_kpi_chart': 'Health indicators over time',
    'ev_other_chart': '{kpi} over time',
    'ev_rank_chart': 'Anchor rank over time (1 = top)',
    'ev_period': 'period start',
    'ev_count': 'count',
    'ev_value': 'value',
    'ev_rank': 'rank',
    'ev_periods_table': 'Periods',
    'ev_movers_table': 'Rising and falling anchors',
    'ev_overall_table': 'Biggest movers overall ({first} to {last})',
    'ev_events_table': 'Community life cycle',
    'ev_entrants_table': 'Entrants and exits',
    'ev_undated_note': '{n} relation(s) have no date: {what}.',
    'ev_undated_exclude': 'left out of every period',
    'ev_undated_include': 'included in every period',
    'ev_tracking_note': 'Communities are matched across periods by member overlap (Jaccard >= {threshold}); merges and splits need >= {flow:.0%} of members to flow. Seed {seed}.',
    'ev_rising': 'rising',
    'ev_falling': 'falling',
    'ev_entered': 'entered',
    'ev_left': 'left',
    'ev_partners': 'partners',
    'ev_ties': 'ties',
    'ev_relations': 'relations',
    'ev_col_period': 'Period',
    'ev_col_partners': 'Partners',
    'ev_col_relations': 'Relations',
    'ev_col_ties': 'Ties',
    'ev_col_entrants': 'Entrants',
    'ev_col_exits': 'Exits',
    'ev_col_communities': 'Communities',
    'ev_col_modularity': 'Modularity',
    'ev_col_direction': 'Direction',
    'ev_col_name': 'Partner',
    'ev_col_rank_before': 'Rank before',
    'ev_col_rank_after': 'Rank after',
    'ev_col_change': 'Change',
    'ev_col_event': 'Event',
    'ev_col_description': 'What happened',
    'ev_col_count': 'Count',
    'ev_freq_year': 'years',
    'ev_freq_quarter': 'quarters',
    'ev_freq_month': 'months',
    'ev_freq_custom': 'custom bins',
})
KO.update({
    'ev_title': '생태계 변화',
    'ev_intro': '{n}개 기간({first}~{last}), {mode}; {freq}. 각 스냅샷은 해당 기간에 유효한 관계를 담습니다.',
    'ev_mode_cumulative': '누적(지금까지 시작된 관계에서 종료된 관계 제외)',
    'ev_mode_window': '최근 {window}개 기간 이동 창',
    'ev_freq': '기간 단위: {freq}',
    'ev_size_chart': '규모 추이',
    'ev_kpi_chart': '건강 지표 추이',
    'ev_other_chart': '{kpi} 추이',
    'ev_rank_chart': '앵커 순위 추이 (1 = 최상위)',
    'ev_period': '기간 시작',
    'ev_count': '개수',
    'ev_value': '값',
    'ev_rank': '순위',
    'ev_periods_table': '기간별 요약',
    'ev_movers_table': '순위 상승·하락 파트너',
    'ev_overall_table': '전체 기간 최대 순위 변동 ({first}~{last})',
    'ev_events_table': '커뮤니티 생애주기',
    'ev_entrants_table': '신규 진입과 이탈',
    'ev_undated_note': '날짜가 없는 관계 {n}건: {what}.',
    'ev_undated_exclude': '모든 기간에서 제외',
    'ev_undated_include': '모든 기간에 포함',
    'ev_tracking_note': '커뮤니티는 구성원 중복도(Jaccard >= {threshold})로 기간 간에 연결하며, 병합·분할은 구성원의 {flow:.0%} 이상 이동을 기준으로 합니다. 시드 {seed}.',
    'ev_rising': '상승',
    'ev_falling': '하락',
    'ev_entered': '진입',
    'ev_left': '이탈',
    'ev_partners': '파트너 수',
    'ev_ties': '연결 수',
    'ev_relations': '관계 수',
    'ev_col_period': '기간',
    'ev_col_partners': '파트너',
    'ev_col_relations': '관계',
    'ev_col_ties': '연결',
    'ev_col_entrants': '진입',
    'ev_col_exits': '이탈',
    'ev_col_communities': '커뮤니티',
    'ev_col_modularity': '모듈성',
    'ev_col_direction': '방향',
    'ev_col_name': '파트너',
    'ev_col_rank_before': '이전 순위',
    'ev_col_rank_after': '현재 순위',
    'ev_col_change': '변화',
    'ev_col_event': '사건',
    'ev_col_description': '내용',
    'ev_col_count': '수',
    'ev_freq_year': '연',
    'ev_freq_quarter': '분기',
    'ev_freq_month': '월',
    'ev_freq_custom': '사용자 구간',
})

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


_JOSA = re.compile(r"([가-힣])(을\(를\)|를\(을\)|이\(가\)|가\(이\)|은\(는\)|는\(은\)|와\(과\)|과\(와\))")
_JOSA_PAIRS = {"을": ("을", "를"), "를": ("을", "를"), "이": ("이", "가"), "가": ("이", "가"),
               "은": ("은", "는"), "는": ("은", "는"), "와": ("과", "와"), "과": ("과", "와")}


def josa(text: str) -> str:
    """Pick the Korean particle after a Hangul word: "KAIST을(를)" stays, "대학교을(를)" -> "대학교를".

    Examples
    --------
    >>> josa("한국대학교을(를) 통해 서울시청와(과) 경기도청이(가)")
    '한국대학교를 통해 서울시청과 경기도청이'
    """
    def pick(m: "re.Match[str]") -> str:
        batchim = (ord(m.group(1)) - 0xAC00) % 28 != 0
        with_, without = _JOSA_PAIRS[m.group(2)[0]]
        return m.group(1) + (with_ if batchim else without)
    return _JOSA.sub(pick, text)


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
        text = text.format(**values) if values else text
        return josa(text) if lang == "ko" else text

    return t


__all__ = ["LANGUAGES", "STRINGS", "translator", "check_lang"]
