"""Reads about one person's returns, instruments for entry pages, and one return's answers."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from ..models import ChangeThreshold, Instrument, InstrumentItem, MeasureKind, PromReturn, ResponseOption
from ..scoring import Change, Thresholds, all_thresholds, classify_change, main_measure


def _with_wording(queryset: QuerySet[Instrument]) -> QuerySet[Instrument]:
    return queryset.prefetch_related(
        Prefetch("items", queryset=InstrumentItem.objects.order_by("order")),
        Prefetch("options", queryset=ResponseOption.objects.order_by("item_id", "order")),
    )


def instruments_for_entry() -> list[Instrument]:
    """The outcome measures offered for new returns, in display order (one query)."""
    return list(Instrument.objects.filter(kind=MeasureKind.PROM, is_active=True).order_by("display_order"))


def instrument_list() -> list[Instrument]:
    """Every instrument with its items, options and active thresholds (each with its source), for the page
    describing them (four queries)."""
    return list(
        _with_wording(Instrument.objects.order_by("display_order")).prefetch_related(
            Prefetch(
                "thresholds",
                queryset=ChangeThreshold.objects.filter(is_active=True).order_by("kind", "measure"),
                to_attr="active_thresholds",
            )
        )
    )


def entry_instrument(*, code: str, kind: str = MeasureKind.PROM) -> Instrument:
    """An active instrument with its items and options prefetched (three queries); DoesNotExist if none."""
    return _with_wording(Instrument.objects.filter(kind=kind, is_active=True)).get(code=code)


def options_for(instrument: Instrument, item: InstrumentItem) -> list[ResponseOption]:
    """The options of ``item``: its own (ReQoL physical health) or the instrument's (uses prefetched rows)."""
    own = [option for option in instrument.options.all() if option.item_id == item.pk]
    return own or [option for option in instrument.options.all() if option.item_id is None]


@dataclass(frozen=True)
class TrendRow:
    prom_return: PromReturn
    change: Change | None  # from the first return; None on the first row

    @property
    def marker(self) -> str | None:
        return self.change.category.value if self.change and self.change.category else None


@dataclass(frozen=True)
class InstrumentTrend:
    """One instrument's returns for a person, oldest first, each classified against the first."""

    instrument: Instrument
    rows: list[TrendRow]
    thresholds: Thresholds = field(default_factory=Thresholds)

    @property
    def first(self) -> PromReturn:
        return self.rows[0].prom_return

    @property
    def latest(self) -> PromReturn:
        return self.rows[-1].prom_return

    @property
    def change(self) -> Change | None:
        """First to latest: the pair the evaluation counts."""
        return self.rows[-1].change if len(self.rows) > 1 else None

    @property
    def risk_returns(self) -> list[PromReturn]:
        return [row.prom_return for row in self.rows if row.prom_return.has_risk_answer]


def person_measures(*, person) -> list[InstrumentTrend]:
    """The person's returns grouped by instrument (display order), each with its change from the first
    and the instrument's thresholds (two queries whatever the number of returns)."""
    returns = (
        PromReturn.objects.filter(person=person)
        .select_related("instrument", "team", "entered_by")
        .order_by("instrument__display_order", "completed_on", "id")
    )
    thresholds = all_thresholds()
    grouped: dict[int, list[PromReturn]] = {}
    for prom_return in returns:
        grouped.setdefault(prom_return.instrument_id, []).append(prom_return)
    trends = []
    for group in grouped.values():
        instrument = group[0].instrument
        found = thresholds.get((instrument.code, main_measure(instrument.code)), Thresholds())
        first = group[0]
        rows = [TrendRow(first, None)]
        for later in group[1:]:
            rows.append(
                TrendRow(later, classify_change(instrument.code, first.total, later.total, thresholds=found))
            )
        trends.append(InstrumentTrend(instrument, rows, found))
    return trends


def prom_return_detail_queryset(*, user) -> QuerySet[PromReturn]:
    """Returns ``user`` may see, with person, team, who entered it and the instrument's wording."""
    return PromReturn.objects.visible_to(user).select_related("person", "team", "entered_by", "instrument")


@dataclass(frozen=True)
class AnsweredItem:
    item: InstrumentItem
    value: int | None
    label: str
    additional_help: bool | None = None

    @property
    def is_risk_answer(self) -> bool:
        return bool(
            self.item.is_risk_item
            and self.value is not None
            and self.item.risk_from_value is not None
            and self.value >= self.item.risk_from_value
        )


def answered_items(*, prom_return: PromReturn) -> list[AnsweredItem]:
    """Each item with the answer given, in form order (two queries for the wording)."""
    instrument = _with_wording(Instrument.objects.filter(pk=prom_return.instrument_id)).get()
    helps = list(prom_return.additional_help or [])
    answered = []
    for item in instrument.items.all():
        value = prom_return.answers[item.order - 1] if item.order <= len(prom_return.answers) else None
        labels = {option.value: option.label for option in options_for(instrument, item)}
        answered.append(
            AnsweredItem(
                item=item,
                value=value,
                label=labels.get(value, "Not answered") if value is not None else "Not answered",
                additional_help=helps[item.order - 1] if item.order <= len(helps) else None,
            )
        )
    return answered
