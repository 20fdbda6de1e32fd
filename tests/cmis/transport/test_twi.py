"""TwiTransport against a small fake module: selects, chunking, retries, sharing, threads."""

from __future__ import annotations

import errno
import sys
import threading
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmis.clock import VirtualClock
from cmis.errors import AddressError, TransportError
from cmis.transport.base import Transaction, Transport, TwiDevice
from cmis.transport.twi import TwiTransport, chunks, select_write


def pattern(bank: int, page: int) -> bytes:
    """Page-tagged upper contents: every byte says which (bank, page, byte) it came from."""
    return bytes((page * 7 + bank * 61 + i) & 0xFF for i in range(128))


class FakeModule:
    """A 256-byte window over paged memory that selects like a module does.

    Byte 126 is the BankSelect register and 127 PageSelect; writing 127 maps (register bank,
    page), so a bank written alone takes effect only with the next page write. Pages < 10h
    ignore the bank. It checks every transaction against the rules a real module relies on,
    counts them, and NACKs the next ``nacks`` calls when asked.
    """

    def __init__(self, *, max_read: int | None = None, max_write: int | None = None) -> None:
        if max_read is not None:
            self.max_read = max_read
        if max_write is not None:
            self.max_write = max_write
        self.lower = bytearray(range(128))
        self.lower[126:128] = b"\x00\x00"
        self.upper: dict[tuple[int, int], bytearray] = {}
        self.mapped = (0, 0)
        self.calls: list[tuple[str, int, int | bytes]] = []
        self.nacks = 0

    def page(self, bank: int, page: int) -> bytearray:
        key = (bank if page >= 0x10 else 0, page)
        return self.upper.setdefault(key, bytearray(pattern(*key)))

    def selects(self) -> list[tuple[int, int | bytes]]:
        return [(o, d) for op, o, d in self.calls if op == "write" and 126 <= o <= 127]

    def _transaction(self, op: str, offset: int, arg: int | bytes) -> None:
        length = arg if isinstance(arg, int) else len(arg)
        limit = getattr(self, f"max_{op}", 128 if op == "read" else 8)
        assert 1 <= length <= limit, f"{op} of {length} bytes, limit {limit}"
        assert offset + length <= (128 if offset < 128 else 256), (
            f"{op} {offset}+{length} straddles"
        )
        self.calls.append((op, offset, arg))
        if self.nacks:
            self.nacks -= 1
            raise TransportError("NACK from 0x50", errno=errno.EREMOTEIO)

    def twi_read(self, offset: int, length: int) -> bytes:
        self._transaction("read", offset, length)
        if offset < 128:
            return bytes(self.lower[offset : offset + length])
        return bytes(self.page(*self.mapped)[offset - 128 : offset - 128 + length])

    def twi_write(self, offset: int, data: bytes) -> None:
        self._transaction("write", offset, data)
        for address, value in enumerate(data, start=offset):
            if address < 128:
                self.lower[address] = value
                if address == 127:
                    self.mapped = (self.lower[126], value)
            else:
                self.page(*self.mapped)[address - 128] = value


def transport(device: FakeModule, **kwargs: object) -> TwiTransport:
    return TwiTransport(device, clock=VirtualClock(), **kwargs)  # type: ignore[arg-type]


def test_fake_and_transport_satisfy_the_contracts() -> None:
    device = FakeModule()
    assert isinstance(device, TwiDevice)
    assert isinstance(transport(device), Transport)


def test_select_is_written_only_when_it_changes() -> None:
    device = FakeModule()
    twi = transport(device)
    walk = [  # (bank, page) requested -> select write expected
        ((0, 0x01), (126, b"\x00\x01")),  # nothing known yet: bank and page together
        ((0, 0x01), None),
        ((0, 0x02), (127, b"\x02")),
        ((0, 0x10), (127, b"\x10")),
        ((1, 0x10), (126, b"\x01\x10")),  # bank change: one 2-byte write at 126
        ((1, 0x11), (127, b"\x11")),
        ((0, 0x01), (127, b"\x01")),  # unbanked: the stale bank 1 does not matter
        ((0, 0x01), None),
        ((0, 0x11), (126, b"\x00\x11")),
    ]
    for (bank, page), expected in walk:
        before = len(device.selects())
        assert twi.read(page, 128, 8, bank=bank) == pattern(bank, page)[:8]
        assert device.selects()[before:] == ([expected] if expected else [])
        assert twi.selected is not None and twi.selected[1] == page


def test_one_byte_write_device_gets_bank_then_page() -> None:
    device = FakeModule(max_write=1)
    twi = transport(device)
    assert twi.read(0x10, 128, 4, bank=1) == pattern(1, 0x10)[:4]
    assert device.selects() == [(126, b"\x01"), (127, b"\x10")]


