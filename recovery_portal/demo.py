"""The demo Trust's fixed logins, created by ``manage.py seed_demo`` (all share ``DEMO_PASSWORD``).

Other apps' ``demo.py`` give these people their roles (teams, workstreams, steering groups) and use
``demo_user_ensure`` for the other members of staff they need, who have no usable password.
"""

from django.contrib.auth.models import Group

from .models import AccountKind, User
from .roles import TrustRole

DEMO_EMAIL_DOMAIN = "demo.example.nhs.uk"

# username: (first name, last name, job title, kind, Trust roles). Roles in teams and workstreams come
# from the other apps' demo modules.
DEMO_LOGINS: dict[str, tuple[str, str, str, str, tuple[TrustRole, ...]]] = {
    "admin": ("Alex", "Morgan", "Clinical Systems Administrator", AccountKind.STAFF, ()),
    "teamlead": ("Joanne", "Clarke", "Team Manager", AccountKind.STAFF, ()),
    "clinician": ("Mohammed", "Iqbal", "Community Psychiatric Nurse", AccountKind.STAFF, ()),
    "peerworker": ("Lucy", "Brennan", "Peer Support Worker", AccountKind.STAFF, ()),
    "serviceuser": ("Daniel", "Hughes", "", AccountKind.PERSON, ()),
    "carer": ("Margaret", "Hughes", "", AccountKind.SUPPORTER, ()),
    "wslead": ("Gemma", "Riley", "Consultant Nurse, Peer Support Development", AccountKind.STAFF, ()),
    "steering": ("Priya", "Raman", "Trust-wide Recovery Lead", AccountKind.STAFF, ()),
    "college": (
        "Sarah",
        "Whitfield",
        "Recovery College Manager",
        AccountKind.STAFF,
        (TrustRole.COLLEGE_TEAM,),
    ),
    "trainer": ("Owen", "Price", "Peer Trainer, Recovery College", AccountKind.STAFF, ()),
    "evaluation": (
        "Nadia",
        "Kowalski",
        "Recovery Evaluation Lead",
        AccountKind.STAFF,
        (TrustRole.EVALUATION_TEAM,),
    ),
    "outsider": ("Chris", "Lambert", "Staff Nurse, Forensic Services", AccountKind.STAFF, ()),
}


def demo_user_ensure(
    *,
    username: str,
    first_name: str,
    last_name: str,
    job_title: str = "",
    kind: str = AccountKind.STAFF,
    is_superuser: bool = False,
    trust_roles: tuple[TrustRole, ...] = (),
    password: str | None = None,
) -> User:
    """The demo account ``username`` with these details, created if missing and saved only if changed.

    With ``password`` the account signs in with it; without, a new account gets an unusable password.
    """
    values = {
        "first_name": first_name,
        "last_name": last_name,
        "job_title": job_title,
        "kind": kind,
        "email": f"{username}@{DEMO_EMAIL_DOMAIN}",
        "is_superuser": is_superuser,
        # Django's admin needs is_staff; the portal's "staff" is the account kind.
        "is_staff": is_superuser,
        "is_active": True,
    }
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, **values)
        if password is None:
            user.set_unusable_password()
        else:
            user.set_password(password)
        user.save()
    else:
        changed = [name for name, value in values.items() if getattr(user, name) != value]
        if password is not None and not user.check_password(password):
            user.set_password(password)
            changed.append("password")
        if changed:
            for name in changed:
                if name != "password":
                    setattr(user, name, values[name])
            user.save(update_fields=changed)
    for role in trust_roles:
        group, _ = Group.objects.get_or_create(name=role.value)
        user.groups.add(group)  # adding an existing member is a no-op
    return user


def demo_login(username: str) -> User:
    """A demo account created earlier in the seed (a fixed login or another member of staff)."""
    return User.objects.get(username=username)


def seed(*, password: str, stdout) -> None:
    for username, (first_name, last_name, job_title, kind, roles) in DEMO_LOGINS.items():
        demo_user_ensure(
            username=username,
            first_name=first_name,
            last_name=last_name,
            job_title=job_title,
            kind=kind,
            is_superuser=username == "admin",
            trust_roles=roles,
            password=password,
        )
    stdout.write(f"Demo logins: {', '.join(DEMO_LOGINS)} (password from DEMO_PASSWORD).")
