"""A firmware update shares the bus with other host threads; erased images still flash."""

from __future__ import annotations

import threading

from emulator import make_firmware_image
from tests.cmis.firmware.fw_pair import committed_image_ok, make_pair

CDB_PAGES = range(0x9F, 0xB0)


class WriteLog:
    """A TwiDevice in front of the pair's bus that keeps (page, offset, length) of every write."""

    def __init__(self, inner: object, module: object) -> None:
        self.inner, self.module, self.writes = inner, module, []
        self.max_read, self.max_write = 128, 8

    def twi_read(self, offset: int, length: int) -> bytes:
        return self.inner.twi_read(offset, length)  # type: ignore[attr-defined]

    def twi_write(self, offset: int, data: bytes) -> None:
        page = self.module.memory.selected[1]  # type: ignore[attr-defined]
        self.writes.append((page, offset, len(data)))
        self.inner.twi_write(offset, data)  # type: ignore[attr-defined]


def test_a_poller_writing_during_an_update_never_sends_an_oversized_transaction():
    pair = make_pair()  # 800G-DR8 offers EPL: CDB writes go out 128 bytes at a time
    log = WriteLog(pair.bus, pair.module)
    pair.transport.device = log
    poller = pair.transport  # one transport for the updater and a DOM/control thread, as the TUI
    stop, failures, writes = threading.Event(), [], [0]

    def poll() -> None:
        while not stop.is_set():
            try:
                poller.write(0x10, 136, bytes(16))  # 16 bytes of page 10h: two 8-byte writes
                writes[0] += 1
            except Exception as err:  # noqa: BLE001 - any failure is what this test looks for
                failures.append(err)

    thread = threading.Thread(target=poll)
    thread.start()
    try:
        pair.updater.download(make_firmware_image((4, 2, 0), 64 * 1024))  # Run resets: not here
    finally:
        stop.set()
        thread.join()
    oversized = [w for w in log.writes if w[0] not in CDB_PAGES and w[2] > 8]
    assert writes[0] > 0 and not failures
    assert oversized == []
    assert any(w[0] in CDB_PAGES and w[2] > 8 for w in log.writes)  # CDB kept its long writes


def test_an_image_whose_blocks_are_all_erased_flashes():
    pair = make_pair("qsfpdd-800g-2xfr4", password=0x1011)  # skips erased LPL blocks
    image = make_firmware_image((4, 0, 3), 20_000, erased_fraction=1.0, seed=5)
    info = pair.updater.update(image)
    assert info.running.version == (4, 0, 3)
    assert committed_image_ok(pair.module)
    assert pair.bus.seen.get(0x0103, 0) == 1  # erased blocks skipped but one (Complete needs it)
