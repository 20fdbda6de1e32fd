"""Fuzzing the CLI in-process: random argv over every command and option against ``emu:``
targets ends with exit 0, 1 or 2, never a traceback, and on exit 2 no byte written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cmis.host.targets
from cmis.cli import cli, main
from tests.conftest import SUMMARY

EDGES = ["0", "1", "8", "255", "256", "-1", "0x11", "11h", "1e308", "nan", "inf", "-inf",
         "99999999999999999999", "", " ", "1-4", "1-33", "4-1", "0.001", "x" * 300, "é",
         "/nonexistent/x.bin", "/dev/full", "/tmp", "out.bin", "p.yaml", "%s{}", "--"]  # fmt: skip
TARGETS = ["emu:osfp-800g-dr8", "emu:qsfpdd-800g-2xfr4", "nonsense", "file:/nonexistent"]
SELECT = (126, 127)  # bank/page select bytes: a read of a page writes them, no module state
COUNTS = {"examples": 0, 0: 0, 1: 0, 2: 0}  # examples run, and how many ended with each exit


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> Iterator[tuple[Any, ...]]:
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name), command


COMMANDS = list(_commands(cli))
values = st.one_of(
    st.sampled_from(EDGES), st.text(st.characters(exclude_characters="\0"), max_size=8)
)


@st.composite
def argvs(draw: st.DrawFn) -> list[str]:
    """Global options, a command, then some of its options and arguments, hostile values."""
    argv = ["-t", draw(st.sampled_from(TARGETS))]
    argv += draw(st.sampled_from([[], ["--margin", draw(values)], ["--record", draw(values)]]))
    path, command = draw(st.sampled_from(COMMANDS))
    argv += list(path)
    for param in command.params:
        if isinstance(param, click.Argument):
            argv += [draw(values) for _ in range(draw(st.integers(0, 2)))]
        elif draw(st.booleans()):
            argv += (
                [param.opts[0]]
                if getattr(param, "is_flag", False)
                else [param.opts[0], draw(values)]
            )
    if "--watch" in argv:
        argv += ["--count", "2"]  # a watch without a count runs until Ctrl-C
    return argv


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every module the CLI opens, with a count of the bytes written to it."""
    modules: list[Any] = []
    resolve = cmis.host.targets._resolve

    def keeping(scheme: str) -> Any:
        opener = resolve(scheme)

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            module = opener(*args, **kwargs)
            device = getattr(module, "device", None)
            if device is not None:
                module.written, write = [], device.twi_write
                device.twi_write = lambda off, data: (
                    module.written.append(off) if off not in SELECT else None,
                    write(off, data),
                )[-1]
            modules.append(module)
            return module

        return wrapped

    monkeypatch.setattr(cmis.host.targets, "_resolve", keeping)
    return modules


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(argv=argvs())
def test_any_command_line_exits_cleanly(
    argv: list[str], opened: list[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    opened.clear()
    with CliRunner().isolation() as (out, err, _):
        code = main(argv)
    COUNTS["examples"] += 1
    COUNTS[code] = COUNTS.get(code, 0) + 1
    error = err.getvalue().decode(errors="replace")
    assert code in (0, 1, 2), (argv, error)
    assert "Traceback" not in error and "Traceback" not in out.getvalue().decode(errors="replace")
    if code:
        assert len(error.splitlines()) == 1 and error.startswith("cmis: error: "), (argv, error)
    if code == 2:
        assert all(not m.written for m in opened if hasattr(m, "written")), argv


def test_report_examples(pytestconfig: pytest.Config) -> None:
    """Runs after the property (file order): the count shows in the terminal summary."""
    pytestconfig.stash.setdefault(SUMMARY, []).append(
        f"CLI fuzz: {COUNTS['examples']} command lines over {len(COMMANDS)} commands "
        f"(exit 0/1/2: {COUNTS[0]}/{COUNTS[1]}/{COUNTS[2]})"
    )
