"""The personal-data guard: Lägesbild holds de-identified information only.

Free text is refused when it contains a Swedish personal identity number or co-ordination
number (10 or 12 digits, valid date or day + 60, valid Luhn check digit), an e-mail address or
a phone number. The text is normalised first (Unicode NFKC, every dash to `-`, invisible
characters dropped, `[at]`/`(at)`/`%40` to `@`), so other spellings of the same number are
caught. Dates (2022-12-31), registry numbers (OST 2022/949), amounts (1 000 000 kr) and
organisation numbers must pass, so the patterns are deliberately specific.

Every pattern is linear in the length of the text: no nested unbounded quantifiers, and an
unbounded run is only tried where it starts (a look-behind), so a long run of letters or digits
is read once. Text longer than MAX_CHARS is refused without being scanned, phonenumbers' slow
checks are budgeted per text, and the scan stops at MAX_FINDINGS.
"""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice

import phonenumbers

from dashboard.formatting import fmt_int

MESSAGE = (
    "Texten verkar innehålla {what}. Lägesbild får bara innehålla avidentifierad information – "
    "ta bort uppgiften och försök igen."
)
# Callers allow at most 20 000 characters; this bound only guards against a caller that forgot.
MAX_CHARS = 50_000
PHONE_CHECKS = 200
MAX_FINDINGS = 20  # callers show the first; the rest need not be looked for
TOO_LONG = "för mycket text"
TOO_LONG_MESSAGE = f"Texten är för lång för att granskas (högst {fmt_int(MAX_CHARS)} tecken)."

ID_NUMBER = "personnummer eller samordningsnummer"
EMAIL = "en e-postadress"
PHONE = "ett telefonnummer"


def _translation() -> dict[int, str | None]:
    """Every dash and minus to `-`, every decimal digit to ASCII; invisible format characters
    (zero-width space, soft hyphen, joiners, bidi marks, tags) and combining or enclosing marks
    (grapheme joiner, variation selectors, accents, keycap) dropped. Applied after NFKC, which
    has already composed å, ä and ö, so only marks no letter absorbed go. Built once, over the
    BMP and the tags and variation-selector supplement (U+E0000–U+E01EF)."""
    table: dict[int, str | None] = {0x2212: "-", 0x2796: "-", 0x02D7: "-", 0x2043: "-"}
    for code in [*range(0x80, 0x10000), *range(0xE0000, 0xE01F0)]:
        category = unicodedata.category(chr(code))
        if category == "Pd":
            table[code] = "-"
        elif category == "Nd":
            table[code] = str(unicodedata.decimal(chr(code)))
        elif category in {"Cf", "Mn", "Me"}:
            table[code] = None
    return table


_TRANSLATION = _translation()
_SPACES = re.compile(r"\s+")
# `[.]`, `[dot]`, `(punkt)` stand for `.`; `[at]`, `(at)`, `{snabel-a}`, `%40` for `@`, and so
# does a bare ` at ` between a word and something that looks like a domain (`exempel.se`):
# "at" is no Swedish word, and English "look at this" has no domain after it.
_DOT = re.compile(r" ?[\[({] ?(?:dot|punkt|\.) ?[\])}] ?", re.IGNORECASE)
_AT = re.compile(
    r" ?(?:[\[({] ?(?:at|snabel-?a) ?[\])}]|%40) ?"
    r"|(?<=\w) at (?=[\w-]{1,63}(?:\.[\w-]{1,63}){0,4}\.[^\W\d_]{2,24}\b)",
    re.IGNORECASE,
)
# A letter O written for a zero, beside a digit and not inside a word: O7O-123 45 67.
_LETTER_O = re.compile(r"(?<![^\W\d_])[Oo](?=\d)|(?<=\d)[Oo](?![^\W\d_])")

