"""A user's own account: changing their password.

Everything a forged request could try is decided here: the user is always the one passed in
(the logged-in user, never an id from the browser), the current password must be right, and a
wrong one counts against the same budget as a failed login (dashboard/auth.py AccountAttempts),
so the form cannot be used to guess a password. Ending the user's other sessions and renewing
this one belong to the web layer (callbacks/account.py), after the commit.
"""

import logging
from typing import Protocol

from sqlalchemy.orm import Session

from dashboard import passwords
from dashboard.services.errors import PermissionDenied, ValidationFailed
from models import User

log = logging.getLogger(__name__)

# A current password longer than this is wrong without being hashed: the policy allows 128
# characters (at most 512 code points), and no one types 1 024 (create-user had no maximum
# before the policy).
MAX_CURRENT_LENGTH = passwords.MAX_RAW_LENGTH * 2

LOCKED_OUT = "För många felaktiga lösenord. Försök igen om {wait}."
CURRENT_MISSING = "Skriv ditt nuvarande lösenord."
CURRENT_WRONG = "Det nuvarande lösenordet stämmer inte. Skriv det igen."
NEW_MISSING = "Skriv ett nytt lösenord."
REPEAT_MISMATCH = "Lösenorden stämmer inte överens. Skriv det nya lösenordet likadant två gånger."
SAME_AS_CURRENT = "Det nya lösenordet måste skilja sig från det nuvarande. Välj ett annat."
INACTIVE = "Kontot är inte aktivt."


class Attempts(Protocol):
    """Failed password checks per account (the login throttle)."""

    def locked_for(self, username: str) -> str | None: ...
    def failed(self, username: str) -> None: ...


def _text(value: object) -> str:
    """A field's text; whatever else a forged request sends is an empty field."""
    return value if isinstance(value, str) else ""


def _is_current(user: User, password: str) -> bool:
    if not password or len(password) > MAX_CURRENT_LENGTH:
        return False
    try:
        return user.check_password(password)
    except UnicodeEncodeError:  # a lone surrogate from a JSON body: no password has one
        return False


def change_password(
    session: Session,
    user: User,
    current: object,
    new: object,
    repeat: object,
    attempts: Attempts,
) -> None:
    """Replace `user`'s password with `new` if `current` is theirs and `new` passes the policy
    (dashboard/passwords.py). The checks that need no secret come first; a wrong current
    password is counted before anything about the new one is said. Raises PermissionDenied
    while the account is locked out, ValidationFailed (per field: current, new, repeat) for
    anything else; nothing is changed then. The caller commits."""
    if not user.active:
        raise PermissionDenied(INACTIVE)
    wait = attempts.locked_for(user.username)
    if wait is not None:  # even the right password is refused, as at login
        raise PermissionDenied(LOCKED_OUT.format(wait=wait))
    current_text, new_text, repeat_text = _text(current), _text(new), _text(repeat)
    if not current_text:
        raise ValidationFailed({"current": CURRENT_MISSING})
    if not new_text:
        raise ValidationFailed({"new": NEW_MISSING})
    if new_text != repeat_text:
        raise ValidationFailed({"repeat": REPEAT_MISMATCH})
    if not _is_current(user, current_text):
        attempts.failed(user.username)
        raise ValidationFailed({"current": CURRENT_WRONG})
    problem = passwords.problem(new_text, user.username)
    if problem is not None:
        raise ValidationFailed({"new": problem})
    if new_text == current_text:
        raise ValidationFailed({"new": SAME_AS_CURRENT})
    user.set_password(new_text)
    session.flush()
    # Account events are not in the audit log (it records changes to the data, per council, and
    # renews the read caches' data version); the server log gets who, never the password.
    log.info("User %s changed their password", user.id)
