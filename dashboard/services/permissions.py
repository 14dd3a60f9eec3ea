"""Who may write what. Read access is open to every logged-in role in the read views."""

from dashboard.services.errors import PermissionDenied
from models import User
from models.enums import Role, label

READ_ONLY = "Din roll ({role}) får bara läsa uppgifter i Lägesbild."
OTHER_COUNCIL = "Du kan bara ändra uppgifter för din egen nämnd."


def can_write_council(user: User, council_id: int) -> bool:
    if user.role is Role.ADMIN:
        return True
    return user.role is Role.COORDINATOR and user.council_id == council_id


def require_write(user: User, council_id: int) -> None:
    if user.role in (Role.READER, Role.POLICE):
        raise PermissionDenied(READ_ONLY.format(role=label(user.role)))
    if not can_write_council(user, council_id):
        raise PermissionDenied(OTHER_COUNCIL)


def require_admin(user: User, what: str) -> None:
    if user.role is not Role.ADMIN:
        raise PermissionDenied(f"Endast central samordnare (admin) får {what}.")
