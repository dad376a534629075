from .audit import AuditAction, AuditEvent
from .heartbeat import WorkerHeartbeat
from .message import Audience, Channel, Message, MessageStatus, MessageTemplate
from .passkey import Passkey
from .submission import FormSubmission
from .task import FollowUpTask
from .tracking import ChangeTracked
from .user import AccountKind, ContactBy, User

__all__ = [
    "AccountKind",
    "Audience",
    "Channel",
    "ContactBy",
    "Message",
    "MessageStatus",
    "MessageTemplate",
    "Passkey",
    "AuditAction",
    "AuditEvent",
    "ChangeTracked",
    "FollowUpTask",
    "FormSubmission",
    "User",
    "WorkerHeartbeat",
]
