"""Forms with which the college team sets up courses, runs, sessions, trainers, terms and venues.

They read and tidy what was typed. The rules (unique web addresses, the completion rule, places held,
term dates, co-delivery) are checked by the services, whose errors the views put on these forms.
"""

from crispy_forms.helper import FormHelper
from django import forms

from recovery_portal.form_messages import NHSForm, NHSModelForm
from recovery_portal.nhsuk_forms import NHSDateField

from .models import Course, CourseRun, Term, Venue
from .selectors import trainer_candidates


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


def _number(
    label: str, required_message: str, *, help_text: str = "", minimum: int = 1
) -> forms.IntegerField:
    # A text box with a numeric keyboard, as the NHS.UK design system advises, rather than type="number".
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=minimum,
        max_value=32767,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-4"}),
        error_messages={
            "required": required_message,
            "invalid": f"{label.capitalize()} must be a whole number, like 6",
            "min_value": f"{label.capitalize()} must be {minimum} or more",
            "max_value": f"{label.capitalize()} is too large",
        },
    )


def _time(label: str, required_message: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        help_text="Use the 24-hour clock, for example 10:00 or 14:30",
        # Shown as people write times ("10:00"); a time with seconds, as a saved one once was, still reads.
        input_formats=["%H:%M", "%H.%M", "%H%M", "%H:%M:%S"],
        widget=forms.TimeInput(
            format="%H:%M", attrs={"class": "nhsuk-input--width-5", "inputmode": "numeric"}
        ),
        error_messages={"required": required_message, "invalid": f"{label} must be a time, like 14:30"},
    )


SLUG_HELP = "The end of its web address, in lower-case letters, numbers and hyphens. Leave it blank to make one from the name."


class _ChecksInService:
    """A model form that only reads what was typed (its fields come from the model).

    The service checks uniqueness, the model's constraints and its rules, with messages in the Trust's
    words, and the instance is left as saved until the service changes it.
    """

    def _post_clean(self):
        pass


