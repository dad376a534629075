"""QuestionnaireResponses sent in by a client: checked, scored and written by exactly the rules of a file
import, because they are one. Each response becomes a row of the import template, the rows go through
``evaluation.imports.services.returns_import`` (all or nothing, the same scoring and checks, the same
risk follow-up tasks), and each problem it finds is answered as an OperationOutcome issue naming the
response and the item (ADR 0028, HAZ-073).
"""

import csv
import hashlib
import io
from dataclasses import dataclass, field

from django.db import transaction

from recovery_portal import audit
from recovery_portal.models import AuditAction
from recovery_portal.nhs_number import normalise_nhs_number

from ..imports.columns import HEADER, HELP_COLUMNS
from ..imports.parsing import FILE_ROW
from ..imports.selectors import ImportScope
from ..imports.services import AlreadyImported, returns_import
from ..models import Completion, FhirReturnIdentifier, PromReturn
from ..scoring import rule_for
from . import selectors
from .resources import NHS_NUMBER, extension_url, help_link_id
from .responses import FhirError, issue

MAX_ENTRIES = 1000


@dataclass
class Accepted:
    status: int
    body: dict
    headers: dict = field(default_factory=dict)


@dataclass
class Incoming:
    """One response sent in, as a row of the import template, with where its parts are in the request."""

    prefix: str  # "QuestionnaireResponse" or "Bundle.entry[3].resource"
    identifier: tuple[str, str] | None = None
    row: dict = field(default_factory=dict)
    item_count: int = 0
    # Who answered, where the response names someone the portal knows: (completion, staff account or None).
    author: tuple[str, int | None] | None = None


def _where(prefix: str, path: str) -> str:
    return f"{prefix}.{path}" if path else prefix


def _responses(body) -> tuple[list[tuple[str, dict]], bool]:
    """The responses in the body, each with its FHIRPath prefix, and whether it was a Bundle."""
    if not isinstance(body, dict) or "resourceType" not in body:
        raise FhirError(
            400, "Send a QuestionnaireResponse or a transaction Bundle of them", expression="resourceType"
        )
    kind = body["resourceType"]
    if kind == "QuestionnaireResponse":
        return [("QuestionnaireResponse", body)], False
    if kind != "Bundle":
        raise FhirError(
            400,
            f"{kind} cannot be sent here; send a QuestionnaireResponse or a transaction Bundle",
            expression="resourceType",
        )
    if body.get("type") != "transaction":
        raise FhirError(
            400, "Send the Bundle as type transaction: all of it is written or none", expression="Bundle.type"
        )
    entries = body.get("entry") or []
    if not isinstance(entries, list) or not entries:
        raise FhirError(400, "The Bundle has no entries", expression="Bundle.entry")
    if len(entries) > MAX_ENTRIES:
        raise FhirError(413, f"Send at most {MAX_ENTRIES} responses in one Bundle", expression="Bundle.entry")
    found, issues = [], []
    for index, entry in enumerate(entries):
        prefix = f"Bundle.entry[{index}]"
        resource = entry.get("resource") if isinstance(entry, dict) else None
        request = entry.get("request") if isinstance(entry, dict) else None
        if not isinstance(resource, dict) or resource.get("resourceType") != "QuestionnaireResponse":
            issues.append(
                issue(
                    "Each entry must be a QuestionnaireResponse", expression=f"{prefix}.resource.resourceType"
                )
            )
            continue
        if (
            not isinstance(request, dict)
            or request.get("method") != "POST"
            or request.get("url") != "QuestionnaireResponse"
        ):
            issues.append(
                issue(
                    "Each entry's request must be POST QuestionnaireResponse", expression=f"{prefix}.request"
                )
            )
            continue
        found.append((f"{prefix}.resource", resource))
    if issues:
        raise FhirError(400, "", issues=issues)
    return found, True


def _extension(resource: dict, name: str) -> str:
    for extension in resource.get("extension") or []:
        if isinstance(extension, dict) and extension.get("url") == extension_url(name):
            for key in ("valueCode", "valueString"):
                if isinstance(extension.get(key), str):
                    return extension[key]
    return ""


