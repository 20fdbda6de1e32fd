"""The text the service's control files take and show, turned into Chassis calls (no FUSE here)."""

from __future__ import annotations

import json
from collections.abc import Callable

from cmis.cli.params import parse_finite
from cmis.codec.lanelist import format_lanes
from cmis.errors import cut
from emulator.chassis import Chassis, ChassisError
from emulator.faults import LANE_FAULTS

LINK_VERBS = {"cut": 2, "restore": 2, "loss": 3}  # verb -> number of arguments
LINK_USAGE = "write 'cut A B', 'restore A B' or 'loss A B DB'"
CAGE_USAGE = "write 'remove', 'insert' or 'insert PROFILE'"
FAULT_USAGE = "write NAME=VALUE (e.g. rx_los=1-8, nack_rate=0.01) or 'clear'"


class ControlError(ValueError):
    """A control write the service refuses; the message is the one line a user reads back."""


class Control:
    """Applies control writes to a chassis and keeps the reason of the last refusal."""

    def __init__(self, chassis: Chassis) -> None:
        self.chassis = chassis
        self.last_error = ""

    def apply(self, where: str, action: Callable[..., object], *args: object) -> None:
        """Run one chassis call; a refusal becomes a ControlError and the new ``last_error``."""
        try:
            action(*args)  # the chassis takes its own lock
        except (ChassisError, ValueError) as err:  # drop the port the chassis names again
            self.refuse(f"{where}: {str(err).removeprefix(where.split('/')[0] + ': ')}")

    def refuse(self, message: str) -> None:
        self.last_error = " ".join(message.split()) + "\n"
        raise ControlError(self.last_error.strip())

    def pin(self, port: str, file: str, text: str) -> bool:
        """``0`` or ``1`` (a trailing newline allowed), as a sysfs pin file takes it."""
        value = text.strip()
        if value not in ("0", "1"):
            self.refuse(f"{port}/{file}: write 0 or 1, not {cut(value)}")
        return value == "1"

    def fault(self, port: str, text: str) -> None:
        words = text.split()
        if words == ["clear"]:
            return self.apply(f"{port}/fault", self.chassis.set_fault, port, "clear", "")
        if len(words) != 1 or "=" not in words[0]:
            self.refuse(f"{port}/fault: {FAULT_USAGE}, not {cut(text.strip())}")
        name, _, value = words[0].partition("=")
        self.apply(f"{port}/fault", self.chassis.set_fault, port, name, value)

    def cage(self, port: str, text: str) -> None:
        words = text.split()
        handle = self.chassis.port(port)
        if words == ["remove"]:
            return self.apply(f"{port}/cage", handle.remove)
        if words[:1] == ["insert"] and len(words) <= 2:
            return self.apply(f"{port}/cage", handle.insert, *words[1:])
        self.refuse(f"{port}/cage: {CAGE_USAGE}, not {cut(text.strip())}")

    def link(self, text: str) -> None:
        verb, *args = text.split() or [""]
        if LINK_VERBS.get(verb) != len(args):
            self.refuse(f"links: {LINK_USAGE}, not {cut(text.strip())}")
        actions: dict[str, Callable[..., object]] = {
            "cut": self.chassis.cut,
            "restore": self.chassis.restore,
            "loss": lambda a, b, db: self.chassis.set_loss(a, b, parse_finite(db, 0.0, 100.0)),
        }
        self.apply(f"links: {verb}", actions[verb], *args)

    def show_faults(self, port: str) -> str:
        """The active faults, one ``name=value`` line each, as ``fault`` takes them back."""
        faults = self.chassis.port(port).faults
        if faults is None:
            return ""
        active = faults.active()
        lines = [f"{name}={format_lanes(sorted(getattr(faults, name)))}" for name in LANE_FAULTS]
        lines = [line for line in lines if not line.endswith("=none")]
        lines += [f"{name}={value}" for name, value in active.items() if name != "lanes"]
        return "".join(line + "\n" for line in lines)

    def show_cage(self, port: str) -> str:
        handle = self.chassis.port(port)
        return f"present {handle.module.profile.name}\n" if handle.module else "empty\n"

    def show_links(self) -> str:
        return "".join(
            f"{link.a} {link.b} loss_db={link.loss_db:g} {'up' if link.up else 'cut'}\n"
            for link in self.chassis.links
        )

    def show_status(self) -> str:
        return json.dumps(self.chassis.status(), indent=1) + "\n"
