"""The messages the portal sends, as data: loaded into MessageTemplate by a migration, kept there
(administrators see them in admin), and mirrored in the Trust's GOV.UK Notify service.

No body names a person's care: a link leads to the page, which applies its own access rules. The Notify
template ids here are placeholders made from the code; the Trust replaces each with the id of the
template it creates in Notify (admin, Message templates) before going live.
"""

import uuid

_NAMESPACE = uuid.UUID("6f1c7a52-3c4e-4d4b-9a57-0b8f3cf1a0d2")

TEMPLATES = [
    {
        "code": "place-offered",
        "channel": "email",
        "audience": "people",
        "subject": "A Recovery College place is free for you",
        "body": "Hello ((first_name)),\n\nA place on a Recovery College course you asked for is free. "
        "We will hold it for you until ((offer_ends)).\n\nSee the course and accept the place: ((link))",
        "description": "A place on a course is offered to someone on its waiting list",
    },
    {
        "code": "place-offered",
        "channel": "text",
        "audience": "people",
        "subject": "",
        "body": "Recovery College: a place you asked for is free, held for you until ((offer_ends)). "
        "Accept it here: ((link))",
        "description": "A place on a course is offered to someone on its waiting list",
    },
    {
        "code": "session-reminder",
        "channel": "email",
        "audience": "people",
        "subject": "Your Recovery College session",
        "body": "Hello ((first_name)),\n\nThis is a reminder that you have a Recovery College session on "
        "((session_starts)).\n\nSee where and when: ((link))",
        "description": "A student's session is in the next one or two days",
    },
    {
        "code": "session-reminder",
        "channel": "text",
        "audience": "people",
        "subject": "",
        "body": "Recovery College: reminder of your session on ((session_starts)). Details: ((link))",
        "description": "A student's session is in the next one or two days",
    },
    {
        "code": "plan-review-due",
        "channel": "email",
        "audience": "staff",
        "subject": "Recovery Portal: a plan review is ((due_or_overdue))",
        "body": "A plan on your caseload is ((due_or_overdue)) for review on ((review_date)).\n\n"
        "Open it in the Recovery Portal: ((link))",
        "description": "A plan a member of staff works on falls due for review",
    },
    {
        "code": "report-ready",
        "channel": "email",
        "audience": "staff",
        "subject": "The annual evaluation report for ((year)) is ready",
        "body": "The report has been compiled. You can download it as a PDF or a web page.\n\n"
        "Open it in the Recovery Portal: ((link))",
        "description": "An annual evaluation report has been compiled",
    },
    {
        "code": "report-failed",
        "channel": "email",
        "audience": "staff",
        "subject": "The annual evaluation report for ((year)) could not be compiled",
        "body": "The report could not be compiled in three attempts. The run page says why; start it again "
        "once the problem is fixed.\n\nOpen it in the Recovery Portal: ((link))",
        "description": "An annual evaluation report could not be compiled",
    },
    {
        "code": "invitation-person",
        "channel": "email",
        "audience": "people",
        "subject": "You are invited to see your plans online",
        "body": "Hello ((first_name)),\n\nYour care team has invited you to see your plans in the Recovery "
        "Portal. The link works once, until ((expires)).\n\nAccept the invitation: ((link))\n\n"
        "If you were not expecting this, you can ignore it.",
        "description": "A person is invited to their online record by their care team",
    },
    {
        "code": "invitation-person",
        "channel": "text",
        "audience": "people",
        "subject": "",
        "body": "Your care team has invited you to see your plans online. The link works once, until "
        "((expires)): ((link))",
        "description": "A person is invited to their online record by their care team",
    },
    {
        "code": "invitation-supporter",
        "channel": "email",
        "audience": "people",
        "subject": "You are invited to the Recovery Portal",
        "body": "Hello ((first_name)),\n\nSomeone you support has chosen to share parts of their plans with "
        "you in the Recovery Portal. The link works once, until ((expires)).\n\nAccept the invitation: "
        "((link))\n\nIf you were not expecting this, you can ignore it.",
        "description": "A supporter is invited by the person to see what they share",
    },
    {
        "code": "invitation-supporter",
        "channel": "text",
        "audience": "people",
        "subject": "",
        "body": "Someone you support has shared parts of their plans with you in the Recovery Portal. "
        "The link works once, until ((expires)): ((link))",
        "description": "A supporter is invited by the person to see what they share",
    },
]


def notify_template_id(code: str, channel: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{code}:{channel}")


def load(apps, schema_editor) -> None:
    """Create or refresh every template (safe to run again)."""
    message_template = apps.get_model("recovery_portal", "MessageTemplate")
    for template in TEMPLATES:
        message_template.objects.update_or_create(
            code=template["code"],
            channel=template["channel"],
            defaults={
                **{k: v for k, v in template.items() if k not in ("code", "channel")},
                "notify_template_id": notify_template_id(template["code"], template["channel"])
                if template["audience"] == "people"
                else None,
            },
        )
