"""Forms for recording returns: one NHS.UK radios fieldset per item, built from the instrument's data."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Layout
from django import forms
from django.utils import timezone
from django.utils.html import format_html

from recovery_portal.form_messages import NHSForm
from recovery_portal.nhsuk_forms import NHSDateField, NHSField
from recovery_portal.submissions import SubmissionKeyMixin
from recovery_portal.text_limits import NOTE, BoundedCharField

from .models import ReturnContext, Timepoint
from .selectors import options_for

YES_NO = [("yes", "Yes"), ("no", "No")]


def _item_field(name: str) -> str:
    return f"item_{name}"


class PromReturnForm(SubmissionKeyMixin, NHSForm):
    """The instrument's items in form order, with when and why it was completed.

    ``staff`` adds the timepoint and context (a person completing it themself is not asked);
    ``teams`` offers a choice of team when the person is on more than one of the user's caseloads.
    """

    completed_on = NHSDateField(
        label="Date completed",
        subject="Date completed",
        allow_future=False,
        help_text="For example, 15 3 2026",
        error_messages={"required": "Enter the date it was completed"},
    )

    def __init__(self, *args, instrument, staff: bool, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.items = list(instrument.items.all())
        self.fields["completed_on"].initial = timezone.localdate()
        meta = ["completed_on"]
        if staff:
            self.fields["timepoint"] = forms.ChoiceField(
                label="Timepoint",
                choices=Timepoint.choices,
                widget=forms.RadioSelect,
                error_messages={"required": "Select the timepoint"},
            )
            self.fields["context"] = forms.ChoiceField(
                label="Where it was completed",
                choices=ReturnContext.choices,
                widget=forms.RadioSelect,
                error_messages={"required": "Select where it was completed"},
            )
            meta += ["timepoint", "context"]
        if len(teams) > 1:
            self.fields["team"] = forms.TypedChoiceField(
                label="Which team's caseload is this for?",
                choices=[(team.pk, team.name) for team in teams],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "Select the team"},
            )
            meta.append("team")
        layout = [NHSField(name, label_size="s") for name in meta]
        layout.append(
            HTML(
                format_html(
                    '<h2 class="nhsuk-heading-m">{}</h2><p>{}</p>',
                    instrument.name,
                    instrument.instructions,
                )
            )
        )
        for item in self.items:
            name = _item_field(item.order)
            self.fields[name] = forms.TypedChoiceField(
                label=f"{item.order}. {item.wording}",
                choices=[(option.value, option.label) for option in options_for(instrument, item)],
                coerce=int,
                empty_value=None,
                required=item.is_scored,
                widget=forms.RadioSelect,
                help_text="" if item.is_scored else "Optional. This is reported on its own, not scored.",
                error_messages={"required": f"Select an answer to question {item.order}"},
            )
            layout.append(NHSField(name, label_size="s"))
            if item.asks_follow_up and instrument.follow_up_question:
                help_name = f"help_{item.order}"
                self.fields[help_name] = forms.ChoiceField(
                    label=f"{instrument.follow_up_question} ({item.short_label})",
                    choices=YES_NO,
                    required=False,
                    widget=forms.RadioSelect,
                )
                layout.append(NHSField(help_name, inline=True, small=True))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*layout)

    def answers(self) -> list[int | None]:
        return [self.cleaned_data.get(_item_field(item.order)) for item in self.items]

    def additional_help(self) -> list[bool | None]:
        if not any(item.asks_follow_up for item in self.items):
            return []
        found = []
        for item in self.items:
            answer = self.cleaned_data.get(f"help_{item.order}")
            found.append({"yes": True, "no": False}.get(answer))
        return found


class FeedbackForm(SubmissionKeyMixin, NHSForm):
    """The Friends and Family Test: the 2020 question, its six answers and a free-text follow-up."""

    completed_on = NHSDateField(
        label="Date given",
        subject="Date given",
        allow_future=False,
        help_text="For example, 15 3 2026",
        error_messages={"required": "Enter the date the feedback was given"},
    )
    give_name = forms.ChoiceField(
        label="Can the team know this feedback is from you?",
        choices=[("no", "No, keep it anonymous"), ("yes", "Yes, the team can know it is from me")],
        initial="no",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the team can know it is from you"},
    )

    def __init__(self, *args, instrument, own: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        item = instrument.items.all()[0]
        self.fields["completed_on"].initial = timezone.localdate()
        self.fields["answer"] = forms.TypedChoiceField(
            label=item.wording,
            choices=[(option.value, option.label) for option in options_for(instrument, item)],
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={"required": "Select how your experience of the service was"},
        )
        self.fields["free_text"] = BoundedCharField(
            label=instrument.follow_up_question,
            required=False,
            max_length=NOTE,
            error_messages={"too_long": f"Your answer must be {NOTE:,} characters or fewer"},
            widget=forms.Textarea(attrs={"rows": 4}),
        )
        layout = [NHSField("answer", label_size="m"), NHSField("free_text", label_size="s")]
        if own:
            layout.append(NHSField("give_name", label_size="s"))
        else:
            del self.fields["give_name"]
        layout.insert(0, NHSField("completed_on", label_size="s"))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*layout)


class CommentFlagForm(NHSForm):
    """Why a Friends and Family Test comment could identify someone; it is withheld until reviewed."""

    reason = BoundedCharField(
        label="Why could this comment identify someone?",
        help_text="For example, it names a member of staff or describes a person's circumstances.",
        max_length=NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why the comment could identify someone",
            "too_long": f"The reason must be {NOTE:,} characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(NHSField("reason", label_size="s"))


class CommentReviewForm(NHSForm):
    """The review of a flagged comment: show it to the team, or keep it withheld."""

    outcome = forms.ChoiceField(
        label="Should the team see this comment?",
        choices=[
            ("show", "Show it: it does not identify anyone"),
            ("keep_withheld", "Keep it withheld: it could identify someone"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to show the comment or keep it withheld"},
    )
    note = BoundedCharField(
        label="Note (optional)",
        required=False,
        max_length=NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"too_long": f"The note must be {NOTE:,} characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(NHSField("outcome", label_size="m"), NHSField("note", label_size="s"))
