"""Run the ``cmis`` CLI in a child process with memory and CPU limits (hostile-input tests)."""

from __future__ import annotations

import resource
import subprocess
import sys
from dataclasses import dataclass

MEMORY = 1024**3  # RLIMIT_AS: a regression that balloons dies here, not the test machine
CPU_SECONDS = 20


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def run_cli(*args: str, program: str = "cmis.cli") -> Result:
    """``python -m cmis.cli ARGS`` under the limits; a killed child has a negative code."""
    code = f"import sys; from {program} import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        errors="replace",
        preexec_fn=_limits,
        timeout=CPU_SECONDS * 3,
        check=False,
    )
    return Result(done.returncode, done.stdout, done.stderr)


def one_error_line(result: Result, prog: str = "cmis") -> str:
    """The single ``PROG: error: ...`` line of an exit-2 run (asserts there is only that)."""
    assert result.code == 2, result
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{prog}: error: "), result.err[:2000]
    assert len(lines[0]) < 300, lines[0][:300]
    return lines[0]
