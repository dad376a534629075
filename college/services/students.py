"""Becoming a student: registering from the prospectus, or joining with an existing login."""

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q

from recovery_portal.models import AccountKind, User

from ..models import Student, StudentType

# A public registration can never create a staff account: staff join with their Trust login.
ACCOUNT_KIND_FOR = {
    StudentType.PERSON: AccountKind.PERSON,
    StudentType.SUPPORTER: AccountKind.SUPPORTER,
    StudentType.COMMUNITY: AccountKind.COMMUNITY,
}
STUDENT_TYPE_FOR = {
    AccountKind.STAFF: StudentType.STAFF,
    AccountKind.PERSON: StudentType.PERSON,
    AccountKind.SUPPORTER: StudentType.SUPPORTER,
    AccountKind.COMMUNITY: StudentType.COMMUNITY,
}


@transaction.atomic
def student_register(
    *,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    student_type: str,
    phone: str = "",
) -> Student | None:
    """A new account, not yet active, and its student profile; the e-mail address must be confirmed by
    the link sent to it before the account can sign in or enrol (ADR 0027). No diagnosis is asked.

    The username is the e-mail address: the public never chooses one, so registering reveals no one
    else's account. When the address is already registered, nothing is created and None is returned;
    the owner is told by e-mail instead, and the page the visitor sees is the same either way.
    """
    if student_type not in ACCOUNT_KIND_FOR:
        raise ValidationError("Members of staff join the college by signing in with their Trust account.")
    address = email.strip().lower()
    existing = User.objects.filter(Q(username__iexact=address) | Q(email__iexact=address)).first()
    if existing is not None:
        # Registered but never confirmed: the same confirmation link is sent again, and nothing changes
        # (a stranger must not be able to replace the password of someone else's pending account).
        pending = not existing.is_active and existing.last_login is None
        return Student.objects.filter(user=existing).first() if pending else None
    user = User(
        username=address,
        first_name=first_name,
        last_name=last_name,
        email=address,
        kind=ACCOUNT_KIND_FOR[student_type],
        job_title="",
        is_active=False,
    )
    validate_password(password, user)
    user.set_password(password)
    user.save()
    return Student.objects.create(user=user, student_type=student_type, phone=phone, changed_by=user)


def email_confirmation_token(user) -> str:
    """A signed, expiring link token, good once: it names the account's state before confirming, which
    confirming changes (the account becomes active), so a second use finds it different."""
    return signing.dumps({"u": user.pk, "s": _confirmation_state(user)}, salt=_CONFIRM_SALT, compress=True)


def _confirmation_state(user) -> str:
    import hashlib

    return hashlib.sha256(f"{user.pk}:{user.is_active}:{user.password}:{user.email}".encode()).hexdigest()[
        :20
    ]


_CONFIRM_SALT = "college.student_register.confirm_email"


def student_email_confirm(*, token: str):
    """The account whose e-mail address the link confirms, now active; None for a link that is wrong,
    used, or older than STUDENT_EMAIL_CONFIRMATION_HOURS."""
    max_age = settings.STUDENT_EMAIL_CONFIRMATION_HOURS * 60 * 60
    try:
        payload = signing.loads(token, salt=_CONFIRM_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=payload.get("u"), is_active=False).first()
        if user is None or _confirmation_state(user) != payload.get("s"):
            return None
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


def student_registration_email(*, email: str, student: Student | None, confirm_url: str) -> None:
    """The e-mail after a registration: the link to confirm, or, for an address already registered, a
    note to its owner (who may have forgotten). Sent through Django's mail, as password resets are."""
    if student is not None:
        subject = "Confirm your email address for the Recovery College"
        body = (
            f"Hello {student.user.first_name},\n\n"
            "To finish registering with the Recovery College, open this link:\n\n"
            f"{confirm_url}\n\n"
            f"The link works once, within {settings.STUDENT_EMAIL_CONFIRMATION_HOURS} hours. Your username is "
            "this email address.\n\nIf you did not register, you can ignore this email."
        )
    else:
        subject = "Someone tried to register with your email address"
        body = (
            "Hello,\n\nSomeone tried to register with the Recovery College using this email address, which "
            "already has an account. If it was you, sign in with it, or reset your password if you have "
            "forgotten it.\n\nIf it was not you, you can ignore this email."
        )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])


@transaction.atomic
def student_join(*, user, phone: str = "") -> Student:
    """Make a signed-in person a student: staff students, and people who use services, link to their login.

    The college sees only the login and the student profile, never a care record.
    """
    student, _ = Student.objects.get_or_create(
        user=user, defaults={"student_type": STUDENT_TYPE_FOR[user.kind], "phone": phone, "changed_by": user}
    )
    return student
