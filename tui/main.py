"""``cmis-tui``: open the target (or the chassis grid) and run the app until the user quits.

With ``--chassis DIR`` the grid runs until a port is chosen, then that port's full module view
until ``b`` brings the grid back (on the same port) or ``q`` quits for good.
"""

from __future__ import annotations

import sys

from cmis.errors import CmisError, InputError, cut
from cmis.host.ports import discover
from tui.app import BACK, CmisApp
from tui.arguments import parse_args
from tui.chassis_app import ChassisApp
from tui.session import open_session


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.chassis is not None:
        return chassis_main(args.chassis, args.rate)
    try:  # open (and so check) the target before the screen is taken over
        session = open_session(args.target)
    except CmisError as err:
        return _refuse(err)
    app = CmisApp(session, poll_interval=args.rate)
    app.run()
    return app.return_code or 0  # non-zero after an unhandled exception


def chassis_main(folder: str, rate: float) -> int:
    """The grid until a port is chosen, that port's full view until ``b``, and round again."""
    try:
        ports = discover(folder)
    except CmisError as err:
        return _refuse(err)
    chosen, note = None, ""
    while True:
        grid = ChassisApp(folder, ports, interval=1.0, cursor=chosen, note=note)
        grid.run()
        chosen, note = grid.return_value, ""
        if chosen is None:
            return grid.return_code or 0
        try:
            session = open_session(f"optoe:{ports[chosen]}")
        except CmisError as err:  # e.g. the port vanished from the folder meanwhile
            note = f"{chosen}: {cut(' '.join(str(err).split()), 100, quote=False)}"
            continue
        app = CmisApp(session, poll_interval=rate, chassis=True)
        app.run()
        if app.return_value != BACK:
            return app.return_code or 0


def _refuse(err: CmisError) -> int:
    print(f"cmis-tui: error: {' '.join(str(err).split())}", file=sys.stderr)
    return 2 if isinstance(err, InputError) else 1
