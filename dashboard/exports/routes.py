"""The export addresses: plain links (login required, like every page), same reads as the pages.

A bad address gets a short Swedish page with status 4xx, never a 500 or a half-written file.
"""

from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request, send_file, url_for
from flask_login import current_user

from dashboard.config import INSTANCE_DIR
from dashboard.db import db_session, get_database
from dashboard.exports import (
    city_report,
    follow_up_docx,
    follow_up_xlsx,
    jobs,
    pdf,
    plan_docx,
    samverkan_docx,
)
from dashboard.services import follow_up, samverkan
from dashboard.services.errors import ServiceError
from models.base import stockholm_today
from models.queries.alerts import current_alerts

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


@bp.get("/samverkan.docx")
def samverkan_word() -> Response:
    """The samverkan agenda of a council or police area since the last meeting (`since`), or
    with `meeting=<id>` that meeting's minutes; the same agenda as the page."""
    session, today, args = db_session(), stockholm_today(), request.args
    scope = samverkan.resolve_scope(
        session, args.get("council"), args.get("area"), current_user, today
    )
    since = samverkan.parse_since(args.get("since"), today)
    agenda = samverkan.build(session, scope, since, today, args.get("meeting"))
    alerts = current_alerts(session, today, scope.alert_scope, scope.id)
    content = samverkan_docx.document(agenda, datetime.now(UTC), [a.text for a in alerts])
    return download(content, DOCX, samverkan_docx.filename(agenda))


# --- Lägesbild för staden (the KS report) ---------------------------------------------------------
# Plain links build it in the request; Översikt's button builds it as a background job
# (dashboard/exports/jobs.py) and polls /export/jobb/<token> until the file is ready.

PDF = "application/pdf"


def job_store() -> jobs.JobStore:
    """Where the export jobs keep their progress and files: shared by every worker."""
    folder = current_app.config.get("EXPORT_DIR") or INSTANCE_DIR / "exports"
    return jobs.JobStore(Path(folder))


def _city_year() -> int:
    return city_report.parse_year(request.args.get("year"), stockholm_today())


@bp.get("/lagesbild-stad.docx")
def city_word() -> Response:
    year = _city_year()
    with jobs.exclusive():
        content = city_report.build(db_session(), year, datetime.now(UTC))
    return download(content, DOCX, city_report.filename(year))


@bp.get("/lagesbild-stad.pdf")
def city_pdf() -> Response:
    if not pdf.available():
        raise pdf.Unavailable(pdf.NOT_INSTALLED)
    year = _city_year()
    with jobs.exclusive():
        content = pdf.to_pdf(city_report.build(db_session(), year, datetime.now(UTC)))
    return download(content, PDF, city_report.filename(year, "pdf"))


def start_city_report(year: int, extension: str) -> jobs.Job:
    """Starts the city report for the logged-in user as a background job (Word, or PDF when
    LibreOffice is installed); the caller has checked the year."""
    if extension == "pdf" and not pdf.available():
        raise pdf.Unavailable(pdf.NOT_INSTALLED)
    database, now = get_database(), datetime.now(UTC)

    def work(progress: jobs.Progress) -> bytes:
        with database.session() as session:
            content = city_report.build(session, year, now, progress)
        if extension == "pdf":
            progress(95, "Gör om till PDF")
            content = pdf.to_pdf(content)
        return content

    user: Any = current_user
    return jobs.start(
        job_store(),
        int(user.id),
        f"lagesbild-stad:{year}:{extension}",
        city_report.filename(year, extension),
        PDF if extension == "pdf" else DOCX,
        work,
    )


def job_download_url(token: str) -> str:
    return url_for("exports.job_file", token=token)


@bp.get("/jobb/<token>")
def job_status(token: str) -> tuple[Response, int]:
    """The job's progress as JSON: state, percent, Swedish message and, when done, the link."""
    user: Any = current_user
    try:
        job = job_store().load(token, int(user.id))
    except ServiceError as error:
        return jsonify(error=error.message), error.status
    response = jsonify(job.as_json(job_download_url(token)))
    response.headers["Cache-Control"] = "no-store"
    return response, 200


@bp.get("/jobb/<token>/fil")
def job_file(token: str) -> Response:
    user: Any = current_user
    job, path = job_store().result(token, int(user.id))
    response = send_file(
        path, mimetype=job.mimetype, as_attachment=True, download_name=job.filename
    )
    response.headers["Cache-Control"] = "no-store"
    return response
