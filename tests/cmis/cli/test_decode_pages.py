"""``cmis decode`` shows pages beyond the report: decoded where we can, else hex "not decoded"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cmis.cli import main
from cmis.images import MemoryImage
from cmis.images.writers import image_bytes
from emulator.module import EmulatedModule


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    """A DR8 dump holding its diagnostics pages and a page 30h we have no Struct for."""
    module = EmulatedModule()
    image = MemoryImage()
    image.set_lower(bytes(module.memory.lower))
    for (bank, page), data in module.memory.pages.items():
        if page in (0x00, 0x01, 0x02, 0x10, 0x11, 0x13):
            image.set_page(page, bytes(data), bank)
    image.set_page(0x30, bytes(range(0x80, 0x100)))
    path = tmp_path / "dr8.txt"
    path.write_bytes(image_bytes(image, "sfputil-hexdump"))
    return path


def test_json_lists_decoded_and_undecoded_pages(dump: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["decode", str(dump), "--json"]) == 0
    pages = {p["page"]: p for p in json.loads(capsys.readouterr().out)["other_pages"]}
    assert set(pages) == {"13h", "30h"}
    fields = pages["13h"]["fields"]
    assert fields["LoopbackCapabilities.MediaSideOutputLoopbackSupported"] is True
    assert fields["MediaGeneratorPattern"] == ["PRBS31Q"] * 8
    assert pages["30h"] == {
        "page": "30h", "bank": 0, "decoded": False, "note": "not decoded",
        "hex": bytes(range(0x80, 0x100)).hex(),
    }  # fmt: skip


def test_text_shows_undecoded_bytes_with_their_offsets(dump: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["decode", str(dump)]) == 0
    out = capsys.readouterr().out
    assert "Page 30h bank 0: not decoded" in out
    assert "128: 80 81 82" in out and "240: f0 f1" in out
    assert "Page 13h bank 0" in out
