"""Forms of the Recovery College. Each ModelForm lists its fields; services do the writing."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.core.exceptions import ValidationError
from django.db.models import Q

from recovery_portal.financial_year import FinancialYear
from recovery_portal.form_messages import NHSForm, NHSModelForm
from recovery_portal.models import AccountKind, User
from recovery_portal.nhsuk_forms import NHSField
from recovery_portal.roles import TrustRole

from .models import RECOLLECT_COMPONENTS, FidelityRating, LearningPlan, RunFeedback, StudentType
from .services.students import ACCOUNT_KIND_FOR


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    if layout:
        helper.layout = Layout(*layout)
    return helper


class StudentRegistrationForm(NHSForm):
    """Anyone may register: no referral, no diagnosis, no charge."""

    first_name = forms.CharField(max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    email = forms.EmailField(
        label="Email address",
        max_length=150,
        help_text="You will sign in with it. We send a link to it to check it is yours, reminders before "
        "your sessions, and news when a place comes free.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label="Phone number (optional)",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    student_type = forms.ChoiceField(
        label="Which of these describes you best?",
        help_text="Everyone learns together. We ask only so that we know who the college reaches. "
        "Members of Trust staff: sign in with your Trust account instead.",
        choices=[(value, label) for value, label in StudentType.choices if value in ACCOUNT_KIND_FOR],
        widget=forms.RadioSelect,
        error_messages={"required": "Select which of these describes you best"},
    )
    password1 = forms.CharField(
        label="Create a password",
        help_text=password_validators_help_text_html(),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )
    password2 = forms.CharField(
        label="Type your password again",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    error_messages = {
        "first_name": "Enter your first name",
        "last_name": "Enter your last name",
        "email": "Enter your email address",
        "password1": "Create a password",
        "password2": "Type your password again",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in self.error_messages.items():
            self.fields[name].error_messages["required"] = message
        self.fields["email"].error_messages["invalid"] = "Enter an email address like name@example.com"
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The passwords do not match")
        elif first:
            probe = User(
                username=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
                email=cleaned.get("email", ""),
            )
            try:
                validate_password(first, probe)
            except ValidationError as problems:
                self.add_error("password1", problems)
        return cleaned


class JoinForm(NHSForm):
    phone = forms.CharField(label="Phone number (optional)", max_length=30, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class LearningPlanStartForm(NHSModelForm):
    class Meta:
        model = LearningPlan
        fields = ["goals", "support_needs"]
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 5}),
            "support_needs": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"goals": {"required": "Write at least one goal, in your own words"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


NEXT_STEP_FIELDS = ["next_volunteering", "next_education", "next_employment", "next_community_groups"]


class LearningPlanForm(NHSModelForm):
    """The student's own plan: goals, support, the end-of-term review and next steps."""

    # The student and their tutor both write here: a save on top of the other's is refused (ADR 0031).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = LearningPlan
        fields = [
            "goals",
            "support_needs",
            "review_outcome",
            "review_notes",
            *NEXT_STEP_FIELDS,
            "next_steps_notes",
        ]
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 5}),
            "support_needs": forms.Textarea(attrs={"rows": 3}),
            "review_outcome": forms.RadioSelect,
            "review_notes": forms.Textarea(attrs={"rows": 3}),
            "next_steps_notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"goals": {"required": "Write at least one goal, in your own words"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_outcome"].choices = [
            ("", "Not reviewed yet"),
            *self.fields["review_outcome"].choices[1:],
        ]
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        self.helper = _helper(*[NHSField(name, inline=name == "review_outcome") for name in self.fields])


class LearningPlanTutorForm(LearningPlanForm):
    """The college team also chooses the personal tutor."""

    class Meta(LearningPlanForm.Meta):
        fields = ["personal_tutor", *LearningPlanForm.Meta.fields]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["personal_tutor"].queryset = (
            User.objects.filter(kind=AccountKind.STAFF, is_active=True)
            .filter(Q(college_runs__isnull=False) | Q(groups__name=TrustRole.COLLEGE_TEAM))
            .distinct()
        )
        self.fields["personal_tutor"].label_from_instance = lambda user: user.display_name


class WithdrawForm(NHSForm):
    reason = forms.CharField(
        label="Why is the student being withdrawn?",
        help_text="The student can see this. For example, they asked to stop coming.",
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why the student is being withdrawn",
            "max_length": "The reason must be 200 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class FeedbackForm(NHSModelForm):
    class Meta:
        model = RunFeedback
        fields = ["rating", "best_part", "to_improve"]
        widgets = {
            "rating": forms.RadioSelect,
            "best_part": forms.Textarea(attrs={"rows": 3}),
            "to_improve": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"rating": {"required": "Select how useful the course was"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = self.fields["rating"].choices[1:]
        self.helper = _helper()


class FidelityRatingForm(NHSModelForm):
    """Scores only: the item wording is in the official measure, linked from the page."""

    class Meta:
        model = FidelityRating
        fields = ["year", *[name for name, _ in RECOLLECT_COMPONENTS], "notes"]
        widgets = {name: forms.RadioSelect for name, _ in RECOLLECT_COMPONENTS} | {
            "notes": forms.Textarea(attrs={"rows": 3})
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in RECOLLECT_COMPONENTS:
            self.fields[name].choices = self.fields[name].choices[1:]
            self.fields[name].error_messages["required"] = f"Select a score for {label}"
        self.fields["year"].error_messages["required"] = "Enter the financial year, like 2026/27"
        self.helper = _helper(
            NHSField("year"),
            *[NHSField(name, inline=True) for name, _ in RECOLLECT_COMPONENTS],
            NHSField("notes"),
        )

    def clean_year(self):
        try:
            return FinancialYear.parse(self.cleaned_data["year"]).label
        except ValueError:
            raise ValidationError("Enter the financial year, like 2026/27") from None

    def validate_unique(self):
        # A second rating for the same year replaces the first (the service updates it).
        pass


class SessionRegisterForm(NHSForm):
    """The register of one session: present or absent for each student with a place (``mark-<place>``)."""

    MARKS = [("present", "Present"), ("absent", "Absent")]

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for enrolment in self.rows:
            self.fields[f"mark-{enrolment.pk}"] = forms.ChoiceField(
                label=enrolment.student.user.display_name,
                choices=self.MARKS,
                required=False,
                widget=forms.RadioSelect,
                initial={True: "present", False: "absent"}.get(enrolment.mark),
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            *(NHSField(name, inline=True, small=True, label_size="s") for name in self.fields)
        )

    def clean(self):
        cleaned = super().clean()
        known = set(self.fields)
        if any(key.startswith("mark-") and key not in known for key in self.data):
            raise ValidationError("The register lists someone who does not have a place on this course.")
        if not self.marks():
            raise ValidationError("Mark at least one student as present or absent")
        return cleaned

    def marks(self) -> dict[int, bool]:
        """Place id → present, for each student marked."""
        return {
            enrolment.pk: self.cleaned_data[f"mark-{enrolment.pk}"] == "present"
            for enrolment in self.rows
            if self.cleaned_data.get(f"mark-{enrolment.pk}")
        }
