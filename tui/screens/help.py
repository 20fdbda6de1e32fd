"""Help: what every screen shows and the keys that act on it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# cmis-tui — a CMIS 5.x module on one screen

Switch screens with **o** p l d f (or **F1**-**F8**; F6 Log, F7 VDM, F8 Diagnostics), or
**:** and a name (k9s style: `:log`, `:vdm`, `:diag`, `:10h:130` jumps to a byte,
`:OutputDisableTx` finds a field).
**j**/**k**/**g**/**G** move down/up/top/bottom as in vim. **?** this help (it opens at the
screen you are on), **ctrl+p** the command palette (every action by name, emulator faults
with a lane choice), **r** poll now, **s** change the refresh rate, **q** quit.
The line under the title shows the target, the module state and whether polling is live,
paused (a CDB command is running) or the module stopped answering (it recovers by itself).

## Chassis grid (cmis-tui --chassis DIR)
One row per port of a switch folder (DIR/port1/eeprom, as `cmis-emu serve` mounts or a
PDDF platform lays out): present, module state, the application of each data path, the
worst monitor level (lane monitors count only on activated lanes of a ready module) and the
lanes with Rx LOS, refreshed every second. An empty cage or a port that fails is a row, not
the end. **Enter** opens the full module view of the port under the cursor (every screen
below); there **b** comes back to the grid. **q** quits.

## Overview (o, F1)
Its state in plain words with what the host can do next, and what is wrong right now
(flags raised in the last poll, e.g. Rx LOS on lane 3) with what to check. Who the module
is (vendor, **part number**, serial, firmware, CMIS revision, media), temperature and Vcc
against their thresholds (yellow warning, red alarm), the active application of each data
path, IntL and the latched flags seen so far. **w** low/high power, **R** reset.

## Pages (p, F2)
Pick a page and bank (only advertised pages); **[** **]** previous/next page, **{** **}**
previous/next bank, **h** the 256-byte view (lower and upper memory together). **/** finds a
field on every page and bank by name, byte (`130`) or address (`10h:130`, `1:11h:200` for
bank 1): ↑↓ pick from the list (page:byte and name), Enter goes there. The hex view
(arrows, j/k, or click) and the decoded field tree are linked: moving in one highlights the
other. Lane bitmasks read per lane (`OutputDisableTx = lane 3`). Changed bytes since the last
refresh are yellow, read-only bytes grey. **e** edit the byte under the cursor, **E** or
Enter edit the selected field (units, enum names, lanes such as `3` or `1-4`). A dialog shows
the bytes to be written; every write is read back and a module that ignored it is reported.
Read-only bytes are refused before you type a value, unless you press **!** (force: for one
write).

## Lanes (l, F3)
One row per lane: data path, DP state (coloured; animates while the state machine moves),
Tx, powers, bias, problems now, ConfigStatus; the panel below explains the lane under the
cursor and what to do about its problems. **a** apply an application (lists what the
module advertises; e.g. AppSel 2 = 2x400G-DR4 on lanes 1-4 and 5-8; ↓ Enter Enter
applies it to every lane group it fits), **t** Tx on/off for the lane, **x** DPDeinit /
re-init the lane's data path.

## DOM (d, F4)
Live plots: a lane monitor (Rx/Tx power, bias; lane by the selector or keys **1**-**8**,
**m** next monitor) and a module monitor (temperature, Vcc), with threshold lines (yellow
warning, red alarm; thresholds dimmed in the caption are off the scale: **z** fits them).
A table of every value against its thresholds, the latched flags (first and last seen, in
how many polls), and the refresh rate selector.

## Firmware (f, F5)
Images A and B (version, running, committed, valid). **u** update from an image file,
**m** make a demo image and flash it (emulated modules), **r** run the inactive image,
**c** commit, **a** abort. Progress shows phase, bytes, rate and ETA and keeps going while
you use other screens.

## Log (F6)
Module events (state changes, flags, faults, your actions, every step of an apply) with
wall-clock times; a line repeated back to back shows once with a count (`x60`). Events are
kept apart from bus transactions, so hours of polling do not push them out. Choose a kind
(everything includes the bus), **/** to filter (`lane 3` also finds `lanes 1-8`), **Esc**
leaves the filter (again: clears it), **S** saves the whole log to a file for a vendor case
(`.txt` text, `.jsonl` one JSON object a line).

## VDM (F7)
The DSP's telemetry (pages 20h-2Fh), read once per poll (frozen, read, unfrozen): one row
per lane of every bank, one column per observable the module advertises (Esnr, PamLtp,
BerCur/Min/Max/Avg = pre-FEC BER, FercCur... = uncorrectable frames, TxPower, RxTotalPower,
LaserTemp), green ok, yellow warning, red alarm, `*` a latched flag. Module-level
observables sit on one line below; the plot follows the pre-FEC BER of the lane under the
cursor (**[** **]** or j/k) on a log10 axis with its thresholds.

## Diagnostics (F8)
PRBS pattern generators and checkers and loopbacks (pages 13h/14h). Choose the side, the
pattern (only those the module offers), generator and/or checker and the lanes (`1-8`,
`3`, `all`); **t** starts them (it asks first: the lanes stop carrying traffic), **x** stops
them on those lanes. The table shows each checker lane's lock, errors, bits and BER, live,
with the time counted against the gating time. **L** turns the chosen loopback type on
(asks first), **O** off. A standalone module's checker sees no lock: loop its media output
back (media-side-output) or connect it to a peer.
"""


class HelpScreen(ModalScreen[None]):
    """Escape, q or ? closes it; it opens scrolled to the section of the screen ``mode``."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, mode: str = "") -> None:
        super().__init__()
        self.mode = mode

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP)

    def on_markdown_table_of_contents_updated(self) -> None:
        self.call_after_refresh(self.scroll_to_section)

    def scroll_to_section(self) -> None:
        """Put the heading of the current screen at the top (Markdown anchors are slugs)."""
        for _level, label, block_id in self.query_one(Markdown).table_of_contents:
            if block_id and self.mode and label.lower().startswith(self.mode):
                heading = self.query_one(f"#{block_id}")
                self.query_one("#help", VerticalScroll).scroll_to_widget(
                    heading, top=True, animate=False
                )
                return

    def action_close(self) -> None:
        self.dismiss(None)
