"""TwiTransport's one-transaction write path does exactly what the general (logged) path does."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cmis.clock import VirtualClock
from cmis.errors import AddressError, TransportError
from cmis.transport.twi import TwiTransport

from .test_twi import FakeModule

REQUESTS = st.lists(
    st.tuples(
        st.sampled_from([0x00, 0x01, 0x10, 0x11, 0x9F]),
        st.sampled_from([-1, 0, 100, 120, 124, 126, 127, 128, 130, 200, 250, 255, 256]),
        st.integers(0, 12),
        st.integers(0, 2),
        st.integers(0, 2),  # NACKs before this request
    ),
    max_size=12,
)


def _run(requests: list[tuple[int, int, int, int, int]], logged: bool) -> list[object]:
    device = FakeModule(max_write=8)
    twi = TwiTransport(device, clock=VirtualClock(), retries=1)
    if logged:
        twi.log = lambda _: None  # a log forces the general path
    results: list[object] = []
    for n, (page, offset, length, bank, nacks) in enumerate(requests):
        device.nacks = nacks
        data = bytes((n + i) & 0xFF for i in range(length))
        if 126 <= offset <= 127:
            data = bytes(b % 0x12 for b in data)  # selects of pages the fake has
        try:
            twi.write(page, offset, data, bank=bank if page >= 0x10 else 0)
            results.append(None)
        except (AddressError, TransportError) as err:
            results.append((type(err), getattr(err, "errno", None)))
        results.append(twi.selected)
    return [*results, device.calls, twi.clock.now()]


@given(REQUESTS)
def test_write_hot_path_matches_the_general_path(
    requests: list[tuple[int, int, int, int, int]],
) -> None:
    assert _run(requests, logged=False) == _run(requests, logged=True)
