"""Figures about outcome and experience measures for dashboards and reports (raw counts, not disclosed).

Every function runs a fixed number of queries whatever the volume of returns: the pairing of each
person's first and latest return is done in the database. Callers apply
``evaluation.disclosure`` before showing any figure below Trust level.
"""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import TruncMonth

from recovery_portal.chart_months import ChartMonths
from recovery_portal.financial_year import FinancialYear

from ..models import ChangeThreshold, Instrument, MeasureKind, OptionCategory, PremReturn, PromReturn
from ..scoring import ChangeCategory, Thresholds, all_thresholds, classify_change, main_measure


@dataclass(frozen=True)
class InstrumentChange:
    code: str  # "SWEMWBS", "WEMWBS", "REQOL10", "QPR15", "DIALOG"
    name: str  # "Short Warwick-Edinburgh Mental Wellbeing Scale"
    returns: int  # PROM returns completed in the period
    people: int  # distinct people with at least one return in the period
    people_paired: int  # people with a first and a later (latest) return in the period
    changes: tuple[float, ...]  # latest minus first, one per paired person (unrounded)
    reliable_improvement: int  # paired people whose change meets the improvement threshold
    no_reliable_change: int
    reliable_deterioration: int
    # Added beside the agreed fields: the threshold used (None: none configured, so nobody is
    # classified and the three counts above are all 0), and crossings of the instrument's cut-off.
    threshold: float | None = None
    moved_out_of_range: int = 0
    moved_into_range: int = 0
    range_label: str = ""

    @property
    def classified(self) -> bool:
        return self.threshold is not None


@dataclass(frozen=True)
class FftSummary:
    responses: int
    positive: int  # very good + good
    negative: int  # poor + very poor
    neutral: int  # neither good nor poor
    dont_know: int


@dataclass(frozen=True)
class MeasureFigures:
    """The issue's figures for one scope and year: returns, pairs and change per instrument, and FFT."""

    year: FinancialYear
    instruments: list[InstrumentChange]
    fft: FftSummary
    returns: int = field(default=0)  # PROM returns of all instruments


def _in_year(queryset: QuerySet, year: FinancialYear, team_ids: Collection[int] | None) -> QuerySet:
    queryset = queryset.filter(completed_on__gte=year.start, completed_on__lte=year.end)
    if team_ids is not None:
        queryset = queryset.filter(team_id__in=list(team_ids))
    return queryset


def _prom_instruments() -> list[Instrument]:
    return list(Instrument.objects.filter(kind=MeasureKind.PROM).order_by("display_order", "code"))


def _pairs(returns: QuerySet, *, by_team: bool):
    """(team id or None, instrument id, first total, latest total) for each person with two or more
    returns, first and latest by date (then by entry order), in one query.

    Each group's first and latest total come from correlated subqueries, which the natural key's index
    (person, instrument, completed_on, timepoint; on PostgreSQL carrying the id and total) answers
    without visiting the table.
    """
    scored = returns.filter(total__isnull=False)
    keys = ["person_id", "instrument_id"] + (["team_id"] if by_team else [])
    same_group = {key: OuterRef(key) for key in keys}
    first = scored.filter(**same_group).order_by("completed_on", "id").values("total")[:1]
    latest = scored.filter(**same_group).order_by("-completed_on", "-id").values("total")[:1]
    rows = (
        scored.values(*keys)
        .annotate(n=Count("id"))
        .filter(n__gte=2)
        .annotate(first_total=Subquery(first), latest_total=Subquery(latest))
        .order_by()
    )
    for row in rows:
        yield row.get("team_id"), row["instrument_id"], row["first_total"], row["latest_total"]


