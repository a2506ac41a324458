"""Run the fake Bot API as its own process: ``python -m tests.fakebotapi --port N --token T``.

Prints ``READY <port>`` once listening; drive it through the /_control JSON API.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys

from tests.fakebotapi.schema import SchemaNotFoundError, load_schema
from tests.fakebotapi.server import DEFAULT_TOKEN, FakeBotApi


async def _serve(host: str, port: int, token: str) -> None:
    async with FakeBotApi(token, host=host, port=port, schema=load_schema()) as server:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        print(f"READY {server.port}", flush=True)
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fakebotapi", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    args = parser.parse_args(argv)
    try:
        asyncio.run(_serve(args.host, args.port, args.token))
    except SchemaNotFoundError as exc:
        print(f"fakebotapi: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
