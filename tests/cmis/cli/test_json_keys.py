"""``--json`` output is an interface: its keys are pinned here and must be named in the README.

A changed key fails this test; update the README's "`--json` keys" list and this table together.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from cmis.cli import main

README = Path(__file__).parents[3] / "README.md"

APP = "appsel host_interface host_interface_id media_interface media_interface_id host_lane_count \
media_lane_count host_lane_assignment media_lane_assignment start_lanes"
FLAG = "time flag lanes"
# (command, path into the output: "[]" = first list item) -> the keys found there
KEYS: dict[tuple[tuple[str, ...], str], str] = {
    (("info",), ""): "identity status monitors applications lanes advertising checksums \
missing_pages pins",
    (("info",), "pins"): "present intl lpmode reset",
    (("info",), "identity"): "identifier cmis_revision memory_model media_type firmware_active \
firmware_inactive hardware_revision vendor_name vendor_oui vendor_pn vendor_rev vendor_sn \
date_code clei power_class max_power_w connector media_technology",
    (("info",), "status"): "module_state interrupt_asserted fault_cause low_power_request_sw \
low_power_allow_request_hw module_flags monitor_flags cdb_status",
    (("info",), "monitors"): "temperature_c vcc_v lane_thresholds laser_temperature_c",
    (("info",), "applications.[]"): APP,
    (("info",), "lanes.[]"): "lane bank dp_state config_status appsel data_path_id tx_power_mw \
tx_power_dbm tx_bias_ma rx_power_mw rx_power_dbm tx_output_valid rx_output_valid \
dp_init_pending flags tx_disabled dp_deinit",
    (("info",), "advertising"): "max_durations_s banks pages cdb_instances cdb_background_mode \
cdb_epl_pages cdb_rw_length tx_bias_multiplier",
    (("apps",), "[]"): APP,
    (("state",), ""): "module_state module_state_help lanes data_paths pins",
    (("status",), ""): "present module_state data_paths worst_alarm lanes_los pins",
    (("status",), "data_paths.[]"): "appsel data_path_id lanes application",
    (("status",), "worst_alarm"): "level monitors",
    (("state",), "lanes.[]"): "lane dp_state dp_state_help config_status config_status_help \
appsel data_path_id dp_deinit tx_disabled rx_disabled dp_init_pending",
    (("state",), "data_paths.[]"): "appsel data_path_id lanes",
    (("lanes",), ""): "module_state module_state_help lanes data_paths pins",
    (("dom",), ""): "time module lane_thresholds lanes flags worst_alarm",
    (("dom",), "worst_alarm"): "level monitors",
    (("dom",), "module"): "temperature_c vcc_v laser_temperature_c",
    (("dom",), "module.temperature_c"): "value thresholds level",
    (("dom",), "module.temperature_c.thresholds"): "high_alarm low_alarm high_warning low_warning",
    (("dom",), "lane_thresholds"): "tx_power_mw tx_bias_ma rx_power_mw",
    (("dom",), "lanes.[]"): "lane tx_power_mw tx_power_dbm tx_power_level tx_bias_ma \
tx_bias_level rx_power_mw rx_power_dbm rx_power_level",
    (("dom",), "flags.[]"): FLAG,
    (("flags",), ""): "read history",
    (("flags",), "history.[]"): FLAG,
    (("read", "10h.OutputDisableTx"), ""): "field page bank offset length hex bits unit value",
    (("read", "--page", "11h", "128", "4"), ""): "page bank offset length hex",
    (("dump", "-p", "1"), ""): "page bank offset length hex",
    (("cdb", "0"), ""): "cmdid command status status_name lpl_length epl_length reply_length \
reply_hex",
    (("provision", "examples/provision-2x400g.yaml", "--dry-run"), ""): "profile dry_run items \
applied",
    (("provision", "examples/provision-2x400g.yaml", "--dry-run"), "items.[]"): "what have want \
change",
}


def _at(data: Any, path: str) -> Any:
    for step in path.split(".") if path else []:
        data = data[0] if step == "[]" else data[step]
    return data


def _json_section() -> str:
    text = README.read_text()
    start = text.index("`--json` keys")
    end = text.find("\n## ", start)
    return text[start : end if end > 0 else len(text)]


@pytest.mark.parametrize(("where", "keys"), KEYS.items(), ids=lambda w: str(w)[:60])
def test_json_keys_are_stable_and_documented(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    where: tuple[tuple[str, ...], str],
    keys: str,
) -> None:
    monkeypatch.chdir(README.parent)
    args, path = where
    assert main([*args, "--json"]) == 0
    found = _at(json.loads(capsys.readouterr().out), path)
    assert set(found) == set(keys.split())
    missing = [k for k in keys.split() if not re.search(rf"\b{k}\b", _json_section())]
    assert not missing, f"README's --json section does not name {missing}"