class CourseForm(_ChecksInService, NHSModelForm):
    session_count = _number("Number of sessions", "Enter the number of sessions")
    session_minutes = _number(
        "Length of each session (minutes)", "Enter the length of each session in minutes"
    )
    completion_min_sessions = _number(
        "Sessions to attend to complete",
        "Enter how many sessions a student attends to complete the course",
        help_text="A student completes the course by attending at least this many sessions of a run.",
    )

    class Meta:
        model = Course
        fields = [
            "title",
            "slug",
            "category",
            "summary",
            "who_it_is_for",
            "learning_outcomes",
            "co_produced_with",
            "session_count",
            "session_minutes",
            "completion_min_sessions",
        ]
        labels = {"slug": "Web address", "co_produced_with": "Co-produced with"}
        help_texts = {
            "slug": SLUG_HELP,
            "learning_outcomes": "One outcome a line, like 'Know what anxiety is'.",
        }
        widgets = {
            "category": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "who_it_is_for": forms.Textarea(attrs={"rows": 3}),
            "learning_outcomes": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "title": {"required": "Enter the course title"},
            "category": {"required": "Select the course's subject"},
            "summary": {"required": "Enter a summary of the course"},
            "who_it_is_for": {"required": "Enter who the course is for"},
            "learning_outcomes": {"required": "Enter at least one learning outcome"},
            "co_produced_with": {"required": "Enter who co-produced the course with the college"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["category"].choices = self.fields["category"].choices[1:]
        if self.instance.pk is None:
            # The model's defaults, which a model form does not offer for a new record.
            self.initial.setdefault("session_minutes", Course._meta.get_field("session_minutes").default)
        self.helper = _helper()


class RunForm(NHSForm):
    """A run of a course: where, when, how many places. A plain form, so that the model's own capacity
    check (the highest place held) does not pre-empt the service, which renumbers places to fit."""

    course = forms.ModelChoiceField(
        queryset=Course.objects.order_by("title"), error_messages={"required": "Select the course"}
    )
    term = forms.ModelChoiceField(
        queryset=Term.objects.order_by("-start_date"), error_messages={"required": "Select the term"}
    )
    venue = forms.ModelChoiceField(
        queryset=Venue.objects.order_by("name"), error_messages={"required": "Select the venue"}
    )
    capacity = _number("Places", "Enter the number of places")
    offer_hours = _number(
        "Hours to accept an offered place",
        "Enter the hours a student has to accept an offered place",
        help_text="Then the place goes to the next person waiting.",
    )

    def __init__(self, *args, course: Course | None = None, started: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if course is not None:
            # A new run's course is the one it was started from.
            del self.fields["course"]
        for name in ("course", "term"):
            if started and name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = "The run has started, so this cannot change."
        self.helper = _helper()

    @staticmethod
    def initial_for(run: CourseRun) -> dict:
        return {
            "course": run.course_id,
            "term": run.term_id,
            "venue": run.venue_id,
            "capacity": run.capacity,
            "offer_hours": run.offer_hours,
        }


class SessionForm(NHSForm):
    on = NHSDateField(label="Date", subject="Date", help_text="For example, 14 10 2026")
    starts = _time("Start time", "Enter the start time")
    ends = _time("End time", "Enter the end time")
    topic = forms.CharField(label="Topic (optional)", max_length=150, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].error_messages["required"] = "Enter the date of the session"
        self.helper = _helper()


class WeeklySessionsForm(NHSForm):
    first = NHSDateField(
        label="Date of the first session",
        subject="Date of the first session",
        help_text="For example, 14 10 2026. The others follow on the same day each week.",
    )
    starts = _time("Start time", "Enter the start time")
    ends = _time("End time", "Enter the end time")
    count = _number("Number of weekly sessions", "Enter how many weekly sessions to add")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="weekly", **kwargs)
        self.fields["first"].error_messages["required"] = "Enter the date of the first session"
        self.helper = _helper()


class TrainerForm(NHSForm):
    user = forms.ModelChoiceField(
        label="Trainer",
        queryset=None,
        help_text="Members of staff, and college students who have a login.",
        error_messages={"required": "Select the trainer", "invalid_choice": "Select a trainer from the list"},
    )
    is_peer_trainer = forms.TypedChoiceField(
        label="Is this a peer trainer?",
        help_text="A peer trainer trains from their own lived experience of mental health challenges.",
        choices=[("yes", "Yes, a peer trainer"), ("no", "No, another trainer")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether this is a peer trainer"},
    )

    def __init__(self, *args, run: CourseRun, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        field.queryset = trainer_candidates().exclude(college_runs__run=run)
        field.label_from_instance = lambda user: (
            f"{user.display_name}, {user.job_title}" if user.job_title else user.display_name
        )
        self.helper = _helper()


class TermForm(_ChecksInService, NHSModelForm):
    start_date = NHSDateField(label="First day", subject="First day", help_text="For example, 7 9 2026")
    end_date = NHSDateField(label="Last day", subject="Last day", help_text="For example, 18 12 2026")

    class Meta:
        model = Term
        fields = ["name", "slug", "start_date", "end_date"]
        labels = {"slug": "Web address"}
        help_texts = {"name": "For example, Autumn 2026", "slug": SLUG_HELP}
        error_messages = {"name": {"required": "Enter the name of the term"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["start_date"].error_messages["required"] = "Enter the first day of the term"
        self.fields["end_date"].error_messages["required"] = "Enter the last day of the term"
        self.helper = _helper()


class VenueForm(_ChecksInService, NHSModelForm):
    class Meta:
        model = Venue
        fields = ["name", "slug", "kind", "partner", "address", "access_information"]
        labels = {
            "slug": "Web address",
            "kind": "Kind of venue",
            "partner": "Community partner (for a spoke)",
            "address": "Address (optional)",
            "access_information": "Access information (optional)",
        }
        help_texts = {"slug": SLUG_HELP}
        widgets = {"kind": forms.RadioSelect, "access_information": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "name": {"required": "Enter the name of the venue"},
            "kind": {"required": "Select the kind of venue"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["kind"].choices = self.fields["kind"].choices[1:]
        self.helper = _helper()
