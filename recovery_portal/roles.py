"""Trust-wide roles held through Django groups. Team roles live on ``teams.Membership``."""

from enum import StrEnum


class TrustRole(StrEnum):
    # The values are the group names, created by migration and shown in admin.
    COLLEGE_TEAM = "Recovery College team"
    EVALUATION_TEAM = "Recovery Evaluation Team"
