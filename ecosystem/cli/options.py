"""Every command-line option, defined once; commands compose them (the pip-tools style).

An option used by several commands is a function here returning its decorator
(``@seed_option()``, ``@format_option()``); where commands differ on purpose (a default
that comes from the configuration, a help text that names what the seed drives) they pass
it. The data-loading options are built from the table in :mod:`ecosystem.io.load_options`
and reach the command as one :class:`DataSource` parameter. :class:`Command` lists a
command's own options first and the data-loading options in their own section.

Examples
--------
>>> @click.command(cls=Command)
... @data_options
... @seed_option()
... def show(source: DataSource, seed: int) -> None:
...     click.echo(f"{source.data} {source.get('aggregate')} {seed}")
>>> from click.testing import CliRunner
>>> CliRunner().invoke(show, ["karate", "--seed", "3"]).output
'karate sum 3\\n'
>>> help_text = CliRunner().invoke(show, ["--help"]).output
>>> help_text.index("Options:") < help_text.index("Data loading options:")
True
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Mapping

import click

from ..io.load_options import LOAD_OPTIONS, LoadOption, loader_kwargs

Decorator = Callable[[Callable], Callable]

LANGS = ("en", "ko")
COMMUNITY_METHODS = ("leiden", "louvain", "label_propagation")


# ---------------------------------------------------------------- help in two sections
class DataOption(click.Option):
    """An option about reading DATA (listed under "Data loading options")."""


class Command(click.Command):
    """A command whose ``--help`` lists its own options, then the data-loading options."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        own: list[tuple[str, str]] = []
        data: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None:
                (data if isinstance(param, DataOption) else own).append(record)
        if own:
            with formatter.section("Options"):
                formatter.write_dl(own)
        if data:
            with formatter.section("Data loading options"):
                formatter.write_dl(data)


def stack(*decorators: Decorator) -> Decorator:
    """Apply option decorators in the order listed (first = shown first)."""
    def apply(func: Callable) -> Callable:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func
    return apply


# ---------------------------------------------------------------- data options
def parse_type_weights(values: tuple[str, ...]) -> dict[str, float]:
    """``("joint R&D=3", "MoU=1")`` -> ``{"joint R&D": 3.0, "MoU": 1.0}`` (``--type-weight``).

    Examples
    --------
    >>> parse_type_weights(("joint R&D=3", "MoU=1"))
    {'joint R&D': 3.0, 'MoU': 1.0}
    """
    out: dict[str, float] = {}
    for item in values:
        if "=" not in item:
            raise click.BadParameter(f"expected TYPE=NUMBER, got {item!r}", param_hint="--type-weight")
        key, _, num = item.rpartition("=")
        try:
            out[key.strip()] = float(num)
        except ValueError:
            raise click.BadParameter(f"expected TYPE=NUMBER, got {item!r}",
                                     param_hint="--type-weight") from None
    return out


@dataclass(frozen=True)
class DataSource:
    """DATA and the data-loading options of one command line.

    ``options`` holds every data option by name (see :data:`~ecosystem.io.load_options.LOAD_OPTIONS`);
    ``given`` the names the user actually gave (not defaults), for configuration overrides.
    """

    data: str | None
    options: Mapping[str, Any] = field(default_factory=dict)
    given: frozenset[str] = frozenset()

    def get(self, name: str) -> Any:
        """The value of one data option (``None`` when absent)."""
        return self.options.get(name)

    def replace(self, data: str | None, **options: Any) -> "DataSource":
        """The same options for another DATA (``diff``'s second ecosystem)."""
        return replace(self, data=data, options={**self.options, **options})

    def load(self):
        """Load DATA (a file or a bundled dataset name) with these options."""
        from ..io.readers import load
        from ..model import StrengthRule

        rule = StrengthRule(type_weights=parse_type_weights(tuple(self.get("type_weights") or ())))
        eco = load(self.data, self.get("partners"), strength_rule=rule,
                   **loader_kwargs(self.options))
        if self.get("names"):
            from ..io.names import join_names

            eco = join_names(eco, self.get("names"), encoding=self.get("encoding"))
        return eco

    def config_overrides(self, type_weights: Mapping[str, float]) -> dict[str, Any]:
        """Configuration overrides (dotted keys) from the options the user gave.

        ``type_weights`` are the configuration's: ``--type-weight`` adds to them.
        """
        out: dict[str, Any] = {}
        for row in LOAD_OPTIONS:
            if row.name not in self.given or row.name == "type_weights" or not row.flags:
                continue
            value = self.options.get(row.name)
            if row.negate:
                if value:
                    out[row.config] = not value
                continue
            out[row.config] = value
        if self.get("type_weights"):
            weights = dict(type_weights)
            weights.update(parse_type_weights(tuple(self.get("type_weights"))))
            out["strength.type_weights"] = weights
        return out


