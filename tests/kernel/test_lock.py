"""The kernel pin (kernel.lock): parsing, the sha256 check of a download, the update hints."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.kernel import fetch, lock, pin
from tests.kernel.lock import LockError, Pin
from tests.kernel.provision import Unavailable

SHA = "ab" * 32
PIN = Pin("linux-image-6.1.0-57-amd64", "6.1.192-3", SHA)


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "kernel.lock"
    path.write_text(body)
    return path


def test_the_checked_in_pin_is_a_generic_6_1_kernel() -> None:
    pinned = lock.load()
    assert pinned.release.startswith("6.1.0-") and pinned.release.endswith("-amd64")
    assert len(pinned.sha256) == 64


def test_dump_and_load_round_trip_with_the_update_command_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "kernel.lock"
    lock.dump(PIN, path)
    assert lock.load(path) == PIN
    assert "python -m tests.kernel.pin" in path.read_text()
    assert PIN.release == "6.1.0-57-amd64"


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("[kernel\n", "cannot read"),
        ('[kernel]\npackage = "linux-image-6.1.0-57-amd64"\n', "package, version and sha256"),
        (f'[kernel]\npackage = "linux-image-6.1.0-57-cloud-amd64"\nversion = "1"\nsha256 = "{SHA}"',
         "is not a linux-image-6.1.0-N-amd64"),
        ('[kernel]\npackage = "linux-image-6.1.0-57-amd64"\nversion = "1"\nsha256 = "AB12"',
         "64 lowercase hex"),
    ],
)  # fmt: skip
def test_a_bad_lock_file_is_refused_with_what_is_wrong(
    tmp_path: Path, body: str, says: str
) -> None:
    with pytest.raises(LockError, match=says):
        lock.load(write(tmp_path, body))


def test_a_download_with_another_sha256_is_refused(tmp_path: Path) -> None:
    deb = tmp_path / "k.deb"
    deb.write_bytes(b"not the pinned kernel")
    with pytest.raises(LockError) as caught:
        lock.verify(deb, PIN)
    message = str(caught.value)
    assert "refusing it" in message and str(PIN) in message
    assert lock.sha256(deb)[:16] in message and "python -m tests.kernel.pin" in message
    lock.verify(deb, Pin(PIN.package, PIN.version, lock.sha256(deb)))  # the right one passes


def test_fetch_refuses_a_mismatching_download_and_caches_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake_download(spec: str, work: Path) -> Path:
        assert spec == "linux-image-6.1.0-57-amd64=6.1.192-3"  # the pinned version, exactly
        (deb := work / "k.deb").write_bytes(b"tampered")
        return deb

    monkeypatch.setattr(fetch, "download", fake_download)
    with pytest.raises(LockError, match="refusing it"):
        fetch.fetch_pinned(PIN, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_pin_the_mirrors_dropped_names_the_update_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def gone(spec: str, work: Path) -> Path:
        raise Unavailable(f"E: Version '6.1.192-3' for '{PIN.package}' was not found")

    monkeypatch.setattr(fetch, "download", gone)
    with pytest.raises(Unavailable) as caught:
        fetch.fetch_pinned(PIN, tmp_path)
    assert str(caught.value) == (
        "the pinned kernel linux-image-6.1.0-57-amd64 6.1.192-3 cannot be downloaded: the Debian "
        "mirrors apt knows no longer offer that version. Update the pin: python -m tests.kernel.pin"
    )


def test_the_pin_command_picks_the_newest_generic_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    names = [
        "linux-image-6.1.0-9-amd64",
        "linux-image-6.1.0-57-amd64",
        "linux-image-6.1.0-58-cloud-amd64",  # no I2C, no 9p
        "linux-image-6.1.0-58-rt-amd64",
        "linux-image-6.1.0-12-amd64-unsigned",
    ]
    monkeypatch.setattr(pin, "run_cmd", lambda *cmd: "\n".join(names))
    assert pin.newest_package() == "linux-image-6.1.0-57-amd64"  # 57 > 9 as numbers
