"""The commented configuration template that ``ecosystem init`` writes."""
from __future__ import annotations

from .defaults import ANALYSES, OUTPUTS

TEMPLATE = """\
# ecosystem analysis configuration (YAML).
# Use it with:  ecosystem analyze --config {name} -o reports/NAME/
# Every key is optional: delete what you do not need, the defaults are shown.
# Command-line flags override this file. An unknown key is an error (typos are caught).

data:
  relations: null          # relations file or bundled dataset name (the DATA argument wins)
  partners: null           # partner table (id, name, sector, ...); optional
  encoding: null           # utf-8, utf-8-sig, cp949, euc-kr ... (null = detect)
  directed: null           # true: relations have a direction (investor -> startup); null: from the file
  aggregate: sum           # several relations of one pair -> one tie: sum | max | mean | count
  distance: inverse        # tie length for paths: inverse (1/strength) | unit (hops)
  strict: false            # treat repairs (duplicates, self-loops, added partners) as errors
  auto_add_partners: true  # add partners that relations name but the partner table lacks
  name: null               # ecosystem name shown in the report (default: file name)
  sheet: null              # Excel: relations sheet name or number
  partners_sheet: null     # Excel: partners sheet name or number
  delimiter: null          # text tables: force the delimiter (default: sniffed)
  affiliation: null        # true: DATA is a partner x project table, projected to ties (null: detect)
  projection: count        # affiliation weighting: count (shared projects) | newman (1/(size-1))
  projection_output: relations   # relations (one per shared project) | ties (one per pair)
  max_group_size: null     # affiliation: skip projects with more members than this
  period: null             # analyse the ecosystem as it was in one period, e.g. "2021"
                           # (periods as in the evolution section below)
  names: null              # a table (id,name[,sector,country...]) joined onto the partners by id
  decimal: null            # text tables: "," for decimal commas (1,5 = 1.5); default "."
  skip_bad_rows: false     # true: leave out unreadable rows (listed) and analyse the rest
  date_order: null         # numeric dates like 03/04/2024: dmy | mdy (null: from the column)

columns:                   # your column names, when they are not recognised automatically
  source: null             # e.g. "기관1" or "From"
  target: null
  type: null
  weight: null
  date: null
  id: null                 # partner table
  name: null
  sector: null
  partner: null            # affiliation table: partner id column
  group: null              # affiliation table: project/group column
  year: null               # affiliation table: year column
  end: null                # the relations' end (affiliation table: the project's end year or date)

strength:                  # tie strength = weight x type weight x factors x recency decay
  type_weights: {{}}         # e.g. {{"joint R&D": 3, pilot: 2, MoU: 1}}
  default_type_weight: 1.0 # for types not listed
  factors: []              # numeric relation columns multiplied in, e.g. [trust]
  half_life: null          # years: a relation this much older than the newest counts half
  date_column: null        # date column for the decay (default: end, date, start, year)
  reference_date: null     # "now" for the decay (default: the latest date in the data)
  use_weight: true         # multiply by the raw weight column

sectors:
  rename: {{}}               # merge or translate sectors, e.g. {{PRC: company, HES: university}}
  helix: {{}}                # sector -> academia | industry | government | civil_society, added to the
                           # built-in words (university, 기업, HES, PRC...); e.g. {{hospital: civil_society}}

seed: 0                    # every random step (communities, sampling, layouts) uses it
cpus: null                 # processes for independent steps and outputs (null = every available core; 1 = serial)

communities:
  method: leiden           # leiden | louvain | label_propagation
  resolution: 1.0          # > 1: more, smaller communities; < 1: fewer, larger
  stability_runs: null     # re-runs with other seeds to measure how stable they are
                           # (0 = skip; null = 10, or 5 above 250,000 ties)

centrality:
  sample: auto             # betweenness: auto (exact up to 5,000 partners) | true | false
  n_samples: null          # pivots when sampling (null = automatic)

anchors:
  weights: {{}}              # anchor score = weighted mean of rank-normalised measures;
                           # e.g. {{strength: 1, pagerank: 1, betweenness: 2, participation: 1}}
                           # (empty = the default weights, see docs/anchors.md)
  stability_seeds: 2       # rank stability: re-rank with this many other community seeds

baselines:
  runs: null               # headline KPIs vs the same network rewired with degrees kept
                           # (runs; null = 5, or 3 above 250,000 ties)

recommendations:
  method: resource_allocation  # resource_allocation | adamic_adar | jaccard | common_neighbours | community
  favour: null             # null | community | sector | country, or a list: goals that boost a pair
  evaluate: true           # confidence check: backtest (dated data) or hold-out, against baselines
  per_partner: auto        # at most this many suggestions per partner (auto = max(2, top/10); null = no cap)
  diversity: 0.1           # 0..<1: re-rank so the list covers different gaps (0 = score order)
  group: true              # one row for a partner with several members of one project
  evidence: ties           # ties | projects: score on the partner network or on shared projects
  target_sector: null      # favour pairs with a partner in this sector
  exclude: null            # CSV of pairs (two columns) never to recommend
  competitors: auto        # auto | null | CSV of pairs: flag likely competitors
  bonus: 1.0               # strength of the goal boosts

top:                       # how many rows the report lists
  anchors: 10
  recommendations: 20
  key_players: 5
  holes: 10
  gaps: 10

resilience:
  strategies: [anchor, degree, betweenness, random]   # removal orders (most central first; random)
  steps: null              # points per curve (null = automatic: 20, or 10 on large networks)
  runs: null               # random-removal repetitions, averaged (null = automatic: 10, or 3 on large networks)
  max_share: 0.5           # remove up to this share of the partners
  efficiency: true         # also draw global efficiency curves (slower on big networks)
  sources: null            # efficiency sources per curve point and what-if scenario (null = automatic: 50, or 20 above 250,000 ties)
  what_if: 3               # "what if it left?" for each of the top N anchors, and for the key players together

evolution:                 # only when relations have dates (start/end/date/year)
  freq: year               # periods: year | quarter | month
  mode: cumulative         # cumulative (all so far, minus ended) | window (last N periods)
  window: 1                # periods per window (mode: window)
  date_column: null        # default: end, date, start or year, whichever exists
  samples: null            # betweenness pivots and path-length sources per large snapshot (null = automatic: 50, or 20 above 250,000 ties)

analyses:                  # switch analyses off with false
{analyses}
outputs:                   # files written into the output folder
{outputs}
report:
  lang: en                 # en | ko (Korean report)
  title: null              # default: "Ecosystem report: <name>"
  max_rows: 25             # longest table shown in the report (full tables are in the CSVs)
  full_paths: false        # true: name input files by full path (default: relative / file name)

map:
  color_by: community      # community | sector | role | any partner column
  size_by: anchor_score    # anchor_score | degree | strength | pagerank | betweenness

limits:                    # hostile sizes: a clear error instead of running out of memory
  max_file_mb: 2048        # bytes read from one file
  max_stream_mb: 256       # bytes read from a pipe or device (not a regular file)
  max_declared_count: 1000000  # counts a file declares (Pajek *Vertices, UCINET N=)
  max_json_depth: 100      # nesting of JSON arrays/objects
  max_field_chars: 1000000 # characters in one cell
  max_number_digits: 300   # digits of one JSON integer
survey:                    # partner survey: trust and value of relationships (docs/trust.md)
  file: null               # survey export (CSV/XLSX, long or wide, English or Korean headers)
  sheet: null              # Excel: sheet name or number (default: the first)
  encoding: null           # text encoding (null = detect)
  rule: mean               # a tie's two ratings -> one: mean | min | max | respondent
  non_response: use        # use (partners' reports) | exclude (non-respondents) | mutual (both sides only)
  perspective: []          # rule respondent: partner ids whose own view the ties take
  invited: named           # response-rate base: named (everyone in the survey) | all (every partner) | [ids]
  scale: null              # answer range, default [1, 4] (frequency [1, 5])
  questions: {{}}            # indicator -> your column / question label, e.g. {{reliability: "Q3"}}
  ignore: []               # columns or questions that are not relationship ratings
  gap: 2.0                 # perception gap: two ratings of a pair this many points apart
  strong: null             # strong trust for trust bridges (default: 3 on a 1-4 scale)
  factors: []              # multiply survey scores into tie strength: [trust], [trust, value]
  columns:                 # your column names, when not recognised automatically
    respondent: null       # e.g. 응답기관
    partner: null          # e.g. 평가대상
    question: null         # long layout
    answer: null           # long layout
    wave: null             # e.g. 차수 or a survey date

risk:                      # partner risk matrix: impact if it left x warning signs
  impact_at: 0.5           # impact (0-1) from which a partner counts as high impact
  likelihood_at: 0.35      # warning signs (0-1) from which a partner counts as likely to go
  dormant_periods: 2       # no relation in this many evolution periods is a warning sign (0 = off)
  risk_column: null        # a numeric partner column with your own risk rating
"""


def template(name: str = "ecosystem.yaml") -> str:
    """The commented configuration template that ``ecosystem init`` writes.

    Examples
    --------
    >>> import yaml
    >>> from ecosystem.config.settings import Config
    >>> Config.from_dict(yaml.safe_load(template())).to_dict() == Config().to_dict()
    True
    """
    analyses = "".join(f"  {k}: true\n" for k in ANALYSES)
    outputs = "".join(f"  {k}: true\n" for k in OUTPUTS)
    return TEMPLATE.format(name=name, analyses=analyses, outputs=outputs)