def _answer_text(answer) -> str | None:
    if not isinstance(answer, dict):
        return None
    if isinstance(answer.get("valueCoding"), dict):
        return str(answer["valueCoding"].get("code", ""))
    if isinstance(answer.get("valueInteger"), int):
        return str(answer["valueInteger"])
    return None


def _incoming(prefix: str, resource: dict, *, grant, issues: list[dict]) -> Incoming:
    """One response as a template row; structural problems go into ``issues``, the rest is left to the
    import's own checks so the rules are the import's."""
    found = Incoming(prefix)
    identifier = resource.get("identifier")
    if not (isinstance(identifier, dict) and identifier.get("system") and identifier.get("value")):
        issues.append(
            issue(
                "Give the response an identifier (system and value), so that it is written once",
                expression=_where(prefix, "identifier"),
            )
        )
    else:
        found.identifier = (str(identifier["system"]), str(identifier["value"]))
    if resource.get("status") != "completed":
        issues.append(issue("Only completed responses are accepted", expression=_where(prefix, "status")))
    instrument, version = selectors.instrument_for_canonical(str(resource.get("questionnaire", "")))
    if instrument is None:
        issues.append(
            issue(
                f"{resource.get('questionnaire')} is not a questionnaire of this portal; read /fhir/Questionnaire",
                expression=_where(prefix, "questionnaire"),
            )
        )
    elif version is not None and version != instrument.version:
        issues.append(
            issue(
                f"{instrument.short_name} version {version} is not in use; the version in use is {instrument.version}",
                expression=_where(prefix, "questionnaire"),
            )
        )
    subject = (
        (resource.get("subject") or {}).get("identifier")
        if isinstance(resource.get("subject"), dict)
        else None
    )
    if not (isinstance(subject, dict) and subject.get("system") == NHS_NUMBER and subject.get("value")):
        issues.append(
            issue(
                f"Identify the person by NHS number: subject.identifier with system {NHS_NUMBER}",
                expression=_where(prefix, "subject.identifier"),
            )
        )
        nhs_number = ""
    else:
        nhs_number = str(subject["value"])
    found.author = _author(prefix, resource, nhs_number, issues)
    team_code = _extension(resource, "care-team")
    if not team_code and not grant.client.trust_wide:
        teams = list(grant.client.teams.values_list("slug", flat=True))
        team_code = teams[0] if len(teams) == 1 else ""
    found.row = {
        "instrument": instrument.code if instrument else "",
        "nhs_number": nhs_number,
        "team_code": team_code,
        "completed_on": str(resource.get("authored", ""))[:10],
        "timepoint": _extension(resource, "timepoint"),
        "context": _extension(resource, "context"),
    }
    if instrument is None:
        return found
    items = rule_for(instrument.code).items
    for position, item in enumerate(resource.get("item") or []):
        where = _where(prefix, f"item[{position}]")
        link = str(item.get("linkId", "")) if isinstance(item, dict) else ""
        if not link.isdigit() or not 1 <= int(link) <= items:
            issues.append(
                issue(
                    f"{instrument.short_name} has no item {link or '(none)'}; its items are 1 to {items}",
                    expression=where,
                )
            )
            continue
        answers = item.get("answer") or []
        if len(answers) != 1 or _answer_text(answers[0]) is None:
            issues.append(
                issue(
                    f"Give item {link} exactly one answer, a valueCoding with the stored value",
                    expression=f"{_where(prefix, 'item')}.where(linkId='{link}')",
                )
            )
            continue
        column = f"item_{link}"
        if column in found.row:
            issues.append(
                issue(
                    f"Item {link} is answered twice",
                    expression=f"{_where(prefix, 'item')}.where(linkId='{link}')",
                )
            )
        found.row[column] = _answer_text(answers[0])
        for child in answers[0].get("item") or []:
            _additional_help(prefix, link, child, found.row, issues)
    return found


