"""Boot the VM once; what it reports becomes tests marked ``kernel`` (skipped if it cannot run)."""

from __future__ import annotations

import os
import sys

import pytest

from tests.kernel import lock
from tests.kernel.provision import Unavailable
from tests.kernel.run import NOT_RUN, RESULTS, run
from tests.kernel.vm import VmResult

pytestmark = pytest.mark.kernel
REQUIRED = os.environ.get("CMIS_KERNEL_REQUIRED") == "1"  # CI: fail instead of skipping


def _unavailable(reason: str) -> None:
    message = f"kernel I2C test cannot run here: {reason}"
    NOT_RUN.append(f"kernel I2C test {'FAILED' if REQUIRED else 'skipped'}: {reason}")
    if REQUIRED:
        pytest.fail(message + " (CMIS_KERNEL_REQUIRED=1)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def vm() -> VmResult:
    if not sys.platform.startswith("linux"):
        _unavailable("needs Linux (QEMU with the host root shared over 9p)")
    try:
        result = run()
    except Unavailable as err:
        _unavailable(str(err))
    RESULTS.append(result)
    return result


def _context(vm: VmResult) -> str:
    return f"VM console (last lines):\n{vm.tail()}"


def test_vm_booted_the_pinned_debian_kernel(vm: VmResult) -> None:
    assert not vm.timed_out, f"VM did not power off in time\n{_context(vm)}"
    assert vm.kernel == lock.load().release, _context(vm)
    assert "ERROR" not in vm.marks, f"/init failed: {vm.marks['ERROR']}\n{_context(vm)}"


def test_adapter_is_smbus_only(vm: VmResult) -> None:
    funcs = int(vm.marks.get("FUNCS", "0x0").split()[0], 16)
    assert funcs, f"no functionality bits reported\n{_context(vm)}"
    assert not funcs & 0x1, "i2c-stub should not offer plain I2C (I2C_FUNC_I2C)"
    assert vm.marks.get("ERRNO", "").startswith("i2c_rdwr=95"), _context(vm)


def test_backend_tests_pass_on_the_real_dev_i2c_0(vm: VmResult) -> None:
    assert vm.summary is not None, f"in-VM pytest printed no summary\n{_context(vm)}"
    assert vm.passed, f"in-VM pytest: {vm.summary}\n{_context(vm)}"
    assert "passed" in vm.summary
