"""Forms of the careplans app. Every write is done by a service; forms only validate what was typed."""

from django import forms
from django.core.exceptions import ValidationError

from recovery_portal.form_messages import NHSForm
from recovery_portal.nhs_number import normalise_nhs_number, validate_nhs_number
from recovery_portal.nhsuk_forms import NHSDateField
from recovery_portal.text_limits import ENTRY, NAMES, BoundedCharField
from recovery_portal.uploads import validate_upload

from .models import AuthorRole, ConsentGiven, ContactPreference, PlanStage, SupporterRelationship
from .sections import EntryKind, LifeArea, Section
from .services.plans import PLAN_DOCUMENT_MAX_BYTES, PLAN_DOCUMENT_TYPES, REFUSAL_NEEDS_ALTERNATIVE

PLACEMENT_FIELDS = ["team", "start_date", "care_coordinator", "peer_support_worker"]


class _CaseloadPlacement(NHSForm):
    """The caseload a person is placed on and their workers, and the NHS number check, shared by a new
    person's form and a known person's; these fields come after the form's own."""

    team = forms.ModelChoiceField(label="Caseload", queryset=None, empty_label=None)
    start_date = NHSDateField(label="On the caseload from", subject="Date", allow_future=False)
    care_coordinator = forms.ModelChoiceField(label="Care coordinator", queryset=None, required=False)
    peer_support_worker = forms.ModelChoiceField(label="Peer support worker", queryset=None, required=False)

    def __init__(self, *args, teams, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields([name for name in self.fields if name not in PLACEMENT_FIELDS] + PLACEMENT_FIELDS)
        self.fields["team"].queryset = teams
        self.fields["care_coordinator"].queryset = workers
        self.fields["peer_support_worker"].queryset = workers
        for name in ("care_coordinator", "peer_support_worker"):
            self.fields[name].label_from_instance = lambda user: user.display_name

    def clean_nhs_number(self) -> str:
        value = self.cleaned_data["nhs_number"]
        validate_nhs_number(value)
        return normalise_nhs_number(value)


class ServiceUserForm(_CaseloadPlacement):
    given_name = forms.CharField(label="First name", max_length=100)
    family_name = forms.CharField(label="Last name", max_length=100)
    preferred_name = forms.CharField(
        label="Preferred name (optional)",
        max_length=100,
        required=False,
        help_text="What they like to be called.",
    )
    pronouns = forms.CharField(label="Pronouns (optional)", max_length=40, required=False)
    date_of_birth = NHSDateField(
        label="Date of birth", subject="Date of birth", allow_future=False, help_text="For example, 15 3 1984"
    )
    nhs_number = forms.CharField(label="NHS number", max_length=20, help_text="10 digits, like 943 476 5919")
    phone = forms.CharField(label="Phone number (optional)", max_length=30, required=False)
    email = forms.EmailField(label="Email address (optional)", required=False)
    contact_preference = forms.ChoiceField(
        label="How they prefer to be contacted (optional)",
        choices=[("", "Not known"), *ContactPreference.choices],
        required=False,
    )


class KnownPersonForm(_CaseloadPlacement):
    """Adding a person already known to the Trust: their NHS number and date of birth must both match."""

    nhs_number = forms.CharField(
        label="NHS number",
        max_length=20,
        help_text="10 digits, like 943 476 5919",
        error_messages={"required": "Enter the person's NHS number"},
    )
    date_of_birth = NHSDateField(
        label="Date of birth", subject="Date of birth", allow_future=False, help_text="For example, 15 3 1984"
    )


class CaseloadEndForm(NHSForm):
    end_date = NHSDateField(label="Last day on the caseload", subject="Last day")


class SupporterForm(NHSForm):
    name = forms.CharField(max_length=150)
    relationship = forms.ChoiceField(choices=SupporterRelationship.choices, widget=forms.RadioSelect)
    phone = forms.CharField(label="Phone number (optional)", max_length=30, required=False)


class VersionForm(NHSForm):
    """The version of the plan the page was built on, posted back to refuse stale saves."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


STAFF_AUTHOR_ROLES = [
    (AuthorRole.SAID_IN_ROOM, "Their words, said here with me: shown as said by them, written down by me"),
    (AuthorRole.PEER_WORKER, AuthorRole.PEER_WORKER.label),
    (AuthorRole.CLINICIAN, AuthorRole.CLINICIAN.label),
    (AuthorRole.SUPPORTER, AuthorRole.SUPPORTER.label),
]


class EntryForm(VersionForm):
    text = BoundedCharField(
        label="What to write",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=ENTRY,
        error_messages={"too_long": f"The entry must be {ENTRY:,} characters or fewer"},
    )
    life_area = forms.ChoiceField(label="Area of life", choices=LifeArea.choices, required=False)
    alternative = BoundedCharField(
        label="What would you accept instead?",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=ENTRY,
        error_messages={"too_long": f"What you would accept instead must be {ENTRY:,} characters or fewer"},
        required=False,
    )
    no_alternative = forms.BooleanField(label="There is no acceptable alternative", required=False)
    phone = forms.CharField(
        label="Phone number (optional)",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    author_role = forms.ChoiceField(
        label="Whose words are these?", choices=AuthorRole.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, section: Section, own: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        self.fields["text"].label = section.own_title if own else section.title
        if section.hint:
            self.fields["text"].help_text = section.hint
        if section.kind != EntryKind.GOAL:
            del self.fields["life_area"]
        if section.kind != EntryKind.REFUSAL:
            del self.fields["alternative"], self.fields["no_alternative"]
        else:
            self.fields["text"].label = "What treatment or care do you not want?" if own else "Refusal"
        if section.kind != EntryKind.CONTACT:
            del self.fields["phone"]
        if own:
            # The person's own login: whatever they write is in their own words.
            del self.fields["author_role"]
        else:
            # Staff never write as the person: their words said here are recorded as written down by staff.
            self.fields["author_role"].choices = STAFF_AUTHOR_ROLES

    def clean(self):
        cleaned = super().clean()
        if self.section.kind == EntryKind.REFUSAL:
            if not (cleaned.get("alternative") or "").strip() and not cleaned.get("no_alternative"):
                self.add_error("alternative", REFUSAL_NEEDS_ALTERNATIVE)
        return cleaned


class PlanDetailsForm(VersionForm):
    review_date = NHSDateField(label="Review date", subject="Review date", required=False)
    stage = forms.ChoiceField(choices=PlanStage.choices, widget=forms.RadioSelect, required=False)
    facilitator = forms.CharField(
        max_length=150,
        required=False,
        help_text="Often someone from outside the care team who helps prepare the plan and chairs the meeting.",
    )
    people_present = BoundedCharField(
        label="People at the planning meeting",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=NAMES,
    )
    person_at_meeting = forms.BooleanField(
        label="The person was at the planning meeting",
        help_text="A Joint Crisis Plan is agreed with the person at the meeting.",
        required=False,
    )

    def __init__(self, *args, crisis: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not crisis:
            for name in ("stage", "facilitator", "people_present", "person_at_meeting"):
                del self.fields[name]


class AgreeForm(VersionForm):
    in_the_room = forms.BooleanField(
        label="The person is here with me and agrees this version of the plan", required=True
    )

    def __init__(self, *args, own: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if own:
            del self.fields["in_the_room"]


class DisagreementForm(NHSForm):
    text = BoundedCharField(
        label="What do you disagree with, and why?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=ENTRY,
        error_messages={"too_long": f"What you disagree with must be {ENTRY:,} characters or fewer"},
    )


class ConsentForm(NHSForm):
    """One checkbox group per plan: the sections this supporter may see."""

    def __init__(
        self, *args, plans, current: dict[int, list[str]], own: bool = True, person_name: str = "", **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.plans = plans
        if not own and plans:
            # Staff only record a choice the person made with them; the person is told of it.
            self.fields["given_in_room"] = forms.ChoiceField(
                label=f"How did {person_name} give their consent, here with you?",
                help_text=f"Only {person_name} can choose what is shared. They will see that you recorded it.",
                choices=ConsentGiven.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select how {person_name} gave their consent"},
            )
        for plan in plans:
            self.fields[f"plan_{plan.pk}"] = forms.MultipleChoiceField(
                label=plan.get_kind_display(),
                choices=[(section.code, section.own_title) for section in plan.sections],
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=current.get(plan.pk, []),
            )

    def choices_by_plan(self):
        return [(plan, self.cleaned_data.get(f"plan_{plan.pk}", [])) for plan in self.plans]


class CompareForm(NHSForm):
    old = forms.IntegerField(label="From version", min_value=1)
    new = forms.IntegerField(label="To version", min_value=1)

    def __init__(self, *args, latest: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.latest = latest  # the plan's newest version: versions are numbered from 1 without gaps

    def clean(self):
        cleaned = super().clean()
        old, new = cleaned.get("old"), cleaned.get("new")
        if old and new and old == new:
            raise ValidationError("Choose two different versions to compare")
        if self.latest is not None and any(number and number > self.latest for number in (old, new)):
            raise ValidationError(f"Choose versions between 1 and {self.latest}")
        return cleaned


class CaseloadFilterForm(NHSForm):
    q = forms.CharField(label="Name or NHS number", required=False, max_length=100)
    team = forms.TypedChoiceField(label="Team", coerce=int, required=False, empty_value=None)
    need = forms.ChoiceField(label="Show people with", required=False)

    def __init__(self, *args, teams, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "All your teams"), *[(team.pk, team.name) for team in teams]]
        self.fields["need"].choices = needs


class PlanDocumentForm(NHSForm):
    title = forms.CharField(
        label="Name of the document", max_length=150, help_text="For example, signed advance decision"
    )
    file = forms.FileField(label="Choose the file", help_text="A PDF, PNG or JPG, smaller than 5 MB")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, allowed=PLAN_DOCUMENT_TYPES, max_bytes=PLAN_DOCUMENT_MAX_BYTES)
        return upload
