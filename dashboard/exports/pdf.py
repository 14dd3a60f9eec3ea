"""Word to PDF with LibreOffice (`soffice --headless --convert-to pdf`), when it is installed.

Each conversion has its own LibreOffice profile directory: two conversions at once would
otherwise fight over the one profile's lock and the second would silently produce nothing.
"""

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from dashboard.services.errors import ServiceError

TIMEOUT_S = 120


class Unavailable(ServiceError):
    status = 503


NOT_INSTALLED = (
    "PDF kan inte skapas på den här servern (LibreOffice saknas). Hämta Word-filen i stället."
)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None


def to_pdf(docx: bytes) -> bytes:
    """The document as PDF; Unavailable (503, Swedish) without LibreOffice or when it fails."""
    program = soffice()
    if program is None:
        raise Unavailable(NOT_INSTALLED)
    with tempfile.TemporaryDirectory(prefix="lagesbild-pdf-", ignore_cleanup_errors=True) as tmp:
        folder = Path(tmp)
        source = folder / "rapport.docx"
        source.write_bytes(docx)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            _run(command)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise Unavailable("PDF-filen kunde inte skapas. Hämta Word-filen i stället.") from error
        target = folder / "rapport.pdf"
        if not target.exists():
            raise Unavailable("PDF-filen kunde inte skapas. Hämta Word-filen i stället.")
        return target.read_bytes()


def _run(command: list[str]) -> None:
    """LibreOffice in a process group of its own: `soffice` is a script that starts
    `soffice.bin`, which a timeout of the script alone would leave running."""
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        process.wait(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
