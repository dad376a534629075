"""Forms of the Team Recovery Plan's editing steps and the Triangle of Care self-assessment.

Every form of a versioned record carries the version it was built on, so a save made on top of someone
else's is refused instead of silently overwriting it.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout
from django import forms
from django.utils.html import format_html

from recovery_portal.financial_year import FinancialYear
from recovery_portal.form_messages import NHSForm, NHSModelForm
from recovery_portal.models import AccountKind, User
from recovery_portal.nhsuk_forms import NHSDateField, NHSField
from recovery_portal.ratings import RAG, ActionStatus
from recovery_portal.text_limits import NARRATIVE, NOTE, BoundedCharField
from workstreams.selectors import conversation_domain_list, workstream_list

from .models import (
    ChallengeStage,
    Priority,
    TeamAction,
    TeamRecoveryPlan,
    TriangleOfCareRating,
    TriangleOfCareStandard,
)
from .services.plans import SECTION_FIELDS


class VersionedForm(NHSForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class VersionedModelForm(NHSModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


class PlanStartForm(NHSForm):
    year = forms.TypedChoiceField(label="Financial year", coerce=int, widget=forms.RadioSelect)
    carry_forward = forms.MultipleChoiceField(
        label="Unfinished actions to carry forward",
        help_text="Choose the actions from last year's plan the team wants to keep working on.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, years: list[FinancialYear], open_actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year.start_year, year.label) for year in years]
        self.fields["year"].error_messages["required"] = "Choose the financial year of the plan"
        self.actions = {str(action.pk): action for action in open_actions}
        self.fields["carry_forward"].choices = [
            (pk, f"{action.what} (priority {action.priority.number}, due {action.due_date:%-d %B %Y})")
            for pk, action in self.actions.items()
        ]
        if not self.actions:
            del self.fields["carry_forward"]
        # Each action carried forward gets a new due date, or keeps last year's and shows as overdue from
        # last year: its date is never kept without the team seeing so.
        for pk, action in self.actions.items():
            self.fields[f"due_{pk}"] = NHSDateField(
                label=f"New due date for “{action.what}” (if carried forward)",
                subject="The new due date",
                help_text=(
                    f"Last year's was {action.due_date:%-d %B %Y}. Leave it blank to keep that date: the action "
                    "will show as overdue from last year until the team gives it a new one."
                ),
                required=False,
                allow_past=False,
            )

    def chosen_actions(self):
        return [self.actions[pk] for pk in self.cleaned_data.get("carry_forward", [])]

    def new_due_dates(self) -> dict[int, object]:
        """The new due date the team gave each chosen action (none: it keeps last year's)."""
        return {
            action.pk: self.cleaned_data[f"due_{action.pk}"]
            for action in self.chosen_actions()
            if self.cleaned_data.get(f"due_{action.pk}")
        }


class ResourcesForm(VersionedModelForm):
    class Meta:
        model = TeamRecoveryPlan
        fields = SECTION_FIELDS["resources"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in SECTION_FIELDS["resources"]}


class AwayDayForm(VersionedModelForm):
    away_day_date = NHSDateField(label="Date of the away day", subject="Date of the away day", required=False)
    facilitator_usernames = forms.CharField(
        label="Facilitators who will help write the plan (optional)",
        help_text="Their portal usernames, separated by commas. They can edit this plan without being in the team.",
        required=False,
    )

    class Meta:
        model = TeamRecoveryPlan
        fields = SECTION_FIELDS["away_day"]
        widgets = {"no_service_user_reason": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "attended_staff": "How many took part in the away day.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["facilitator_usernames"] = ", ".join(
                u.username for u in self.instance.facilitators.all()
            )
        for name in (
            "attended_staff",
            "attended_peer_workers",
            "attended_people_using_service",
            "attended_carers",
        ):
            self.fields[name].widget.attrs.update({"class": "nhsuk-input--width-4", "inputmode": "numeric"})
            self.fields[name].label = f"Attended: {self.fields[name].label}"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "version",
            "away_day_date",
            "away_day_facilitator",
            "facilitator_usernames",
            Fieldset(
                "Who took part",
                "attended_staff",
                "attended_peer_workers",
                "attended_people_using_service",
                "attended_carers",
            ),
            "no_service_user_reason",
        )

    def clean_facilitator_usernames(self):
        names = [
            name.strip() for name in self.cleaned_data["facilitator_usernames"].split(",") if name.strip()
        ]
        users = list(User.objects.filter(username__in=names, kind=AccountKind.STAFF, is_active=True))
        unknown = sorted(set(names) - {user.username for user in users})
        if unknown:
            raise forms.ValidationError(f"No member of staff has the username {', '.join(unknown)}")
        return users


class ReflectionForm(VersionedModelForm):
    class Meta:
        model = TeamRecoveryPlan
        fields = SECTION_FIELDS["reflection"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in SECTION_FIELDS["reflection"]}
        help_texts = {
            "strengths": "What the team does well in supporting recovery.",
            "achievements": "What the team is proud of this past year.",
            "areas_for_development": "Where the team wants to grow.",
            "ambitions": "What the team hopes to achieve.",
        }


