"""What the demo strategy says: goals and actions drawn from published NHS Trust recovery strategies
(the delivery plan of "Changing the Conversation" above all), their progress over a year, the Local
Partnerships steering group's meetings and three annual reports.

Seeded by ``workstreams.demo_strategy``; months are counted from the start of the current financial year.
"""

from .reference import ChallengeCode as C
from .reference import DomainCode as D
from .reference import WorkstreamSlug as W

# An update: (months from this April, RAG, status, narrative). An action: (description, owner, due month,
# co-produced with, updates); owner "pro" or "peer" is that workstream's lead, otherwise a username.
STRATEGY = {
    W.CHANGING_THE_CULTURE: [
        (
            "Personal Recovery and Wellbeing Plans and Joint Crisis Plans available for everyone using the service",
            D.WORKERS_PEOPLE,
            [C.INTERACTIONS, C.PERSONALISATION],
            "People on community caseloads with a co-produced recovery and wellbeing plan",
            38,
            90,
            "%",
            -12,
            24,
            [
                (
                    "Co-produce a new suite of personal Recovery and Wellness Plans with the Co-production Support Group",
                    "peer",
                    -6,
                    "Co-production Support Group (eight people with lived experience) and two carers",
                    [
                        (
                            -11,
                            "green",
                            "in_progress",
                            "First two workshops held; people asked for plans in their own words, not ours.",
                        ),
                        (
                            -8,
                            "amber",
                            "in_progress",
                            "Draft plans tested in three teams. Printing delayed by the document review.",
                        ),
                        (
                            -6,
                            "green",
                            "done",
                            "Final suite signed off by the Co-production Support Group and published on the intranet.",
                        ),
                    ],
                ),
                (
                    "Review care plan documentation to take the emphasis off symptoms and build plans around strengths and aspirations",
                    "pro",
                    12,
                    "",
                    [
                        (
                            -10,
                            "green",
                            "in_progress",
                            "Audit of 60 care plans: 1 in 5 recorded the person's own goals.",
                        ),
                        (
                            -5,
                            "amber",
                            "in_progress",
                            "Electronic record changes need the clinical systems team; slot booked for spring.",
                        ),
                        (
                            -2,
                            "amber",
                            "in_progress",
                            "New strengths section built; training for care coordinators not yet scheduled.",
                        ),
                    ],
                ),
                (
                    "Offer joint crisis planning, facilitated from outside the team, to everyone on a community caseload",
                    "clinician",
                    14,
                    "",
                    [
                        (
                            -9,
                            "amber",
                            "in_progress",
                            "Facilitators trained in two localities; others waiting for places.",
                        ),
                        (
                            -4,
                            "red",
                            "in_progress",
                            "Only 14% of eligible people offered a joint crisis plan this quarter.",
                        ),
                        (
                            -1,
                            "amber",
                            "in_progress",
                            "Peer workers now co-facilitate; offers doubled in Broxtowe and Gedling.",
                        ),
                    ],
                ),
            ],
        ),
        (
            "Team Recovery Plans co-produced annually in every clinical team",
            D.SERVICES_USERS,
            [C.CULTURE_LEADERSHIP],
            "Clinical teams with a Team Recovery Plan agreed this year",
            55,
            100,
            "%",
            -12,
            12,
            [
                (
                    "Run an externally facilitated away day, with people who use the service, in every adult community team",
                    "teamlead",
                    -1,
                    "People who use each team's services",
                    [
                        (-11, "green", "in_progress", "Away day dates agreed with 18 of 24 teams."),
                        (
                            -7,
                            "green",
                            "in_progress",
                            "14 away days held; every one had at least two people using the service.",
                        ),
                        (-3, "amber", "in_progress", "Four teams postponed over winter pressures."),
                    ],
                ),
            ],
        ),
    ],
    W.RECOVERY_COLLEGE: [
        (
            "All Recovery College courses co-produced and co-delivered",
            D.SERVICES_USERS,
            [C.EDUCATION, C.RECOVERY_COLLEGE],
            "Courses with a peer trainer and a professional trainer",
            81,
            100,
            "%",
            -12,
            12,
            [
                (
                    "Pair a peer trainer with a professional trainer on every course in the prospectus",
                    "trainer",
                    -3,
                    "",
                    [
                        (-10, "green", "in_progress", "Autumn prospectus: 29 of 33 courses co-delivered."),
                        (-6, "green", "in_progress", "Four new peer trainers recruited for the spring term."),
                        (-3, "green", "done", "Spring term: every course co-delivered."),
                    ],
                ),
                (
                    "Open community spokes tailored to particular communities, starting with veterans and faith groups",
                    "peer",
                    11,
                    "Veterans' breakfast club and the Hyson Green interfaith forum",
                    [
                        (
                            -9,
                            "amber",
                            "in_progress",
                            "Veterans' spoke agreed with the breakfast club; venue still to confirm.",
                        ),
                        (-5, "green", "in_progress", "First veterans' course ran with 11 students."),
                        (
                            -2,
                            "amber",
                            "in_progress",
                            "Faith communities spoke waiting for funding from the community fund.",
                        ),
                    ],
                ),
            ],
        ),
    ],
    W.PEER_SUPPORT: [
        (
            "Peer Support Workers employed throughout the Trust",
            D.WORKERS_PEOPLE,
            [C.WORKFORCE],
            "Clinical teams with at least one peer support worker",
            46,
            85,
            "%",
            -12,
            24,
            [
                (
                    "Recruit peer support workers in Mental Health Services for Older People and Forensic Services",
                    "pro",
                    -2,
                    "",
                    [
                        (
                            -11,
                            "green",
                            "in_progress",
                            "Posts agreed with both divisions; job descriptions co-written with peer workers.",
                        ),
                        (
                            -7,
                            "amber",
                            "in_progress",
                            "Forensic recruitment slowed by vetting; six of ten posts filled.",
                        ),
                        (-2, "green", "done", "Ten posts filled across both divisions."),
                    ],
                ),
                (
                    "Publish a peer support worker career pathway, from volunteer to senior peer worker",
                    "peer",
                    1,
                    "Peer support workers' forum",
                    [
                        (
                            -10,
                            "green",
                            "in_progress",
                            "Pathway drafted with the peer support workers' forum.",
                        ),
                        (-6, "amber", "in_progress", "Banding of the senior role under review by HR."),
                        (
                            -2,
                            "amber",
                            "in_progress",
                            "HR review complete; needs sign-off by the workforce committee.",
                        ),
                    ],
                ),
                (
                    "Agree protected supervision time for peer support workers with every team manager",
                    "pro",
                    9,
                    "",
                    [
                        (
                            -9,
                            "green",
                            "in_progress",
                            "Supervision standard drafted with the peer workers' forum.",
                        ),
                        (
                            -4,
                            "amber",
                            "in_progress",
                            "Agreed in 15 of 26 teams; inpatient rotas are the obstacle.",
                        ),
                    ],
                ),
                (
                    "Introduce routine outcome measurement by peer support workers",
                    "peerworker",
                    10,
                    "",
                    [
                        (-9, "amber", "in_progress", "QPR chosen with peer workers; training dates set."),
                        (
                            -4,
                            "red",
                            "in_progress",
                            "Returns low: the tablets ordered for teams have not arrived.",
                        ),
                    ],
                ),
            ],
        ),
    ],
    W.RISK: [
        (
            "Jointly produced safety plans, with shared responsibility for safety",
            D.WORKERS_PEOPLE,
            [C.RISK],
            "Inpatients with a safety plan they helped write",
            30,
            80,
            "%",
            -12,
            12,
            [
                (
                    "Roll out the Ideal Ward Round to every adult acute ward",
                    "pro",
                    -4,
                    "Service user led redesign group",
                    [
                        (
                            -11,
                            "green",
                            "in_progress",
                            "Ideal Ward Round running on two wards; people report feeling listened to.",
                        ),
                        (-7, "green", "in_progress", "Six of nine wards now run it."),
                        (-4, "green", "done", "All nine adult acute wards."),
                    ],
                ),
                (
                    "Post-incident reviews, with the person, after every use of restraint",
                    "peer",
                    -4,
                    "",
                    [
                        (
                            -10,
                            "amber",
                            "in_progress",
                            "Reviews happen after 40% of restraints; template agreed with peer workers.",
                        ),
                        (-5, "red", "in_progress", "Staffing gaps on two wards; reviews fell to 25%."),
                        (
                            -1,
                            "amber",
                            "in_progress",
                            "Peer support workers now offer each review; back up to 55%.",
                        ),
                    ],
                ),
            ],
        ),
    ],
    W.STAFF_WELLBEING: [
        (
            "Staff supported in using their lived and life experience at work",
            D.WORKERS_PEOPLE,
            [C.STAFF_WELLBEING],
            "Staff survey: 'I can use my own experience at work' (agree)",
            41,
            60,
            "%",
            -12,
            24,
            [
                (
                    "Rewrite the boundaries guidance so it values lived and life experience at work",
                    "peer",
                    -5,
                    "Staff with lived experience network",
                    [
                        (
                            -10,
                            "green",
                            "in_progress",
                            "Guidance drafted with the lived experience staff network.",
                        ),
                        (
                            -5,
                            "green",
                            "done",
                            "Approved by the policy group and launched at the staff conference.",
                        ),
                    ],
                ),
                (
                    "Add self-management of wellbeing courses for staff to the Learning and Development prospectus",
                    "pro",
                    12,
                    "",
                    [
                        (-8, "green", "in_progress", "Three courses written with Recovery College trainers."),
                        (
                            -3,
                            "amber",
                            "in_progress",
                            "Release time for staff to attend is the sticking point.",
                        ),
                    ],
                ),
            ],
        ),
    ],
    W.LIFE_BEYOND_ILLNESS: [
        (
            "Increase employment specialists offering Individual Placement and Support (IPS)",
            D.SERVICES_COMMUNITIES,
            [C.BEYOND_ILLNESS, C.PERSONALISATION],
            "Employment specialists in community teams",
            6,
            14,
            "employment specialists",
            -12,
            24,
            [
                (
                    "Recruit four more IPS employment specialists into community mental health teams",
                    "pro",
                    -3,
                    "",
                    [
                        (
                            -11,
                            "green",
                            "in_progress",
                            "Funding for four posts agreed with the commissioners.",
                        ),
                        (-7, "amber", "in_progress", "Two posts filled; two re-advertised."),
                        (-3, "green", "done", "All four in post; caseloads building."),
                    ],
                ),
                (
                    "Compile community resource directories with people who use the service in every locality",
                    "peer",
                    8,
                    "People using Bassetlaw and Mansfield services, and the local CVS",
                    [
                        (-9, "green", "in_progress", "Bassetlaw directory started with the Recovery Forum."),
                        (-4, "amber", "in_progress", "Mansfield directory slipped: the CVS lead left."),
                        (-1, "amber", "in_progress", "New CVS lead in post; first draft due this spring."),
                    ],
                ),
                (
                    "Explore social prescribing with commissioners to reduce loneliness and prevent admissions",
                    "pro",
                    17,
                    "",
                    [
                        (-6, "green", "in_progress", "Joint workshop with two primary care networks."),
                    ],
                ),
            ],
        ),
    ],
    W.FAMILIES_AND_FRIENDS: [
        (
            "Carer Lead identified in every team",
            D.SERVICES_USERS,
            [C.INVOLVEMENT, C.INTERACTIONS],
            "Clinical teams with a named carer lead",
            62,
            100,
            "%",
            -12,
            12,
            [
                (
                    "Name a carer lead in every team outside Adult Mental Health, starting with older people's services",
                    "pro",
                    -2,
                    "",
                    [
                        (-10, "green", "in_progress", "Older people's teams all have a carer lead."),
                        (-6, "green", "in_progress", "Specialist services at 80%."),
                        (-2, "green", "done", "Every clinical team has a named carer lead."),
                    ],
                ),
                (
                    "Offer carer health and wellbeing plans to family members in every community team",
                    "peer",
                    12,
                    "Carers' reference group",
                    [
                        (
                            -9,
                            "amber",
                            "in_progress",
                            "Plan template co-written with the carers' reference group.",
                        ),
                        (
                            -3,
                            "amber",
                            "in_progress",
                            "Offered in 9 of 24 teams; carer leads want a short training session first.",
                        ),
                    ],
                ),
            ],
        ),
    ],
}
GOALS_MET = {"Carer Lead identified in every team": -2}

