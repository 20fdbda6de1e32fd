"""Which ports the exporter watches, and the one-line refusals of bad input (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmis.errors import InputError
from cmis.exporter.cli import parse_listen
from cmis.exporter.ports import PortSpec, from_chassis, from_config
from tests.bounded import run_cli

EXPORTER = "cmis.exporter.cli"


def test_every_chassis_subdirectory_with_an_eeprom_is_a_port(tmp_path: Path) -> None:
    for name in ("port10", "port2", "port1", "empty"):
        (tmp_path / name).mkdir()
    for name in ("port10", "port2", "port1"):
        (tmp_path / name / "eeprom").write_bytes(b"")
    assert [p.name for p in from_chassis(str(tmp_path))] == ["port1", "port2", "port10"]
    assert from_chassis(str(tmp_path))[0].target == f"optoe:{tmp_path / 'port1' / 'eeprom'}"


def test_a_chassis_without_ports_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no ports"):
        from_chassis(str(tmp_path))


@pytest.mark.parametrize("suffix", [".yaml", ".toml"])
def test_a_ports_file_names_ports(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"ports{suffix}"
    if suffix == ".toml":
        path.write_text('[ports]\nleaf1-e1 = "emu:osfp-800g-dr8"\nleaf1-e2 = "optoe:/x"\n')
    else:
        path.write_text("ports:\n  leaf1-e1: emu:osfp-800g-dr8\n  leaf1-e2: optoe:/x\n")
    assert from_config(str(path)) == [
        PortSpec("leaf1-e1", "emu:osfp-800g-dr8"),
        PortSpec("leaf1-e2", "optoe:/x"),
    ]


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("ports: [a, b]\n", "expected a mapping"),
        ("ports:\n  a: 12\n", "must be a string"),
        ("ports:\n  a: nfs:/x\n", "unknown scheme"),
        ("ports: {a: [\n", "not valid"),
    ],
)
def test_a_bad_ports_file_is_refused(tmp_path: Path, text: str, hint: str) -> None:
    path = tmp_path / "ports.yaml"
    path.write_text(text)
    with pytest.raises(InputError, match=hint):
        from_config(str(path))


def test_listen_addresses() -> None:
    assert parse_listen("127.0.0.1:9876") == ("127.0.0.1", 9876)
    assert parse_listen("[::1]:0") == ("::1", 0)


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["--listen", "localhost:80"], "--listen 'localhost:80': expected ADDR:PORT"),
        (["--listen", "127.0.0.1:70000"], "a port 0-65535"),
        (["-t", "x" * 500 + ":y"], "unknown scheme"),
        ([], "give the ports one way"),
        (["-t", "emu:osfp-800g-dr8", "--chassis", "/tmp"], "give the ports one way"),
        (["--chassis", "/nonexistent"], "not a directory"),
        (["--timeout", "0"], "--timeout"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], hint: str) -> None:
    result = run_cli(*args, program=EXPORTER)
    assert result.code == 2
    assert result.err.startswith("cmis: error: ") and hint in result.err
    assert len(result.err.strip().splitlines()) == 1 and len(result.err) < 300
    assert "Traceback" not in result.err


def test_a_busy_listen_port_fails_with_exit_1(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli(
            "-t", "emu:osfp-800g-dr8", "--listen", f"127.0.0.1:{port}", program=EXPORTER
        )
    assert result.code == 1
    assert result.err.startswith("cmis: error: cannot listen on 127.0.0.1:")
