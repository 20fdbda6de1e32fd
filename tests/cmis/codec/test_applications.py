"""Application advertisement decoding: descriptors, lane counts, terminator, page 01h slots."""

from __future__ import annotations

from cmis.codec.applications import decode_applications
from cmis.images import MemoryImage


def _lower_with(descriptors: list[bytes], media_type: int = 0x02) -> bytes:
    data = bytearray(128)
    data[85] = media_type
    for i, desc in enumerate(descriptors):
        data[86 + 4 * i : 90 + 4 * i] = desc
    return bytes(data)


def test_sample_dr8_advertises_three_applications(dr8_image: MemoryImage) -> None:
    apps = decode_applications(dr8_image.read(0, 0, 128), dr8_image.page(0x01))
    assert [a.appsel for a in apps] == [1, 2, 3]
    dr8, dr4, dr1 = apps
    assert "800GBASE-DR8" in dr8.media_interface and "800GAUI-8" in dr8.host_interface
    assert (dr4.host_lane_count, dr4.start_lanes()) == (4, [1, 5])
    assert dr4.host_lane_mask(5) == 0xF0
    assert dr1.start_lanes() == list(range(1, 9)) and dr1.media_lane_assignment == 0xFF


def test_list_stops_at_ff_and_skips_undefined_slots() -> None:
    lower = _lower_with(
        [
            b"\x51\x56\x88\x01",
            b"\x00\x00\x00\x00",
            b"\x4f\x1c\x44\x11",
            b"\xff\x00\x00\x00",
            b"\x4b\x14\x11\xff",
        ]
    )
    assert [a.appsel for a in decode_applications(lower)] == [1, 3]


def test_page01_descriptors_continue_numbering_at_nine() -> None:
    lower = _lower_with([b"\x51\x56\x88\x01"] * 8)
    page01 = bytearray(128)
    page01[223 - 128 : 227 - 128] = b"\x4f\x1c\x44\x11"
    page01[227 - 128] = 0xFF
    page01[176 - 128 + 8] = 0x11  # media lane options of AppSel 9
    apps = decode_applications(lower, bytes(page01))
    assert [a.appsel for a in apps][-1] == 9
    assert apps[-1].media_lane_assignment == 0x11


def test_lane_count_zero_is_implied_by_the_interface() -> None:
    app = decode_applications(_lower_with([b"\x51\x56\x00\x01", b"\xff\0\0\0"]))[0]
    assert (app.host_lane_count, app.media_lane_count) == (8, 8)


def test_unknown_and_vendor_codes_decode_without_crashing() -> None:
    app = decode_applications(_lower_with([b"\x7e\xee\xf0\x01", b"\xff\0\0\0"], media_type=0x77))[0]
    assert app.host_interface.startswith(("unknown", "vendor"))
    assert app.media_interface.startswith(("unknown", "vendor"))
    assert app.host_lane_count is None and "?" in app.summary()
