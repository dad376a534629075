"""``evaluation.spc.xmr`` and its types, the interface dashboards and reports use (ARCHITECTURE §5).

The XmR calculations live in the core app (``recovery_portal.spc``), so that workstream goals can be
judged by the same rules without any app importing ``evaluation`` (ARCHITECTURE §2, ADR 0021).
"""

from recovery_portal.spc import *  # noqa: F403
from recovery_portal.spc import MINIMUM_POINTS, Better, Period, Variation, XmR, xmr

__all__ = ["MINIMUM_POINTS", "Better", "Period", "Variation", "XmR", "xmr"]
