"""Home panels: the actions a person carries, the workstreams they lead, the steering groups they sit on."""

from recovery_portal.home import HomePanel, register_panel
from recovery_portal.rules import is_trust_staff

from . import selectors


def _workstreams(user) -> dict | None:
    if not is_trust_staff(user):
        return None
    led = selectors.workstream_list_led_by(user=user)
    if not led:
        return None
    return {
        "leads": [
            {
                "workstream": workstream,
                "role": "Professional lead" if workstream.professional_lead_id == user.pk else "Peer lead",
            }
            for workstream in led
        ]
    }


def _steering_groups(user) -> dict | None:
    if not is_trust_staff(user):
        return None
    seats = selectors.steering_group_seats_for_user(user=user)
    return {"seats": seats} if seats else None


MY_ACTIONS_SHOWN = 6


def _my_actions(user) -> dict | None:
    if not is_trust_staff(user):
        return None
    actions = list(selectors.actions_for_user(user=user, limit=MY_ACTIONS_SHOWN))
    return {"actions": actions, "user_id": user.pk} if actions else None


def register() -> None:
    register_panel(HomePanel("my_actions", "home/panels/my_actions.html", _my_actions, order=20))
    register_panel(HomePanel("workstreams", "home/panels/workstreams.html", _workstreams, order=30))
    register_panel(
        HomePanel("steering_groups", "home/panels/steering_groups.html", _steering_groups, order=40)
    )
