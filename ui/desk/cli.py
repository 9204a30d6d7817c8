"""`turnero desk`."""

from __future__ import annotations

import argparse


def cmd_desk(args: argparse.Namespace) -> int:
    from ui.desk.main import run_desk

    return run_desk(server=args.server, email=args.email)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("desk", help="the front desk")
    p.add_argument("--server", help="sync server address (default: the last one used)")
    p.add_argument("--email", help="sign in as (default: the last one used)")
    p.set_defaults(func=cmd_desk)
