"""The composition root: `turnero <command>`. It sits above app/, ui/ and server/ so
that none of them has to import another to be started."""

from __future__ import annotations

import argparse
import sys

from app import __version__


def build_parser() -> argparse.ArgumentParser:
    from server import cli as server_cli
    from ui.board import cli as board_cli
    from ui.desk import cli as desk_cli
    from ui.kiosk import cli as kiosk_cli

    parser = argparse.ArgumentParser(
        prog="turnero", description="Front desk, kiosk and sync server for appointment businesses."
    )
    parser.add_argument("--version", action="version", version=f"turnero {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    server_cli.register(sub)
    desk_cli.register(sub)
    kiosk_cli.register(sub)
    board_cli.register(sub)
    # The demo can open the desk in front of its server; server/ knows nothing of ui/.
    demo = sub.choices["demo"]
    demo.add_argument("--desk", action="store_true", help="open the desk on the demo")
    demo.set_defaults(desk_runner=_demo_desk)
    selftest = sub.add_parser("selftest", help="check this installation works, end to end")
    selftest.set_defaults(func=_selftest)
    return parser


def _selftest(_args: argparse.Namespace) -> int:
    from turnero_selftest import run_selftest

    return run_selftest()


def _demo_desk(server: str, email: str, password: str) -> int:
    from ui.desk.main import run_desk

    return run_desk(server=server, email=email, password=password)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from server.cli import configure_logging

    configure_logging()
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
