"""Synthetic caseloads for ``generate_dataset``: people on every clinical team's caseload, their care
coordinators and peer workers, recovery and safety plans with entries and saved versions, and
supporters (see ``recovery_portal.synthetic``). People are made a few teams at a time to keep memory
flat at Trust scale."""

from datetime import date, timedelta

from django.db import connection

from recovery_portal import synthetic
from recovery_portal.nhs_number import nhs_number_check_digit

from .models import (
    AuthorRole,
    CaseloadEntry,
    ContactPreference,
    Plan,
    PlanEntry,
    PlanStatus,
    PlanVersion,
    ServiceUser,
    Supporter,
    SupporterRelationship,
)
from .sections import PlanKind

TEAMS_PER_BATCH = 25
SAFETY_SHARE = 0.4
ENTRIES = {
    PlanKind.RECOVERY: [("what_matters", "Getting back to the allotment"), ("strengths", "I keep going")],
    PlanKind.SAFETY: [
        ("warning_signs", "Not sleeping, pacing at night"),
        ("coping", "A long walk by the canal"),
    ],
}


def nhs_numbers():
    """Valid NHS numbers from 990 000 000x upwards: apart from the demo Trust's 999 range."""
    index = 0
    while True:
        first_nine = f"99{index:07d}"
        check = nhs_number_check_digit(first_nine)
        if check is not None:
            yield f"{first_nine}{check}"
        index += 1


def _versions_per_plan(total_plans: int, total_versions: int, rng) -> list[int]:
    base, extra = divmod(max(total_versions, total_plans), total_plans)
    counts = [base + 1] * extra + [base] * (total_plans - extra)
    rng.shuffle(counts)
    return counts


def generate(data: synthetic.Generation) -> dict[str, int]:
    rng = data.random("careplans")
    scale, counts = data.scale, {}
    team_ids = data.shared["clinical_team_ids"]
    staff = data.shared["team_staff"]
    numbers = nhs_numbers()
    plans_per_person = 1 + SAFETY_SHARE
    expected_plans = round(len(team_ids) * scale.people_per_team * plans_per_person)
    version_counts = iter(_versions_per_plan(expected_plans, scale.plan_versions, rng) + [1] * expected_plans)
    caseload = []

    def add(model, rows) -> list[int]:
        counts[model._meta.label] = counts.get(model._meta.label, 0) + len(rows)
        return synthetic.insert_rows(model, rows)

    for first in range(0, len(team_ids), TEAMS_PER_BATCH):
        batch = team_ids[first : first + TEAMS_PER_BATCH]
        people = []
        for team_id in batch:
            for _ in range(scale.people_per_team):
                people.append(
                    {"given_name": rng.choice(synthetic.GIVEN_NAMES), "family_name": rng.choice(synthetic.FAMILY_NAMES),
                     "date_of_birth": date(1940, 1, 1) + timedelta(days=rng.randint(0, 28_000)),
                     "nhs_number": next(numbers), "contact_preference": rng.choice(list(ContactPreference)),
                     "team": team_id}
                )  # fmt: skip
        teams_of = [row.pop("team") for row in people]
        person_ids = add(ServiceUser, people)

        caseload_entries, plans = [], []
        for person_id, team_id in zip(person_ids, teams_of, strict=True):
            crew = staff[team_id]
            start = data.day(-rng.randint(1, 1500))
            caseload_entries.append(
                {"person_id": person_id, "team_id": team_id, "start_date": start,
                 "care_coordinator_id": rng.choice(crew["clinicians"]), "peer_support_worker_id": rng.choice(crew["peer_workers"])}
            )  # fmt: skip
            caseload.append((person_id, team_id, start))
            if rng.random() < 0.05:
                other = rng.choice(team_ids)
                if other != team_id:
                    caseload_entries.append({"person_id": person_id, "team_id": other, "start_date": start - timedelta(days=400),
                                             "end_date": start - timedelta(days=30)})  # fmt: skip
            kinds = [PlanKind.RECOVERY] + ([PlanKind.SAFETY] if rng.random() < SAFETY_SHARE else [])
            for kind in kinds:
                plans.append(
                    {"person_id": person_id, "kind": kind, "version": next(version_counts),
                     "status": PlanStatus.AGREED if rng.random() < 0.5 else PlanStatus.DRAFT,
                     "review_date": data.day(rng.randint(-60, 300)), "changed_by_id": crew["manager"],
                     "created_at": data.moment(-rng.randint(30, 1400)), "stage": ""}
                )  # fmt: skip
        add(CaseloadEntry, caseload_entries)
        plan_ids = add(Plan, plans)

        entries, versions = [], []
        for plan_id, plan in zip(plan_ids, plans, strict=True):
            author = plan["changed_by_id"]
            written = [
                {"plan_id": plan_id, "section": section, "text": text, "author_role": AuthorRole.PERSON,
                 "written_by_id": author, "order": order}
                for order, (section, text) in enumerate(ENTRIES[plan["kind"]])
            ]  # fmt: skip
            entries += written
            snapshot = {"details": {"review_date": plan["review_date"].isoformat(), "stage": "", "facilitator": "",
                                    "people_present": ""},
                        "entries": [{"section": e["section"], "text": e["text"], "author_role": e["author_role"]} for e in written]}  # fmt: skip
            versions += [
                {"plan_id": plan_id, "number": number, "content": snapshot, "summary": "Entry added",
                 "created_by_id": author, "created_at": plan["created_at"] + timedelta(days=number)}
                for number in range(1, plan["version"] + 1)
            ]  # fmt: skip
        add(PlanEntry, entries)
        add(PlanVersion, versions)

        supporters = [
            {"person_id": person_id, "name": f"{rng.choice(synthetic.GIVEN_NAMES)} {row['family_name']}",
             "relationship": rng.choice(list(SupporterRelationship)), "phone": "07700 900000"}
            for person_id, row in zip(person_ids, people, strict=True)
            if rng.random() < 0.1
        ]  # fmt: skip
        add(Supporter, supporters)

    # An agreed plan is agreed at its latest version.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE careplans_plan SET agreed_version_id = v.id, agreed_at = v.created_at, agreed_by_id = v.created_by_id "
            "FROM careplans_planversion v WHERE v.plan_id = careplans_plan.id AND v.number = careplans_plan.version "
            "AND careplans_plan.status = %s",
            [PlanStatus.AGREED],
        )
    data.shared["caseload"] = caseload
    return counts
