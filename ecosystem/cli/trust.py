"""``ecosystem trust``: trust and value of relationships from a partner survey, and the risk matrix."""
from __future__ import annotations

import click
import pandas as pd

from .common import emit_sections, handle_errors
from .options import (Command, DataSource, data_options, format_option, non_response_option,
                      seed_option, survey_option, top_option)

VIEWS = ("network", "ties", "partners", "groups", "gaps", "bridges", "changes", "risk")


@click.command("trust", cls=Command)
@data_options
@survey_option("Survey export (CSV/TSV/XLSX; long: respondent, partner, question, answer; "
               "wide: one row per respondent-partner pair, one column per question).",
               required=True)
@click.option("--survey-sheet", default=None, metavar="NAME", help="Excel: the survey's sheet.")
@click.option("--survey-encoding", default=None, metavar="NAME", help="Survey text encoding.")
@click.option("--question", "questions", multiple=True, metavar="INDICATOR=COLUMN",
              help="Map a column (wide) or question label (long) to an indicator: reliability, "
                   "mission, openness, power, involvement, resources, trust, value, frequency. "
                   "Repeatable.")
@click.option("--scale", nargs=2, type=float, default=None, metavar="LOW HIGH",
              help="Answer range (default 1 4).")
@click.option("--rule", type=click.Choice(["mean", "min", "max", "respondent"]), default="mean",
              show_default=True, help="How a tie's two ratings become one.")
@click.option("--perspective", multiple=True, metavar="PARTNER",
              help="Rule 'respondent': the partner(s) whose own view the ties take. Repeatable.")
@non_response_option("use", "Ties to non-respondents: use their partners' reports, exclude "
                           "them, or score mutual ties only.")
@click.option("--gap", type=click.FloatRange(min=0, min_open=True), default=2.0, show_default=True,
              help="Perception gap: the two ratings of a pair this many points apart.")
@click.option("--show", "views", multiple=True, type=click.Choice(("all",) + VIEWS),
              default=("network", "partners", "gaps", "risk"), show_default=True,
              help="Tables to print. Repeatable.")
@top_option(15, "Rows per table (CSV and JSON hold every row).", at_least_one=True)
@seed_option(0, "Seed for communities.")
@format_option()
@handle_errors
def trust_command(source: DataSource, survey_file: str, survey_sheet: str | None,
                  survey_encoding: str | None, questions: tuple[str, ...],
                  scale: tuple[float, float] | None, rule: str, perspective: tuple[str, ...],
                  non_response: str, gap: float, views: tuple[str, ...], top: int, seed: int,
                  fmt: str) -> None:
    """Trust and value of each relationship from a partner survey (PARTNER Tool method).

    Reads the survey (English or Korean headers: 응답기관, 파트너, 신뢰성, 미션 공유,
    개방성, 영향력, 참여도, 자원 기여, 차수 ...), checks every answer against the scale,
    and reports trust and value per relationship, partner, community, sector and
    survey wave, reciprocity, perception gaps, trust bridges and the partner risk
    matrix. Formulas: docs/trust.md.

    \b
    Examples:
      ecosystem trust demo --survey datasets/demo/partner_survey_synthetic.csv
      ecosystem trust relations.csv --survey survey.xlsx --rule min --show ties --format csv
    """
    from ..analysis.centrality import centrality
    from ..analysis.communities import detect_communities
    from ..analysis.fragility import fragility
    from ..analysis.risk import risk_matrix
    from ..analysis.trust import trust_scores
    from ..exceptions import InvalidParameterError
    from ..io.survey import read_survey

    eco = source.load()
    columns = {}
    for item in questions:
        key, sep, col = item.partition("=")
        if not sep or not key.strip() or not col.strip():
            raise click.BadParameter(f"expected INDICATOR=COLUMN, got {item!r}",
                                     param_hint="--question")
        columns[key.strip()] = col.strip()
    survey = read_survey(survey_file, eco=eco, questions=columns or None,
                         scale=tuple(scale) if scale else None,
                         encoding=survey_encoding, sheet=survey_sheet)
    perspective_ids = [eco.resolve(p) for p in perspective]
    if rule == "respondent" and not perspective_ids:
        raise InvalidParameterError("--rule respondent needs --perspective PARTNER")
    shown = VIEWS if "all" in views else tuple(dict.fromkeys(views))
    partition = detect_communities(eco, seed=seed) if eco.n_ties else None
    frag = fragility(eco)
    res = trust_scores(survey, eco, rule=rule, non_response=non_response,
                       partition=partition, fragility=frag, perspective=perspective_ids,
                       gap=gap)
    tables: dict[str, tuple[str, pd.DataFrame]] = {}
    if "network" in shown:
        tables["network"] = ("Trust and value per survey wave (share = mean / scale maximum):",
                             res.network.reset_index())
    if "ties" in shown:
        cols = [c for c in ("wave", "a", "b", "a_name", "b_name", "status", "n_ratings", "trust",
                            "value", "trust_ab", "trust_ba", "in_network") if c in res.ties]
        tables["ties"] = ("Relationships (symmetrised by rule " f"'{rule}'):",
                          res.ties[cols] if fmt == "table" else res.ties)
    if "partners" in shown:
        p = res.partners.reset_index()
        cols = [c for c in ("id", "name", "sector", "responded", "trust_received", "value_received",
                            "n_received", "trust_given", "n_given", "mutual", "one_sided",
                            "unconfirmed") if c in p]
        tables["partners"] = (f"Partners, latest wave {res.latest} (as rated by others / as "
                              "they rate others):", p[cols] if fmt == "table" else p)
    if "groups" in shown:
        tables["groups"] = ("By community and sector:", res.groups)
    if "gaps" in shown:
        tables["gaps"] = (f"Perception gaps (>= {gap:g} points apart):", res.gaps)
    if "bridges" in shown:
        tables["bridges"] = ("Trust bridges (strong trust, the only tie between two communities):",
                             res.bridges)
    if "changes" in shown:
        tables["changes"] = ("Change per partner, first to last wave:",
                             res.partner_changes.reset_index())
    risk = None
    if "risk" in shown:
        cent = centrality(eco, seed=seed).table if eco.n_ties else None
        risk = risk_matrix(eco, frag, trust=res, partition=partition, centrality=cent)
        r = risk.table.reset_index()
        cols = [c for c in ("id", "name", "quadrant", "impact", "likelihood", "cut_off",
                            "dependents", "communities_held", "low_trust", "one_sided",
                            "no_redundancy", "dormant", "weakest_item") if c in r]
        tables["risk"] = (f"Risk matrix ({', '.join(f'{q} {n}' for q, n in risk.counts().items())}):",
                          r[cols] if fmt == "table" else r)
    if fmt == "json":
        payload = {"command": "trust", "survey": survey.file, "layout": survey.layout,
                   "waves": survey.waves, "params": res.params,
                   "network": res.summary(), "problems": [p.to_dict() for p in survey.problems],
                   **{k: v[1] for k, v in tables.items()}}
        if risk is not None:
            payload["risk_counts"] = risk.counts()
        emit_sections([], "json", payload)
        return
    sections = [(k, title, frame if fmt == "csv" else frame.head(top))
                for k, (title, frame) in tables.items()]
    if fmt == "table":
        click.echo(f"{survey!r}; rule {rule}, non-response {non_response}")
        for p in survey.problems:
            click.echo(f"note: {p}", err=True)
    emit_sections(sections, fmt, {})
