"""Writes of the evaluation app: keyword-only, atomic, and told who acted (``by=``)."""

from .builders import prem_return_build, prom_return_build
from .comments import comment_flag, comment_review
from .returns import prem_return_record, prom_return_record, risk_follow_up_raise, risk_task_key
from .spc_limits import limit_change_errors, limit_change_record

__all__ = [
    "comment_flag",
    "comment_review",
    "limit_change_errors",
    "limit_change_record",
    "prem_return_build",
    "prem_return_record",
    "prom_return_build",
    "prom_return_record",
    "risk_follow_up_raise",
    "risk_task_key",
]
