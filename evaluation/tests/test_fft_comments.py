"""Friends and Family Test comments shown to the team, with identifying ones withheld until reviewed."""

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from evaluation import services
from evaluation.models import CommentFlag, CommentOutcome
from evaluation.tests.factories import prem_return
from recovery_portal.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

SAFE = "The evening group helped me get back to work."
IDENTIFYING = "Nurse Priya on Tuesdays was rude to my son Jake."


@pytest.fixture
def comments(measures_reference_data, persona_team, serviceuser_record):
    return {
        "safe": prem_return(team=persona_team, free_text=SAFE, completed_on=date(2025, 6, 2)),
        "identifying": prem_return(
            team=persona_team,
            answer=5,
            free_text=IDENTIFYING,
            completed_on=date(2025, 7, 9),
            person=serviceuser_record,
        ),
    }


def _team_page(client, team):
    return client.get(reverse("measures:team-comments", args=[team.slug]) + "?year=2025").content.decode()


def _pack(client, team):
    return client.get(reverse("reports:team", args=[team.slug, 2025])).content.decode()


def _pdf(client, team) -> str:
    pdf = client.get(reverse("reports:team-pdf", args=[team.slug, 2025])).content
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def _flag(client, team, comment, reason="Names a nurse and a person's son"):
    return client.post(reverse("measures:comment-flag", args=[team.slug, comment.pk]), {"reason": reason})


def _review(client, team, comment, outcome):
    return client.post(
        reverse("measures:comment-review", args=[team.slug, comment.pk]), {"outcome": outcome, "note": ""}
    )


def test_the_team_reads_its_comments_on_its_page_and_in_its_pack(client, comments, persona_team, clinician):
    client.force_login(clinician)

    team_page = client.get(reverse("teams:detail", args=[persona_team.slug])).content.decode()
    assert reverse("measures:team-comments", args=[persona_team.slug]) in team_page
    assert SAFE in _team_page(client, persona_team)
    assert SAFE in _pack(client, persona_team)
    assert SAFE in _pdf(client, persona_team)


def test_a_flagged_comment_is_withheld_from_the_page_and_the_pack_until_reviewed_show(
    client, comments, persona_team, clinician, teamlead
):
    comment = comments["identifying"]
    client.force_login(clinician)
    assert IDENTIFYING in _team_page(client, persona_team)

    confirm = client.get(reverse("measures:comment-flag", args=[persona_team.slug, comment.pk]))
    assert "Withhold this comment as identifying?" in confirm.content.decode()
    assert not CommentFlag.objects.exists()  # opening the confirmation page changes nothing
    assert _flag(client, persona_team, comment).status_code == 302

    page, pack, pdf = (
        _team_page(client, persona_team),
        _pack(client, persona_team),
        _pdf(client, persona_team),
    )
    assert IDENTIFYING not in page and IDENTIFYING not in pack and "Nurse Priya" not in pdf
    assert SAFE in page and SAFE in pack
    assert "1 comment withheld" in page and "1 comment withheld" in pack

    client.force_login(teamlead)
    review_page = client.get(reverse("measures:comment-review", args=[persona_team.slug, comment.pk]))
    assert IDENTIFYING in review_page.content.decode()  # the reviewer reads it to decide
    assert IDENTIFYING not in _pack(client, persona_team)
    assert _review(client, persona_team, comment, "show").status_code == 302

    client.force_login(clinician)
    assert IDENTIFYING in _team_page(client, persona_team)
    assert IDENTIFYING in _pack(client, persona_team)


def test_a_comment_kept_withheld_stays_out_and_its_history_is_kept(
    client, comments, persona_team, clinician, teamlead
):
    comment = comments["identifying"]
    client.force_login(clinician)
    _flag(client, persona_team, comment)
    client.force_login(teamlead)
    _review(client, persona_team, comment, "keep_withheld")

    client.force_login(clinician)
    assert IDENTIFYING not in _team_page(client, persona_team)
    assert IDENTIFYING not in _pack(client, persona_team)
    flag = CommentFlag.objects.get()
    assert flag.outcome == CommentOutcome.KEEP_WITHHELD and flag.reviewed_by == teamlead
    assert [v.outcome for v in flag.history.order_by("history_date")] == ["awaiting_review", "keep_withheld"]
    # Decided: nobody reviews it again, and flagging it again changes nothing.
    client.force_login(teamlead)
    assert (
        client.get(reverse("measures:comment-review", args=[persona_team.slug, comment.pk])).status_code
        == 404
    )
    assert _flag(client, persona_team, comment).status_code == 302
    assert CommentFlag.history.count() == 2


def test_a_comment_shown_after_review_can_be_flagged_again(
    client, comments, persona_team, clinician, teamlead
):
    comment = comments["identifying"]
    client.force_login(clinician)
    _flag(client, persona_team, comment)
    client.force_login(teamlead)
    _review(client, persona_team, comment, "show")
    client.force_login(clinician)
    _flag(client, persona_team, comment, reason="The son's name is unusual here")

    assert IDENTIFYING not in _team_page(client, persona_team)
    flag = CommentFlag.objects.get()
    assert flag.reason == "The son's name is unusual here" and flag.reviewed_by is None
    assert [v.outcome for v in flag.history.order_by("history_date")] == [
        "awaiting_review",
        "show",
        "awaiting_review",
    ]


