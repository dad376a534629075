"""A team's Friends and Family Test comments: read by its staff, flagged as identifying, reviewed."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from recovery_portal.access import get_visible_or_404, require_permission
from recovery_portal.audit import audit_list, audit_view, subjects_of_rows
from recovery_portal.breadcrumbs import trail
from recovery_portal.confirm import confirm_page
from recovery_portal.financial_year import FinancialYear
from recovery_portal.form_flow import submit
from teams.selectors import team_get

from .. import selectors, services
from ..forms import CommentFlagForm, CommentReviewForm
from ..models import CommentOutcome, PremReturn

VIEW = "evaluation.view_team_comments"
FLAG = "evaluation.flag_team_comment"
REVIEW = "evaluation.review_team_comment"


def _team(slug: str):
    try:
        return team_get(slug=slug)
    except ObjectDoesNotExist:
        raise Http404 from None


def _year(request) -> FinancialYear:
    try:
        start = int(request.GET.get("year", ""))
    except ValueError:
        return FinancialYear.current()
    if not 2000 <= start <= 2100:
        raise Http404
    return FinancialYear(start)


@require_GET
def team_comments(request, slug: str):
    """The comments given with the team's Friends and Family Test for a year; identifying ones withheld."""
    team = _team(slug)
    require_permission(request.user, VIEW, team)
    year = _year(request)
    reviewer = request.user.has_perm(REVIEW, team)
    comments = selectors.team_comments(team=team, user=request.user, year=year, reviewer=reviewer)
    audit_list(
        request,
        subjects=subjects_of_rows(PremReturn, comments.rows),
        reason=f"Friends and Family Test comments of {team.name} {year.label}",
    )
    return render(
        request,
        "evaluation/team_comments.html",
        {
            "team": team,
            "year": year,
            "comments": comments,
            "reviewer": reviewer,
            "may_flag": request.user.has_perm(FLAG, team),
            "breadcrumbs": trail("measures:team-comments", team),
        },
    )


def _comment(request, team, pk: int) -> PremReturn:
    return get_visible_or_404(selectors.comment_queryset(request.user).filter(team=team), pk=pk)


@require_http_methods(["GET", "POST"])
def comment_flag(request, slug: str, pk: int):
    """Withhold a comment as identifying until it is reviewed: confirmed on its own page, with a reason."""
    team = _team(slug)
    require_permission(request.user, FLAG, team)
    comment = _comment(request, team, pk)
    back_url = reverse("measures:team-comments", args=[team.slug])
    flag = selectors.flag_of(comment)
    if flag is not None and flag.withholds:
        messages.info(request, "This comment is already withheld.")
        return redirect(back_url)
    form = CommentFlagForm(request.POST if request.method == "POST" else None)
    outcome = submit(
        request,
        form,
        lambda data: services.comment_flag(
            prem_return=comment, reason=data["reason"], by=request.user, request=request
        ),
        what="comment",
    )
    if outcome.saved:
        messages.success(request, "The comment is withheld from the team until it is reviewed.")
        return redirect(back_url)
    audit_view(request, comment, reason="flagging a Friends and Family Test comment")
    return confirm_page(
        request,
        heading="Withhold this comment as identifying?",
        caption=team.name,
        paragraphs=[
            f"“{comment.free_text}”",
            "The comment will not be shown on the team's comments page or in its performance report until "
            "the team manager reviews it and decides to show it.",
        ],
        confirm_label="Withhold the comment",
        back_url=back_url,
        form=form,
    )


@require_http_methods(["GET", "POST"])
def comment_review(request, slug: str, pk: int):
    """A reviewer decides a flagged comment: show it to the team or keep it withheld."""
    team = _team(slug)
    require_permission(request.user, REVIEW, team)
    comment = _comment(request, team, pk)
    flag = selectors.flag_of(comment)
    if flag is None or flag.outcome != CommentOutcome.AWAITING_REVIEW:
        raise Http404
    back_url = reverse("measures:team-comments", args=[team.slug])
    form = CommentReviewForm(request.POST if request.method == "POST" else None)
    outcome = submit(
        request,
        form,
        lambda data: services.comment_review(
            flag=flag, outcome=data["outcome"], note=data["note"], by=request.user, request=request
        ),
        what="comment",
    )
    if outcome.saved:
        shown = form.cleaned_data["outcome"] == CommentOutcome.SHOW
        messages.success(
            request, "The comment is shown to the team." if shown else "The comment stays withheld."
        )
        return redirect(back_url)
    audit_view(request, comment, reason="reviewing a flagged Friends and Family Test comment")
    return render(
        request,
        "evaluation/comment_review.html",
        {
            "team": team,
            "comment": comment,
            "flag": flag,
            "history": selectors.comment_flag_history(prem_return=comment),
            "form": form,
            "back_url": back_url,
            "breadcrumbs": trail("measures:comment-review", team),
        },
    )