# YYMMDD or CCYYMMDD, then an optional separator (`-`, `+`, `/`, `.`, maybe spaced), then the
# serial and check digit; or CCYY-MM-DD-XXXX. Not inside a longer number or a date range.
_ID_NUMBER = re.compile(
    r"(?<!\d)(?<!\d-)"
    r"(?:(?P<century>\d\d)?(?P<yy>\d\d)(?P<mm>\d\d)(?P<dd>\d\d) ?[-+/.:_]? ?"
    r"|(?P<c>\d\d)(?P<y>\d\d)-(?P<m>\d\d)-(?P<d>\d\d)-)"
    r"(?P<serial>\d{4})(?!\d)(?!-\d)",
    re.ASCII,
)
# The same number spaced digit by digit: 8 0 0 5 1 7 - 1 2 3 9 (or 12 digits).
_SPACED_ID_NUMBER = re.compile(
    r"(?<!\d)(?<!\d )\d(?: \d){5,7} (?:[-+] )?\d(?: \d){3}(?! ?\d)", re.ASCII
)
_ID_DIGITS = re.compile(
    r"(?P<century>\d\d)?(?P<yy>\d\d)(?P<mm>\d\d)(?P<dd>\d\d)(?P<serial>\d{4})", re.ASCII
)
# The local part is tried only where a run of its characters starts.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+ ?@ ?[\w-]+(?:\.[\w-]+)+")
# A phone number starts with + or 00 and a country code, or with a trunk 0, then a digit other
# than 0; a bounded run of digits, spaces, hyphens and parentheses follows. phonenumbers then
# decides.
_PHONE = re.compile(
    r"(?<![\w+])(?<!\d[-/:.,])"
    r"(?:(?:\+ ?|00)[1-9]\d{0,2}[ -]?(?:\(0\) ?)?|\(0|0)[1-9][\d ()-]{4,19}\d",
    re.ASCII,
)
# A number written with `/` or `.` after its area code: 070/123 45 67, 070.123.45.67. Dates
# (01.12.2022) and times (08.00-17.00) have at most 8 digits; a phone number written so must
# have at least 9 with its trunk 0, and phonenumbers must hold it valid.
_PHONE_SLASH_DOT = re.compile(
    r"(?<![\w+])(?<!\d[-/:.,])0[1-9]\d{0,3} ?[/.] ?\d{2,8}(?:[ .-]\d{2,3}){0,3}(?![.:/]?\d)",
    re.ASCII,
)
_MIN_SLASH_DOT_DIGITS = 9

