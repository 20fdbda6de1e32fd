"""Module: the host API over any Transport — pages, identity, state, DOM, controls, provisioning.

Every wait polls through the injected Clock, so against the emulator on a VirtualClock a whole
bring-up runs in milliseconds. Static pages (00h, 01h, 02h) are read once and cached; every read
that covers a clear-on-read flag byte feeds ``flags`` (a FlagHistory) before the bytes are lost.
Extension point: feature clients (CDB, firmware) attach as attributes built from the Module
(``module.cdb``) and use ``read``/``write``/``clock`` only.
"""

from __future__ import annotations

from typing import Any

from cmis.access import read_only_bytes
from cmis.address import check_access, page_label
from cmis.applications import Application, decode_applications
from cmis.clock import Clock, RealClock
from cmis.codes import ModuleState, to_enum
from cmis.errors import InputError, WriteRefusedError
from cmis.host import control, dom, named, provision, status
from cmis.host.flags import FlagEvent, FlagHistory
from cmis.host.lanes import DataPath
from cmis.host.registers import LANES_PER_BANK, STATE_BYTE
from cmis.host.timing import Durations, Margin
from cmis.pages.page01 import lane_banks, parse_page01
from cmis.report import module_report
from cmis.transport.base import Transport

STATIC_PAGES = frozenset({0x00, 0x01, 0x02})


