"""What a dashboard or report is about: the whole Trust, a service-specific steering group, a division or
a team. A scope resolves to the teams it holds through ``teams.selectors``.

Figures for the Trust scope are Trust-level and shown as they are; every other scope is below Trust level,
so its figures about people go through ``evaluation.disclosure``.
"""

from dataclasses import dataclass

from teams import selectors as team_selectors

TRUST, STEERING_GROUP, DIVISION, TEAM = "trust", "steering_group", "division", "team"
KINDS = (TRUST, STEERING_GROUP, DIVISION, TEAM)
KIND_LABELS = {TRUST: "Trust", STEERING_GROUP: "Steering group", DIVISION: "Division", TEAM: "Team"}


@dataclass(frozen=True)
class Scope:
    kind: str  # one of KINDS
    pk: int | None  # None for the Trust
    label: str
    slug: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"{self.kind!r} is not a kind of scope")
        if (self.kind == TRUST) != (self.pk is None):
            raise ValueError("The Trust scope has no pk; every other scope needs one")

    @classmethod
    def trust(cls, label: str = "Trust") -> "Scope":
        return cls(TRUST, None, label)

    @property
    def trust_level(self) -> bool:
        """True for the whole Trust: its figures need no disclosure control."""
        return self.kind == TRUST

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def child_kind(self) -> str | None:
        """The kind of scope one level down (teams of a division…); None for a team."""
        return team_selectors.CHILD_KIND.get(self.kind)

    @property
    def child_kind_words(self) -> str:
        """The kind one level down as written in a sentence: "steering group", not "steering_group"."""
        return (self.child_kind or "").replace("_", " ")

    def team_ids(self) -> list[int] | None:
        """Ids of the teams in the scope (one query); None for the whole Trust, meaning every team."""
        return team_selectors.team_ids_in_unit(kind=self.kind, pk=self.pk)


def scope_from_unit(unit) -> Scope:
    return Scope(unit.kind, unit.pk, unit.label, unit.slug)


def scope_get(*, kind: str, slug: str) -> Scope | None:
    """The steering group, division or team with ``slug`` as a scope (one query); None when there is none.
    Only service-specific steering groups are scopes: the Trust-wide group's scope is the Trust."""
    unit = team_selectors.unit_get(kind=kind, slug=slug)
    return scope_from_unit(unit) if unit else None
