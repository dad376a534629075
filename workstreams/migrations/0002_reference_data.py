"""The strategy's reference data: three conversation domains, ten ImROC challenges, seven workstreams,
the challenge-to-workstream map and the three Recovery Steering Groups (without people).

The values are written out here rather than imported so that this migration stays what it was when it
first ran. Codes match ``workstreams.reference``. Re-running is harmless: rows are keyed by code.
"""

from django.db import migrations

DOMAINS = [
    (
        "workers_people",
        "Health workers and the people they support",
        "Towards shared decision-making and more equal partnership",
    ),
    ("services_users", "Services and the people who use them", "Towards co-produced and co-delivered services"),
    (
        "services_communities",
        "Services and communities",
        "Towards merging services with communities and community resources",
    ),
]

# Order follows Shepherd, Boardman & Burns (2010); other sources number them differently.
CHALLENGES = [
    (
        "interactions",
        "Changing the nature of day-to-day interactions and the quality of experience",
        "Every contact conveys hope, respects people's expertise about their own lives and builds on their "
        "strengths. People's experience of care is asked about routinely and acted upon.",
    ),
    (
        "education",
        "Delivering comprehensive, service-user-led education and training programmes",
        "Education about recovery, self-management and wellbeing is co-produced and co-delivered by people "
        "with lived experience, for people using services, families and staff alike.",
    ),
    (
        "recovery-college",
        "Establishing a Recovery College to drive the programmes forward",
        "A college, not a clinic: people using services, carers and staff learn together on courses that "
        "peer and professional trainers design and deliver together.",
    ),
    (
        "culture-leadership",
        "Ensuring organisational commitment, creating the culture",
        "Leaders at every level commit to recovery, and it shows in strategy, business plans, recruitment "
        "and governance, not only in what clinicians do.",
    ),
    (
        "personalisation",
        "Increasing personalisation and choice",
        "People have real choice and control over the support they receive, including personal budgets and "
        "self-directed support, with care planned around their own goals rather than service categories.",
    ),
    (
        "risk",
        "Changing the way we approach risk assessment and management",
        "From risk to safety: risks are considered with the person through joint crisis plans and safety "
        "plans, with positive risk-taking and less restrictive practice.",
    ),
    (
        "involvement",
        "Redefining service user involvement",
        "People who use services and their families are equal partners in designing, delivering and "
        "governing services, not only consulted about them.",
    ),
    (
        "workforce",
        "Transforming the workforce",
        "Peer workers, who draw on their own lived experience, are employed in every part of the service, "
        "and lived experience is valued across the whole workforce.",
    ),
    (
        "staff-wellbeing",
        "Supporting staff in their recovery journey",
        "Staff wellbeing matters in its own right and because staff who feel supported support recovery; "
        "staff are encouraged to use their own lived and life experience at work.",
    ),
    (
        "beyond-illness",
        "Increasing opportunities for building a life beyond illness",
        "Services help people to a home, work or study, friends and a place in their community, working with "
        "employment, housing and community partners.",
    ),
]

WORKSTREAMS = [
    (
        "changing-the-culture",
        "Changing the Culture",
        "workers_people",
        "Changes how every conversation in the Trust is held, so that care plans are built around strengths, "
        "possibilities and personal aspirations rather than symptoms and problems. It brings Personal Recovery "
        "and Wellbeing Plans and Joint Crisis Plans to everyone using the service, supports every clinical "
        "team to co-produce an annual Team Recovery Plan at an externally facilitated away day, and promotes "
        "dialogical approaches such as Open Dialogue across the Trust.",
    ),
    (
        "recovery-college",
        "Recovery College and co-produced education",
        "services_users",
        "Offers co-produced learning in which people using services, families, friends and staff learn "
        "alongside one another. Every course is co-produced and co-delivered by a peer trainer and a "
        "professional trainer, so that people can draw on both lived and professional expertise and gain the "
        "confidence and skills to take part in shared decision-making. Community spokes and partners bring "
        "courses to particular communities.",
    ),
    (
        "peer-support",
        "Peer Support: transforming the workforce",
        "services_users",
        "Employs people trained to draw on their own lived experience throughout the Trust, so that everyone "
        "using services can be supported by someone who has been there. Peer workers offer a relationship "
        "based on mutuality and reciprocity, help people see themselves as more than a patient and connect "
        "with their communities. Carer peer support workers support families and friends, and teams are "
        "helped to value and develop colleagues with lived experience.",
    ),
    (
        "risk",
        "Changing the way we approach Risk",
        "workers_people",
        "Moves from managing risk to sharing responsibility for safety, and reduces restrictive practice. "
        "Care planning centres on personal goals and preferences rather than risk reduction alone, with joint "
        "crisis plans and jointly produced safety plans. Blanket rules are challenged, and reviews after any "
        "use of restraint bring people who use services and staff together to learn how to prevent it.",
    ),
    (
        "staff-wellbeing",
        "Supporting staff in their journeys",
        "services_users",
        "Supports staff in their own recovery and wellbeing, because staff who are valued and well are better "
        "able to support the recovery of others. Recruitment focuses on values, with people who use services "
        "on interview panels; teams make time for reflective practice and celebrate recovery-focused "
        "outcomes, not only problems; and staff are encouraged to use their lived and life experience at work "
        "alongside professional expertise.",
    ),
    (
        "life-beyond-illness",
        "Increasing opportunities for Life Beyond Illness",
        "services_communities",
        "Helps people build the life they want beyond illness: a home of their own, friends and social "
        "networks, and opportunities to work and contribute to family and community. Care planning seeks out "
        "valued roles and activities; teams build community resource directories and links with local "
        "colleges, faith and community groups and sports facilities; and employment specialists offer "
        "evidence-based supported employment (Individual Placement and Support).",
    ),
    (
        "families-and-friends",
        "Families and Friends",
        "workers_people",
        "Makes the Trust carer friendly under the Triangle of Care. Every team has a Carer Lead; families and "
        "friends are offered information, education and, where it helps, structured approaches such as "
        "Behavioural Family Therapy. With the person's agreement, relatives take part in collaborative care "
        "planning and joint safety plans, and carers are supported to look after their own wellbeing.",
    ),
]

