"""Reads of the Friends and Family Test comments a team is shown (``evaluation.models.comments``)."""

from dataclasses import dataclass, field

from recovery_portal.financial_year import FinancialYear

from ..models import CommentFlag, CommentOutcome, PremReturn


@dataclass(frozen=True)
class TeamComments:
    """A team's comments for a year: those it is shown, how many are withheld, and (for its reviewers
    only) the withheld ones with their flags."""

    shown: list = field(default_factory=list)
    withheld: int = 0
    to_review: list = field(default_factory=list)

    @property
    def rows(self) -> list:
        """Every return read for the page, for the audit."""
        return [*self.shown, *self.to_review]


def flag_of(prem_return) -> CommentFlag | None:
    """The comment's flag, if staff flagged it (read with the return, no query)."""
    try:
        return prem_return.comment_flag
    except CommentFlag.DoesNotExist:
        return None


def comment_queryset(user):
    """Returns with a comment that the user may see (the teams they work in), each with its flag."""
    return (
        PremReturn.objects.visible_to(user)
        .exclude(free_text="")
        .select_related("comment_flag", "team")
        .order_by("-completed_on", "-id")
    )


def team_comments(*, team, user, year: FinancialYear, reviewer: bool = False) -> TeamComments:
    """``team``'s comments in ``year``: an identifying comment (flagged, not reviewed "show") is withheld."""
    rows = list(
        comment_queryset(user).filter(team=team, completed_on__gte=year.start, completed_on__lte=year.end)
    )
    withheld = [r for r in rows if flag_of(r) is not None and flag_of(r).withholds]
    shown = [r for r in rows if r not in withheld]
    to_review = (
        [r for r in withheld if flag_of(r).outcome == CommentOutcome.AWAITING_REVIEW] if reviewer else []
    )
    return TeamComments(shown=shown, withheld=len(withheld), to_review=to_review)


def comment_flag_history(*, prem_return) -> list:
    """Every version of the comment's flag, newest first: each flag and review kept."""
    return list(
        CommentFlag.history.filter(prem_return_id=prem_return.pk)
        .select_related("flagged_by", "reviewed_by")
        .order_by("-history_date")
    )
