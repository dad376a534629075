from .audit import AuditAction, AuditEvent
from .heartbeat import WorkerHeartbeat
from .user import AccountKind, User

__all__ = ["AccountKind", "AuditAction", "AuditEvent", "User", "WorkerHeartbeat"]
