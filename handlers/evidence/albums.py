"""Albums: each item is stored as it arrives, and the whole album gets one answer.

Telegram sends an album as separate messages sharing a ``media_group_id``, with no "last one"
marker. What was stored waits in ``chat_data`` (in memory only: after a restart the items are
stored, just not summed up), and a short JobQueue job, pushed back by every further item of
the album, sends one summary once no more arrive. Done and /cancel send waiting summaries
first (``flush_albums``), so they come before the claim card.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from telegram.ext import Application

from bot.context import ClaimwachtContext
from bot.evidence_types import Result
from handlers.views import evidence as views

__all__ = ["ALBUM_DELAY_SECONDS", "collect_album", "flush_albums", "forget_albums"]

ALBUMS_KEY = "evidence.albums"  # chat_data: media group id -> _Album
ALBUM_DELAY_SECONDS = 1.5


@dataclass
class _Album:
    locale: str
    claim_id: int
    item_id: str
    results: list[Result] = field(default_factory=list)


def _job_prefix(chat_id: int) -> str:
    return f"album:{chat_id}:"


def _albums(chat_data: dict[Any, Any] | None) -> dict[str, _Album]:
    if chat_data is None:
        return {}
    albums: dict[str, _Album] = chat_data.setdefault(ALBUMS_KEY, {})
    return albums


def collect_album(
    context: ClaimwachtContext, chat_id: int, seller_id: int, group: str, claim_id: int,
    item_id: str, result: Result,
) -> None:
    """Remember ``result`` for the album's summary and (re)start its timer."""
    album = _albums(context.chat_data).setdefault(
        group, _Album(context.i18n.code, claim_id, item_id))
    album.results.append(result)
    job_queue = context.job_queue
    assert job_queue is not None
    name = _job_prefix(chat_id) + group
    for job in job_queue.get_jobs_by_name(name):
        job.schedule_removal()
    job_queue.run_once(album_summary, ALBUM_DELAY_SECONDS, data=group, name=name,
                       chat_id=chat_id, user_id=seller_id)


async def album_summary(context: ClaimwachtContext) -> None:
    """Job: one answer for a whole album, once no more of its items arrive."""
    job = context.job
    assert job is not None and job.chat_id is not None
    await _send_summary(context, job.chat_id, str(job.data))


async def _send_summary(context: ClaimwachtContext, chat_id: int, group: str) -> None:
    album = _albums(context.application.chat_data[chat_id]).pop(group, None)
    if album is None:
        return
    tr = context.services.translator(album.locale)
    text, markup = views.summary_screen(tr, album.claim_id, album.item_id, album.results)
    await context.bot.send_message(chat_id, text, reply_markup=markup)


def _cancel_jobs(application: Application[Any, Any, Any, Any, Any, Any], chat_id: int) -> None:
    if application.job_queue is None:
        return
    for job in application.job_queue.jobs():
        if job.name and job.name.startswith(_job_prefix(chat_id)):
            job.schedule_removal()


async def flush_albums(context: ClaimwachtContext, chat_id: int) -> None:
    """Answer albums still waiting for their summary now (before Done shows the card)."""
    _cancel_jobs(context.application, chat_id)
    for group in list(_albums(context.application.chat_data[chat_id])):
        await _send_summary(context, chat_id, group)


def forget_albums(application: Application[Any, Any, Any, Any, Any, Any], chat_id: int) -> None:
    """Drop unsent album summaries of a chat (data deletion)."""
    _cancel_jobs(application, chat_id)
    application.chat_data.get(chat_id, {}).pop(ALBUMS_KEY, None)