class Module:
    """One CMIS module behind ``transport``; ``name`` is how messages refer to it."""

    def __init__(
        self,
        transport: Transport,
        *,
        clock: Clock | None = None,
        margin: Margin | None = None,
        name: str = "module",
    ) -> None:
        self.transport = transport
        self.clock: Clock = clock if clock is not None else RealClock()
        self.margin = margin if margin is not None else Margin()
        self.name = name
        self.flags = FlagHistory()
        self._cache: dict[int, bytes] = {}
        self.device: object = None  # the emulated/real device, when a target opened one

    def __repr__(self) -> str:
        return f"Module({self.name!r})"

    # --- bytes ------------------------------------------------------------------------------

    def read(self, page: int, offset: int, length: int, bank: int = 0) -> bytes:
        """Bytes at CMIS address (page, offset 0-255, bank); static upper pages come from cache."""
        check_access(page, offset, length, bank)
        if offset >= 128 and page in STATIC_PAGES:
            return self.page(page)[offset - 128 : offset - 128 + length]
        data = self.transport.read(page, offset, length, bank)
        self.flags.record(self.clock.now(), page, bank, offset, data)
        return data

    def page(self, page: int, bank: int = 0) -> bytes:
        """The upper 128 bytes of (bank, page); 00h, 01h and 02h are read once and cached."""
        if page in STATIC_PAGES:
            if page not in self._cache:
                self._cache[page] = self.transport.read(page, 128, 128, 0)
            return self._cache[page]
        return self.read(page, 128, 128, bank)

    def lower(self) -> bytes:
        return self.read(0, 0, 128)

    def write(
        self, page: int, offset: int, data: bytes, bank: int = 0, *, force: bool = False
    ) -> None:
        """Write bytes; read-only and vendor bytes are refused (nothing written) unless forced."""
        check_access(page, offset, max(len(data), 1), bank)
        if not data:
            raise InputError("nothing to write: give at least one byte")
        refused = read_only_bytes(page, offset, len(data))
        if refused and not force:
            raise WriteRefusedError(_refusal(page, bank, refused))
        self.transport.write(page, offset, bytes(data), bank)
        if offset + len(data) > 128 and page in STATIC_PAGES:
            self._cache.pop(page, None)

    def write_byte(self, page: int, offset: int, value: int, bank: int = 0) -> None:
        self.write(page, offset, bytes((value,)), bank)

    def update_bits(
        self, page: int, offset: int, set_mask: int, clear_mask: int, bank: int = 0
    ) -> None:
        """Read-modify-write one byte: set ``set_mask`` bits, clear ``clear_mask`` bits."""
        old = self.read(page, offset, 1, bank)[0]
        new = (old | set_mask) & ~clear_mask & 0xFF
        if new != old:
            self.write_byte(page, offset, new, bank)

    def read_field(self, name: str, bank: int = 0) -> named.FieldReading:
        """A field by name (``11h.DPStateHostLane``): just its bytes, decoded; see host/named.py."""
        return named.read_field(self, name, bank)

    def write_field(self, name: str, value: str, bank: int = 0, *, force: bool = False) -> bytes:
        """Store ``value`` (text: units, enum names, flags) in field ``name``; returns new bytes."""
        return named.write_field(self, name, value, bank, force=force)[1]

    def forget_cache(self) -> None:
        """Drop cached static pages (after a reset or a firmware change)."""
        self._cache.clear()
        invalidate = getattr(self.transport, "invalidate", None)
        if callable(invalidate):
            invalidate()

    # --- identity and advertising ------------------------------------------------------------

    def info(self) -> dict[str, Any]:
        """Everything ``cmis decode`` shows, read live (flags it clears land in ``flags``)."""
        return module_report(self)

    @property
    def paged(self) -> bool:
        return not self.read(0, 2, 1)[0] & 0x80

    def applications(self) -> list[Application]:
        return decode_applications(self.read(0, 0, 128), self.page(0x01) if self.paged else None)

    def application(self, appsel: int) -> Application | None:
        return next((app for app in self.applications() if app.appsel == appsel), None)

    @property
    def banks(self) -> int:
        """Lane banks of eight lanes (page 01h byte 142 bits 1-0)."""
        if not self.paged:
            return 0
        return lane_banks(self.page(0x01))

    @property
    def lane_count(self) -> int:
        """Host lanes are 1..lane_count: eight per bank (a flat module still has lanes 1-8)."""
        return LANES_PER_BANK * max(self.banks, 1)

    def supported_pages(self) -> list[str]:
        """Optional pages advertised in page 01h byte 142 (plus the required ones)."""
        if not self.paged:
            return ["00h"]
        bits = parse_page01(self.page(0x01)).SupportedPages
        return ["00h", "01h", "02h", "10h", "11h"] + [k for k, v in bits.items() if v is True]

    @property
    def durations(self) -> Durations:
        return Durations.from_page01(self.page(0x01))

    def timeout(self, seconds: float) -> float:
        return self.margin.apply(seconds)

    # --- state ------------------------------------------------------------------------------

    def module_state(self) -> ModuleState | int:
        return to_enum(ModuleState, self.read(0, STATE_BYTE, 1)[0] >> 1 & 7)

    def lanes(self) -> list[status.LaneStatus]:
        return status.lane_status(self)

    def data_paths(self, bank: int = 0) -> list[DataPath]:
        return status.data_paths(self, bank)

    def dom(self) -> dict[str, Any]:
        return dom.snapshot(self)

    def read_flags(self) -> list[FlagEvent]:
        """Read every latched flag byte (module and lane) in one pass; they are now cleared."""
        return dom.read_all_flags(self)

    # --- controls ---------------------------------------------------------------------------

    def set_power_mode(self, mode: str, *, use_pin: bool = False) -> ModuleState | int:
        return control.set_power_mode(self, mode, use_pin=use_pin)

    def reset(self, *, wait: bool = True) -> ModuleState | int | None:
        return control.reset(self, wait=wait)

    def set_tx_output(self, lanes: list[int], enabled: bool, *, media: bool = False) -> int:
        return control.set_tx_output(self, lanes, enabled, media=media)

    def set_rx_output(self, lanes: list[int], enabled: bool) -> int:
        return control.set_rx_output(self, lanes, enabled)

    def set_dp_deinit(self, lanes: list[int], deinit: bool = True) -> int:
        return control.set_dp_deinit(self, lanes, deinit)

    def apply_application(
        self, appsel: int, lanes: list[int] | None = None, **options: Any
    ) -> list[DataPath]:
        """Provision ``appsel`` on ``lanes`` (all it can cover if None); see host/provision.py."""
        return provision.apply_application(self, appsel, lanes, **options)


def _refusal(page: int, bank: int, refused: list[int]) -> str:
    where = page_label(page, bank) if refused[0] >= 128 else "lower memory"
    shown = ", ".join(map(str, refused[:8])) + (" ..." if len(refused) > 8 else "")
    return (
        f"refusing to write {where} byte(s) {shown}: read-only or vendor area "
        f"(see cmis/access.py); use --force (force=True) if you really mean it"
    )
