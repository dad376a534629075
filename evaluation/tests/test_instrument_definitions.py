"""The instruments loaded by migration agree with the scoring rules, carry their licence lines, and
their wording is locked once a return uses them."""

from datetime import date

import pytest

from careplans.tests.factories import CaseloadEntryFactory, ServiceUserFactory
from evaluation.models import Instrument, InstrumentItem, InstrumentLocked, PromReturn, ResponseOption
from evaluation.scoring import RULES, score

from .factories import TYPICAL_ANSWERS, instrument, prom_return

pytestmark = pytest.mark.django_db

CODES = ["SWEMWBS", "WEMWBS", "REQOL10", "QPR15", "DIALOG", "FFT"]


def test_the_six_instruments_are_loaded_in_order():
    assert list(Instrument.objects.values_list("code", flat=True)) == CODES


@pytest.mark.parametrize("code", CODES)
def test_database_definitions_agree_with_the_scoring_rules(code):
    rule = RULES[code]
    defined = Instrument.objects.get(code=code)
    items = list(defined.items.order_by("order"))
    assert defined.scoring_rule == rule.kind
    assert [item.order for item in items] == list(range(1, rule.items + 1))
    assert {item.order for item in items if item.reverse_scored} == rule.reverse
    assert {item.order for item in items if not item.is_scored} == rule.unscored
    assert {item.order: item.risk_from_value for item in items if item.is_risk_item} == rule.risk
    for group, numbers in rule.groups.items():
        assert tuple(item.order for item in items if item.group == group) == numbers
    values = sorted(defined.options.filter(item__isnull=True).values_list("value", flat=True))
    assert values == list(range(rule.low, rule.high + 1))
    if rule.categories:
        stored = dict(defined.options.values_list("value", "category"))
        assert stored == rule.categories


@pytest.mark.parametrize("code", CODES)
def test_every_instrument_shows_its_licence_copyright_recall_period_and_source(code):
    defined = Instrument.objects.get(code=code)
    assert defined.copyright_line and defined.licence and defined.recall_period
    assert defined.source_url.startswith("http")


def test_swemwbs_copyright_line_is_the_one_warwick_requires():
    assert instrument("SWEMWBS").copyright_line == (
        "Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland, University of "
        "Warwick and University of Edinburgh, 2008, all rights reserved."
    )


def test_swemwbs_has_its_own_seven_items_not_the_first_seven_of_wemwbs():
    swemwbs = list(instrument("SWEMWBS").items.values_list("wording", flat=True))
    wemwbs = list(instrument("WEMWBS").items.order_by("order").values_list("wording", flat=True))
    assert swemwbs[3] == "I've been dealing with problems well"  # not "interested in other people"
    assert swemwbs == [wemwbs[n - 1] for n in (1, 2, 3, 6, 7, 9, 11)]


def test_reqol_negatively_worded_items_are_the_reversed_ones():
    reversed_items = instrument("REQOL10").items.filter(reverse_scored=True).order_by("order")
    assert list(reversed_items.values_list("wording", flat=True)) == [
        "I found it difficult to get started with everyday tasks",
        "I felt unable to cope",
        "I thought my life was not worth living",
        "I felt lonely",
    ]
    risk = instrument("REQOL10").items.get(is_risk_item=True)
    assert risk.wording == "I thought my life was not worth living"
    assert ResponseOption.objects.get(instrument=risk.instrument, item=None, value=2).label == "Sometimes"


def test_dialog_asks_for_additional_help_after_every_item():
    dialog = instrument("DIALOG")
    assert dialog.follow_up_question == "Do you want additional help in this area?"
    assert dialog.items.filter(asks_follow_up=True).count() == 11


def test_fft_stores_the_2020_wording():
    fft = instrument("FFT")
    assert fft.version == "2020"
    assert fft.items.get().wording == "Overall, how was your experience of our service?"


