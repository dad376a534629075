"""Recording a return: with the person by staff, or by the person themself; bad input saves nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation.models import Completion, PromReturn
from recovery_portal.submissions import submission_key_issue

pytestmark = pytest.mark.django_db


def date_fields(day) -> dict:
    return {"completed_on_day": day.day, "completed_on_month": day.month, "completed_on_year": day.year}


def form_key() -> dict:
    """The hidden key of one showing of a form, as the page gives it (recovery_portal.submissions)."""
    return {"submission_key": submission_key_issue()}


def answers(values, *, prefix="item") -> dict:
    return {f"{prefix}_{n}": value for n, value in enumerate(values, start=1) if value is not None}


def new_url(person, code):
    return reverse("measures:return-new", kwargs={"pk": person.pk, "code": code})


def test_a_peer_worker_records_a_swemwbs_with_the_person_and_sees_the_metric_score(
    client, personas, serviceuser_record, persona_team
):
    client.force_login(personas["peerworker"])
    today = timezone.localdate()
    response = client.post(
        new_url(serviceuser_record, "SWEMWBS"),
        {
            **form_key(),
            **date_fields(today),
            "timepoint": "baseline",
            "context": "peer_worker",
            **answers([3, 3, 3, 3, 3, 3, 4]),
        },
        follow=True,
    )
    saved = PromReturn.objects.get()
    assert (saved.raw, saved.total, saved.team, saved.entered_by) == (
        22,
        19.98,
        persona_team,
        personas["peerworker"],
    )
    assert (saved.completion, saved.timepoint, saved.context) == (
        Completion.WITH_STAFF,
        "baseline",
        "peer_worker",
    )
    page = response.content.decode()
    assert "SWEMWBS saved: 19.98." in page
    assert "Metric score: 19.98" in page and "Raw total 22" in page
    assert "© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008" in page


def test_the_entry_page_shows_every_item_as_radios_with_recall_period_and_licence_line(
    client, personas, serviceuser_record
):
    client.force_login(personas["clinician"])
    page = client.get(new_url(serviceuser_record, "SWEMWBS")).content.decode()
    assert page.count('class="nhsuk-radios__input"') == 7 * 5 + 5 + 3  # items, timepoints, contexts
    assert "4. I&#x27;ve been dealing with problems well" in page
    assert "Recall period: over the last 2 weeks." in page
    assert "Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) ©" in page


def test_the_person_completes_a_reqol_themself(client, personas, serviceuser_record, persona_team):
    client.force_login(personas["serviceuser"])
    page = client.get(new_url(serviceuser_record, "REQOL10")).content.decode()
    assert 'name="timepoint"' not in page  # the person is not asked what staff record
    assert "ReQoL-10 © University of Sheffield" in page
    response = client.post(
        new_url(serviceuser_record, "REQOL10"),
        {**form_key(), **date_fields(timezone.localdate()), **answers([1, 3, 1, 3, 3, 0, 3, 3, 1, 3, 1])},
        follow=True,
    )
    saved = PromReturn.objects.get()
    # Negative items 1, 3, 6, 9 answered 1, 1, 0, 1 score 3 + 3 + 4 + 3; six positive items at 3 score 18.
    assert (saved.total, saved.completion, saved.entered_by) == (31, Completion.SELF, personas["serviceuser"])
    assert saved.answers[-1] == 1  # physical health, reported on its own
    assert "Total score: 31" in response.content.decode()


def test_dialog_records_the_additional_help_answers(client, personas, serviceuser_record):
    client.force_login(personas["clinician"])
    data = {**form_key(), **date_fields(timezone.localdate()), "timepoint": "review", "context": "other"}
    data.update(answers([4, 5, 2, 6, 3, 5, 6, 7, 5, 4, 6]))
    data.update({"help_3": "yes", "help_5": "no"})
    client.post(new_url(serviceuser_record, "DIALOG"), data)
    saved = PromReturn.objects.get()
    assert (saved.life_domain_mean, saved.treatment_mean, saved.total) == (4.75, 5.0, 4.75)
    assert saved.additional_help[:5] == [None, None, True, None, False]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda data: data.pop("item_3"), "Select an answer to question 3"),
        (
            lambda data: data.update(date_fields(timezone.localdate() + timedelta(days=1))),
            "Date completed must be today or in the past",
        ),
        (lambda data: data.update(item_2="9"), "from the list"),
        (lambda data: data.pop("completed_on_year"), "Date completed must include a year"),
    ],
)
def test_bad_input_shows_the_error_summary_and_saves_nothing(
    client, personas, serviceuser_record, change, message
):
    client.force_login(personas["peerworker"])
    data = {
        **form_key(),
        **date_fields(timezone.localdate()),
        "timepoint": "review",
        "context": "peer_worker",
    }
    data.update(answers([3] * 7))
    change(data)
    response = client.post(new_url(serviceuser_record, "SWEMWBS"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" in page and "There is a problem" in page
    assert message in page
    assert "<title>Error: " in page
    assert not PromReturn.objects.exists()


def test_a_second_return_of_the_same_measure_at_the_same_point_that_day_is_refused(
    client, personas, serviceuser_record
):
    client.force_login(personas["peerworker"])
    data = {**date_fields(timezone.localdate()), "timepoint": "review", "context": "peer_worker"}
    data.update(answers([3] * 7))
    client.post(new_url(serviceuser_record, "SWEMWBS"), {**data, **form_key()})
    # A second form (its own key) with the same measure, timepoint and day.
    response = client.post(new_url(serviceuser_record, "SWEMWBS"), {**data, **form_key()})
    assert "A SWEMWBS at this timepoint is already recorded for" in response.content.decode()
    assert PromReturn.objects.count() == 1


def test_the_team_manager_reads_but_may_not_record(client, personas, serviceuser_record):
    client.force_login(personas["teamlead"])
    assert client.get(reverse("measures:person", kwargs={"pk": serviceuser_record.pk})).status_code == 200
    assert client.post(new_url(serviceuser_record, "SWEMWBS"), answers([3] * 7)).status_code == 403
    assert not PromReturn.objects.exists()
