"""The yardstick: a bare python-telegram-bot echo bot, polling like Claimwacht does.

    TELEGRAM_BOT_TOKEN=... TELEGRAM_BASE_URL=http://127.0.0.1:PORT/bot \\
        .venv/bin/python -m bench.echo_bot

With ``BENCH_ECHO_RATE_LIMITER=1`` it keeps to Telegram's limits with PTB's ``AIORateLimiter``,
as any bot that must not be answered 429 does (``bench.process_cpu --rate 0`` compares both).
"""

from __future__ import annotations

import os

from telegram import Update
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    ContextTypes,
    MessageHandler,
    filters,
)


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message and update.effective_message.text:
        await update.effective_message.reply_text(update.effective_message.text)


def main() -> None:
    builder = ApplicationBuilder().token(os.environ["TELEGRAM_BOT_TOKEN"])
    if base_url := os.environ.get("TELEGRAM_BASE_URL"):
        builder = builder.base_url(base_url)
    if os.environ.get("BENCH_ECHO_RATE_LIMITER"):
        builder = builder.rate_limiter(AIORateLimiter())
    application = builder.build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.run_polling(allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
