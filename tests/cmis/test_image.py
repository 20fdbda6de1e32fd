"""MemoryImage: building, reading, loading real tools' dumps, clear errors, and round trips."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmis.codec.address import linear_offset
from cmis.errors import AddressError, CmisError, ImageFormatError, MissingPageError
from cmis.images import MemoryImage, dump_text, save_image, to_linear

DATA = Path(__file__).parent / "data"
VENDOR_NAME = b"ACME OPTICS     "  # page 00h bytes 129-144 of the fixture module
VENDOR_PN = b"QDD-800G-DR8    "  # page 00h bytes 148-163
REFERENCE = "sfputil_hexdump.txt"  # the fixture module as SONiC dumps all its pages
I2CDUMP_HEADER = "     0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f    0123456789abcdef"


def load(name: str) -> MemoryImage:
    return MemoryImage.load(DATA / name)


def row(address: str, values: list[int], indent: str = "        ") -> str:
    """An sfputil eeprom-hexdump row."""
    cells = [f"{value:02x}" for value in values]
    return f"{indent}{address} {' '.join(cells[:8])}  {' '.join(cells[8:])} |{'.' * len(values)}|"


def section(heading: str, start: int, values: bytes) -> list[str]:
    rows = [row(f"{start + i:08x}", list(values[i : i + 16])) for i in range(0, len(values), 16)]
    return [f"        {heading}", *rows, ""]


def areas(image: MemoryImage) -> dict[tuple[int, int] | None, bytes]:
    """Lower memory (key None) and every page, to compare what two dumps hold."""
    held: dict[tuple[int, int] | None, bytes] = {}
    if image.lower is not None:
        held[None] = bytes(image.lower)
    for bank, page in image.page_keys():
        held[bank, page] = image.page(page, bank)
    return held


# building and reading


def test_a_new_image_holds_nothing() -> None:
    image = MemoryImage()
    assert image.lower is None
    assert image.page_keys() == []
    assert image.partial == set()
    assert not image.lower_partial


def test_reads_use_module_byte_addresses_and_may_span_lower_and_upper() -> None:
    image = MemoryImage()
    image.set_lower(bytes(range(128)))
    image.set_page(0x11, bytes(range(128, 256)), bank=1)
    assert image.read(0x11, 120, 16, bank=1) == bytes(range(120, 136))
    assert image.read(0x11, 128, 2, bank=1) == bytes([128, 129])
    assert image.read(0x00, 3, 2) == bytes([3, 4])  # lower memory needs no page 00h


def test_pages_are_listed_by_bank_then_page() -> None:
    image = MemoryImage()
    for bank, page in [(1, 0x10), (0, 0x11), (0, 0x01), (0, 0x10)]:
        image.set_page(page, bytes(128), bank)
    assert image.page_keys() == [(0, 0x01), (0, 0x10), (0, 0x11), (1, 0x10)]
    assert image.has_page(0x10, bank=1) and not image.has_page(0x11, bank=1)


def test_a_missing_page_is_a_cmis_error_naming_page_and_bank() -> None:
    image = MemoryImage()
    image.set_lower(bytes(128))
    with pytest.raises(MissingPageError, match="^page 11h bank 0 is not in this image$"):
        image.page(0x11)
    with pytest.raises(CmisError, match="^page 01h is not in this image$"):
        image.read(0x01, 128, 1)
    with pytest.raises(MissingPageError, match="lower memory is not in this image"):
        MemoryImage().read(0x00, 0, 1)


def test_a_missing_page_is_not_a_key_error() -> None:
    with pytest.raises(MissingPageError) as caught:
        MemoryImage().page(0x00)
    assert not isinstance(caught.value, KeyError)


def test_bad_addresses_and_sizes_are_refused() -> None:
    image = MemoryImage()
    with pytest.raises(AddressError, match="run past byte 255"):
        image.read(0x00, 250, 10)
    with pytest.raises(AddressError, match="pages 00h-0Fh are not banked"):
        image.set_page(0x01, bytes(128), bank=1)
    with pytest.raises(AddressError, match="page 02h must be 128 bytes, got 127"):
        image.set_page(0x02, bytes(127))


def test_writes_build_an_image_creating_zero_filled_areas() -> None:
    image = MemoryImage()
    image.write(0x11, 126, b"\x00\x11\x44\x44", bank=2)  # BankSelect..DP state, across 127/128
    assert bytes(image.lower or b"")[126:] == b"\x00\x11"
    assert image.page(0x11, bank=2)[:3] == b"\x44\x44\x00"
    assert image.page_keys() == [(2, 0x11)]


def test_unknown_bytes_read_as_zero_and_are_reported() -> None:
    image = MemoryImage()
    image.set_page(0x02, bytes([0xAA]) * 128)
    image.mark_unknown(0x02, 140, 4)
    assert image.read(0x02, 139, 6) == b"\xaa\x00\x00\x00\x00\xaa"
    assert [image.is_known(0x02, byte) for byte in (139, 140, 143, 144)] == [1, 0, 0, 1]
    assert image.partial == {(0, 0x02)}
    assert not image.is_known(0x00, 0)  # no lower memory at all
    image.write(0x02, 140, b"\x01\x02\x03\x04")
    assert image.partial == set()


# loading what real tools print


def test_sfputil_eeprom_hexdump_of_all_pages() -> None:
    image = load("sfputil_hexdump.txt")
    assert image.page_keys() == [(0, 0x00), (0, 0x01), (0, 0x02), (0, 0x10), (0, 0x11)]
    assert image.read(0x00, 0, 2) == b"\x18\x52"  # QSFP-DD, CMIS 5.2
    assert image.read(0x00, 129, 16) == VENDOR_NAME
    assert image.read(0x11, 128, 4) == b"\x44\x44\x44\x44"  # eight lanes DPActivated
    assert not image.has_page(0x9F)  # "Error: Failed to read EEPROM for page 9fh" is skipped


def test_sfputil_2022_layout_with_7_plus_9_rows() -> None:
    image = load("sfputil_hexdump_2022.txt")
    assert image.page_keys() == [(0, 0x00), (0, 0x01)]
    assert areas(image).items() <= areas(load(REFERENCE)).items()


def test_sfputil_draft_layout_numbers_upper_rows_from_zero() -> None:
    image = load("sfputil_hexdump_all_draft.txt")  # "Upper page 1h" rows 00000000-00000070
    assert image.page_keys() == [(0, 0x00), (0, 0x01), (0, 0x02)]
    assert image.read(0x00, 148, 16) == VENDOR_PN
    assert areas(image).items() <= areas(load(REFERENCE)).items()


def test_ethtool_hex_without_page_is_linear() -> None:
    image = load("ethtool_hex.txt")  # 0x0000-0x027f: lower memory and pages 00h-03h
    assert image.page_keys() == [(0, 0x00), (0, 0x01), (0, 0x02), (0, 0x03)]
    assert image.page(0x03) == bytes(128)
    assert image.read(0x00, 148, 16) == VENDOR_PN


def test_ethtool_hex_with_page_arguments_and_a_partial_page() -> None:
    image = load("ethtool_page_args.txt")
    assert image.page_keys() == [(0, 0x02), (0, 0x11)]
    assert image.read(0x11, 128, 4) == b"\x44\x44\x44\x44"
    assert image.partial == {(0, 0x02)}  # "offset 128 length 16"
    assert image.is_known(0x02, 143) and not image.is_known(0x02, 144)
    assert image.read(0x02, 128, 16) == load(REFERENCE).read(0x02, 128, 16)


def test_ethtool_pages_on_blocks() -> None:
    image = load("ethtool_pages_on.txt")  # "Bank: 0x0" / "Page: 0x11" headings
    assert image.page_keys() == [(0, 0x00), (0, 0x01), (0, 0x02), (0, 0x11)]
    assert areas(image).items() <= areas(load(REFERENCE)).items()


def test_i2cdump_pages_follow_the_dumped_page_select_byte() -> None:
    image = load("i2cdump_pages.txt")  # dump, i2cset 0x7f 0x11, dump again
    assert image.page_keys() == [(0, 0x00), (0, 0x11)]
    assert image.read(0x00, 127, 1) == b"\x00"  # first dump's PageSelect is kept
    assert not image.is_known(0x11, 0xF4) and not image.is_known(0x11, 0xF5)  # "XX"
    assert image.partial == {(0, 0x11)}
    assert image.read(0x11, 128, 4) == b"\x44\x44\x44\x44"


def test_i2cdump_of_a_flat_cmis3_module_is_page_00h() -> None:
    image = load("i2cdump_flat_cmis3.txt")  # byte 2 bit 7 set; stale PageSelect of 01h
    assert image.page_keys() == [(0, 0x00)]
    assert image.read(0x00, 0, 3) == b"\x18\x30\x80"
    assert image.read(0x00, 129, 16) == VENDOR_NAME


def test_hexdump_c_of_an_optoe_file_expands_star_rows() -> None:
    image = load("hexdump_optoe.txt")
    assert image == load("ethtool_hex.txt")
    assert image.read(0x00, 0x40, 16) == bytes(16)  # under the "*"


def test_plain_linear_rows() -> None:
    image = load("linear_rows.txt")  # "0100: 44 20 ..." is page 01h byte 128
    assert image.page_keys() == [(0, 0x00), (0, 0x01)]
    assert areas(image).items() <= areas(load(REFERENCE)).items()


def test_optoe_binary_and_a_flat_module_binary() -> None:
    image = load("optoe_800g.bin")  # 512 bytes: lower memory and pages 00h-02h
    assert image.page_keys() == [(0, 0x00), (0, 0x01), (0, 0x02)]
    assert image.read(0x00, 148, 16) == VENDOR_PN
    flat = load("flat_cmis3.bin")  # CMIS 3.0 flat memory: lower + page 00h only
    assert flat.page_keys() == [(0, 0x00)] and flat.read(0x00, 1, 1) == b"\x30"


@pytest.mark.parametrize(
    "name",
    [
        "sfputil_hexdump_2022.txt",
        "sfputil_hexdump_all_draft.txt",
        "ethtool_hex.txt",
        "ethtool_pages_on.txt",
        "hexdump_optoe.txt",
        "linear_rows.txt",
        "optoe_800g.bin",
    ],
)
def test_every_tool_shows_the_same_module(name: str) -> None:
    reference = areas(load(REFERENCE))
    image = areas(load(name))
    image.pop((0, 0x03), None)  # only the linear dumps carry page 03h
    assert image.items() <= reference.items()


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("        Page 1h\n", (0, 0x01)),
        ("page 0x11h\n", (0, 0x11)),
        ("        Upper page 11h bank 1h\n", (1, 0x11)),
        ("        Upper page 2h bank 1h\n", (0, 0x02)),  # CMIS ignores banks below 10h
        ("Upper page 9fh, bank 1:\n", (1, 0x9F)),
    ],
)
def test_heading_spellings(text: str, where: tuple[int, int]) -> None:
    image = MemoryImage.loads(text + row("00000080", list(range(16))))
    assert image.page_keys() == [where]
    assert image.read(where[1], 128, 16, where[0]) == bytes(range(16))


def test_sfputil_read_eeprom_uses_the_page_on_its_command_line() -> None:
    text = "admin@sonic:~$ sfputil read-eeprom -p Ethernet0 -n 17 -o 128 -s 16\n"
    image = MemoryImage.loads(text + row("00000080", [0x44] * 16, indent=""))
    assert image.page_keys() == [(0, 0x11)] and image.partial == {(0, 0x11)}


def test_xxd_rows_and_crlf_line_ends() -> None:
    text = "$ xxd eeprom\r\n00000000: 1852 0007 0000 0000 0000 0000 0000 1a33  .R.............3\r\n"
    image = MemoryImage.loads(text.encode())
    assert image.read(0x00, 0, 16) == bytes.fromhex("18520007000000000000000000001a33")


def test_ascii_columns_that_look_like_hex_are_not_bytes() -> None:
    text = "0000: 41 42 20 43 44 45 46 20 41 42 20 43 44 45 46 20  AB CDEF AB CDEF\n"
    assert MemoryImage.loads(text).read(0x00, 0, 17) == b"AB CDEF AB CDEF \x00"


def test_prose_that_mentions_dump_tools_is_skipped() -> None:
    text = "ran i2cdump on bus 5 and ethtool -m <dev> hex on page <n>, see below\n"
    image = MemoryImage.loads(text + "$ i2cdump -y 5 0x50\n" + I2CDUMP_HEADER + "\n00: 18 52\n")
    assert image.read(0x00, 0, 2) == b"\x18\x52"


def test_the_same_bytes_dumped_twice_load_once() -> None:
    lower = bytes([0x18, 0x52]) + bytes(126)
    first = ["EEPROM hexdump for port Ethernet0 page 1h", *section("Lower page 0h", 0, lower)]
    second = ["EEPROM hexdump for port Ethernet0 page 2h", *section("Lower page 0h", 0, lower)]
    image = MemoryImage.loads("\n".join(first + second))
    assert image.lower == bytearray(lower)


# errors a user can act on


@pytest.mark.parametrize("name", ["photo.jpg", "notes.txt"])
def test_files_without_a_dump_are_refused(name: str) -> None:
    expected = (
        f"no memory dump found in .*{name} "
        r"\(expected optoe binary or ethtool/i2cdump/sfputil hex\)"
    )
    with pytest.raises(ImageFormatError, match=expected):
        load(name)


def test_binary_that_is_not_whole_pages_is_refused() -> None:
    with pytest.raises(
        ImageFormatError, match=r"x\.bin.*200 bytes of binary data is not whole 128-byte pages"
    ):
        MemoryImage.loads(bytes(200), source="x.bin")
    with pytest.raises(ImageFormatError, match="200 bytes is not an optoe-linear dump"):
        MemoryImage.from_linear(bytes(200))


def test_a_bad_hex_row_names_file_line_and_token() -> None:
    lines = section("Lower page 0h", 0, bytes(128))
    lines[3] = (
        "        00000020 00 00 zz 00 00 00 00 00  00 00 00 00 00 00 00 00 |................|"
    )
    text = "\n".join(["$ sfputil show eeprom-hexdump -p Ethernet0", *lines])
    expected = r"^dump\.txt:5: expected 16 hex bytes after the address, found 'zz'$"
    with pytest.raises(ImageFormatError, match=expected):
        MemoryImage.loads(text, source="dump.txt")


def test_a_bad_i2cdump_cell_names_its_line() -> None:
    text = f"{I2CDUMP_HEADER}\n00: 18 52 0g 00\n"
    with pytest.raises(ImageFormatError, match=r"^d\.txt:2: expected a hex byte or XX.*'0g'"):
        MemoryImage.loads(text, source="d.txt")


def test_a_page_dumped_twice_with_different_bytes_names_both_places() -> None:
    page = bytes(range(128))
    changed = page[:5] + b"\xee" + page[6:]
    text = "\n".join(
        [*section("Upper page 1h", 128, page), *section("Upper page 1h", 128, changed)]
    )
    expected = r"^s\.txt:12: page 01h byte 133 is 0xee here but 0x05 at line 2: page 01h was dumped"
    with pytest.raises(ImageFormatError, match=expected):
        MemoryImage.loads(text, source="s.txt")


def test_two_modules_in_one_file_are_refused() -> None:
    text = "EEPROM hexdump for port Ethernet0\nEEPROM hexdump for port Ethernet8\n"
    with pytest.raises(ImageFormatError, match=r":2: .*Ethernet0 \(line 1\) and Ethernet8"):
        MemoryImage.loads(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("        A2h dump (lower 128 bytes)\n", r":1: 'A2h dump.*SFF-8472"),
        ("$ i2cdump -y 1 0x51\n" + I2CDUMP_HEADER + "\n00: 00\n", r":3: .*I2C address 0x51"),
        ("$ sudo ethtool -m eth0 hex on page 1 i2c 0x51\n0x0080:\t\t00\n", r":2: .*0x51"),
        ("        Upper page 1ffh\n", r":1: page 511 is out of range"),
        ("     0,8  1,9  2,a  3,b  4,c  5,d  6,e  7,f\n", r":1: i2cdump word mode"),
        ("00008080: 00 00\n", r":1: address 0x8080 is not a CMIS byte.*not banked"),
        ("Upper page 2h\n00000200: 00\n", r":2: .*page 03h as an optoe-linear offset.*page 02h"),
    ],
)
def test_dumps_that_cannot_be_placed_are_refused(text: str, message: str) -> None:
    with pytest.raises(ImageFormatError, match=message):
        MemoryImage.loads(text)


# saving and round trips

page_keys = st.integers(0, 255).flatmap(
    lambda page: st.tuples(st.integers(0, 255) if page >= 0x10 else st.just(0), st.just(page))
)


@st.composite
def images(draw: st.DrawFn) -> MemoryImage:
    image = MemoryImage()
    if draw(st.booleans()):
        image.set_lower(draw(st.binary(min_size=128, max_size=128)))
    for bank, page in draw(st.sets(page_keys, min_size=0 if image.lower else 1, max_size=4)):
        image.set_page(page, draw(st.binary(min_size=128, max_size=128)), bank)
    held = [(0, 0, 0)] if image.lower else []
    held += [(bank, page, 128) for bank, page in image.page_keys()]
    for bank, page, base in draw(st.lists(st.sampled_from(held), max_size=3)):
        image.mark_unknown(page, base + draw(st.integers(0, 127)), 1, bank)
    return image


@pytest.mark.parametrize("fmt", ["sfputil-hexdump", "linear-hex", "ethtool"])
@given(image=images())
def test_text_formats_load_back_equal(fmt: str, image: MemoryImage) -> None:
    assert MemoryImage.loads(dump_text(image, fmt)) == image


@given(st.binary(min_size=128, max_size=128), st.lists(st.binary(min_size=128, max_size=128)))
def test_linear_binary_loads_back_equal(lower: bytes, pages: list[bytes]) -> None:
    image = MemoryImage()
    image.set_lower(lower)
    for page, data in enumerate(pages[:8]):
        image.set_page(page, data)
    kept = without_zero_areas(image)
    if kept.lower is None and not kept.page_keys():
        with pytest.raises(ImageFormatError, match="bytes are 0x00"):
            MemoryImage.loads(to_linear(image))
    else:
        assert MemoryImage.loads(to_linear(image)) == kept


def without_zero_areas(image: MemoryImage) -> MemoryImage:
    """What a binary keeps of an image: all-zero areas read back as holes (absent)."""
    kept = MemoryImage()
    if image.lower is not None and any(image.lower):
        kept.set_lower(image.lower)
    for bank, page in image.page_keys():
        if any(image.page(page, bank)):
            kept.set_page(page, image.page(page, bank), bank)
    return kept


def test_linear_binary_holes_are_zeros_and_read_back_absent() -> None:
    image = MemoryImage()
    image.set_page(0x11, b"\x44" * 128)
    data = to_linear(image)
    assert len(data) == linear_offset(0, 0x11, 255) + 1 == 2432
    assert data[:128] == bytes(128)
    back = MemoryImage.loads(data)
    assert back.lower is None and not back.has_page(0x05) and back.page_keys() == [(0, 0x11)]
    assert back.page(0x11) == b"\x44" * 128


def test_an_all_zero_binary_is_refused() -> None:
    with pytest.raises(ImageFormatError, match="x.bin.*all 256 bytes are 0x00"):
        MemoryImage.loads(bytes(256), source="x.bin")


def test_linear_binary_slots_of_nonexistent_pages() -> None:
    image = MemoryImage()
    image.set_lower(bytes(128))
    image.set_page(0x10, b"\x01" * 128, bank=1)
    data = bytearray(to_linear(image))  # bank 1 pages 00h-0Fh are zero-filled holes
    assert MemoryImage.loads(bytes(data)).page_keys()[-1] == (1, 0x10)
    data[linear_offset(0, 0xFF, 255) + 1] = 0x99  # "bank 1 page 00h" cannot hold data
    with pytest.raises(ImageFormatError, match="bank 1 of page 00h, which does not exist"):
        MemoryImage.loads(bytes(data), source="big.bin")


def test_the_sfputil_layout_matches_sonic() -> None:
    image = load("sfputil_hexdump.txt")
    lines = dump_text(image).splitlines()
    assert lines[1:3] == [
        "        Lower page 0h",
        "        00000000 18 52 00 07 00 00 00 00  00 00 00 00 00 00 1a 33 |.R.............3|",
    ]
    assert "        Upper page 11h bank 0h" in lines


def test_the_ethtool_layout_matches_ethtool() -> None:
    lines = dump_text(load("ethtool_pages_on.txt"), "ethtool").splitlines()
    assert lines[:5] == ["Bank: 0x0", "Page: 0x0", "", "Offset\t\tValues", "------\t\t------"]
    assert lines[5] == "0x0000:\t\t18 52 00 07 00 00 00 00 00 00 00 00 00 00 1a 33 "


@pytest.mark.parametrize("suffix", [".bin", ".txt", ".hex"])
def test_save_picks_the_format_from_the_suffix(tmp_path: Path, suffix: str) -> None:
    image = load("ethtool_hex.txt")
    path = tmp_path / f"module{suffix}"
    save_image(image, path)
    assert MemoryImage.load(path) == (without_zero_areas(image) if suffix == ".bin" else image)
    assert path.read_bytes().startswith(b"\x18\x52") == (suffix == ".bin")


def test_save_refuses_an_unknown_suffix_or_format(tmp_path: Path) -> None:
    image = load("linear_rows.txt")
    with pytest.raises(ImageFormatError, match=r"from its suffix: use \.bin, \.txt or \.hex"):
        save_image(image, tmp_path / "module.dat")
    save_image(image, tmp_path / "module.dat", fmt="ethtool")
    assert MemoryImage.load(tmp_path / "module.dat") == image
    with pytest.raises(ImageFormatError, match="unknown text format 'csv'"):
        dump_text(image, "csv")
