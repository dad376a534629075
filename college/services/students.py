"""Becoming a student: registering from the prospectus, or joining with an existing login."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

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
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    student_type: str,
    phone: str = "",
) -> Student:
    """A new account and its student profile, together or not at all. No diagnosis is asked."""
    if student_type not in ACCOUNT_KIND_FOR:
        raise ValidationError("Members of staff join the college by signing in with their Trust account.")
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError("That username is taken. Choose another.")
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        kind=ACCOUNT_KIND_FOR[student_type],
        job_title="",
    )
    validate_password(password, user)
    user.set_password(password)
    user.save()
    return Student.objects.create(user=user, student_type=student_type, phone=phone, changed_by=user)


@transaction.atomic
def student_join(*, user, phone: str = "") -> Student:
    """Make a signed-in person a student: staff students, and people who use services, link to their login.

    The college sees only the login and the student profile, never a care record.
    """
    student, _ = Student.objects.get_or_create(
        user=user, defaults={"student_type": STUDENT_TYPE_FOR[user.kind], "phone": phone, "changed_by": user}
    )
    return student
