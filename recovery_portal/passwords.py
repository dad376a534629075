"""Password rules beyond Django's own validators."""

from django.core.exceptions import ValidationError


class MaximumLengthValidator:
    """Refuse passwords over 128 characters (ASVS 2.1.2) so hashing cannot be abused."""

    def __init__(self, max_length: int = 128) -> None:
        self.max_length = max_length

    def validate(self, password: str, user=None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                f"Password must be {self.max_length} characters or fewer", code="password_too_long"
            )

    def get_help_text(self) -> str:
        return f"Your password can be up to {self.max_length} characters long."


class RepetitionValidator:
    """Refuse passwords that are mostly one character or one chunk repeated ("aaaaaaaaaaaa",
    "abcabcabcabc", "passwordpassword"): long, but no harder to guess than the chunk."""

    def validate(self, password: str, user=None) -> None:
        text = password.lower()
        if len(set(text)) <= 3 or any(
            len(text) % size == 0 and text == text[:size] * (len(text) // size)
            for size in range(1, len(text) // 2 + 1)
        ):
            raise ValidationError(
                "Your password repeats the same characters. Choose one without a pattern that repeats",
                code="password_repetitive",
            )

    def get_help_text(self) -> str:
        return "Your password cannot be the same few characters repeated."


def _service_words() -> list[str]:
    from django.conf import settings

    words = {"recovery", "nhs", "portal", "college"}
    for name in (settings.TRUST_NAME, settings.SERVICE_NAME):
        words.update(w for w in name.lower().replace("-", " ").split() if len(w) >= 4 and w not in _COMMON)
    return sorted(words)


# Words of a Trust's name that say nothing about it.
_COMMON = {"foundation", "trust", "with", "health", "care", "and", "the", "demo", "partnership", "service"}


class ServiceWordsValidator:
    """Refuse passwords built on the service's own words (recovery, NHS, the Trust's name): the first
    words anyone guessing a portal password tries."""

    def validate(self, password: str, user=None) -> None:
        text = "".join(ch for ch in password.lower() if ch.isalnum())
        found = [word for word in _service_words() if word.replace(" ", "") in text]
        if found:
            raise ValidationError(
                f"Your password contains '{found[0]}', a word people guess first for this service. Choose "
                "a password without it",
                code="password_service_word",
            )

    def get_help_text(self) -> str:
        return "Your password cannot contain the name of the service or the Trust."


_BREACHED: frozenset[str] | None = None


def breached_passwords() -> frozenset[str]:
    """The breach list shipped in recovery_portal/data (see its README for the source), read once."""
    global _BREACHED
    if _BREACHED is None:
        import gzip
        from pathlib import Path

        path = Path(__file__).parent / "data" / "breached-passwords.txt.gz"
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            _BREACHED = frozenset(line.strip().lower() for line in lines if line.strip())
    return _BREACHED


class BreachedPasswordValidator:
    """Refuse passwords found in public breaches, and those same passwords with digits or symbols added
    at the end ("letmein2026!!"), the first thing a guessing attack tries with each one."""

    def validate(self, password: str, user=None) -> None:
        text = password.lower()
        stem = text.rstrip("0123456789!@#$%^&*()-_=+.,?~ ")
        breached = breached_passwords()
        if text in breached or (len(stem) >= 6 and stem in breached):
            raise ValidationError(
                "Your password has been found in a list of passwords stolen from other websites. Choose "
                "a different password",
                code="password_breached",
            )

    def get_help_text(self) -> str:
        return "Your password cannot be one found in lists of stolen passwords."
