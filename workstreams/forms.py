"""Forms of goals, actions, progress updates, meetings and annual reports.

Plain forms, not model forms: the rules (dates in order, a reason for dropping, both leads named) are
the services'; a view saves through ``recovery_portal.form_flow.submit``, which shows a service's refusal on the form.
"""

from django import forms
from django.contrib.auth import get_user_model

from recovery_portal.form_messages import NHSForm
from recovery_portal.models import AccountKind
from recovery_portal.nhsuk_forms import NHSDateField
from recovery_portal.ratings import RAG, ActionStatus
from recovery_portal.text_limits import LONG, NAMES, NARRATIVE, NOTE, BoundedCharField

from .models import ComputedFigure, ConversationDomain, GoalStatus, ImrocChallenge


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{user.display_name} ({user.job_title})" if user.job_title else user.display_name


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        return StaffChoiceField.label_from_instance(self, user)


def staff_choices():
    return get_user_model().objects.filter(kind=AccountKind.STAFF, is_active=True)


def _text(
    label: str, *, max_length: int, required: bool = True, help_text: str = "", rows: int = 4
) -> forms.CharField:
    return BoundedCharField(
        max_length=max_length,
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": f"Enter {label[0].lower()}{label[1:]}"},
    )


class GoalForm(NHSForm):
    # The version the form was opened on: a save on top of someone else's is refused (ADR 0031).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(max_length=250, error_messages={"required": "Enter the goal"}, label="Goal")
    domain = forms.ModelChoiceField(
        label="Conversation domain",
        queryset=ConversationDomain.objects.all(),
        empty_label=None,
        widget=forms.RadioSelect,
        help_text="Which conversation the goal mainly sets out to change.",
    )
    challenges = forms.ModelMultipleChoiceField(
        label="ImROC challenges served",
        queryset=ImrocChallenge.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply.",
    )
    measure = forms.CharField(
        label="How success is measured",
        max_length=250,
        help_text="For example: clinical teams with a carer lead.",
        error_messages={"required": "Enter how success is measured"},
    )
    baseline = forms.DecimalField(label="Baseline", required=False, max_digits=12, decimal_places=2)
    target = forms.DecimalField(label="Target", required=False, max_digits=12, decimal_places=2)
    unit = forms.CharField(
        label="Unit", required=False, max_length=60, help_text="For example: %, teams, people."
    )
    computed_figure = forms.ChoiceField(
        label="Figure the portal measures it by",
        choices=ComputedFigure.choices,
        required=False,
        widget=forms.RadioSelect,
        initial="",
        help_text="The portal then records the figure at the end of each month.",
    )
    start_date = NHSDateField(label="Start date", subject="Start date", help_text="For example, 1 4 2026")
    target_date = NHSDateField(label="Target date", subject="Target date", help_text="For example, 31 3 2027")
    status = forms.ChoiceField(
        choices=GoalStatus.choices, widget=forms.RadioSelect, initial=GoalStatus.NOT_STARTED
    )
    met_on = NHSDateField(
        label="Date the goal was met", subject="Date the goal was met", required=False, allow_future=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenges"].label_from_instance = lambda challenge: challenge.title
        self.fields["domain"].label_from_instance = lambda domain: f"Between {domain.title.lower()}"
        for name in ("start_date", "target_date"):
            self.fields[name].error_messages["required"] = f"Enter the {name.replace('_', ' ')}"


class ActionForm(NHSForm):
    # The version the form was opened on: a save on top of someone else's is refused (ADR 0031).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    description = _text("What will be done", max_length=NOTE)
    owner = StaffChoiceField(
        queryset=staff_choices(),
        empty_label="Choose the owner",
        error_messages={"required": "Choose the owner"},
    )
    co_owner = StaffChoiceField(
        label="Co-owner (optional)", queryset=staff_choices(), required=False, empty_label="No co-owner"
    )
    start_date = NHSDateField(label="Start date", subject="Start date", help_text="For example, 1 4 2026")
    due_date = NHSDateField(label="Due date", subject="Due date", help_text="For example, 31 3 2027")
    co_produced = forms.BooleanField(
        label="This action is co-produced",
        required=False,
        help_text="Planned and carried out with people who use services, carers or community partners.",
    )
    co_produced_with = _text("Who was involved", max_length=NOTE, required=False, rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start_date"].error_messages["required"] = "Enter the start date"
        self.fields["due_date"].error_messages["required"] = "Enter the due date"


class ProgressUpdateForm(NHSForm):
    date = NHSDateField(
        label="Date of the update",
        subject="Date of the update",
        allow_future=False,
        help_text="For example, 15 3 2027",
    )
    narrative = _text(
        "What has happened",
        max_length=NARRATIVE,
        help_text="Progress, what helped, what got in the way, what is next.",
    )
    rag = forms.ChoiceField(
        label="RAG rating",
        choices=RAG.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a RAG rating"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        initial=ActionStatus.IN_PROGRESS,
    )
    dropped_reason = _text(
        "Why the action was dropped", max_length=NOTE, required=False, rows=2, help_text="Only if dropped."
    )
    evidence_link = forms.URLField(
        assume_scheme="https",
        label="Link to evidence (optional)",
        required=False,
        max_length=500,
        error_messages={"invalid": "Enter a link that starts with https://"},
    )
    evidence_file = forms.FileField(
        label="Evidence file (optional)",
        required=False,
        help_text="PDF, PNG, JPG, DOCX or XLSX, smaller than 10 MB.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].error_messages["required"] = "Enter the date of the update"
        self.fields["status"].error_messages["required"] = "Select the status"


class MeetingForm(NHSForm):
    # The version the form was opened on: a save on top of someone else's is refused (ADR 0031).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    date = NHSDateField(
        label="Date of the meeting", subject="Date of the meeting", help_text="For example, 12 5 2026"
    )
    attendees = StaffMultipleChoiceField(
        queryset=staff_choices(), required=False, widget=forms.CheckboxSelectMultiple, label="Who attended"
    )
    other_attendees = _text(
        "Other attendees",
        max_length=NAMES,
        required=False,
        rows=2,
        help_text="People without a portal account, and apologies.",
    )
    minutes = _text("Minutes", max_length=NARRATIVE, required=False, rows=8)
    decisions = _text("Decisions", max_length=LONG, required=False, rows=4)

    def __init__(self, *args, attendee_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].error_messages["required"] = "Enter the date of the meeting"
        if attendee_choices is not None:
            self.fields["attendees"].queryset = attendee_choices


class MeetingFollowUpForm(NHSForm):
    description = _text("What needs to be done", max_length=NOTE, rows=3)
    owner = StaffChoiceField(
        queryset=staff_choices(),
        empty_label="Choose the owner",
        error_messages={"required": "Choose the owner"},
    )
    due_date = NHSDateField(label="Due date", subject="Due date", help_text="For example, 30 6 2026")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_date"].error_messages["required"] = "Enter the due date"


class AnnualReportForm(NHSForm):
    achievements = _text("Achievements", max_length=NARRATIVE, required=False, rows=8)
    challenges = _text("Challenges", max_length=NARRATIVE, required=False, rows=6)
    priorities_next_year = _text("Priorities for next year", max_length=NARRATIVE, required=False, rows=6)
    version = forms.IntegerField(widget=forms.HiddenInput)


class GoalMeasurementForm(NHSForm):
    month = NHSDateField(
        label="Month measured",
        subject="Month measured",
        allow_future=False,
        help_text="Any day in the month, for example 1 3 2026",
    )
    value = forms.DecimalField(
        label="Measurement",
        max_digits=12,
        decimal_places=2,
        error_messages={"required": "Enter the measurement", "invalid": "Measurement must be a number"},
    )
    source_detail = forms.CharField(
        label="Source", required=False, max_length=250, help_text="Where the figure comes from."
    )
    note = _text("Note", max_length=NOTE, required=False, rows=3)

    def __init__(self, *args, changing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if changing:  # the month of a recorded measurement stays as it is
            del self.fields["month"]


class GoalRagForm(NHSForm):
    rag = forms.ChoiceField(
        label="RAG rating",
        choices=[("", "None: follow assurance"), *RAG.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    reason = _text(
        "Reason",
        max_length=NOTE,
        required=False,
        rows=3,
        help_text="Why the rating differs from assurance's.",
    )
