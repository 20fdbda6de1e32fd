"""The whole-module decode a user sees first: identity, state, monitors, lanes, checksums."""

from __future__ import annotations

import math

from cmis.codec.report import module_report
from cmis.images import MemoryImage
from cmis.transport.image import ImageTransport


def test_sample_identity_state_and_monitors(dr8_image: MemoryImage) -> None:
    report = module_report(ImageTransport(dr8_image))
    ident = report["identity"]
    assert (ident["vendor_name"], ident["vendor_pn"], ident["vendor_sn"]) == (
        "OPENCMIS",
        "OSFP-800G-DR8",
        "OC2611290042",
    )
    assert ident["cmis_revision"] == "5.2" and ident["firmware_active"] == "3.7"
    assert report["status"]["module_state"] == "ModuleReady"
    assert report["monitors"]["temperature_c"]["value"] == 41.5
    assert report["monitors"]["temperature_c"]["level"] == "ok"
    assert report["checksums"]["00h"]["ok"]
    assert report["checksums"]["01h"]["ok"]


def test_sample_lanes_show_state_power_and_latched_flag(dr8_image: MemoryImage) -> None:
    lanes = module_report(ImageTransport(dr8_image))["lanes"]
    assert [lane["dp_state"] for lane in lanes] == ["DPActivated"] * 8
    assert lanes[5]["flags"] == ["OpticalPowerLowWarningFlagRx"]
    assert lanes[0]["tx_bias_ma"] == 62.4  # bias multiplier x2 from page 01h applied
    assert math.isclose(lanes[0]["rx_power_dbm"], 10 * math.log10(0.89))


def test_flat_memory_module_decodes_lower_and_page00_only() -> None:
    image = MemoryImage()
    lower = bytearray(128)
    lower[0], lower[1], lower[2], lower[3] = 0x18, 0x30, 0x80, 0x07
    image.set_lower(bytes(lower))
    image.set_page(0x00, bytes([0x18]) + b"ACME".ljust(16) + bytes(111))
    report = module_report(ImageTransport(image))
    assert report["identity"]["memory_model"] == "flat"
    assert report["identity"]["vendor_name"] == "ACME"
    assert report["lanes"] == [] and report["advertising"] is None
    assert report["missing_pages"] == []


def test_missing_pages_are_listed_not_fatal(dr8_image: MemoryImage) -> None:
    image = MemoryImage()
    image.set_lower(dr8_image.read(0, 0, 128))
    image.set_page(0x00, dr8_image.page(0x00))
    image.set_page(0x01, dr8_image.page(0x01))
    report = module_report(ImageTransport(image))
    assert report["missing_pages"] == ["02h", "10h", "11h"]
    assert "thresholds" not in report["monitors"]["temperature_c"]


def test_text_fields_keep_trailing_zero_digits_and_escape_odd_bytes(dr8_image: MemoryImage) -> None:
    page = bytearray(dr8_image.page(0x00))
    page[166 - 128 : 182 - 128] = b"SN00\x01X0" + b"\x00" * 9  # NUL padded, one control byte
    dr8_image.set_page(0x00, bytes(page))
    assert module_report(ImageTransport(dr8_image))["identity"]["vendor_sn"] == "SN00\\x01X0"


def test_bad_checksum_is_reported(dr8_image: MemoryImage) -> None:
    page = bytearray(dr8_image.page(0x00))
    page[222 - 128] ^= 0xFF
    dr8_image.set_page(0x00, bytes(page))
    assert module_report(ImageTransport(dr8_image))["checksums"]["00h"]["ok"] is False
