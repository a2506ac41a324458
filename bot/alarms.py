"""The JobQueue side of reminders: which rows and digests have a job, and the jobs themselves.

A job is only an alarm; the rows stay the truth (``bot/scheduler.py``). Jobs have stable ids,
``reminder:<row id>`` and ``digest:<seller id>``, with ``replace_existing=True`` and
``misfire_grace_time=None``. What has a job is kept here too, so a job is only removed when one
exists: APScheduler's ``remove_job`` scans every pending job to find an unknown id.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from apscheduler.jobstores.base import JobLookupError
from telegram.ext import Application, JobQueue

from bot.reminders_repo import ReminderRow

__all__ = ["Alarms"]

JobCallback = Callable[[Any], Awaitable[None]]


class Alarms:
    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        on_reminder: JobCallback,
        on_digest: JobCallback,
    ) -> None:
        self.application = application
        self._on_reminder = on_reminder
        self._on_digest = on_digest
        # Rows with a job: id -> (claim id, seller id); and per claim.
        self._rows: dict[int, tuple[int, int]] = {}
        self._by_claim: dict[int, set[int]] = {}
        self._digests: set[int] = set()

    @property
    def job_queue(self) -> JobQueue[Any]:
        queue = self.application.job_queue
        if queue is None:
            raise RuntimeError("python-telegram-bot[job-queue] is required")
        return queue

    def _run_once(self, callback: JobCallback, delay: timedelta, data: int, job_id: str) -> None:
        self.job_queue.run_once(
            callback,
            delay,
            data=data,
            name=job_id,
            job_kwargs={"id": job_id, "replace_existing": True, "misfire_grace_time": None},
        )

    def repeat(self, callback: JobCallback, every: timedelta, job_id: str) -> None:
        self.job_queue.run_repeating(
            callback,
            every,
            first=every,
            name=job_id,
            job_kwargs={"id": job_id, "replace_existing": True, "misfire_grace_time": None},
        )

    def _remove(self, job_id: str) -> None:
        with contextlib.suppress(JobLookupError):
            self.job_queue.scheduler.remove_job(job_id)

    # --- reminder rows ---------------------------------------------------------------------

    def arm(self, row: ReminderRow, delay: timedelta) -> None:
        self._run_once(self._on_reminder, delay, row.id, f"reminder:{row.id}")
        self._rows[row.id] = (row.claim_id, row.seller_id)
        self._by_claim.setdefault(row.claim_id, set()).add(row.id)

    def forget(self, reminder_id: int) -> bool:
        """Drop the bookkeeping of a row's job (it fired); whether it had one."""
        owner = self._rows.pop(reminder_id, None)
        if owner is None:
            return False
        ids = self._by_claim.get(owner[0])
        if ids is not None:
            ids.discard(reminder_id)
            if not ids:
                del self._by_claim[owner[0]]
        return True

    def disarm(self, reminder_id: int) -> None:
        if self.forget(reminder_id):
            self._remove(f"reminder:{reminder_id}")

    def __contains__(self, reminder_id: int) -> bool:
        return reminder_id in self._rows

    def ids(self) -> set[int]:
        return set(self._rows)

    def of_claim(self, claim_id: int) -> set[int]:
        return set(self._by_claim.get(claim_id, ()))

    def of_seller(self, seller_id: int) -> set[int]:
        return {row_id for row_id, owner in self._rows.items() if owner[1] == seller_id}

    # --- digests -------------------------------------------------------------------------

    def arm_digest(self, seller_id: int, delay: timedelta) -> None:
        self._run_once(self._on_digest, delay, seller_id, f"digest:{seller_id}")
        self._digests.add(seller_id)

    def forget_digest(self, seller_id: int) -> None:
        """The digest job fired: it is gone."""
        self._digests.discard(seller_id)

    def disarm_digest(self, seller_id: int) -> None:
        if seller_id in self._digests:
            self._digests.discard(seller_id)
            self._remove(f"digest:{seller_id}")

    def has_digest(self, seller_id: int) -> bool:
        return seller_id in self._digests
