"""Per-lane status: data-path state, ConfigStatus, active AppSel, controls — one read per page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cmis.codec.codes import ConfigStatus, DataPathState, ModuleState, describe, to_enum
from cmis.codec.explain import CONFIG_STATUS_HELP, DP_STATE_HELP, explain
from cmis.codec.fields import nibble_table
from cmis.codec.pages.common import unpack_dpconfig
from cmis.host import registers as r
from cmis.host.lanes import DataPath, group_data_paths
from cmis.host.memory import ModuleMemory

# byte -> the codes of its two lanes, as the page Struct's LaneNibbles would decode them
DP_STATE_TABLE = nibble_table(DataPathState)  # page 11h bytes 128-131
CONFIG_STATUS_TABLE = nibble_table(ConfigStatus)  # bytes 202-205


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


def decode_lanes(table: tuple[tuple[Any, Any], ...], raw: bytes) -> list[Any]:
    """Codes of a per-lane nibble array: one table lookup per byte, lane 1 first."""
    return [code for byte in raw for code in table[byte]]


def bank_status(p10: bytes, p11: bytes, bank: int) -> list[LaneStatus]:
    """The eight lanes of ``bank`` from its raw pages 10h and 11h (upper halves)."""
    states = decode_lanes(DP_STATE_TABLE, p11[r.DP_STATE - 128 : r.DP_STATE - 124])
    configs = decode_lanes(CONFIG_STATUS_TABLE, p11[r.CONFIG_STATUS - 128 : r.CONFIG_STATUS - 124])
    acs = [unpack_dpconfig(b) for b in p11[r.ACS_DPCONFIG - 128 : r.ACS_DPCONFIG - 120]]
    return [
        LaneStatus(
            lane=bank * 8 + i + 1,
            dp_state=states[i],
            config_status=configs[i],
            appsel=acs[i][0],
            data_path_id=acs[i][1],
            dp_deinit=bool(_at(p10, r.DP_DEINIT) >> i & 1),
            tx_disabled=bool(_at(p10, r.OUTPUT_DISABLE_TX) >> i & 1),
            rx_disabled=bool(_at(p10, r.OUTPUT_DISABLE_RX) >> i & 1),
            dp_init_pending=bool(_at(p11, r.DP_INIT_PENDING) >> i & 1),
        )
        for i in range(8)
    ]


def dp_states(memory: ModuleMemory, bank: int) -> list[DataPathState | int]:
    """Just the DP state nibbles of a bank (4 bytes; used while polling)."""
    return decode_lanes(DP_STATE_TABLE, memory.read(0x11, r.DP_STATE, 4, bank))


def config_statuses(memory: ModuleMemory, bank: int) -> list[ConfigStatus | int]:
    return decode_lanes(CONFIG_STATUS_TABLE, memory.read(0x11, r.CONFIG_STATUS, 4, bank))


def data_paths(memory: ModuleMemory, bank: int = 0) -> list[DataPath]:
    """Data paths of ``bank`` as the Active Control Set defines them."""
    return group_data_paths(bank, memory.read(0x11, r.ACS_DPCONFIG, 8, bank))


def module_state(memory: ModuleMemory) -> ModuleState | int:
    return state_of(memory.read(0, r.STATE_BYTE, 1)[0])


def state_of(byte: int) -> ModuleState | int:
    """The module state in lower byte 3 (bits 3-1)."""
    return to_enum(ModuleState, byte >> 1 & 7)