def test_select_write_rule_table() -> None:
    assert select_write(None, 0, 0x00) == (126, b"\x00\x00")
    assert select_write((0, 0x00), 0, 0x00) is None
    assert select_write((3, 0x00), 0, 0x01) == (127, b"\x01")
    assert select_write((3, 0x01), 0, 0x01) is None
    assert select_write((3, 0x10), 0, 0x10) == (126, b"\x00\x10")
    assert select_write((0, 0x9F), 1, 0x9F) == (126, b"\x01\x9f")


def test_lower_memory_needs_no_select() -> None:
    device = FakeModule()
    twi = transport(device)
    assert twi.read(0x11, 0, 16, bank=1) == bytes(range(16))
    assert device.calls == [("read", 0, 16)]
    assert twi.selected is None


def test_access_spanning_127_128_is_split() -> None:
    device = FakeModule()
    twi = transport(device)
    data = twi.read(0x10, 120, 16)
    # The lower part is read first, so bytes 126-127 still show the selection before this read.
    assert data == bytes(range(120, 126)) + b"\x00\x00" + pattern(0, 0x10)[:8]
    assert device.calls == [("read", 120, 8), ("write", 126, b"\x00\x10"), ("read", 128, 8)]


def test_chunks_respect_device_limits_and_overrides() -> None:
    device = FakeModule(max_read=32, max_write=16)
    twi = transport(device)
    twi.read(0x01, 128, 128)
    reads = [(o, n) for op, o, n in device.calls if op == "read"]
    assert reads == [(128, 32), (160, 32), (192, 32), (224, 32)]

    device.calls.clear()
    twi.write(0x01, 130, bytes(20))
    assert [d for op, o, d in device.calls if op == "write"] == [bytes(16), bytes(4)]

    narrow = transport(FakeModule(max_read=32), max_read=16, max_write=4)
    assert (narrow.max_read, narrow.max_write) == (16, 4)
    assert (transport(FakeModule()).max_read, transport(FakeModule()).max_write) == (128, 8)


@given(
    offset=st.integers(0, 255),
    data=st.data(),
    max_read=st.integers(1, 128),
    max_write=st.integers(1, 32),
    page=st.sampled_from([0x00, 0x01, 0x02, 0x10, 0x11, 0x9F]),
    bank=st.integers(0, 3),
)
def test_any_request_is_chunked_legally_and_round_trips(
    offset: int, data: st.DataObject, max_read: int, max_write: int, page: int, bank: int
) -> None:
    bank = bank if page >= 0x10 else 0
    length = data.draw(st.integers(1, 256 - offset))
    payload = bytearray(data.draw(st.binary(min_size=length, max_size=length)))
    for address, value in ((126, bank), (127, page)):  # written select bytes read back as such
        if offset <= address < offset + length:
            payload[address - offset] = value
    device = FakeModule(max_read=max_read, max_write=max_write)  # the fake asserts the limits
    twi = transport(device)
    twi.write(page, offset, payload, bank=bank)
    assert twi.read(page, offset, length, bank=bank) == bytes(payload)
    assert list(chunks(offset, length, 7)) == list(_reference_chunks(offset, length, 7))


def _reference_chunks(offset: int, length: int, limit: int) -> Iterator[tuple[int, int]]:
    addresses = list(range(offset, offset + length))
    while addresses:
        start = addresses[0]
        size = 1
        while size < min(limit, len(addresses)) and addresses[size] != 128:
            size += 1
        yield start, size
        addresses = addresses[size:]


def test_retries_recover_from_two_nacks() -> None:
    device = FakeModule()
    clock = VirtualClock()
    twi = TwiTransport(device, clock=clock, retries=3, retry_delay=0.002)
    device.nacks = 2
    assert twi.read(0x01, 128, 4) == pattern(0, 0x01)[:4]
    assert clock.now() == pytest.approx(0.004)
    # Both failures were on the select; each retry selects again.
    assert device.calls[:3] == [("write", 126, b"\x00\x01")] * 3


def test_retries_give_up_with_context_and_errno() -> None:
    device = FakeModule()
    clock = VirtualClock()
    twi = TwiTransport(device, clock=clock, retries=2, retry_delay=0.01)
    device.nacks = 3
    with pytest.raises(TransportError) as caught:
        twi.read(0x11, 130, 6, bank=1)
    error = caught.value
    assert error.errno == errno.EREMOTEIO
    assert isinstance(error.__cause__, TransportError)
    assert "page 11h bank 1 byte 130" in str(error) and "6 byte" in str(error)
    assert "3 attempt" in str(error)
    assert len(device.calls) == 3
    assert clock.now() == pytest.approx(0.02)


