"""Ports on a switch reached over SSH: run its ``cmis ... --json`` and parse what it prints.

The connection is Nornir's (nornir-paramiko: a paramiko SSHClient); files the switch needs (a
firmware image, a profile) are copied once per switch over SFTP, named by their content hash.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shlex
import threading
from pathlib import Path, PurePosixPath
from typing import Any

from cmis.errors import cut
from cmis.fleet.errors import PortFailed, SwitchUnreachable
from cmis.fleet.local import running
from cmis.host.ports import natural_key as _natural

_ERROR = "cmis: error: "


class SshSwitch:
    """``client``: a connected paramiko SSHClient; ``cmis``: the command on the switch."""

    def __init__(self, client: Any, cmis: str, workdir: str) -> None:
        self.client, self.cmis, self.workdir = client, cmis, PurePosixPath(workdir)
        self.copied: dict[Path, str] = {}
        self.lock = threading.Lock()

    def list_ports(self, data: dict[str, Any]) -> dict[str, str]:
        if data.get("chassis") is None:
            return dict(data["ports"])
        root = PurePosixPath(str(data["chassis"]))
        try:
            with self.client.open_sftp() as sftp:
                names = [n for n in sftp.listdir(str(root)) if _has_eeprom(sftp, root / n)]
        except OSError as err:
            raise SwitchUnreachable(f"cannot list chassis {cut(str(root))}: {err}") from None
        return {n: f"optoe:{root / n / 'eeprom'}" for n in sorted(names, key=_natural)}

    def run(self, *words: str, then: str = "") -> tuple[int, str, str]:
        """``cmis WORDS`` (then a shell tail) on the switch: exit status, stdout, stderr."""
        command = " ".join(shlex.quote(w) for w in (self.cmis, *words)) + then
        _, out, err = self.client.exec_command(command)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
        return out.channel.recv_exit_status(), stdout, stderr

    def json(self, target: str, *words: str) -> Any:
        code, out, err = self.run("-t", target, *words, "--json")
        if code != 0:
            raise PortFailed(reason(err, code))
        return json.loads(out)

    def status(self, target: str) -> dict[str, Any]:
        return dict(self.json(target, "status"))

    def dom(self, target: str) -> dict[str, Any]:
        return dict(self.json(target, "dom"))

    def provision(self, target: str, profile: Path) -> dict[str, Any]:
        done = self.json(target, "provision", self.copy(profile))
        return {"items": done["items"], "applied": done["applied"]}

    def firmware(self, target: str) -> dict[str, Any]:
        return running(self.json(target, "fw", "info")["images"])

    def fw_update(self, target: str, image: Path, run: bool, commit: bool) -> dict[str, Any]:
        """One SSH round: update, then fw info whatever happened, exit with update's status."""
        flags = ["--no-run"] if not run else [] if commit else ["--no-commit"]
        info = " ".join(shlex.quote(w) for w in (self.cmis, "-t", target, "fw", "info", "--json"))
        code, out, err = self.run(
            "-t", target, "fw", "update", self.copy(image), "-q", *flags,
            then=f" >/dev/null; rc=$?; {info}; exit $rc",  # stdout: fw info's JSON only
        )  # fmt: skip
        try:
            after: dict[str, Any] | None = running(json.loads(out)["images"])
        except (ValueError, KeyError):
            after = None
        if code != 0:
            raise PortFailed(reason(err, code), after)
        return after or {}

    def copy(self, local: Path) -> str:
        """The file's path on the switch, uploading it the first time."""
        with self.lock:  # the switch's bus threads share one copy
            return self._copy(local)

    def _copy(self, local: Path) -> str:
        if local not in self.copied:
            data = local.read_bytes()
            name = f"cmis-fleet-{hashlib.sha256(data).hexdigest()[:16]}{local.suffix}"
            remote = str(self.workdir / name)
            with self.client.open_sftp() as sftp:  # another rollout may share the folder:
                temp = str(self.workdir / f".{name}.{os.getpid()}.{threading.get_ident()}")
                sftp.putfo(io.BytesIO(data), temp)  # write aside, then rename into place
                sftp.posix_rename(temp, remote)
            self.copied[local] = remote
        return self.copied[local]


def reason(stderr: str, code: int) -> str:
    """The switch's ``cmis: error: ...`` line, or its last line, or the exit status."""
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    mine = [ln.removeprefix(_ERROR) for ln in lines if ln.startswith(_ERROR)]
    text = (mine or lines or [f"cmis exited with status {code}"])[-1]
    return cut(text, 160, quote=False)


def _has_eeprom(sftp: Any, folder: PurePosixPath) -> bool:
    try:
        sftp.stat(str(folder / "eeprom"))
    except OSError:
        return False
    return True
