"""Record every transaction of a session to JSON lines, then replay it as a ``file:`` target."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cmis
from cmis.errors import ImageFormatError, TransportError
from cmis.transport.record import RecordingTransport, ReplayTransport
from emulator.targets import open_emulated


def test_record_then_replay(tmp_path: Path) -> None:
    log = tmp_path / "session.jsonl"
    module = open_emulated("osfp-800g-dr8")
    module.transport = RecordingTransport(module.transport, log, module.clock)
    live = module.info()
    module.set_tx_output([2], False)
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    assert {e["op"] for e in entries} == {"read", "write"}
    assert {"time", "bank", "page", "offset", "data", "error"} <= set(entries[0])
    replayed = cmis.open(f"file:{log}")
    assert replayed.info() == live
    replayed.set_tx_output([2], False)  # the same writes, in the same order


def test_replay_refuses_what_was_not_recorded(tmp_path: Path) -> None:
    log = tmp_path / "empty.jsonl"
    log.write_text("")
    with pytest.raises(TransportError, match="no recorded read at page 11h bank 0 byte 128"):
        ReplayTransport.load(log).read(0x11, 128, 128)


def test_record_option_of_open(tmp_path: Path) -> None:
    log = tmp_path / "cli.jsonl"
    module = cmis.open("emu:osfp-800g-dr8", record=log)
    module.module_state()
    assert json.loads(log.read_text().splitlines()[0])["offset"] == 3


@pytest.mark.parametrize(
    "line",
    ["[1, 2]", '{"op": "read"}', '{"op": "poke", "page": 0, "offset": 0, "bank": 0, "data": ""}'],
)
def test_replay_refuses_lines_that_are_not_transactions(tmp_path: Path, line: str) -> None:
    """These escaped as TypeError/KeyError tracebacks from the first read (a real bug)."""
    log = tmp_path / "odd.jsonl"
    log.write_text(line + "\n")
    with pytest.raises(ImageFormatError, match=r"odd.jsonl:1: not a transaction entry"):
        ReplayTransport.load(log)
