"""`cmis decode FILE` as a user runs it: readable, JSON, and one-line errors with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cmis.cli import main
from cmis.images import MemoryImage, save_image

SAMPLES = Path(__file__).parents[3] / "samples"


@pytest.mark.parametrize("name", ["osfp-800g-dr8.txt", "osfp-800g-dr8.bin"])
def test_decode_sample_readable(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decode", str(SAMPLES / name)]) == 0
    out = capsys.readouterr().out
    for expected in (
        "OSFP-800G-DR8",
        "ModuleReady",
        "800GBASE-DR8",
        "400GBASE-DR4",
        "DPActivated",
        "Rx pwr",
        "41.50",
    ):
        assert expected in out


def test_decode_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decode", str(SAMPLES / "osfp-800g-dr8.bin"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["identity"]["vendor_pn"] == "OSFP-800G-DR8"
    assert [a["appsel"] for a in data["applications"]] == [1, 2, 3]
    assert len(data["lanes"]) == 8 and data["lanes"][5]["rx_power_dbm"] == pytest.approx(
        -7.2125, abs=1e-3
    )


def test_dark_lane_json_has_no_infinity(
    tmp_path: Path, dr8_image: MemoryImage, capsys: pytest.CaptureFixture[str]
) -> None:
    page = bytearray(dr8_image.page(0x11))
    page[186 - 128 : 188 - 128] = b"\x00\x00"  # lane 1 Rx power 0 mW
    dr8_image.set_page(0x11, bytes(page))
    save_image(dr8_image, tmp_path / "dark.bin")
    assert main(["decode", str(tmp_path / "dark.bin"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["lanes"][0]["rx_power_dbm"] is None


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff\xd8\xff\xe0 not a dump at all" * 10, "garbage.bin"),
        (b"hello\nthis is just text\n", "garbage.bin"),
    ],
)
def test_garbage_file_exits_2_with_one_line(
    tmp_path: Path, content: bytes, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "garbage.bin"
    path.write_bytes(content)
    assert main(["decode", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and expected in err and err.startswith("cmis: error:")


def test_missing_file_and_bad_option_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decode", "/nonexistent/dump.bin"]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["decode", "--bogus"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
