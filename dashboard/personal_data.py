"""The personal-data guard: Lägesbild holds de-identified information only.

Free text is refused when it contains a Swedish personal identity number or co-ordination
number (10 or 12 digits, optional `-`/`+`, valid date or day + 60, valid Luhn check digit),
an e-mail address or a phone number. Dates (2022-12-31), registry numbers (OST 2022/949) and
years (2019–2026) must pass, so the patterns are deliberately specific.
"""

import re
from dataclasses import dataclass

MESSAGE = (
    "Texten verkar innehålla {what}. Lägesbild får bara innehålla avidentifierad information – "
    "ta bort uppgiften och försök igen."
)

_ID_NUMBER = re.compile(r"(?<![\d-])(\d{2})?(\d{2})(\d{2})(\d{2})\s?([-+])?\s?(\d{3})(\d)(?![\d-])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# +46 or a leading 0, then 7–10 more digits with optional space/hyphen separators.
_PHONE = re.compile(r"(?<![\d/\w])(?:\+46\s?|0)(?:\d[\s-]?){6,9}\d(?![\d/])")


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _looks_like_id_number(match: re.Match[str]) -> bool:
    century, yy, mm, dd, _sep, serial, check = match.groups()
    if century is not None and century not in {"18", "19", "20"}:
        return False
    month, day = int(mm), int(dd)
    if not 1 <= month <= 12:
        return False
    if day > 60:  # co-ordination number: day + 60
        day -= 60
    if not 1 <= day <= 31:
        return False
    return luhn_valid(f"{yy}{mm}{dd}{serial}{check}")


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str


def find_personal_data(text: str | None) -> list[Finding]:
    if not text:
        return []
    findings = [
        Finding("personnummer eller samordningsnummer", m.group(0))
        for m in _ID_NUMBER.finditer(text)
        if _looks_like_id_number(m)
    ]
    findings += [Finding("en e-postadress", m.group(0)) for m in _EMAIL.finditer(text)]
    ids = {f.text for f in findings}
    findings += [
        Finding("ett telefonnummer", m.group(0))
        for m in _PHONE.finditer(text)
        if not any(m.group(0) in found or found in m.group(0) for found in ids)
    ]
    return findings


def personal_data_message(text: str | None) -> str | None:
    """A Swedish error message for the first finding, or None when the text is clean."""
    findings = find_personal_data(text)
    if not findings:
        return None
    return MESSAGE.format(what=findings[0].kind)
