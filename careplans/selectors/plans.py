"""Reads of plans: a plan with its sections, its versions, the difference between two versions, and
what a supporter may see."""

import difflib
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..models import Disagreement, Plan, PlanDocument, PlanEntry, PlanVersion, Supporter, SupporterConsent
from ..sections import LifeArea, Section, sections_for

VERSIONS_PER_PAGE = 30


def plan_detail_queryset(*, user) -> QuerySet[Plan]:
    """Plans ``user`` may see with the person, agreement, every entry (with its writer and the
    disagreements beside it) and the documents kept with it, loaded in four queries."""
    disagreements = Disagreement.objects.select_related("recorded_by").order_by("created_at", "id")
    entries = PlanEntry.objects.select_related("written_by").prefetch_related(
        Prefetch("disagreements", queryset=disagreements)
    )
    return (
        Plan.objects.visible_to(user)
        .select_related("person__user", "agreed_version", "agreed_by")
        .prefetch_related(
            Prefetch("entries", queryset=entries.order_by("section", "order", "id")),
            Prefetch("documents", queryset=PlanDocument.objects.select_related("uploaded_by")),
        )
    )


def plan_queryset(*, user) -> QuerySet[Plan]:
    """Plans ``user`` may see, with the person joined (for pages that do not show the entries)."""
    return Plan.objects.visible_to(user).select_related("person__user", "agreed_version")


def entry_queryset(*, user) -> QuerySet[PlanEntry]:
    return PlanEntry.objects.visible_to(user).select_related("plan__person__user")


@dataclass
class SectionView:
    section: Section
    entries: list = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.section.code


def plan_sections(plan: Plan, *, only: set[str] | None = None) -> list[SectionView]:
    """The plan's sections in order, each with its current entries (from the prefetched entries).

    ``only`` keeps just those section codes (what a supporter has been shown).
    """
    views = {section.code: SectionView(section) for section in sections_for(plan.kind)}
    for entry in plan.entries.all():
        if entry.section in views:
            views[entry.section].entries.append(entry)
    return [view for code, view in views.items() if only is None or code in only]


def snapshot_sections(plan: Plan, content: dict) -> list[SectionView]:
    """A saved version's entries by section, as plain dictionaries, in the plan's section order."""
    views = {section.code: SectionView(section) for section in sections_for(plan.kind)}
    for entry in content.get("entries", []):
        if entry["section"] in views:
            views[entry["section"]].entries.append(entry)
    return list(views.values())


def plan_versions(plan: Plan) -> QuerySet[PlanVersion]:
    """Every saved version of the plan, newest first, with who saved it."""
    return plan.versions.select_related("created_by").defer("content").order_by("-number")


@dataclass(frozen=True)
class VersionResponse:
    """An agreement or a disagreement, against the version of the plan it was given to."""

    version: int
    agreed: bool
    when: datetime
    by: object  # the user who recorded it (None: a former user)
    by_the_person: bool
    in_person: bool = False
    entry_text: str = ""


def plan_responses(plan: Plan) -> dict[int, list[VersionResponse]]:
    """Every agreement and disagreement of the plan by version number, earliest first, in three queries:
    each agreement is kept in the plan's history even after the plan is agreed again.
    """
    agreements = (
        plan.history.filter(agreed_at__isnull=False, agreed_version__isnull=False)
        .values("agreed_version__number", "agreed_at", "agreed_by", "agreed_in_person")
        .order_by()  # distinct over these values only, not the history's ordering
        .distinct()
    )
    disagreements = list(plan.disagreements.select_related("recorded_by"))
    rows = list(agreements)
    users = {
        user.pk: user
        for user in get_user_model().objects.filter(pk__in={row["agreed_by"] for row in rows} - {None})
    }
    responses = [
        VersionResponse(
            version=row["agreed_version__number"],
            agreed=True,
            when=row["agreed_at"],
            by=users.get(row["agreed_by"]),
            by_the_person=row["agreed_by"] is not None and row["agreed_by"] == plan.person.user_id,
            in_person=row["agreed_in_person"],
        )
        for row in rows
    ] + [
        VersionResponse(
            version=item.plan_version,
            agreed=False,
            when=item.created_at,
            by=item.recorded_by,
            by_the_person=item.recorded_by_id is not None and item.recorded_by_id == plan.person.user_id,
            entry_text=item.entry_text,
        )
        for item in disagreements
    ]
    by_version: dict[int, list[VersionResponse]] = {}
    for response in sorted(responses, key=lambda r: r.when):
        by_version.setdefault(response.version, []).append(response)
    return by_version


