"""The demo Trust's governance: workstream leads, steering group chairs and members.

Runs after ``recovery_portal.demo`` (the fixed logins exist) and before ``teams.demo``.
"""

from datetime import date

from recovery_portal.demo import demo_login, demo_user_ensure

from . import demo_strategy, selectors, services
from .reference import SteeringGroupSlug, WorkstreamSlug

# slug: ((professional lead), (peer lead)), each (username, first name, last name, job title).
# ``wslead`` is the professional lead of Peer Support; the other leads are demo staff without a login.
LEADS = {
    WorkstreamSlug.CHANGING_THE_CULTURE: (
        (
            "anita.desai",
            "Anita",
            "Desai",
            "Consultant Clinical Psychologist, Organisational Consultancy Unit",
        ),
        ("lewis.shaw", "Lewis", "Shaw", "Peer Recovery Trainer"),
    ),
    WorkstreamSlug.RECOVERY_COLLEGE: (
        ("julian.ashby", "Julian", "Ashby", "Associate Director of Learning and Development"),
        ("hannah.cole", "Hannah", "Cole", "Lead Peer Trainer, Recovery College"),
    ),
    WorkstreamSlug.PEER_SUPPORT: (
        ("wslead", None, None, None),
        ("tom.agbaje", "Tom", "Agbaje", "Peer Support Lead"),
    ),
    WorkstreamSlug.RISK: (
        ("martin.keane", "Martin", "Keane", "Reducing Restrictive Practice Lead"),
        ("shauna.doyle", "Shauna", "Doyle", "Peer Support Worker, Forensic Services"),
    ),
    WorkstreamSlug.STAFF_WELLBEING: (
        ("claire.pemberton", "Claire", "Pemberton", "Head of Staff Health and Wellbeing"),
        ("daniel.okoro", "Daniel", "Okoro", "Peer Trainer, Learning and Development"),
    ),
    WorkstreamSlug.LIFE_BEYOND_ILLNESS: (
        ("fiona.mcallister", "Fiona", "McAllister", "Individual Placement and Support Service Lead"),
        ("kelly.marsh", "Kelly", "Marsh", "Senior Peer Support Worker"),
    ),
    WorkstreamSlug.FAMILIES_AND_FRIENDS: (
        ("bernadette.quinn", "Bernadette", "Quinn", "Trust Carers Lead"),
        ("alan.whitmore", "Alan", "Whitmore", "Carer Peer Support Worker"),
    ),
}

CHAIRS = {
    SteeringGroupSlug.TRUST: (
        "helen.okafor",
        "Helen",
        "Okafor",
        "Executive Medical Director",
        "Executive sponsor",
    ),
    SteeringGroupSlug.LOCAL_PARTNERSHIPS: (
        "simon.hartley",
        "Simon",
        "Hartley",
        "Clinical Director, Specialist Services",
        "Chair",
    ),
    SteeringGroupSlug.FORENSIC_SERVICES: (
        "karen.whitlock",
        "Karen",
        "Whitlock",
        "Associate Director of Nursing, Forensic Services",
        "Chair",
    ),
}

# Other members of the Trust-wide group (as the strategy lists them) and the service recovery leads.
TRUST_MEMBERS = [
    ("steering", None, None, None, "Trust-wide Recovery Lead"),
    ("simon.hartley", None, None, None, "Chair, Local Partnerships Recovery Steering Group"),
    ("karen.whitlock", None, None, None, "Chair, Forensic Services Recovery Steering Group"),
    ("tom.agbaje", None, None, None, "Peer Support Lead"),
    ("rebecca.lund", "Rebecca", "Lund", "Head of Communications", "Head of Communications"),
    ("graham.fielding", "Graham", "Fielding", "Director of Human Resources", "Director of Human Resources"),
    ("julian.ashby", None, None, None, "Associate Director of Learning and Development"),
    ("yasmin.begum", "Yasmin", "Begum", "Head of Involvement and Experience", "Head of Involvement"),
    ("michael.stanton", "Michael", "Stanton", "Professor of Recovery", "Professor of Recovery"),
]
SERVICE_RECOVERY_LEADS = {
    SteeringGroupSlug.LOCAL_PARTNERSHIPS: [
        ("ruth.mensah", "Ruth", "Mensah", "Recovery Lead, Adult Mental Health"),
        ("peter.walsh", "Peter", "Walsh", "Recovery Lead, Mental Health Services for Older People"),
        ("imogen.carter", "Imogen", "Carter", "Recovery Lead, Specialist Services"),
    ],
    SteeringGroupSlug.FORENSIC_SERVICES: [
        ("david.osei", "David", "Osei", "Recovery Lead, High Secure Services"),
        ("laura.bennett", "Laura", "Bennett", "Recovery Lead, Medium and Low Secure Services"),
        ("sanjay.patel", "Sanjay", "Patel", "Recovery Lead, Offender Health"),
    ],
}

SEATS_FROM = date(2021, 4, 1)


def _person(username: str, first_name: str | None, last_name: str | None, job_title: str | None):
    # Without a name the person already exists: a fixed login, or someone created earlier in this seed.
    if first_name is None:
        return demo_login(username)
    return demo_user_ensure(
        username=username, first_name=first_name, last_name=last_name, job_title=job_title
    )


def _seat(group, user, role: str, by) -> None:
    membership = selectors.steering_group_membership_open(group=group, user=user)
    if membership is None:
        services.steering_group_membership_start(
            group=group, user=user, role=role, start_date=SEATS_FROM, by=by
        )
    else:
        services.steering_group_membership_update(membership=membership, role=role, by=by)


def seed(*, password: str, stdout) -> None:
    by = demo_login("admin")
    leads = []
    for slug, (professional, peer) in LEADS.items():
        professional_lead, peer_lead = _person(*professional), _person(*peer)
        services.workstream_set_leads(
            workstream=selectors.workstream_get(slug=slug),
            professional_lead=professional_lead,
            peer_lead=peer_lead,
            by=by,
        )
        leads.append((slug, professional_lead, peer_lead))

    groups = {slug: selectors.steering_group_get(slug=slug) for slug in SteeringGroupSlug}
    for slug, (username, first_name, last_name, job_title, role) in CHAIRS.items():
        chair = _person(username, first_name, last_name, job_title)
        services.steering_group_set_chair(group=groups[slug], chair=chair, by=by)
        _seat(groups[slug], chair, role, by)
    for username, first_name, last_name, job_title, role in TRUST_MEMBERS:
        _seat(groups[SteeringGroupSlug.TRUST], _person(username, first_name, last_name, job_title), role, by)
    # The service-specific groups are attended by the workstream leads and the service recovery leads.
    for slug, recovery_leads in SERVICE_RECOVERY_LEADS.items():
        for username, first_name, last_name, job_title in recovery_leads:
            _seat(
                groups[slug], _person(username, first_name, last_name, job_title), "Service recovery lead", by
            )
        for workstream_slug, professional_lead, peer_lead in leads:
            name = selectors.workstream_get(slug=workstream_slug).name
            _seat(groups[slug], professional_lead, f"Professional lead, {name}", by)
            _seat(groups[slug], peer_lead, f"Peer lead, {name}", by)
    stdout.write("Demo workstream leads, steering group chairs and members are in place.")
    demo_strategy.seed(stdout=stdout)
