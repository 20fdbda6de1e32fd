"""Profile vs module: every check first (nothing written on a refusal), then the changes in order.

Order of the actions: power up (when the profile wants high), applications, Tx outputs,
thresholds, power down (when it wants low). Items already as wanted get no action, so applying
a profile twice writes nothing the second time.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from cmis.codec.access import field_writable
from cmis.codec.codes import ModuleState, describe
from cmis.codec.fieldvalue import encode
from cmis.errors import CmisError, InputError
from cmis.host import registers as r
from cmis.host.provisioning.change import POWER_DOWN, POWER_UP, THRESHOLDS, Change
from cmis.host.provisioning.lanes import application_changes, tx_changes
from cmis.host.provisioning.profile import Profile

if TYPE_CHECKING:
    from cmis.host.api import HostModule as Module

POWER_STATE = {"high": ModuleState.ModuleReady, "low": ModuleState.ModuleLowPwr}


class RequirementError(CmisError):
    """The module does not meet a profile requirement (firmware version); nothing was written."""


def plan(module: Module, profile: Profile) -> list[Change]:
    """Check ``profile`` against ``module`` and list every item, in the order they apply."""
    changes = [
        *firmware_items(module, profile),
        *_power(module, profile),
        *application_changes(module, profile),
        *tx_changes(module, profile),
        *(_threshold(module, profile, n, v) for n, v in profile.thresholds.items()),
    ]
    return sorted(changes, key=lambda c: c.step)


def apply(changes: list[Change]) -> int:
    """Run the actions of ``changes``; returns how many there were."""
    pending = [c.action for c in changes if c.action is not None]
    for action in pending:
        action()
    return len(pending)


def firmware_items(module: Module, profile: Profile) -> list[Change]:
    """RequirementError unless the running firmware is what the profile requires."""
    major, minor = module.read(0, r.ACTIVE_FIRMWARE, 2)
    changes = []
    for key, wanted in profile.firmware.items():
        rule = "" if key == "version" else ">= "
        want = f"{rule}{wanted[0]}.{wanted[1]}"
        if not ((major, minor) >= wanted if rule else (major, minor) == wanted):
            raise RequirementError(
                f"{profile.lines.source}:{profile.lines.at(('firmware', key))}: firmware {key}: "
                f"{module.name} runs {major}.{minor}, the profile requires {want}; update it "
                f"(cmis fw update IMAGE) and provision again"
            )
        changes.append(Change("firmware", f"{major}.{minor}", want, POWER_UP))
    return changes


def _power(module: Module, profile: Profile) -> list[Change]:
    if profile.power is None:
        return []
    mode, state = profile.power, module.module_state()
    change = Change("power", describe(state), mode, POWER_UP if mode == "high" else POWER_DOWN)
    if state == POWER_STATE[mode]:
        return [change]
    run = partial(module.set_power_mode, mode)
    return [Change(change.what, change.have, change.want, change.step, run)]


def _threshold(module: Module, profile: Profile, name: str, value: float) -> Change:
    """A page 02h threshold: nothing to do when equal; refused when different and read-only."""
    reading, at = module.read_field(f"02h.{name}"), ("thresholds", name)
    unit = reading.ref.spans[0].unit
    change = Change(reading.ref.name, f"{reading.value:g} {unit}", f"{value:g} {unit}", THRESHOLDS)
    try:
        if encode(reading.ref, reading.raw, value, **reading.params) == reading.raw:
            return change
    except InputError as err:
        raise profile.lines.error(at, str(err)) from None
    if not field_writable(reading.ref.page, reading.ref.spans):
        why = f"read-only on {module.name} (has {change.have}, the profile wants {change.want})"
        raise profile.lines.error(at, f"{why}; use the module's value or remove the line")
    run = partial(module.write_field, reading.ref.name, str(value))
    return Change(change.what, change.have, change.want, THRESHOLDS, run)
