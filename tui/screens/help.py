"""Help: what every screen shows and the keys that act on it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# cmis-tui — a CMIS 5.x module on one screen

Switch screens with **o** p l d f g, **?** this help, **ctrl+p** the command palette (every
action by name), **r** poll now, **s** change the refresh rate, **q** quit.
The line under the title shows the target, the module state and whether polling is live,
paused (a CDB command is running) or the module stopped answering (it recovers by itself).

## o — Overview
Its state in plain words with what the host can do next, and what is wrong right now
(flags raised in the last poll, e.g. Rx LOS on lane 3) with what to check. Who the module
is (vendor, **part number**, serial, firmware, CMIS revision, media), temperature and Vcc
against their thresholds (yellow warning, red alarm), the active application of each data
path, IntL and the latched flags seen so far. **w** low/high power, **R** reset.

## p — Pages
Pick a page and bank (only advertised pages). The hex view (arrows or click) and the decoded
field tree are linked: moving in one highlights the other. Changed bytes since the last
refresh are yellow, read-only bytes grey. **e** edit the byte under the cursor, **E** or
Enter edit the selected field (units, enum names, lists with commas). A dialog shows the
bytes to be written. Read-only bytes are refused unless you press **!** (force).

## l — Lanes
One row per lane: data path, DP state (coloured; animates while the state machine moves),
Tx, powers, bias, problems now, ConfigStatus; the panel below explains the lane under the
cursor and what to do about its problems. **a** apply an application (lists what the
module advertises; e.g. AppSel 2 = 2x400G-DR4 on lanes 1-4 and 5-8; ↓ Enter Enter
applies it to every lane group it fits), **t** Tx on/off for the lane, **x** DPDeinit /
re-init the lane's data path.

## d — DOM
Live plots: a lane monitor (Rx/Tx power, bias; lane by the selector or keys **1**-**8**,
**m** next monitor) and a module monitor (temperature, Vcc), with threshold lines (yellow
warning, red alarm; thresholds dimmed in the caption are off the scale: **z** fits them).
A table of every value against its thresholds, the latched flags (first and last seen, in
how many polls), and the refresh rate selector.

## f — Firmware
Images A and B (version, running, committed, valid). **u** update from an image file,
**m** make a demo image and flash it (emulated modules), **r** run the inactive image,
**c** commit, **a** abort. Progress shows phase, bytes, rate and ETA and keeps going while
you use other screens.

## g — Log
Every bus transaction and module event (state changes, flags, CDB commands, actions).
Choose a kind, type to filter (**/**).
"""


class HelpScreen(ModalScreen[None]):
    """Escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP)

    def action_close(self) -> None:
        self.dismiss(None)