def _data_option(row: LoadOption) -> Decorator:
    kwargs: dict[str, Any] = {"help": row.help, "cls": DataOption}
    if row.metavar:
        kwargs["metavar"] = row.metavar
    if row.show_default:
        kwargs["show_default"] = True
    if row.multiple:
        kwargs["multiple"] = True
    else:
        kwargs["default"] = row.default
    if row.kind == "flag":
        kwargs["is_flag"] = True
    elif row.kind == "choice":
        kwargs["type"] = click.Choice(list(row.choices))
    elif row.kind == "int":
        kwargs["type"] = click.IntRange(min=row.minimum)
    return click.option(*row.flags, row.name, **kwargs)


def data_options(func: Callable | None = None, *, required: bool = True) -> Any:
    """The DATA argument and every data-loading option, passed on as ``source: DataSource``.

    ``required=False``: DATA may be left out (``analyze --demo`` or ``data.relations``).
    """
    if func is None:
        return functools.partial(data_options, required=required)
    rows = [row for row in LOAD_OPTIONS if row.flags]

    @functools.wraps(func)
    def collect(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        given = frozenset(
            row.name for row in rows
            if ctx.get_parameter_source(row.name) in (click.core.ParameterSource.COMMANDLINE,
                                                      click.core.ParameterSource.ENVIRONMENT))
        source = DataSource(kwargs.pop("data"), {row.name: kwargs.pop(row.name) for row in rows},
                            given)
        return func(*args, source=source, **kwargs)

    for row in reversed(rows):
        collect = _data_option(row)(collect)
    return click.argument("data", metavar="DATA" if required else "[DATA]",
                          required=required)(collect)


# ---------------------------------------------------------------- shared options
def format_option(choices: tuple[str, ...] = ("table", "json", "csv"),
                  help: str | None = "Output format.") -> Decorator:
    """``--format``: how results are printed."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default="table",
                        show_default=True, help=help)


def seed_option(default: int | None = 0,
                help: str = "Seed for every random step (communities, sampling, runs).") -> Decorator:
    """``--seed``. ``default=None`` where the configuration supplies it (analyze, export, map)."""
    return click.option("--seed", type=int, default=default, show_default=default is not None,
                        help=help)


def top_option(default: int | None, help: str, *, at_least_one: bool = False) -> Decorator:
    """``--top``: how many rows. ``at_least_one``: click checks it (else the command does)."""
    return click.option("--top", type=click.IntRange(min=1) if at_least_one else int,
                        default=default, show_default=default is not None, help=help)


def check_at_least(value: int | None, name: str, low: int = 1) -> None:
    """``must be >= 1, got 0`` for ``--name`` (options typed ``int`` check here)."""
    if value is not None and value < low:
        raise click.BadParameter(f"must be >= {low}, got {value}", param_hint=f"--{name}")


def lang_option(default: str | None = "en", help: str = "Language of the 'why' sentences.") -> Decorator:
    """``--lang en|ko``."""
    return click.option("--lang", type=click.Choice(LANGS), default=default,
                        show_default=default is not None, help=help)


def output_option(help: str, *, metavar: str, default: str | None = None,
                  required: bool = False) -> Decorator:
    """``--output/-o``: the file or folder written."""
    extra = {"required": True} if required else {"default": default}
    return click.option("--output", "-o", show_default=default is not None, metavar=metavar,
                        help=help, **extra)


def config_option(help: str = "YAML configuration (see `ecosystem init`); flags override it.",
                  metavar: str | None = "FILE") -> Decorator:
    """``--config/-c FILE``: a YAML configuration."""
    extra = {"metavar": metavar} if metavar else {}
    return click.option("--config", "-c", "config_path", type=click.Path(dir_okay=False),
                        default=None, help=help, **extra)


def quiet_option() -> Decorator:
    """``--quiet/-q``."""
    return click.option("--quiet", "-q", is_flag=True, help="No progress display.")


def verbose_option(help: str = "Log each step with its duration (stderr).") -> Decorator:
    """``--verbose/-v``."""
    return click.option("--verbose", "-v", is_flag=True, help=help)


def method_option(default: str | None = "leiden",
                  help: str = "Community detection algorithm.") -> Decorator:
    """``--method``: the community detection algorithm."""
    return click.option("--method", type=click.Choice(COMMUNITY_METHODS), default=default,
                        show_default=default is not None, help=help)


def resolution_option(default: float | None = 1.0,
                      help: str = "Modularity resolution: > 1 gives more, smaller communities.") -> Decorator:
    """``--resolution``: community resolution."""
    return click.option("--resolution", type=float, default=default,
                        show_default=default is not None, help=help)


def community_options(func: Callable) -> Callable:
    """``--method`` and ``--resolution`` with their defaults shown (anchors, communities)."""
    return stack(method_option(), resolution_option())(func)


def run_options(func: Callable) -> Callable:
    """Settings of a full run (analyze, export); unset ones come from the configuration."""
    return stack(
        config_option(),
        seed_option(None, "Seed for every random step (default 0)."),
        method_option(None, "Community detection algorithm (default leiden)."),
        resolution_option(None, "Community resolution: > 1 gives more, smaller communities "
                                "(default 1)."),
        click.option("--cpus", type=click.IntRange(min=1), default=None, metavar="N",
                     help="Processes for independent steps and outputs (default: every "
                          "available core; 1 = serial). Results are the same either way."),
        quiet_option(),
        verbose_option(),
    )(func)


def sampling_options(func: Callable) -> Callable:
    """``--sample K`` / ``--exact``: how betweenness and closeness are computed."""
    return stack(
        click.option("--exact", is_flag=True,
                     help="Always compute betweenness/closeness exactly (can be slow on big networks)."),
        click.option("--sample", "sample_k", type=int, default=None, metavar="K",
                     help="Estimate betweenness/closeness from K sampled source partners per "
                          "large component (default: automatic above 5,000 partners)."),
    )(func)


def sampling(exact: bool, sample_k: int | None) -> dict[str, Any]:
    """Keywords of :func:`~ecosystem.analysis.centrality.centrality` from ``--exact``/``--sample``.

    Examples
    --------
    >>> sampling(False, None), sampling(True, None)
    ({'sample': 'auto', 'n_samples': None}, {'sample': False, 'n_samples': None})
    """
    if exact and sample_k is not None:
        raise click.UsageError("use either --exact or --sample K, not both")
    if sample_k is not None and sample_k < 1:
        raise click.BadParameter(f"K must be >= 1, got {sample_k}", param_hint="--sample")
    if exact:
        return {"sample": False, "n_samples": None}
    if sample_k is not None:
        return {"sample": True, "n_samples": sample_k}
    return {"sample": "auto", "n_samples": None}


def snapshot_options(func: Callable) -> Callable:
    """How dated relations become periods (evolve, diff --period)."""
    return stack(
        click.option("--freq", type=click.Choice(["year", "quarter", "month"]), default="year",
                     show_default=True, help="Period length."),
        click.option("--bins", default=None, metavar="EDGES",
                     help="Custom period edges instead of --freq, comma-separated years or dates, "
                          "e.g. 2014,2017,2020,2023 (periods 2014-2016, 2017-2019, 2020-2022)."),
        click.option("--mode", type=click.Choice(["cumulative", "window"]), default="cumulative",
                     show_default=True,
                     help="cumulative: everything started up to the period end (minus what ended "
                          "before it); window: relations active in the last --window periods."),
        click.option("--window", type=int, default=1, show_default=True, metavar="N",
                     help="Periods in the sliding window (--mode window)."),
        click.option("--undated", type=click.Choice(["latest", "exclude", "include"]),
                     default="latest", show_default=True,
                     help="Relations without a date: in the latest period only (so it is the "
                          "whole network), left out of every period, or put in every period "
                          "(counted and reported either way)."),
        click.option("--all-partners", is_flag=True,
                     help="Keep every partner in every period (default: partners with at least "
                          "one active relation)."),
    )(func)


def snapshot_kwargs(freq: str, bins: str | None, mode: str, window: int, undated: str,
                    all_partners: bool, date_col: str | None) -> dict[str, Any]:
    """Keywords of :func:`~ecosystem.analysis.temporal.snapshots` from :func:`snapshot_options`.

    Examples
    --------
    >>> snapshot_kwargs("year", "2014, 2017", "cumulative", 1, "exclude", False, None)["bins"]
    ['2014', '2017']
    """
    edges = None
    if bins:
        edges = [b.strip() for b in str(bins).split(",") if b.strip()]
    check_at_least(window, "window")
    return {"freq": freq, "bins": edges, "mode": mode, "window": window, "undated": undated,
            "partners": "all" if all_partners else "active",
            "date_column": "date" if date_col else None}


def period_analysis_options(func: Callable) -> Callable:
    """Community detection per period (evolve, diff)."""
    return stack(
        method_option("leiden", "Community detection per period."),
        resolution_option(1.0, "Modularity resolution (> 1: more, smaller communities)."),
        seed_option(0, "Seed of every community detection (same seed = same tracking)."),
    )(func)


def survey_option(help: str, *, dest: str = "survey_file", required: bool = False) -> Decorator:
    """``--survey FILE``: a partner survey."""
    extra = {"required": True} if required else {"default": None}
    return click.option("--survey", dest, metavar="FILE", help=help, **extra)


def non_response_option(default: str | None, help: str) -> Decorator:
    """``--non-response use|exclude|mutual``: ties to organisations that did not answer."""
    return click.option("--non-response", type=click.Choice(["use", "exclude", "mutual"]),
                        default=default, show_default=default is not None, help=help)


def table_option(choices: tuple[str, ...], default_shown: str) -> Decorator:
    """``--table NAME``: print one table only."""
    return click.option("--table", "table_name", type=click.Choice(choices), default=None,
                        help=f"Print only this table (CSV output prints '{default_shown}' by "
                             "default).")


__all__ = ["COMMUNITY_METHODS", "Command", "DataOption", "DataSource", "LANGS", "check_at_least",
           "community_options", "config_option", "data_options", "format_option", "lang_option",
           "method_option", "non_response_option", "output_option", "parse_type_weights", "period_analysis_options",
           "quiet_option", "resolution_option", "run_options", "sampling", "sampling_options",
           "seed_option", "snapshot_kwargs", "snapshot_options", "stack", "survey_option", "table_option", "top_option",
           "verbose_option"]