def test_the_loader_can_run_again_without_duplicating_anything():
    from importlib import import_module

    from django.apps import apps

    before = (Instrument.objects.count(), InstrumentItem.objects.count(), ResponseOption.objects.count())
    import_module("evaluation.migrations.0002_instrument_definitions").load(apps, None)
    after = (Instrument.objects.count(), InstrumentItem.objects.count(), ResponseOption.objects.count())
    assert before == after


@pytest.fixture
def used_swemwbs(persona_team):
    person = ServiceUserFactory()
    CaseloadEntryFactory(person=person, team=persona_team)
    prom_return(person=person, team=persona_team)
    return instrument("SWEMWBS")


def test_item_wording_is_locked_once_an_instrument_has_returns(used_swemwbs):
    item = used_swemwbs.items.get(order=4)
    item.wording = "I've been feeling interested in other people"
    with pytest.raises(InstrumentLocked, match="SWEMWBS already has returns"):
        item.save()
    with pytest.raises(InstrumentLocked):
        item.delete()
    option = used_swemwbs.options.get(value=1)
    option.label = "Never"
    with pytest.raises(InstrumentLocked):
        option.save()
    used_swemwbs.scoring_rule = "sum"
    with pytest.raises(InstrumentLocked, match="scoring_rule"):
        used_swemwbs.save()
    assert InstrumentItem.objects.get(pk=item.pk).wording == "I've been dealing with problems well"


def test_the_licence_line_may_still_be_updated_once_used(used_swemwbs):
    used_swemwbs.licence = "Registered with Warwick on 1 April 2025, registration 1234."
    used_swemwbs.save()
    assert instrument("SWEMWBS").licence.startswith("Registered")


def test_unused_instrument_wording_can_be_corrected():
    item = instrument("QPR15").items.get(order=10)
    item.wording = "I can recognize the positive things I have done"
    item.save()
    assert InstrumentItem.objects.get(pk=item.pk).wording.endswith("I have done")


def test_returns_are_built_for_bulk_create_with_scores_as_columns(persona_team, django_assert_num_queries):
    from evaluation.services import prom_return_build

    people = ServiceUserFactory.create_batch(3)
    swemwbs = instrument("SWEMWBS")
    built = [
        prom_return_build(
            person=person,
            team=persona_team,
            instrument=swemwbs,
            completed_on=date(2025, 5, day),
            answers=[day % 5 + 1] * 7,
        )
        for day in range(1, 21)
        for person in people
    ]
    with django_assert_num_queries(1):
        PromReturn.objects.bulk_create(built, batch_size=5000)
    saved = PromReturn.objects.get(person=people[0], completed_on=date(2025, 5, 3))
    assert (saved.raw, saved.total) == (28.0, 25.03)
    assert saved.total == score("SWEMWBS", saved.answers).total


def test_the_same_measure_at_the_same_point_on_the_same_day_is_refused(persona_team):
    from django.db import IntegrityError, transaction

    person = ServiceUserFactory()
    prom_return(person=person, team=persona_team, timepoint="baseline")
    prom_return(person=person, team=persona_team, timepoint="review")  # another timepoint is fine
    with pytest.raises(IntegrityError), transaction.atomic():
        prom_return(person=person, team=persona_team, timepoint="baseline")
    assert TYPICAL_ANSWERS["SWEMWBS"] == PromReturn.objects.first().answers


def test_fft_source_reference_is_unique_per_team(persona_team, outsider_team):
    from django.db import IntegrityError, transaction

    from .factories import prem_return

    prem_return(team=persona_team, source_reference="CARD-0001")
    prem_return(team=outsider_team, source_reference="CARD-0001")
    prem_return(team=persona_team)
    prem_return(team=persona_team)  # no reference: anonymous cards need none
    with pytest.raises(IntegrityError), transaction.atomic():
        prem_return(team=persona_team, source_reference="CARD-0001")
