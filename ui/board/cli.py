"""`turnero board`."""

from __future__ import annotations

import argparse


def cmd_board(args: argparse.Namespace) -> int:
    from ui.board.main import run_board

    return run_board(server=args.server, code=args.enroll, windowed=args.windowed)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("board", help="the queue display board for the waiting room (full screen)")
    p.add_argument("--server", help="sync server address, to enrol at")
    p.add_argument("--enroll", metavar="CODE", help="the one-time code made at the desk")
    p.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    p.set_defaults(func=cmd_board)
