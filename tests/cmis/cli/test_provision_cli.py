"""``cmis provision`` end to end, and the issue's remaining bad inputs (targets, firmware files):
one line, exit 2, nothing written (proved with ``--record``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cmis.cli.test_commands import run, writes

EXAMPLE = str(Path(__file__).parents[3] / "examples" / "provision-2x400g.yaml")


def test_dry_run_prints_the_diff_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = tmp_path / "log.jsonl"
    code, out, err = run(capsys, "--record", str(log), "provision", EXAMPLE, "--dry-run")
    assert (code, err) == (0, "")
    assert "  ~ lanes 1-4: AppSel 1 on lanes 1-8 -> AppSel 2 on lanes 1-4" in out
    assert "  = power: ModuleReady" in out and out.endswith("would change 2 item(s)\n")
    assert writes(log) == []


def test_provision_applies(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "provision", EXAMPLE, "--json")
    data = json.loads(out)
    assert code == 0 and (data["dry_run"], data["applied"]) == (False, 2)


def test_unmet_firmware_requirement_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    profile, log = tmp_path / "p.yaml", tmp_path / "log.jsonl"
    profile.write_text('applications:\n  - {appsel: 2, lanes: 1-8}\nfirmware: {version: "9.0"}\n')
    code, _, err = run(capsys, "--record", str(log), "provision", str(profile))
    assert code == 1 and f"{profile}:3: firmware version" in err
    assert writes(log) == []


PROFILES = {
    "unknown-key": "power: high\ncolour: blue\n",
    "not-advertised": "applications:\n  - {appsel: 7, lanes: 1-4}\n",
    "not-data-paths": "applications:\n  - {appsel: 2, lanes: 2-5}\n",
    "wrong-type": "tx: {enable: [1, two]}\n",
    "yaml-syntax": "power: high\n  applications: [\n",
}


def _firmware_file(tmp_path: Path, kind: str) -> str:
    path = tmp_path / "image.bin"
    if kind == "too-large":
        with path.open("wb") as f:
            f.truncate(16 * 1024 * 1024 + 1)
    elif kind == "damaged-ocfw":  # our format, so the host checks it (others go to the module)
        path.write_bytes(b"OCFW" + bytes(200))
    elif kind == "empty":
        path.write_bytes(b"")
    return str(path)


BAD = [
    ["-t", "i2c:99@0x50", "info"],  # bus that does not exist
    ["-t", "i2c:1@0x99", "info"],  # address out of range
    ["-t", "nosuch:1", "info"],  # unknown target scheme
    ["fw", "update", "FW:missing"],
    ["fw", "update", "FW:too-large"],
    ["fw", "update", "FW:damaged-ocfw"],
    ["fw", "update", "FW:empty"],
    ["provision", "/no/such/profile.yaml"],
    *(["provision", f"PROFILE:{name}"] for name in PROFILES),
]


@pytest.mark.parametrize("args", BAD, ids=lambda a: " ".join(a))
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str]
) -> None:
    args = [_resolve(tmp_path, a) for a in args]
    log = tmp_path / "log.jsonl"
    code, _, err = run(capsys, "--record", str(log), *args)
    assert code == 2, err
    assert err.startswith("cmis: error: ") and err.count("\n") == 1
    if args[0] == "provision" and "PROFILE" not in args[1] and Path(args[1]).exists():
        assert err.startswith(f"cmis: error: {args[1]}:")  # FILE:LINE: reason
    assert writes(log) == []


def _resolve(tmp_path: Path, arg: str) -> str:
    kind, _, name = arg.partition(":")
    if kind == "FW":
        return _firmware_file(tmp_path, name)
    if kind == "PROFILE":
        path = tmp_path / f"{name}.yaml"
        path.write_text(PROFILES[name])
        return str(path)
    return arg
