"""The sections of each plan type, in the order they are shown and printed.

Each section has a title for staff pages and a title for the person's own pages, in plain words. A
section's ``kind`` says what an entry holds besides its text: a refusal has an acceptable alternative,
a contact has a phone number that can be called from a phone.
"""

from dataclasses import dataclass

from django.db import models


class PlanKind(models.TextChoices):
    RECOVERY = "recovery", "Recovery and wellbeing plan"
    CRISIS = "crisis", "Crisis plan"
    SAFETY = "safety", "Safety plan"


class EntryKind(models.TextChoices):
    TEXT = "text", "Text"
    REFUSAL = "refusal", "Refusal with an acceptable alternative"
    CONTACT = "contact", "Contact with a phone number"
    GOAL = "goal", "Goal in a life area"


class LifeArea(models.TextChoices):
    HOME = "home", "Home"
    RELATIONSHIPS = "relationships", "Relationships"
    WORK = "work", "Work, learning and contribution"
    HEALTH = "health", "Health"
    LEISURE = "leisure", "Leisure and interests"
    MONEY = "money", "Money"
    OTHER = "other", "Something else"


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    own_title: str  # how the person's own pages name it
    hint: str = ""
    kind: str = EntryKind.TEXT


RECOVERY_SECTIONS = (
    Section("what_matters", "What matters to the person", "What matters to me"),
    Section("strengths", "Strengths", "My strengths"),
    Section(
        "goals", "Goals", "My goals", "A goal in the person's own words, in one area of life.", EntryKind.GOAL
    ),
    Section("steps", "Steps towards the goals", "Steps I will take"),
    Section("who_helps", "Who helps", "Who helps me"),
    Section("keeps_well", "What keeps the person well", "What keeps me well"),
)

CRISIS_SECTIONS = (
    Section("early_signs", "Early signs of a crisis", "Early signs that I am becoming unwell"),
    Section("what_helps", "What helps", "What helps me"),
    Section("what_does_not_help", "What does not help", "What does not help me"),
    Section(
        "treatment_preferences",
        "Treatment preferences",
        "Treatment and care I would prefer",
        "Medication, treatment, where to be cared for, familiar staff.",
    ),
    Section(
        "refusals",
        "Refusals and acceptable alternatives",
        "Treatment I do not want, and what I would accept instead",
        "What the person does not want, and what they would accept instead.",
        EntryKind.REFUSAL,
    ),
    Section(
        "practical",
        "Practical arrangements",
        "Practical things to sort out",
        "Children, pets, home, bills, work.",
    ),
    Section("contact", "Who to contact", "People to contact", kind=EntryKind.CONTACT),
    Section("do_not_contact", "Who not to contact", "People not to contact"),
)

# Stanley-Brown: the six steps are used in this order, each when the one before has not helped.
SAFETY_SECTIONS = (
    Section(
        "warning_signs",
        "Step 1: Warning signs",
        "Step 1: My warning signs",
        "Thoughts, images, moods, situations or behaviour that mean a crisis may be coming.",
    ),
    Section(
        "coping",
        "Step 2: Things to do alone",
        "Step 2: Things I can do on my own to take my mind off things",
    ),
    Section(
        "distraction",
        "Step 3: People and places that distract",
        "Step 3: People and places that help me feel better",
        kind=EntryKind.CONTACT,
    ),
    Section(
        "ask_for_help",
        "Step 4: People to ask for help",
        "Step 4: People I can ask for help",
        kind=EntryKind.CONTACT,
    ),
    Section(
        "professionals",
        "Step 5: Professionals and services",
        "Step 5: Professionals and services I can contact",
        "Care team, out-of-hours line, crisis line, NHS 111 (mental health option), 999 in an emergency.",
        EntryKind.CONTACT,
    ),
    Section("safe_environment", "Step 6: Making the environment safe", "Step 6: Making where I am safer"),
    Section("reasons_for_living", "Reasons for living", "My reasons for living"),
)

SECTIONS: dict[str, tuple[Section, ...]] = {
    PlanKind.RECOVERY: RECOVERY_SECTIONS,
    PlanKind.CRISIS: CRISIS_SECTIONS,
    PlanKind.SAFETY: SAFETY_SECTIONS,
}

# What the person sees as the plan's name on their own pages.
OWN_TITLES = {
    PlanKind.RECOVERY: "Your recovery and wellbeing plan",
    PlanKind.CRISIS: "Your crisis plan",
    PlanKind.SAFETY: "Your safety plan",
}


def sections_for(kind: str) -> tuple[Section, ...]:
    return SECTIONS[kind]


def section_for(kind: str, code: str) -> Section | None:
    return next((section for section in SECTIONS[kind] if section.code == code), None)