def plan_version_get(*, plan: Plan, number: int) -> PlanVersion:
    return plan.versions.select_related("created_by").get(number=number)


def _entry_lines(entry: dict) -> list[str]:
    whose = {
        "person": "(in their own words) ",
        "said_in_room": f"(said by them, written down by {entry.get('written_down_by') or 'a worker'}) ",
    }.get(entry.get("author_role"), "")
    lines = []
    if entry.get("life_area"):
        lines.append(f"{whose}[{LifeArea(entry['life_area']).label}] {entry['text']}")
    else:
        lines.append(f"{whose}{entry['text']}")
    if entry.get("alternative"):
        lines.append(f"  Acceptable alternative: {entry['alternative']}")
    elif entry.get("no_alternative"):
        lines.append("  No acceptable alternative")
    if entry.get("phone"):
        lines.append(f"  Phone: {entry['phone']}")
    return lines


@dataclass(frozen=True)
class SectionDiff:
    title: str
    lines: list[SafeString]
    changed: bool


def _marked(line: str, tag: str) -> SafeString:
    # The text is the person's words: escaped before it is wrapped in <ins> or <del>.
    # Said in words as well as marked, so that neither colour nor underline alone (which reads as a link)
    # carries the meaning, and screen readers, which do not announce <ins> and <del>, say it too.
    if tag == "+":
        return mark_safe(f'<strong class="app-diff__label">Added:</strong> <ins>{escape(line)}</ins>')  # noqa: S308 (escaped above)
    if tag == "-":
        return mark_safe(f'<strong class="app-diff__label">Taken out:</strong> <del>{escape(line)}</del>')  # noqa: S308 (escaped above)
    return mark_safe(escape(line))  # noqa: S308 (escaped above)


def _details_lines(content: dict) -> list[str]:
    details = content.get("details", {})
    labels = [
        ("review_date", "Review date"),
        ("stage", "Stage"),
        ("facilitator", "Facilitator"),
        ("people_present", "People present"),
    ]
    return [f"{label}: {details[key]}" for key, label in labels if details.get(key)]


def version_diff(*, plan: Plan, old: PlanVersion, new: PlanVersion, own: bool = False) -> list[SectionDiff]:
    """What changed between two versions, section by section: added lines in <ins>, removed in <del>.
    ``own``: the sections are named as the person reads them on their own plan ("What matters to me")."""
    old_sections = {view.code: view.entries for view in snapshot_sections(plan, old.content)}
    new_sections = {view.code: view.entries for view in snapshot_sections(plan, new.content)}
    result = []
    pairs = [("Plan details", _details_lines(old.content), _details_lines(new.content))]
    for section in sections_for(plan.kind):
        before = [line for entry in old_sections[section.code] for line in _entry_lines(entry)]
        after = [line for entry in new_sections[section.code] for line in _entry_lines(entry)]
        pairs.append((section.own_title if own else section.title, before, after))
    for title, before, after in pairs:
        lines = []
        for line in difflib.ndiff(before, after):
            if line.startswith(("?",)):
                continue
            lines.append(_marked(line[2:], line[0] if line[0] in "+-" else " "))
        result.append(SectionDiff(title, lines, before != after))
    return result


@dataclass(frozen=True)
class SharedPlan:
    plan: Plan
    sections: list[SectionView]
    consent: SupporterConsent | None = None


def supporter_shared_plans(supporter: Supporter) -> list[SharedPlan]:
    """The plans of the supporter's person, each with only the sections the person chose to share.

    Sections not shared are never loaded into the page; plans with nothing shared are left out.
    """
    consents = (
        SupporterConsent.objects.filter(supporter=supporter)
        .select_related("plan", "changed_by")
        .order_by("plan__kind")
    )
    shared = []
    for consent in consents:  # at most one per plan kind
        if not consent.sections:
            continue
        entries = PlanEntry.objects.filter(plan=consent.plan, section__in=consent.sections).select_related(
            "written_by"
        )
        views = {
            s.code: SectionView(s) for s in sections_for(consent.plan.kind) if s.code in consent.sections
        }
        for entry in entries.order_by("section", "order", "id"):
            views[entry.section].entries.append(entry)
        shared.append(SharedPlan(consent.plan, list(views.values()), consent))
    return shared
