"""HostModule: the part of the Module facade that layers above the host API (provisioning) call.

A Protocol, so those layers name what they use without importing ``cmis.host.module`` (which imports
them in turn through the CLI); ``Module`` satisfies it structurally.
"""

from __future__ import annotations

from typing import Any, Protocol

from cmis.codec.applications import Application
from cmis.codec.codes import ModuleState
from cmis.host.lanes import DataPath
from cmis.host.named import FieldReading


class HostModule(Protocol):
    """Reads, bit updates, advertised applications and lanes, state, power and provisioning."""

    name: str

    @property
    def lane_count(self) -> int: ...

    def read(self, page: int, offset: int, length: int, bank: int = 0) -> bytes: ...

    def update_bits(
        self, page: int, offset: int, set_mask: int, clear_mask: int, bank: int = 0
    ) -> int: ...

    def read_field(self, name: str, bank: int = 0) -> FieldReading: ...

    def write_field(
        self, name: str, value: str, bank: int = 0, *, force: bool = False
    ) -> bytes: ...

    def applications(self) -> list[Application]: ...

    def application(self, appsel: int) -> Application | None: ...

    def data_paths(self, bank: int = 0) -> list[DataPath]: ...

    def module_state(self) -> ModuleState | int: ...

    def set_power_mode(self, mode: str, *, use_pin: bool = False) -> ModuleState | int: ...

    def apply_application(
        self, appsel: int, lanes: list[int] | None = None, **options: Any
    ) -> list[DataPath]: ...
