"""What the kernel test needs: cache keyed by the pin, detection of missing parts, the skip line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.kernel import lock, provision
from tests.kernel.lock import Pin
from tests.kernel.provision import Unavailable, cached_kernel, ready

PIN = Pin("linux-image-6.1.0-57-amd64", "6.1.192-3", "ab" * 32)
REPO = Path(__file__).resolve().parents[2]


def fake_kernel(base: Path, modules: tuple[str, ...] = ("i2c-dev.ko", "i2c-stub.ko")) -> Path:
    base.mkdir(parents=True)
    (base / "vmlinuz").write_bytes(b"kernel")
    for name in modules:
        (base / name).write_bytes(b"module")
    (base / "modules.order").write_text("".join(f"{m}\n" for m in modules))
    return base


def test_the_pinned_kernel_is_found_in_its_own_directory(tmp_path: Path) -> None:
    fake_kernel(tmp_path / PIN.key)
    kernel = cached_kernel(PIN, tmp_path)
    assert kernel is not None and kernel.version == "6.1.0-57-amd64"
    assert [m.name for m in kernel.modules] == ["i2c-dev.ko", "i2c-stub.ko"]


@pytest.mark.parametrize(
    "other",
    [
        "6.1.0-50-amd64",  # the layout before the pin: whatever was newest in the cache
        Pin("linux-image-6.1.0-50-amd64", "6.1.176-1", "ab" * 32).key,
        Pin(PIN.package, PIN.version, "cd" * 32).key,  # same name and version, another .deb
    ],
)
def test_a_cached_kernel_other_than_the_pin_is_not_used(tmp_path: Path, other: str) -> None:
    fake_kernel(tmp_path / other)
    assert cached_kernel(PIN, tmp_path) is None


def test_an_incomplete_cache_entry_is_not_used(tmp_path: Path) -> None:
    base = fake_kernel(tmp_path / PIN.key)
    (base / "i2c-stub.ko").unlink()
    assert cached_kernel(PIN, tmp_path) is None


def test_missing_tools_are_named_by_their_debian_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no qemu-system-x86_64, no cpio
    monkeypatch.setattr(provision, "BUSYBOX", tmp_path / "busybox")
    assert provision.missing_packages() == ["qemu-system-x86", "busybox-static", "cpio"]
    dynamic = Path(sys.executable).resolve()  # an ELF with an interpreter: not a static busybox
    monkeypatch.setattr(provision, "BUSYBOX", dynamic)
    assert "busybox-static" in provision.missing_packages()


def test_the_skip_reason_is_one_line_naming_the_parts_and_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("CMIS_KERNEL_CACHE", str(tmp_path / "cache"))
    fake_kernel(tmp_path / "cache" / "6.1.0-50-amd64")
    with pytest.raises(Unavailable) as caught:
        ready()
    pin = lock.load()
    assert str(caught.value) == (
        f"needs qemu-system-x86, cpio and the pinned kernel {pin} (not in {tmp_path / 'cache'})"
        ": run `make kernel-deps` (root)"
    )
    only_kernel = provision.skip_reason([], pin, tmp_path)
    assert (
        only_kernel == f"needs the pinned kernel {pin} (not in {tmp_path}): run `make kernel-deps`"
    )
    assert (
        provision.skip_reason(["cpio"], None, tmp_path)
        == "needs cpio: run `make kernel-deps` (root)"
    )


def run_kernel_tests(cache: Path, required: bool) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "CMIS_KERNEL_CACHE": str(cache),
        "CMIS_KERNEL_REQUIRED": str(int(required)),
    }
    cmd = [sys.executable, "-m", "pytest", "tests/kernel/test_kernel.py", "-p", "no:cacheprovider"]
    return subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def test_make_test_skips_with_one_line_and_ci_fails_without_the_kernel(tmp_path: Path) -> None:
    """An empty cache: nothing fetched, 3 skips, one line; CMIS_KERNEL_REQUIRED=1: a failure."""
    skipped = run_kernel_tests(tmp_path, required=False)
    assert skipped.returncode == 0, skipped.stdout
    assert "3 skipped" in skipped.stdout
    lines = [line for line in skipped.stdout.splitlines() if "kernel I2C test skipped" in line]
    reason = provision.skip_reason(provision.missing_packages(), lock.load(), tmp_path)
    assert lines == [f"kernel I2C test skipped: {reason}"]
    assert list(tmp_path.iterdir()) == []  # nothing fetched behind the user's back
    failed = run_kernel_tests(tmp_path, required=True)
    assert failed.returncode == 1 and "kernel I2C test FAILED: needs the pinned" in failed.stdout