def _author(
    prefix: str, resource: dict, nhs_number: str, issues: list[dict]
) -> tuple[str, int | None] | None:
    """Who gave the answers, where the response names someone the portal knows, as the portal records it:
    the person by their own NHS number (self-completed), or a member of staff by their identifier at the
    Trust's staff identity service (with staff). Anyone else, or no author, leaves the sending system as
    the one that recorded the return (completion "imported")."""
    author = resource.get("author")
    identifier = author.get("identifier") if isinstance(author, dict) else None
    if not isinstance(identifier, dict):
        return None
    system, value = str(identifier.get("system", "")), str(identifier.get("value", ""))
    if system == NHS_NUMBER:
        if normalise_nhs_number(value) != normalise_nhs_number(nhs_number):
            # Another person's NHS number: the subject or the author is wrong, and either way the
            # answers may be filed as the wrong person's (HAZ-088).
            issues.append(
                issue(
                    "The author's NHS number is not the subject's; a person answers only for themself. Name "
                    "the member of staff as a Practitioner, or leave the author out",
                    expression=_where(prefix, "author.identifier"),
                )
            )
            return None
        return Completion.SELF, None
    if author.get("type", "Practitioner") == "Practitioner":
        staff = selectors.staff_account_for(system, value)
        if staff is not None:
            return Completion.WITH_STAFF, staff
    return None


def _additional_help(prefix: str, link: str, child, row: dict, issues: list[dict]) -> None:
    """DIALOG's "do you want additional help in this area?" answer, a child of the item it follows."""
    where = f"{_where(prefix, 'item')}.where(linkId='{link}').answer.item"
    column = f"help_{link}"
    if (
        not isinstance(child, dict)
        or child.get("linkId") != help_link_id(int(link))
        or column not in HELP_COLUMNS
    ):
        issues.append(
            issue(
                f"Item {link} has no question {child.get('linkId') if isinstance(child, dict) else ''}; the "
                f"additional help question after it is {help_link_id(int(link))}",
                expression=where,
            )
        )
        return
    answers = child.get("answer") or []
    if (
        len(answers) != 1
        or not isinstance(answers[0], dict)
        or not isinstance(answers[0].get("valueBoolean"), bool)
    ):
        issues.append(
            issue(
                f"Give {help_link_id(int(link))} exactly one answer, a valueBoolean",
                expression=f"{where}.where(linkId='{help_link_id(int(link))}')",
            )
        )
        return
    row[column] = "yes" if answers[0]["valueBoolean"] else "no"


def _expression(incoming: Incoming, column: str) -> str:
    prefix = incoming.prefix
    if column.startswith("item_"):
        return f"{prefix}.item.where(linkId='{column.removeprefix('item_')}')"
    if column.startswith("help_"):
        link = column.removeprefix("help_")
        return f"{prefix}.item.where(linkId='{link}').answer.item.where(linkId='{help_link_id(int(link))}')"
    return {
        "instrument": _where(prefix, "questionnaire"),
        "nhs_number": _where(prefix, "subject.identifier"),
        "completed_on": _where(prefix, "authored"),
        "team_code": _where(prefix, f"extension('{extension_url('care-team')}')"),
        "timepoint": _where(prefix, f"extension('{extension_url('timepoint')}')"),
        "context": _where(prefix, f"extension('{extension_url('context')}')"),
    }.get(column, prefix)


