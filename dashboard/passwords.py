"""The password policy: one home for the rule that `lagesbild create-user` and the in-app
"Byt lösenord" both apply to a new password. No Dash, Flask or click here.

NIST SP 800-63B (5.1.1.2) is the model: length is what matters, a password must not be a known
or guessable one, and there are no composition rules (no "one digit and one capital"), which
only push people to `Sommar2024!`. So:

- at least 12 and at most 128 characters, counted after Unicode NFC (an `é` typed as `e` plus a
  combining accent is one character, as the user sees it). The length is checked before anything
  else, and a string that cannot be 128 characters after NFC is refused without normalising it;
- no control characters or lone surrogates (they cannot be typed, and a surrogate cannot even be
  hashed);
- not the username, nor containing it (case-folded), for names of 4 characters or more: a shorter
  name such as `ks` is part of too many ordinary words to refuse them all, and zxcvbn still gets
  it as a word to look for;
- not guessable: zxcvbn (Dropbox's estimator, the Python port) must score it at least 3 of 4
  ("safely unguessable", about 10^8 guesses or more), with the username and the words of this
  service and city as known words.

The policy applies to new passwords only: existing hashes (the demo accounts' `demo` among them)
are never re-checked.
"""

import threading
import unicodedata

from zxcvbn import zxcvbn  # type: ignore[import-untyped]  # no type information shipped

MIN_LENGTH = 12
MAX_LENGTH = 128
MIN_SCORE = 3  # zxcvbn's 0–4 scale: 3 = "safely unguessable: moderate protection offline"
# No character composes from more than four code points under NFC (e.g. U+1F82), so a string
# longer than this cannot come down to MAX_LENGTH characters: it is refused unread.
MAX_RAW_LENGTH = 4 * MAX_LENGTH
# zxcvbn refuses longer input by default: its matching grows faster than linearly with length
# (a 128-character string of l33t substitutions took over a second here). A password whose
# first 72 characters are already hard to guess is hard to guess; one whose first 72 are not
# is refused, which a user can answer by putting the unusual words first.
SCORED_LENGTH = 72
# A name shorter than this is not looked for inside the password (zxcvbn still knows it).
MIN_NAME_IN_PASSWORD = 4
# Words an attacker would try first against this service, besides zxcvbn's own lists (which are
# English): the service, the city, and the Swedish word for "password" and the seasons that
# make up the classic guessable Swedish password (`Sommar2024!`).
CONTEXT_WORDS = (
    "lagesbild",
    "lägesbild",
    "stockholm",
    "lösenord",
    "losenord",
    "sommar",
    "vinter",
    "hösten",
    "hosten",
    "våren",
    "varen",
)

TOO_SHORT = (
    f"Lösenordet måste ha minst {MIN_LENGTH} tecken. Välj ett längre, gärna några ord "
    "som inte hör ihop."
)
TOO_LONG = f"Lösenordet får ha högst {MAX_LENGTH} tecken. Välj ett kortare."
BAD_CHARACTER = (
    "Lösenordet innehåller ett tecken som inte går att använda (till exempel en radbrytning). "
    "Välj ett annat."
)
CONTAINS_USERNAME = "Lösenordet får inte innehålla användarnamnet. Välj ett annat."
GUESSABLE = (
    "Lösenordet är för lätt att gissa. Välj ett längre, till exempel tre eller fyra ord som "
    "inte hör ihop, utan årtal och ord som har med Lägesbild eller Stockholm att göra."
)

# zxcvbn keeps the user inputs in a module-level dict for the duration of a call: two threads
# (gunicorn gthread) must not interleave, or one call would score against the other's username.
_zxcvbn_lock = threading.Lock()


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _score(password: str, username: str) -> int:
    words = [username, *CONTEXT_WORDS] if username else list(CONTEXT_WORDS)
    with _zxcvbn_lock:
        result = zxcvbn(password[:SCORED_LENGTH], user_inputs=words)
    return int(result["score"])


def problem(password: str, username: str) -> str | None:
    """Why `password` cannot be `username`'s new password, as a Swedish sentence that says
    what to do instead; None if it can."""
    if len(password) > MAX_RAW_LENGTH:
        return TOO_LONG
    normalised = unicodedata.normalize("NFC", password)
    if len(normalised) < MIN_LENGTH:
        return TOO_SHORT
    if len(normalised) > MAX_LENGTH:
        return TOO_LONG
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in normalised):
        return BAD_CHARACTER
    name = _fold(username.strip())
    if len(name) >= MIN_NAME_IN_PASSWORD and name in normalised.casefold():
        return CONTAINS_USERNAME
    if _score(normalised, name) < MIN_SCORE:
        return GUESSABLE
    return None
