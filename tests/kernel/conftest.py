"""Host side of the kernel I2C test: never collect the in-VM tests here; show what the VM said."""

from __future__ import annotations

import pytest

from tests.kernel.run import NOT_RUN, RESULTS

collect_ignore = ["vm_tests"]  # they need /dev/i2c-0: run.py runs them inside the VM
SHOWN = ("KERNEL", "ADAPTER", "FUNCS", "I2C-PLAIN", "ERRNO", "BLOCK33")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The kernel booted, the functionality bits and the in-VM test results, in every run;
    or the one line saying why it could not boot and how to get what is missing."""
    for line in dict.fromkeys(NOT_RUN):
        terminalreporter.write_line(line)
    for result in RESULTS:
        terminalreporter.section("kernel I2C test (QEMU, real i2c-dev + i2c-stub)")
        for key in SHOWN:
            terminalreporter.write_line(f"{key.lower():10} {result.marks.get(key, '?')}")
        for line in result.console:
            if line.startswith("tests/kernel/vm_tests/") and "::" in line:
                terminalreporter.write_line(f"  {line.split(' [')[0]}")
        terminalreporter.write_line(
            f"in-VM pytest: {result.summary or 'no summary'} ({result.seconds:.1f} s in the VM)"
        )
