"""`python -m tests.kernel.run`: provision, boot, run the in-VM tests; exit 0 pass, 1 fail, 2 n/a"""

from __future__ import annotations

import shlex
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.kernel.initramfs import build_initramfs
from tests.kernel.provision import Unavailable, ready
from tests.kernel.vm import VmResult, boot, print_line

REPO = Path(__file__).resolve().parents[2]
RESULTS: list[VmResult] = []  # every boot in this process, for the pytest terminal summary
NOT_RUN: list[str] = []  # why the VM could not boot here (the skip line in the summary)
VM_TESTS = "tests/kernel/vm_tests"
PYTEST_ARGS = (
    "-p", "no:cacheprovider", "-p", "no:hypothesispytest", "-o", "addopts=",
    f"--confcutdir={VM_TESTS}", "-v", "--color=no", "--tb=short", "-rfE",
)  # fmt: skip


def vm_command(python: str = sys.executable, repo: Path = REPO) -> str:
    """The shell command /init runs in the chroot: the project's Python on the in-VM tests."""
    pytest = shlex.join([python, "-m", "pytest", VM_TESTS, *PYTEST_ARGS])
    return f"cd {shlex.quote(str(repo))} && exec {pytest}"


def run(echo: Callable[[str], object] | None = None) -> VmResult:
    """Build the initramfs and boot the pinned kernel; Unavailable if a part is missing here."""
    kernel = ready()
    with tempfile.TemporaryDirectory(prefix="cmis-kernel-") as tmp:
        initrd = build_initramfs(kernel, vm_command(), Path(tmp) / "initramfs.cpio")
        return boot(kernel, initrd, echo=echo)


def main() -> int:
    start = time.monotonic()
    try:
        result = run(echo=print_line)
    except Unavailable as err:
        print(f"kernel-test: cannot run the VM here: {err}", file=sys.stderr)
        return 2
    total = time.monotonic() - start
    verdict = "PASSED" if result.passed else "FAILED"
    print(
        f"kernel-test: {verdict}: kernel {result.kernel or '?'}, "
        f"functionality {result.marks.get('FUNCS', '?')}, in-VM pytest: {result.summary or '?'}"
        f" (VM {result.seconds:.1f} s, total {total:.1f} s)"
    )
    if result.timed_out:
        print("kernel-test: the VM did not power off in time and was killed", file=sys.stderr)
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
