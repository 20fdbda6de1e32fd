"""Plan the lane items of a profile: applications per lane group and Tx output per media lane."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from cmis.codec.applications import Application
from cmis.host import registers as r
from cmis.host.lanes import by_bank, group_problem, plan_groups
from cmis.host.provision import not_advertised
from cmis.host.provisioning.change import APPS, TX, Change, bank_lanes
from cmis.host.provisioning.profile import AppEntry, Profile

if TYPE_CHECKING:
    from cmis.host.api import HostModule as Module


def application_changes(module: Module, profile: Profile) -> list[Change]:
    """One item per entry and bank; every entry is checked against the module first."""
    claimed: dict[int, int] = {}  # global lane -> index of the entry that claims it
    changes = []
    for index, entry in enumerate(profile.applications):
        app = _advertised(module, profile, entry)
        _check_lanes(module, profile, entry, claimed, index)
        for bank, local in by_bank(entry.lanes).items():
            groups = _groups(profile, entry, app, local, bank)
            changes.append(_app_change(module, app, bank, local, groups))
    return changes


def _advertised(module: Module, profile: Profile, entry: AppEntry) -> Application:
    app = module.application(entry.appsel)
    if app is None:
        raise profile.lines.error(
            (*entry.at, "appsel"), not_advertised(module.name, module.applications(), entry.appsel)
        )
    return app


def _check_lanes(
    module: Module, profile: Profile, entry: AppEntry, claimed: dict[int, int], index: int
) -> None:
    at, limit = (*entry.at, "lanes"), module.lane_count
    if not entry.lanes or entry.lanes[-1] > limit:
        raise profile.lines.error(at, f"lanes {entry.lanes} do not exist: lanes 1-{limit}")
    again = [lane for lane in entry.lanes if lane in claimed]
    if again:
        other = profile.lines.at(("applications", claimed[again[0]]))
        raise profile.lines.error(at, f"lanes {again} are already claimed on line {other}")
    claimed.update(dict.fromkeys(entry.lanes, index))


def _groups(profile: Profile, entry: AppEntry, app: Application, local: list[int], bank: int):  # type: ignore[no-untyped-def]
    groups = plan_groups(app, local)
    for group in groups:
        problem = group_problem(app, group, bank)
        if problem:
            why = f"lanes do not form data paths: {problem}"
            raise profile.lines.error((*entry.at, "lanes"), why)
    return groups


def _app_change(
    module: Module, app: Application, bank: int, local: list[int], groups: list[list[int]]
) -> Change:
    paths = module.data_paths(bank)
    touched = [p for p in paths if set(p.lanes) & set(local)]
    have = "; ".join(f"AppSel {p.appsel} on lanes {bank_lanes(p.lanes, bank)}" for p in touched)
    want = "; ".join(f"AppSel {app.appsel} on lanes {bank_lanes(g, bank)}" for g in groups)
    change = Change(f"lanes {bank_lanes(local, bank)}", have or "unused", want, APPS)
    done = {(p.appsel, p.lanes) for p in paths}
    pending = [lane for g in groups if (app.appsel, tuple(g)) not in done for lane in g]
    if not pending:
        return change
    run = partial(module.apply_application, app.appsel, pending, bank=bank, enable_tx=False)
    return Change(change.what, change.have, change.want, APPS, run)


def tx_changes(module: Module, profile: Profile) -> list[Change]:
    """One item per bank the profile's ``tx`` names; media lanes beyond the module are refused."""
    limit = module.lane_count
    bad = [lane for lane in profile.tx if lane > limit]
    if bad:
        raise profile.lines.error(("tx",), f"media lanes {bad} do not exist: lanes 1-{limit}")
    return [_tx_change(module, bank, profile.tx) for bank in by_bank(profile.tx)]


def _tx_change(module: Module, bank: int, tx: dict[int, bool]) -> Change:
    lanes = {(k - 1) % 8 + 1: on for k, on in tx.items() if (k - 1) // 8 == bank}
    off_mask = r.mask_of([k for k, on in lanes.items() if not on])
    on_mask = r.mask_of([k for k, on in lanes.items() if on])
    current = module.read(0x10, r.OUTPUT_DISABLE_TX, 1, bank)[0]
    what = f"Tx output, media lanes {bank_lanes(lanes, bank)}"
    change = Change(what, _on_off(current, lanes, bank), _on_off(off_mask, lanes, bank), TX)
    if current & (on_mask | off_mask) == off_mask:
        return change
    run = partial(module.update_bits, 0x10, r.OUTPUT_DISABLE_TX, off_mask, on_mask, bank)
    return Change(change.what, change.have, change.want, TX, run)


def _on_off(disabled: int, lanes: dict[int, bool], bank: int) -> str:
    on = [k for k in lanes if not disabled >> (k - 1) & 1]
    off = [k for k in lanes if disabled >> (k - 1) & 1]
    return f"on {bank_lanes(on, bank)}, off {bank_lanes(off, bank)}"
