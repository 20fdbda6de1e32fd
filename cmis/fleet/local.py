"""Ports on this machine (a mounted chassis, local optoe/i2c): the host API in-process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cmis.cli.fw_info import image_rows, updater
from cmis.errors import CmisError
from cmis.fleet.errors import PortFailed, SwitchUnreachable
from cmis.host.chassis import port_status
from cmis.host.ports import discover
from cmis.host.targets import open as open_target


def running(images: list[dict[str, Any]]) -> dict[str, Any]:
    """The image a module runs, from ``fw info --json`` rows: slot, version, committed."""
    run = next((i for i in images if i["running"]), None)
    if run is None:
        return {"slot": None, "version": None, "committed": False, "images": images}
    return {"slot": run["slot"], "version": run["version"], "committed": run["committed"],
            "images": images}  # fmt: skip


class LocalSwitch:
    """Runs each port operation through cmis.open(target) in this process."""

    def list_ports(self, data: dict[str, Any]) -> dict[str, str]:
        if data.get("chassis") is None:
            return dict(data["ports"])
        try:
            found = discover(str(data["chassis"]))
        except CmisError as err:
            raise SwitchUnreachable(str(err)) from None
        return {name: f"optoe:{path}" for name, path in found.items()}

    def status(self, target: str) -> dict[str, Any]:
        module = open_target(target)
        return port_status(module, module.pins)

    def dom(self, target: str) -> dict[str, Any]:
        return open_target(target).dom()

    def provision(self, target: str, profile: Path) -> dict[str, Any]:
        from cmis.host.provisioning.plan import apply, plan
        from cmis.host.provisioning.profile import load_profile

        changes = plan(open_target(target), load_profile(profile))
        applied = apply(changes)
        return {"items": [c.to_dict() for c in changes], "applied": applied}

    def firmware(self, target: str) -> dict[str, Any]:
        return running(image_rows(updater(open_target(target), None).info()))

    def fw_update(self, target: str, image: Path, run: bool, commit: bool) -> dict[str, Any]:
        u = updater(open_target(target), None)
        try:
            info = u.update(image.read_bytes(), run=run, commit=commit)
        except CmisError as err:
            raise PortFailed(str(err), self._after(u)) from None
        return running(image_rows(info))

    @staticmethod
    def _after(u: Any) -> dict[str, Any] | None:
        """What the module runs after a failure (None if it does not answer any more)."""
        try:
            return running(image_rows(u.info()))
        except CmisError:
            return None