CHALLENGES_BY_WORKSTREAM = {
    "changing-the-culture": ["interactions", "culture-leadership", "personalisation"],
    "recovery-college": ["education", "recovery-college"],
    "peer-support": ["workforce", "involvement"],
    "risk": ["risk"],
    "staff-wellbeing": ["staff-wellbeing"],
    "life-beyond-illness": ["beyond-illness", "personalisation"],
    "families-and-friends": ["interactions", "involvement"],
}

TRUST_GROUP = (
    "trust",
    "Trust Recovery Steering Group",
    "Oversees the Recovery Strategy across the whole Trust and is accountable to the Trust Board for its "
    "delivery. It is chaired by the executive sponsor of recovery; members include the chairs of the two "
    "service-specific groups, the Trust-wide Recovery Lead, the Peer Support Lead, the Head of Involvement "
    "and the Professor of Recovery. It approves each workstream's strategy and receives the annual "
    "Trust-wide evaluation report.",
)
SERVICE_GROUPS = [
    (
        "local-partnerships",
        "Local Partnerships Recovery Steering Group",
        "Oversees the strategy in adult mental health, mental health services for older people and "
        "specialist services. Workstream leads and service recovery leads share progress, offer each other "
        "solution-focused support and report to the Trust Recovery Steering Group.",
    ),
    (
        "forensic-services",
        "Forensic Services Recovery Steering Group",
        "Oversees the strategy in high, medium and low secure inpatient services, community offender health "
        "and prison health teams. Workstream leads and service recovery leads share progress, offer each "
        "other solution-focused support and report to the Trust Recovery Steering Group.",
    ),
]


def load(apps, schema_editor):
    ConversationDomain = apps.get_model("workstreams", "ConversationDomain")
    ImrocChallenge = apps.get_model("workstreams", "ImrocChallenge")
    Workstream = apps.get_model("workstreams", "Workstream")
    SteeringGroup = apps.get_model("workstreams", "SteeringGroup")

    domains = {}
    for order, (code, title, direction) in enumerate(DOMAINS, start=1):
        domains[code], _ = ConversationDomain.objects.update_or_create(
            code=code, defaults={"title": title, "direction": direction, "order": order}
        )
    challenges = {}
    for order, (code, title, description) in enumerate(CHALLENGES, start=1):
        challenges[code], _ = ImrocChallenge.objects.update_or_create(
            code=code, defaults={"title": title, "description": description, "order": order}
        )
    for order, (slug, name, domain, purpose) in enumerate(WORKSTREAMS, start=1):
        workstream, _ = Workstream.objects.update_or_create(
            slug=slug, defaults={"name": name, "domain": domains[domain], "purpose": purpose, "order": order}
        )
        workstream.challenges.set([challenges[code] for code in CHALLENGES_BY_WORKSTREAM[slug]])

    slug, name, description = TRUST_GROUP
    trust, _ = SteeringGroup.objects.update_or_create(
        slug=slug,
        defaults={"name": name, "level": "trust", "description": description, "order": 0},
    )
    for order, (slug, name, description) in enumerate(SERVICE_GROUPS, start=1):
        SteeringGroup.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "level": "service",
                "parent": trust,
                "description": description,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("workstreams", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
