"""Service errors carry a Swedish message and map onto HTTP status codes."""

from dataclasses import dataclass, field
from typing import Any


class ServiceError(Exception):
    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(ServiceError):
    status = 404


class PermissionDenied(ServiceError):
    status = 403


class ValidationFailed(ServiceError):
    status = 422

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("Uppgifterna kunde inte sparas. " + " ".join(errors.values()))
        self.errors = errors


@dataclass
class ConflictDetail:
    current: dict[str, Any]
    changes: list[str] = field(default_factory=list)


class Conflict(ServiceError):
    """A save based on a stale version: nothing was written."""

    status = 409

    def __init__(self, message: str, detail: ConflictDetail) -> None:
        super().__init__(message)
        self.detail = detail
