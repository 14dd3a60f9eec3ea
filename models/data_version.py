"""Data versions per topic, so read caches know when a result is stale, and only that result.

Every change goes through the audit log (dashboard.services.audit), which renews the versions of
the topics its entity touches in the same transaction; whatever writes past the audit log (the
demo data, bench/generate.py, the CLI) renews what it wrote, or every topic. A query function
declares the topics it reads (`@reads(Topic.INCIDENTS, Topic.COUNCILS)`); the cache key holds
only those versions, so an incident write keeps survey results cached. A function without a
declaration depends on every topic: a forgotten declaration costs speed, never correctness.

A random token per topic rather than a counter: two concurrent writers can never leave the same
value behind. The versions are read in one query and kept for the rest of the transaction (a
request's reads see one snapshot of them); a renewal in the same transaction updates that copy,
so a read after a write in the same request sees the new version. The new versions are written
at commit (a rolled-back transaction leaves none behind)."""

import uuid
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from models.user import AppMeta

KEY_PREFIX = "data_version:"
_MEMO = "data_versions"  # session.info: (transaction, {topic: version}) read this transaction
_PENDING = "data_versions_pending"  # session.info: (transaction, {topic: new version})
_READS = "__lagesbild_reads__"

F = TypeVar("F", bound=Callable[..., Any])


class Topic(StrEnum):
    """What a write changes and a read depends on; the tables behind each in brackets."""

    INCIDENTS = "incidents"  # incidents, incident_withdrawals
    ACTIVITIES = "activities"  # activities, activity_updates
    PLANS = "plans"  # action_plans
    SURVEYS = "surveys"  # survey_rounds, survey_results
    MEETINGS = "meetings"  # cooperation_meetings, meeting_follow_ups
    ALERTS = "alerts"  # trend_alert_reviews
    # Reference data: councils, successions, police areas and their councils, populations,
    # data notes, users. Written by the demo data and the CLI, never through the audit log.
    COUNCILS = "councils"


ALL: frozenset[Topic] = frozenset(Topic)


def reads(*topics: Topic) -> Callable[[F], F]:
    """Declares the topics a query function reads; the cache keys its results by their
    versions alone. Declare every table the function (and what it calls) reads."""
    if not topics:
        raise ValueError("reads() needs at least one topic")

    def declare(fn: F) -> F:
        setattr(fn, _READS, frozenset(topics))
        return fn

    return declare


def topics_of(fn: Callable[..., Any]) -> frozenset[Topic]:
    """The topics `fn` declared, or every topic (stale-safe) when it declared none."""
    declared: frozenset[Topic] | None = getattr(fn, _READS, None)
    return declared if declared is not None else ALL


def _key(topic: Topic) -> str:
    return KEY_PREFIX + topic.value


def renew(session: Session, topics: Iterable[Topic] = ALL) -> None:
    """New versions for `topics`, written when the session's transaction commits. Once per
    topic and transaction is enough: a version only has to change when the writes become
    visible, at commit (an import writes thousands of rows in one transaction). Reads later in
    the same transaction see the new versions, but the read cache keeps nothing they compute
    (`has_pending`): a later write of the same transaction would not renew them again."""
    transaction = session.get_transaction() or session.begin()
    pending_in, pending = session.info.get(_PENDING, (None, {}))
    if pending_in is not transaction:
        pending = {}
    fresh = {topic: uuid.uuid4().hex for topic in set(topics) - pending.keys()}
    if not fresh:
        return
    session.info[_PENDING] = (transaction, {**pending, **fresh})
    memo_in, memo = session.info.get(_MEMO, (None, {}))
    if memo_in is transaction:
        session.info[_MEMO] = (transaction, {**memo, **fresh})


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    """The renewed versions, written last and in one order: their rows are locked only from
    here to the commit, and two writers can never wait for each other's version rows."""
    pending_in, pending = session.info.pop(_PENDING, (None, {}))
    if pending_in is None or pending_in is not session.get_transaction():
        return
    for topic in sorted(pending):
        session.merge(AppMeta(key=_key(topic), value=pending[topic]))
    session.flush()


def has_pending(session: Session) -> bool:
    """Whether this transaction renewed versions it has not committed yet: what it reads now
    may miss its own later writes, which the committed versions will stand for."""
    pending_in, pending = session.info.get(_PENDING, (None, {}))
    transaction = session.get_transaction()
    return bool(pending) and transaction is not None and pending_in is transaction


def current(session: Session) -> Mapping[Topic, str]:
    """Every topic's version ("" for one never written), in one query per transaction."""
    memo_in, memo = session.info.get(_MEMO, (None, {}))
    transaction = session.get_transaction()
    if transaction is not None and memo_in is transaction:
        return dict(memo)
    rows = session.execute(
        select(AppMeta.key, AppMeta.value).where(AppMeta.key.in_([_key(t) for t in Topic]))
    )
    stored = {key: value for key, value in rows}
    versions = {topic: stored.get(_key(topic), "") for topic in Topic}
    transaction = session.get_transaction()
    pending_in, pending = session.info.get(_PENDING, (None, {}))
    if pending_in is transaction:  # renewed earlier in this transaction, written at commit
        versions.update(pending)
    session.info[_MEMO] = (transaction, versions)
    return dict(versions)