MEETING_MONTHS = (-7, -5, -3, -1)  # bi-monthly: September, November, January, March
MEETINGS = {
    -7: (
        "Workstream leads reported on the first half of the year. The Recovery College reported 29 of 33 courses "
        "co-delivered. Peer Support described vetting delays in Forensic Services.",
        "Agreed that the care plan documentation review will report to the next meeting.",
        [("Bring a recruitment plan for forensic peer support posts", "wslead", 1)],
    ),
    -5: (
        "Joint crisis planning offers were low: only 14% of eligible people. Discussion of peer co-facilitation. "
        "IPS: two employment specialists in post.",
        "Agreed to ask peer support workers to co-facilitate joint crisis plans from January.",
        [("Write to team managers about peer co-facilitation of joint crisis plans", "anita.desai", 1)],
    ),
    -3: (
        "Winter pressures delayed four away days. Post-incident reviews after restraint fell to 25%. The Ideal "
        "Ward Round now runs on all adult acute wards.",
        "Agreed to escalate staffing for post-incident reviews to the Trust Recovery Steering Group.",
        [("Report staffing for post-incident reviews to the Trust group", "simon.hartley", 1)],
    ),
    -1: (
        "Year-end review. Every clinical team now has a carer lead. Peer support career pathway awaits sign-off. "
        "Annual reports due from every workstream by the end of April.",
        "Agreed the priorities for next year: joint crisis plans, peer career pathway, carer wellbeing plans.",
        [
            ("Send each workstream's annual report to the Trust group", "wslead", 2),
            ("Take the peer career pathway to the workforce committee", "tom.agbaje", 2),
        ],
    ),
}

ANNUAL_REPORTS = {
    W.PEER_SUPPORT: (
        "Ten new peer support worker posts filled in older people's and forensic services. Peer workers now "
        "co-facilitate joint crisis plans in two localities.",
        "Vetting delays in forensic services; routine outcome measurement held up by equipment.",
        "Publish the peer career pathway; start routine outcome measurement by peer workers in every locality.",
    ),
    W.FAMILIES_AND_FRIENDS: (
        "Every clinical team has a named carer lead. The carer health and wellbeing plan was co-written with the "
        "carers' reference group.",
        "Carer wellbeing plans are offered in only 9 of 24 teams.",
        "Carer wellbeing plans offered in every community team; short training for carer leads.",
    ),
    W.LIFE_BEYOND_ILLNESS: (
        "Four more IPS employment specialists in community teams, making ten.",
        "Community resource directories slipped when the CVS lead left.",
        "Finish the directories with people who use services; agree social prescribing with commissioners.",
    ),
}
