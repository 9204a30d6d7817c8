"""`turnero kiosk`."""

from __future__ import annotations

import argparse


def cmd_kiosk(args: argparse.Namespace) -> int:
    from ui.kiosk.main import run_kiosk

    return run_kiosk(server=args.server, windowed=args.windowed)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("kiosk", help="the self check-in kiosk (full screen)")
    p.add_argument("--server", help="sync server address, offered when enrolling")
    p.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    p.set_defaults(func=cmd_kiosk)
