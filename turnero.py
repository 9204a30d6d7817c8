"""The composition root: `turnero <command>`. It sits above app/, ui/ and server/ so
that none of them has to import another to be started."""

from __future__ import annotations

import argparse
import sys

from app import __version__


def build_parser() -> argparse.ArgumentParser:
    from server import cli as server_cli

    parser = argparse.ArgumentParser(
        prog="turnero", description="Front desk, kiosk and sync server for appointment businesses."
    )
    parser.add_argument("--version", action="version", version=f"turnero {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    server_cli.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from server.cli import configure_logging

    configure_logging()
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