def test_after_an_error_the_next_access_selects_again() -> None:
    device = FakeModule()
    twi = transport(device, retries=0)
    twi.read(0x10, 128, 1)
    assert twi.selected == (0, 0x10)
    device.nacks = 1
    with pytest.raises(TransportError):
        twi.read(0x10, 128, 1)
    assert twi.selected is None
    device.calls.clear()
    assert twi.read(0x10, 128, 1) == pattern(0, 0x10)[:1]
    assert device.calls == [("write", 126, b"\x00\x10"), ("read", 128, 1)]


def test_invalidate_forces_a_select() -> None:
    device = FakeModule()
    twi = transport(device)
    twi.read(0x02, 200, 2)
    device.mapped = (0, 0)  # the module reset behind our back
    twi.invalidate()
    assert twi.read(0x02, 200, 2) == pattern(0, 0x02)[72:74]
    assert len(device.selects()) == 2


def test_caller_writes_to_select_bytes_update_the_cache() -> None:
    device = FakeModule()
    twi = transport(device)
    twi.write(0x00, 126, bytes((1, 0x12)))
    assert twi.selected == (1, 0x12)
    twi.read(0x12, 128, 4, bank=1)
    assert len(device.selects()) == 1  # the caller's own write was the select
    twi.write(0x00, 127, b"\x13")
    assert twi.selected == (1, 0x13)
    twi.write(0x00, 126, b"\x02")  # bank register alone: not applied until a page write
    assert twi.selected is None
    assert twi.read(0x13, 128, 4, bank=2) == pattern(2, 0x13)[:4]


def test_transports_on_one_device_share_the_select_cache() -> None:
    device = FakeModule()
    first, second = transport(device), transport(device)
    assert first.read(0x10, 128, 8) == pattern(0, 0x10)[:8]
    assert second.read(0x11, 128, 8) == pattern(0, 0x11)[:8]
    assert first.read(0x10, 128, 8) == pattern(0, 0x10)[:8]
    assert first.selected == second.selected == (0, 0x10)


def test_log_receives_every_transaction_including_selects_and_failures() -> None:
    device = FakeModule()
    clock = VirtualClock(start=5.0)
    records: list[Transaction] = []
    twi = TwiTransport(device, clock=clock, log=records.append, retry_delay=0.5)
    device.nacks = 1
    twi.read(0x01, 128, 2)
    assert records == [
        Transaction(5.0, "write", 0, 0x01, 126, b"\x00\x01", "NACK from 0x50"),
        Transaction(5.5, "write", 0, 0x01, 126, b"\x00\x01"),
        Transaction(5.5, "read", 0, 0x01, 128, pattern(0, 0x01)[:2]),
    ]


def test_address_errors_are_raised_before_any_transaction() -> None:
    device = FakeModule()
    twi = transport(device)
    with pytest.raises(AddressError):
        twi.read(0x01, 250, 10)
    with pytest.raises(AddressError):
        twi.write(0x01, 256, b"\x00")
    assert device.calls == []


def test_short_read_is_a_transport_error() -> None:
    class Short(FakeModule):
        def twi_read(self, offset: int, length: int) -> bytes:
            return super().twi_read(offset, length)[:-1]

    with pytest.raises(TransportError, match="returned 3 bytes"):
        transport(Short(), retries=1).read(0x00, 0, 4)


def test_bad_settings_are_refused() -> None:
    for kwargs in ({"max_read": 0}, {"max_write": -1}, {"retries": -1}, {"retry_delay": -1}):
        with pytest.raises(ValueError):
            transport(FakeModule(), **kwargs)


def test_device_without_weakref_support_still_gets_its_own_state() -> None:
    class Slotted:
        __slots__ = ("inner",)

        def __init__(self) -> None:
            self.inner = FakeModule()

        def twi_read(self, offset: int, length: int) -> bytes:
            return self.inner.twi_read(offset, length)

        def twi_write(self, offset: int, data: bytes) -> None:
            self.inner.twi_write(offset, data)

    a, b = Slotted(), Slotted()
    ta, tb = TwiTransport(a), TwiTransport(b)
    ta.read(0x10, 128, 1)
    assert ta.selected == (0, 0x10) and tb.selected is None


@pytest.fixture
def eager_thread_switching() -> Iterator[None]:
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


@pytest.mark.usefixtures("eager_thread_switching")
def test_threads_on_two_transports_never_read_a_wrong_page() -> None:
    device = FakeModule(max_read=16)
    first, second = transport(device), transport(device)
    targets = [(first, 0, 0x01), (second, 0, 0x02), (first, 1, 0x10), (second, 0, 0x10)]
    targets += [(first, 2, 0x11), (second, 3, 0x11)]
    wrong: list[tuple[int, int]] = []

    def hammer(twi: TwiTransport, bank: int, page: int) -> None:
        for _ in range(150):
            if twi.read(page, 128, 128, bank=bank) != pattern(bank, page):
                wrong.append((bank, page))

    threads = [threading.Thread(target=hammer, args=target) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []
    assert len(device.selects()) > len(targets)  # the threads really did contend