_COUNTRY_CODES = frozenset(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
_GROUP_OF_THOUSANDS = re.compile(r"\d{3}(?: \d{3})+")
_DIGIT_SPACE = re.compile(r"\d ")

# Luhn: every second digit from the right is doubled, and a doubled 5–9 loses 9.
_DOUBLED = str.maketrans("0123456789", "0246813579")


def luhn_valid(digits: str) -> bool:
    """The Luhn check, on slices and str.translate so that thousands of candidates stay cheap
    (stdnum.luhn takes several times longer)."""
    doubled = digits[-2::-2].translate(_DOUBLED)
    return (sum(map(int, digits[-1::-2])) + sum(map(int, doubled))) % 10 == 0


def normalise(text: str) -> str:
    """One spelling for the many ways the same number or address can be written."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATION)
    text = _SPACES.sub(" ", text)
    text = _LETTER_O.sub("0", text)
    return _AT.sub("@", _DOT.sub(".", text))


def _is_date(century: str | None, yy: str, mm: str, dd: str) -> bool:
    day = int(dd) - 60 if int(dd) > 60 else int(dd)  # co-ordination number: day + 60
    if century is not None:
        candidates = [int(century + yy)] if century in {"18", "19", "20"} else []
    else:
        candidates = [2000 + int(yy), 1900 + int(yy)]  # one of them is a leap year if any is
    for year in candidates:
        try:
            date(year, int(mm), day)
        except ValueError:
            continue
        return True
    return False


def _is_id_number(match: re.Match[str]) -> bool:
    century, yy, mm, dd, c, y, m, d, serial = match.groups()
    if y is not None:  # CCYY-MM-DD-XXXX
        century, yy, mm, dd = c, y, m, d
    return luhn_valid(yy + mm + dd + serial) and _is_date(century, yy, mm, dd)


def _is_spaced_id_number(match: re.Match[str]) -> bool:
    digits = _ID_DIGITS.fullmatch("".join(ch for ch in match.group(0) if ch.isdigit()))
    if digits is None:
        return False
    century, yy, mm, dd, serial = digits.groups()
    return luhn_valid(yy + mm + dd + serial) and _is_date(century, yy, mm, dd)


def _phone_number(candidate: str) -> phonenumbers.PhoneNumber | None:
    """The number a candidate dials from Sweden, if it has a plausible length: +46/0046 and
    a trunk 0 (or `(0)`) lead to a Swedish number, any other +/00 to that country's."""
    digits = "".join(ch for ch in candidate if ch.isdigit())
    if candidate.startswith("+") or digits.startswith("00"):
        digits = digits.removeprefix("00")
        if not digits.startswith("46"):
            codes = {int(digits[:n]) for n in (1, 2, 3) if digits[:n].isdigit()}
            if not 7 <= len(digits) <= 15 or not codes & _COUNTRY_CODES:
                return None  # checked before parse, which is slow when it fails
            try:
                return phonenumbers.parse("+" + digits)
            except phonenumbers.NumberParseException:
                return None
        digits = digits[2:]
    national = digits.removeprefix("0")
    if not 6 <= len(national) <= 10 or national[0] == "0":
        return None
    return phonenumbers.PhoneNumber(country_code=46, national_number=int(national))


def _is_phone(text: str, match: re.Match[str], budget: list[int]) -> bool:
    """The candidate, or the candidate cut at one of its spaces or hyphens (it may have run
    into the next figure), is a number phonenumbers holds valid. A check takes ~0.1 ms, so a
    text gets `budget` checks; past them, a candidate counts as a phone number (the guard
    fails closed: no real text has hundreds of phone-shaped figures)."""
    candidate = match.group(0)
    if _GROUP_OF_THOUSANDS.fullmatch(candidate) and _DIGIT_SPACE.fullmatch(
        text, max(0, match.start() - 2), match.start()
    ):
        return False  # the tail of an amount: 366 080 301 492 kr
    cuts = [len(candidate)] + [i for i in range(len(candidate) - 1, 6, -1) if candidate[i] in " -"]
    tried: set[str] = set()
    for end in cuts:
        number = _phone_number(candidate[:end])
        if number is None or str(number) in tried:
            continue
        tried.add(str(number))
        budget[0] -= 1
        if budget[0] < 0:
            return True
        if phonenumbers.is_valid_number(number):
            return True
    return False


def _is_slash_dot_phone(match: re.Match[str], budget: list[int]) -> bool:
    """A `/`- or `.`-separated candidate with enough digits for a phone number (no date or
    time has 9) that phonenumbers holds valid, within the same budget as the others."""
    candidate = match.group(0)
    if sum(ch.isdigit() for ch in candidate) < _MIN_SLASH_DOT_DIGITS:
        return False
    number = _phone_number(candidate)
    if number is None:
        return False
    budget[0] -= 1
    return budget[0] < 0 or bool(phonenumbers.is_valid_number(number))


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str


def _findings(text: str) -> Iterator[Finding]:
    found: list[str] = []
    for m in _ID_NUMBER.finditer(text):
        if _is_id_number(m):
            found.append(m.group(0))
            yield Finding(ID_NUMBER, m.group(0))
    for m in _SPACED_ID_NUMBER.finditer(text):
        if _is_spaced_id_number(m):
            found.append(m.group(0))
            yield Finding(ID_NUMBER, m.group(0))
    for m in _EMAIL.finditer(text):
        found.append(m.group(0))
        yield Finding(EMAIL, m.group(0))
    budget = [PHONE_CHECKS]
    for m in _PHONE.finditer(text):
        if not any(m.group(0) in f for f in found) and _is_phone(text, m, budget):
            found.append(m.group(0))
            yield Finding(PHONE, m.group(0))
    for m in _PHONE_SLASH_DOT.finditer(text):
        if not any(m.group(0) in f for f in found) and _is_slash_dot_phone(m, budget):
            yield Finding(PHONE, m.group(0))


def find_personal_data(text: str | None) -> list[Finding]:
    """Up to MAX_FINDINGS findings; text longer than MAX_CHARS is one finding, unscanned."""
    if not text:
        return []
    if len(text) > MAX_CHARS:
        return [Finding(TOO_LONG, "")]
    text = normalise(text)
    if len(text) > MAX_CHARS:  # NFKC may lengthen it
        return [Finding(TOO_LONG, "")]
    return list(islice(_findings(text), MAX_FINDINGS))


def personal_data_message(text: str | None) -> str | None:
    """A Swedish error message for the first finding, or None when the text is clean."""
    findings = find_personal_data(text)
    if not findings:
        return None
    if findings[0].kind == TOO_LONG:
        return TOO_LONG_MESSAGE
    return MESSAGE.format(what=findings[0].kind)
