"""PLACEHOLDER — a helper implements this module."""

from dashboard.services.follow_up import FollowUpReport


def workbook(report: FollowUpReport) -> bytes:
    raise NotImplementedError
