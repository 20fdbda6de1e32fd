"""Real dumps are messy: any bytes in any page decode and print without crashing."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from cmis.cli import main
from cmis.cli.render import render_report
from cmis.codec.report import module_report
from cmis.images import MemoryImage
from cmis.transport.image import ImageTransport

DATA = Path(__file__).parent / "data"
PAGE = st.binary(min_size=128, max_size=128)
OPTIONAL_PAGES = st.dictionaries(st.sampled_from([0x01, 0x02, 0x10, 0x11]), PAGE)


@given(lower=PAGE, page00=PAGE, others=OPTIONAL_PAGES, copies_of_00=st.booleans())
def test_any_image_decodes_and_renders(
    lower: bytes, page00: bytes, others: dict[int, bytes], copies_of_00: bool
) -> None:
    image = MemoryImage()
    image.set_lower(lower)
    image.set_page(0x00, page00)
    for page, data in others.items():
        image.set_page(page, page00 if copies_of_00 else data)  # some hosts return page 00h
    report = module_report(ImageTransport(image))
    json.dumps(report, default=str)
    render_report(Console(file=io.StringIO(), width=100), report)
    assert report["identity"]["cmis_revision"] == f"{lower[1] >> 4}.{lower[1] & 0xF}"


@pytest.mark.parametrize(
    "dump", sorted(p.name for p in DATA.iterdir() if p.name not in ("notes.txt", "photo.jpg"))
)
def test_every_fixture_dump_decodes(dump: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decode", str(DATA / dump), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    if "00h" in report["missing_pages"]:  # e.g. an `ethtool ... page 0x11` dump
        assert "vendor_pn" not in report["identity"]
    else:
        assert report["identity"]["vendor_pn"] == "QDD-800G-DR8"