class RatingsForm(VersionedForm):
    """The team's stage and evidence for each ImROC challenge, with last year's stage beside it."""

    def __init__(self, *args, ratings, **kwargs):
        super().__init__(*args, **kwargs)
        self.ratings = list(ratings)
        layout = ["version"]
        for rating in self.ratings:
            stage, evidence = f"stage_{rating.challenge_id}", f"evidence_{rating.challenge_id}"
            self.fields[stage] = forms.ChoiceField(
                label="Stage",
                choices=ChallengeStage.choices,
                required=False,
                widget=forms.RadioSelect,
                initial=rating.stage,
            )
            self.fields[evidence] = BoundedCharField(
                max_length=NOTE,
                label="Evidence",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=rating.evidence,
            )
            last_year = rating.get_previous_stage_display() or "not rated"
            layout.append(
                Fieldset(
                    rating.challenge.title,
                    HTML(format_html('<p class="nhsuk-body-s">Last year: {}</p>', last_year)),
                    NHSField(stage, inline=True, small=True),
                    evidence,
                )
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*layout)

    def ratings_data(self) -> dict[int, tuple[str, str]]:
        return {
            r.challenge_id: (
                self.cleaned_data[f"stage_{r.challenge_id}"],
                self.cleaned_data[f"evidence_{r.challenge_id}"],
            )
            for r in self.ratings
        }


class PriorityForm(VersionedModelForm):
    class Meta:
        model = Priority
        fields = ["title", "why"]
        widgets = {"why": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"title": {"required": "Enter the priority"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            del self.fields["version"]


class ActionForm(VersionedModelForm):
    due_date = NHSDateField(label="By when", subject="By when")
    progress_note = BoundedCharField(
        max_length=NOTE,
        error_messages={"too_long": f"The progress note must be {NOTE:,} characters or fewer"},
        label="Add a progress note (optional)",
        help_text="Dated today and kept with the action.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = TeamAction
        fields = ["what", "who", "due_date", "workstream", "domain", "success_measure", "status", "rag"]
        widgets = {"success_measure": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "what": {"required": "Enter what the team will do"},
            "who": {"required": "Enter who will do it"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workstream"].queryset = workstream_list()
        self.fields["workstream"].empty_label = "Choose a workstream"
        self.fields["domain"].queryset = conversation_domain_list()
        self.fields["domain"].empty_label = "Choose a conversation domain"
        self.fields["status"].choices = ActionStatus.choices
        self.fields["rag"].choices = [("", "Not rated"), *RAG.choices]
        if not self.instance.pk:
            del self.fields["version"]
            del self.fields["progress_note"]


class AgreeForm(VersionedForm):
    pass


class ReviewForm(VersionedForm):
    kind = forms.ChoiceField(label="Which review", widget=forms.RadioSelect)
    held_on = NHSDateField(label="Date of the review", subject="Date of the review", allow_future=False)
    progress = BoundedCharField(
        max_length=NARRATIVE,
        label="Progress since the plan was agreed",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Describe the progress since the plan was agreed"},
    )

    def __init__(self, *args, ratings, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]
        self.fields["kind"].error_messages["required"] = "Choose which review this is"
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0].value
        self.ratings = list(ratings)
        for rating in self.ratings:
            self.fields[f"stage_{rating.challenge_id}"] = forms.ChoiceField(
                label=rating.challenge.title,
                help_text=f"At the start of the year: {rating.get_stage_display() or 'not rated'}",
                choices=[("", "Not rated again"), *ChallengeStage.choices],
                required=False,
                initial=rating.stage,
            )

    def stages(self) -> dict[int, str]:
        return {r.challenge_id: self.cleaned_data[f"stage_{r.challenge_id}"] for r in self.ratings}


class TriangleOfCareForm(VersionedForm):
    def __init__(self, *args, standards, **kwargs):
        super().__init__(*args, **kwargs)
        self.standards = list(standards)
        layout = ["version"]
        for row in self.standards:
            number = row.standard
            self.fields[f"rating_{number}"] = forms.ChoiceField(
                label="Rating",
                choices=TriangleOfCareRating.choices,
                required=False,
                widget=forms.RadioSelect,
                initial=row.rating,
            )
            self.fields[f"evidence_{number}"] = BoundedCharField(
                max_length=NOTE,
                label="Evidence",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=row.evidence,
            )
            self.fields[f"action_{number}"] = BoundedCharField(
                max_length=NOTE,
                label="What we will do",
                help_text="Needed where the standard is not fully met.",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=row.action,
            )
            layout.append(
                Fieldset(
                    f"Standard {number}: {TriangleOfCareStandard(number).label}",
                    NHSField(f"rating_{number}", inline=True, small=True),
                    f"evidence_{number}",
                    f"action_{number}",
                )
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*layout)

    def standards_data(self) -> dict[int, tuple[str, str, str]]:
        return {
            row.standard: tuple(
                self.cleaned_data[f"{name}_{row.standard}"] for name in ("rating", "evidence", "action")
            )
            for row in self.standards
        }
