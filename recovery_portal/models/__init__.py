from .audit import AuditAction, AuditEvent
from .heartbeat import WorkerHeartbeat
from .submission import FormSubmission
from .task import FollowUpTask
from .tracking import ChangeTracked
from .user import AccountKind, User

__all__ = [
    "AccountKind",
    "AuditAction",
    "AuditEvent",
    "ChangeTracked",
    "FollowUpTask",
    "FormSubmission",
    "User",
    "WorkerHeartbeat",
]
