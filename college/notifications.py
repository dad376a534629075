"""How the college acts on its messages' outcomes (recovery_portal.notifications.on_outcome)."""

from recovery_portal.notifications import on_outcome


def register() -> None:
    @on_outcome("place-offered")
    def place_offer_outcome(message) -> None:
        from .services.offers import offer_delivered, offer_undeliverable

        if message.about_id is None:
            return
        if message.status == "delivered":
            offer_delivered(enrolment_id=message.about_id, delivered_at=message.completed_at)
        elif message.has_failed:
            offer_undeliverable(enrolment_id=message.about_id)