def test_flagging_without_a_reason_says_what_to_do_and_saves_nothing(
    client, comments, persona_team, clinician
):
    client.force_login(clinician)

    response = _flag(client, persona_team, comments["identifying"], reason="  ")

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in page and "Enter why the comment could identify someone" in page
    assert not CommentFlag.objects.exists()


def test_a_review_without_a_decision_says_what_to_do(client, comments, persona_team, clinician, teamlead):
    client.force_login(clinician)
    _flag(client, persona_team, comments["identifying"])
    client.force_login(teamlead)

    response = _review(client, persona_team, comments["identifying"], "")

    assert "Select whether to show the comment or keep it withheld" in response.content.decode()
    assert CommentFlag.objects.get().outcome == CommentOutcome.AWAITING_REVIEW


def test_only_the_team_manager_reviews_and_only_the_team_reads_the_comments(
    client, comments, persona_team, clinician, peerworker, outsider, steering
):
    comment = comments["identifying"]
    client.force_login(peerworker)
    _flag(client, persona_team, comment)

    client.force_login(clinician)
    assert _review(client, persona_team, comment, "show").status_code == 403
    assert CommentFlag.objects.get().outcome == CommentOutcome.AWAITING_REVIEW

    for other in (outsider, steering):
        client.force_login(other)
        assert client.get(reverse("measures:team-comments", args=[persona_team.slug])).status_code == 403
        pack = _pack(client, persona_team)  # the figures are for all staff; the comments are not
        assert SAFE not in pack and "in the copy of this report opened by the team's own staff" in pack


def test_every_flag_review_and_read_of_comments_is_audited(
    client, comments, persona_team, clinician, teamlead, serviceuser_record
):
    comment = comments["identifying"]
    client.force_login(clinician)
    _team_page(client, persona_team)
    read = AuditEvent.objects.filter(actor=clinician, action=AuditAction.VIEW).latest("id")
    assert "Friends and Family Test comments" in read.reason
    # The one comment given with a name is about that person: "who read about me" finds the read.
    assert read.subjects == [f"careplans.serviceuser:{serviceuser_record.pk}"]

    _flag(client, persona_team, comment)
    client.force_login(teamlead)
    _review(client, persona_team, comment, "show")
    _pack(client, persona_team)

    flagged = AuditEvent.objects.get(action=AuditAction.CREATE, actor=clinician)
    reviewed = AuditEvent.objects.get(action=AuditAction.UPDATE, actor=teamlead)
    assert "Names a nurse" in flagged.reason and "Shown after review" in reviewed.reason
    assert flagged.subjects == reviewed.subjects == [f"careplans.serviceuser:{serviceuser_record.pk}"]
    assert AuditEvent.objects.filter(
        actor=teamlead, action=AuditAction.VIEW, reason__contains="team performance report"
    ).exists()


def test_the_comments_page_reads_the_same_however_many_comments(
    client, comments, persona_team, teamlead, django_assert_num_queries
):
    url = reverse("measures:team-comments", args=[persona_team.slug]) + "?year=2025"
    client.force_login(teamlead)
    client.get(url)  # fills the content-type cache, as any earlier page would
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200

    for day in range(1, 16):
        prem_return(team=persona_team, free_text=f"Comment number {day}", completed_on=date(2025, 8, day))
    flagged = prem_return(team=persona_team, free_text="Names someone", completed_on=date(2025, 9, 1))
    services.comment_flag(prem_return=flagged, reason="Names a person", by=teamlead)
    with django_assert_num_queries(11):
        page = client.get(url)
    assert "Comment number 15" in page.content.decode()


def test_the_review_page_reads_the_same_however_long_the_comments_history(
    client, comments, persona_team, teamlead, clinician, django_assert_num_queries
):
    comment = comments["identifying"]
    flag = services.comment_flag(prem_return=comment, reason="Names a nurse", by=clinician)
    url = reverse("measures:comment-review", args=[persona_team.slug, comment.pk])
    client.force_login(teamlead)
    client.get(url)  # fills the content-type cache, as any earlier page would
    with django_assert_num_queries(12):
        assert client.get(url).status_code == 200

    for round_ in range(4):
        services.comment_review(flag=flag, outcome=CommentOutcome.SHOW, by=teamlead)
        flag = services.comment_flag(
            prem_return=comment, reason=f"Names a nurse again ({round_})", by=clinician
        )
    for day in range(1, 11):
        prem_return(team=persona_team, free_text=f"Comment number {day}", completed_on=date(2025, 8, day))
    with django_assert_num_queries(12):
        page = client.get(url)
    assert "Names a nurse again (3)" in page.content.decode()