def _changes(
    *, year: FinancialYear, team_ids: Collection[int] | None, by_team: bool
) -> dict[int | None, list[InstrumentChange]]:
    instruments = _prom_instruments()
    thresholds = all_thresholds()
    returns = _in_year(PromReturn.objects.filter(instrument__in=[i.pk for i in instruments]), year, team_ids)
    group = ["team_id", "instrument_id"] if by_team else ["instrument_id"]
    counts = {
        (row["team_id"] if by_team else None, row["instrument_id"]): row
        for row in returns.values(*group)
        .annotate(n=Count("id"), people=Count("person_id", distinct=True))
        .order_by()
    }
    paired: dict[tuple, list[tuple[float, float]]] = defaultdict(list)
    for team_id, instrument_id, first, latest in _pairs(returns, by_team=by_team):
        paired[(team_id, instrument_id)].append((first, latest))

    teams = sorted({team for team, _ in counts}) if by_team else [None]
    result: dict[int | None, list[InstrumentChange]] = {}
    for team_id in teams:
        rows = []
        for instrument in instruments:
            key = (team_id, instrument.pk)
            found = thresholds.get((instrument.code, main_measure(instrument.code)), Thresholds())
            tally = dict.fromkeys(ChangeCategory, 0)
            crossings = {"out_of": 0, "into": 0}
            changes = []
            for first, latest in paired.get(key, []):
                change = classify_change(instrument.code, first, latest, thresholds=found)
                changes.append(latest - first)
                if change.category is not None:
                    tally[change.category] += 1
                if change.crossed:
                    crossings[change.crossed] += 1
            count = counts.get(key, {})
            rows.append(
                InstrumentChange(
                    code=instrument.code,
                    name=instrument.name,
                    returns=count.get("n", 0),
                    people=count.get("people", 0),
                    people_paired=len(changes),
                    changes=tuple(changes),
                    reliable_improvement=tally[ChangeCategory.IMPROVEMENT],
                    no_reliable_change=tally[ChangeCategory.NO_CHANGE],
                    reliable_deterioration=tally[ChangeCategory.DETERIORATION],
                    threshold=found.reliable_change,
                    moved_out_of_range=crossings["out_of"],
                    moved_into_range=crossings["into"],
                    range_label=found.range_label,
                )
            )
        result[team_id] = rows
    return result


def measure_change(*, year: FinancialYear, team_ids: Collection[int] | None = None) -> list[InstrumentChange]:
    """Per outcome measure (all of them, in display order, zeros included): returns, people, pairs of
    first and latest score per person in the year, and how many changed reliably (four queries)."""
    return _changes(year=year, team_ids=team_ids, by_team=False)[None]


def measure_change_by_team(
    *, year: FinancialYear, team_ids: Collection[int] | None = None
) -> dict[int, list[InstrumentChange]]:
    """``measure_change`` for each team with returns in the year, pairs made within each team (four queries)."""
    return _changes(year=year, team_ids=team_ids, by_team=True)


_FFT_COUNTS = {
    "responses": Count("id"),
    "positive": Count("id", filter=Q(category=OptionCategory.POSITIVE)),
    "negative": Count("id", filter=Q(category=OptionCategory.NEGATIVE)),
    "neutral": Count("id", filter=Q(category=OptionCategory.NEUTRAL)),
    "dont_know": Count("id", filter=Q(category=OptionCategory.DONT_KNOW)),
}


def fft_summary(*, year: FinancialYear, team_ids: Collection[int] | None = None) -> FftSummary:
    """Friends and Family Test responses in the year by category (one query)."""
    return FftSummary(**_in_year(PremReturn.objects.all(), year, team_ids).aggregate(**_FFT_COUNTS))


def fft_summary_by_team(
    *, year: FinancialYear, team_ids: Collection[int] | None = None
) -> dict[int, FftSummary]:
    """``fft_summary`` for each team with responses in the year (one query)."""
    rows = (
        _in_year(PremReturn.objects.all(), year, team_ids)
        .values("team_id")
        .annotate(**_FFT_COUNTS)
        .order_by()
    )
    return {row.pop("team_id"): FftSummary(**row) for row in rows}


def _months(year: FinancialYear) -> list[date]:
    return [date(year.start_year + (month < 4), month, 1) for month in (*range(4, 13), *range(1, 4))]


