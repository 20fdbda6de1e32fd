"""Per-lane status: data-path state, ConfigStatus, active AppSel, controls — one read per page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cmis.codes import ConfigStatus, DataPathState, describe
from cmis.explain import CONFIG_STATUS_HELP, DP_STATE_HELP, explain
from cmis.fields import LaneNibbles
from cmis.host import registers as r
from cmis.host.lanes import DataPath, group_data_paths

if TYPE_CHECKING:
    from cmis.module import Module

DP_STATES = LaneNibbles(4, DataPathState)  # page 11h bytes 128-131, as the page Struct reads them
CONFIG_STATUSES = LaneNibbles(4, ConfigStatus)  # bytes 202-205


@dataclass(frozen=True)
class LaneStatus:
    """One host lane (1-32) as the module reports it."""

    lane: int
    dp_state: DataPathState | int
    config_status: ConfigStatus | int
    appsel: int
    data_path_id: int
    dp_deinit: bool
    tx_disabled: bool
    rx_disabled: bool
    dp_init_pending: bool

    def to_dict(self) -> dict[str, Any]:
        state, config = describe(self.dp_state), describe(self.config_status)
        return {
            "lane": self.lane,
            "dp_state": state,
            "dp_state_help": explain(DP_STATE_HELP, state),
            "config_status": config,
            "config_status_help": explain(CONFIG_STATUS_HELP, config),
            "appsel": self.appsel,
            "data_path_id": self.data_path_id,
            "dp_deinit": self.dp_deinit,
            "tx_disabled": self.tx_disabled,
            "rx_disabled": self.rx_disabled,
            "dp_init_pending": self.dp_init_pending,
        }


def _at(raw: bytes, byte: int) -> int:
    return raw[byte - 128]


def bank_status(module: Module, bank: int) -> list[LaneStatus]:
    """The eight lanes of ``bank``: page 10h and 11h read once each (flags land in history)."""
    p10, p11 = module.page(0x10, bank), module.page(0x11, bank)
    states = DP_STATES.parse(p11[r.DP_STATE - 128 : r.DP_STATE - 124])
    configs = CONFIG_STATUSES.parse(p11[r.CONFIG_STATUS - 128 : r.CONFIG_STATUS - 124])
    acs = p11[r.ACS_DPCONFIG - 128 : r.ACS_DPCONFIG - 120]
    return [
        LaneStatus(
            lane=bank * 8 + i + 1,
            dp_state=states[i],
            config_status=configs[i],
            appsel=acs[i] >> 4,
            data_path_id=acs[i] >> 1 & 7,
            dp_deinit=bool(_at(p10, r.DP_DEINIT) >> i & 1),
            tx_disabled=bool(_at(p10, r.OUTPUT_DISABLE_TX) >> i & 1),
            rx_disabled=bool(_at(p10, r.OUTPUT_DISABLE_RX) >> i & 1),
            dp_init_pending=bool(_at(p11, r.DP_INIT_PENDING) >> i & 1),
        )
        for i in range(8)
    ]


def lane_status(module: Module) -> list[LaneStatus]:
    return [lane for bank in range(module.banks) for lane in bank_status(module, bank)]


def dp_states(module: Module, bank: int) -> list[DataPathState | int]:
    """Just the DP state nibbles of a bank (4 bytes; used while polling)."""
    return DP_STATES.parse(module.read(0x11, r.DP_STATE, 4, bank))  # type: ignore[no-any-return]


def config_statuses(module: Module, bank: int) -> list[ConfigStatus | int]:
    return CONFIG_STATUSES.parse(module.read(0x11, r.CONFIG_STATUS, 4, bank))  # type: ignore[no-any-return]


def data_paths(module: Module, bank: int = 0) -> list[DataPath]:
    """Data paths of ``bank`` as the Active Control Set defines them."""
    return group_data_paths(bank, module.read(0x11, r.ACS_DPCONFIG, 8, bank))
