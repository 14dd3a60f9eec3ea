"""The export addresses: plain links (login required, like every page), same reads as the pages.

A bad address gets a short Swedish page with status 4xx, never a 500 or a half-written file.
"""

from datetime import UTC, datetime
from html import escape

from flask import Blueprint, Response, request

from dashboard.db import db_session
from dashboard.exports import follow_up_docx, follow_up_xlsx, plan_docx
from dashboard.services import follow_up
from dashboard.services.errors import ServiceError
from models.base import stockholm_today

bp = Blueprint("exports", __name__, url_prefix="/export")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download(content: bytes, mimetype: str, filename: str) -> Response:
    response = Response(content, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(ServiceError)
def _refused(error: ServiceError) -> tuple[str, int, dict[str, str]]:
    page = (
        '<!doctype html><html lang="sv"><meta charset="utf-8"><title>Exporten kunde inte göras'
        "</title><body><h1>Exporten kunde inte göras</h1>"
        f'<p>{escape(error.message)}</p><p><a href="/uppfoljning">Till Uppföljning</a></p>'
    )
    return page, error.status, {"Content-Type": "text/html; charset=utf-8"}


def report_from_args() -> follow_up.FollowUpReport:
    session = db_session()
    args = request.args
    wanted = follow_up.parse_request(
        session, args.get("year"), args.get("period"), args.get("council"), stockholm_today()
    )
    return follow_up.build_report(session, wanted, datetime.now(UTC))


def report_filename(report: follow_up.FollowUpReport, extension: str) -> str:
    """uppfoljning-t1-2026-OST.xlsx; the whole city: uppfoljning-t1-2026-staden.xlsx."""
    scope = report.council.code if report.council else "staden"
    return f"uppfoljning-{report.period.code}-{report.period.year}-{scope}.{extension}"


@bp.get("/uppfoljning.xlsx")
def follow_up_excel() -> Response:
    report = report_from_args()
    return download(follow_up_xlsx.workbook(report), XLSX, report_filename(report, "xlsx"))


@bp.get("/uppfoljning.docx")
def follow_up_word() -> Response:
    report = report_from_args()
    return download(follow_up_docx.document(report), DOCX, report_filename(report, "docx"))


@bp.get("/handlingsplan.docx")
def plan_word() -> Response:
    """The council's whole plan of a year, as it stands now, in the form of the city's plans."""
    wanted = plan_docx.find_plan(
        db_session(), request.args.get("council"), request.args.get("year"), stockholm_today()
    )
    filename = f"handlingsplan-{wanted.council.code}-{wanted.plan.year}.docx"
    return download(plan_docx.document(wanted), DOCX, filename)