def _month_key(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _in_months(queryset: QuerySet, months: ChartMonths, team_ids: Collection[int] | None) -> QuerySet:
    """Returns completed in the chart's months, none after today."""
    queryset = queryset.filter(completed_on__gte=months.start, completed_on__lte=months.end)
    if team_ids is not None:
        queryset = queryset.filter(team_id__in=list(team_ids))
    return queryset


def _over(year: FinancialYear | None, months: ChartMonths | None, queryset: QuerySet, team_ids):
    if months is not None:
        return _in_months(queryset, months, team_ids), list(months.months)
    return _in_year(queryset, year, team_ids), _months(year)


def monthly_returns(
    *,
    year: FinancialYear | None = None,
    team_ids: Collection[int] | None = None,
    months: ChartMonths | None = None,
) -> list[tuple[date, int]]:
    """(first day of month, PROM returns completed that month) for April to March of ``year``, or for the
    chart's ``months``; zeros included, since a month with no return has a count of 0 (one query)."""
    queryset, month_list = _over(
        year, months, PromReturn.objects.filter(instrument__kind=MeasureKind.PROM), team_ids
    )
    rows = (
        queryset.annotate(month=TruncMonth("completed_on")).values("month").annotate(n=Count("id")).order_by()
    )
    found = {_month_key(row["month"]): row["n"] for row in rows}
    return [(month, found.get(month, 0)) for month in month_list]


def monthly_fft(
    *,
    year: FinancialYear | None = None,
    team_ids: Collection[int] | None = None,
    months: ChartMonths | None = None,
) -> list[tuple[date, int, int]]:
    """(first day of month, responses, positive responses) for April to March of ``year``, or for the chart's
    ``months``; zeros included (one query). A month with no response has no share: the caller leaves a gap."""
    queryset, month_list = _over(year, months, PremReturn.objects.all(), team_ids)
    rows = (
        queryset.annotate(month=TruncMonth("completed_on"))
        .values("month")
        .annotate(n=Count("id"), positive=Count("id", filter=Q(category=OptionCategory.POSITIVE)))
        .order_by()
    )
    found = {_month_key(row["month"]): (row["n"], row["positive"]) for row in rows}
    return [(month, *found.get(month, (0, 0))) for month in month_list]


def measure_figures(*, year: FinancialYear, team_ids: Collection[int] | None = None) -> MeasureFigures:
    """Everything the issue's figures need for one scope and year, as raw counts (five queries):
    returns collected, people paired, the changes (for the mean), reliable improvement and
    deterioration per instrument, and FFT positive and negative."""
    instruments = measure_change(year=year, team_ids=team_ids)
    return MeasureFigures(
        year=year,
        instruments=instruments,
        fft=fft_summary(year=year, team_ids=team_ids),
        returns=sum(row.returns for row in instruments),
    )


def threshold_notes() -> list[str]:
    """Each outcome measure's reliable change threshold and cut-offs with their published source, and what
    its sources say about classifying change (why a measure is not classified, or has no meaningful change
    category), for the method note (one query)."""
    measures = Instrument.objects.filter(kind=MeasureKind.PROM, is_active=True).order_by("display_order")
    measures = measures.prefetch_related(
        Prefetch(
            "thresholds", queryset=ChangeThreshold.objects.filter(is_active=True).order_by("kind", "measure")
        )
    )
    notes = []
    for instrument in measures:
        rows = list(instrument.thresholds.all())
        for t in rows:
            what = (
                f"reliable change {t.value:g} points"
                if t.kind == "reliable_change"
                else f"scores {'below' if t.direction == 'below' else 'at or below'} {t.value:g} in the {t.range_label}"
            )
            notes.append(f"{instrument.short_name} {what}: {t.source}")
        if instrument.change_note:
            # Why change is not classified, or why there is no meaningful change category, with its sources.
            notes.append(f"{instrument.short_name}: {instrument.change_note}")
        elif not any(t.kind == "reliable_change" for t in rows):
            notes.append(
                f"{instrument.short_name}: change not classified (no reliable change threshold from a published "
                "source is configured)."
            )
    return notes