def _as_file(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _answer(
    stored: dict[tuple[str, str], int], incoming: list[Incoming], *, grant, bundle: bool, created: set
) -> Accepted:
    returns = {
        r["id"]: r
        for r in selectors.return_rows(
            selectors.returns_in_scope(grant.client).filter(pk__in=stored.values())
        )
    }
    ordered = [returns[stored[item.identifier]] for item in incoming]
    resources = selectors.bundle_resources(grant.client, ordered, with_observations=False)
    if not bundle:
        resource = resources[0]
        status = 201 if ordered[0]["id"] in created else 200
        return Accepted(status, resource, {"Location": f"QuestionnaireResponse/{resource['id']}"})
    entries = [
        {
            "resource": resource,
            "response": {
                "status": "201 Created" if prom_return["id"] in created else "200 OK",
                "location": f"QuestionnaireResponse/{resource['id']}",
            },
        }
        for prom_return, resource in zip(ordered, resources, strict=True)
    ]
    return Accepted(200, {"resourceType": "Bundle", "type": "transaction-response", "entry": entries})


def accept(body, *, grant, request) -> Accepted:
    """Write the responses in ``body`` (all or none) or raise ``FhirError`` with every problem found."""
    responses, bundle = _responses(body)
    issues: list[dict] = []
    incoming = [_incoming(prefix, resource, grant=grant, issues=issues) for prefix, resource in responses]
    seen: dict[tuple[str, str], str] = {}
    for item in incoming:
        if item.identifier is None:
            continue
        if item.identifier in seen:
            issues.append(
                issue(
                    f"The identifier {'|'.join(item.identifier)} is also given to {seen[item.identifier]}",
                    status=409,
                    expression=_where(item.prefix, "identifier"),
                )
            )
        seen.setdefault(item.identifier, item.prefix)
    if issues:
        raise FhirError(400, "", issues=issues)
    client = grant.client
    with transaction.atomic():
        known = [
            row
            for row in FhirReturnIdentifier.objects.filter(value__in=[i.identifier[1] for i in incoming])
            if (row.system, row.value) in seen
        ]
        theirs = [row for row in known if row.client_id != client.pk]
        if theirs:
            raise FhirError(
                409,
                "",
                issues=[
                    issue(
                        f"The identifier {row.system}|{row.value} was given by another system",
                        status=409,
                        expression=_where(seen[(row.system, row.value)], "identifier"),
                    )
                    for row in theirs
                ],
            )
        stored = {(row.system, row.value): row.prom_return_id for row in known}
        new = [item for item in incoming if item.identifier not in stored]
        created: set[int] = set()
        authors: dict[tuple[str, int | None], list[int]] = {}
        if new:
            digest = hashlib.sha256(
                "\n".join(["fhir", client.client_id, *sorted("|".join(i.identifier) for i in new)]).encode()
            ).hexdigest()
            scope = ImportScope(
                frozenset(client.teams.values_list("pk", flat=True)), all_teams=client.trust_wide
            )
            try:
                result = returns_import(
                    content=_as_file([item.row for item in new]),
                    scope=scope,
                    file_name=f"FHIR: {client.name}, {len(new)} QuestionnaireResponse"[:255],
                    sha256=digest,
                    kind="csv",
                    by=client.user,
                )
            except AlreadyImported:
                raise FhirError(409, "These responses were sent before under other identifiers") from None
            if result.return_import is None:
                raise FhirError(422, "", issues=_problems(result.outcome.problems, new))
            written = {
                (r.person_id, r.instrument_id, r.completed_on, r.timepoint): r.pk
                for r in PromReturn.objects.visible_to_fhir_client(client).filter(
                    return_import=result.return_import
                )
            }
            for item, record in zip(new, result.outcome.prom, strict=True):
                key = (
                    record["person_id"],
                    record["instrument_id"],
                    record["completed_on"],
                    record["timepoint"],
                )
                stored[item.identifier] = written[key]
                created.add(written[key])
                if item.author is not None:
                    authors.setdefault(item.author, []).append(written[key])
            # The import records the sending system as the one that entered each return; where the
            # response names who answered and the portal knows them, the return says so instead.
            for (completion, staff), returns in authors.items():
                PromReturn.objects.filter(pk__in=returns).update(
                    completion=completion, **({"entered_by_id": staff} if staff else {})
                )
            FhirReturnIdentifier.objects.bulk_create(
                FhirReturnIdentifier(
                    system=i.identifier[0],
                    value=i.identifier[1],
                    prom_return_id=stored[i.identifier],
                    client=client,
                )
                for i in new
            )
        answer = _answer(stored, incoming, grant=grant, bundle=bundle, created=created)
        people = (
            PromReturn.objects.visible_to_fhir_client(client)
            .filter(pk__in=stored.values())
            .values_list("person_id", flat=True)
        )
        audit.audit_record(
            actor=client.user,
            action=AuditAction.CREATE if created else AuditAction.VIEW,
            request=request,
            reason=f"FHIR {len(created)} QuestionnaireResponse written, {len(incoming) - len(created)} sent again",
            subjects=audit.people(people),
        )
    return answer


def _problems(problems, new: list[Incoming]) -> list[dict]:
    """The import's problems as issues: its row is the response (the heading is row 1), its column the item."""
    found = []
    for problem in problems:
        index = problem.row - FILE_ROW - 1
        if 0 <= index < len(new):
            found.append(
                issue(problem.message, status=422, expression=_expression(new[index], problem.column))
            )
        else:
            found.append(issue(problem.message, status=422))
    return found
