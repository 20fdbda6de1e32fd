"""Readable rendering of a module report with rich: identity, state, monitors, apps, lanes."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cmis.cli.render_lanes import LEVEL_STYLE, lanes_table
from cmis.codec.explain import FAULT_CAUSE_HELP, MODULE_STATE_HELP, explain


def render_report(console: Console, report: dict[str, Any], title: str = "") -> None:
    console.print(_identity(report["identity"], title))
    monitors = report["monitors"] or {}
    if report["status"] is None:  # a dump without lower memory: nothing to say, not zeros
        console.print(Text("Status, monitors, applications: absent (no lower memory)"))
    else:
        console.print(_status(report["status"]))
        console.print(_monitors(monitors))
        console.print(applications_table(report["applications"]))
    if report["lanes"]:
        console.print(lanes_table(report["lanes"], monitors.get("lane_thresholds", {})))
    for page in report.get("other_pages", ()):
        console.print(_other_page(page))
    for line in _notes(report):
        console.print(line)


def _other_page(entry: dict[str, Any]) -> Table | Text:
    """A further page: its fields, or its bytes as hex marked "not decoded"."""
    title = f"Page {entry['page']} bank {entry['bank']}"
    if not entry["decoded"]:
        raw = bytes.fromhex(entry["hex"])
        rows = (f"{128 + i:3d}: {raw[i : i + 16].hex(' ')}" for i in range(0, 128, 16))
        return Text(f"{title}: {entry['note']}\n" + "\n".join(rows))
    return _pairs(title, list(entry["fields"].items()))


def _pairs(title: str, rows: list[tuple[str, Any]]) -> Table:
    table = Table(title=title, show_header=False, title_justify="left", box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column()
    for key, value in rows:
        table.add_row(key, plain(value))
    return table


def plain(value: Any) -> Text:
    """Module strings are data, never rich markup: a PN like '[/x]' must print as is."""
    return value if isinstance(value, Text) else Text(str(value))


def _identity(ident: dict[str, Any], title: str) -> Panel:
    keys = [
        ("Vendor", "vendor_name"),
        ("Part number", "vendor_pn"),
        ("Revision", "vendor_rev"),
        ("Serial", "vendor_sn"),
        ("Date code", "date_code"),
        ("Type", "identifier"),
        ("CMIS", "cmis_revision"),
        ("Memory", "memory_model"),
        ("Media", "media_type"),
        ("Technology", "media_technology"),
        ("Connector", "connector"),
        ("Power class", "power_class"),
        ("Max power (W)", "max_power_w"),
        ("Firmware active", "firmware_active"),
        ("Firmware inactive", "firmware_inactive"),
        ("Hardware", "hardware_revision"),
    ]
    rows = [(label, ident[key]) for label, key in keys if ident.get(key) not in (None, "")]
    return Panel(_pairs("", rows), title=title or "module", title_align="left")


def _status(status: dict[str, Any]) -> Table:
    state = status["module_state"]
    flags = status["module_flags"] + status["monitor_flags"]
    rows = [
        ("Module state", Text(state, style="bold")),
        ("", Text(explain(MODULE_STATE_HELP, state), style="italic")),
        ("Fault cause", status["fault_cause"]),
        ("IntL", "asserted" if status["interrupt_asserted"] else "deasserted"),
        ("LowPwrRequestSW", status["low_power_request_sw"]),
        ("LowPwrAllowRequestHW", status["low_power_allow_request_hw"]),
        ("Latched module flags", ", ".join(flags) or "none"),
        ("CDB status", status["cdb_status"]),
    ]
    if status["fault_cause"] not in ("NoFault", "0"):
        cause = Text(explain(FAULT_CAUSE_HELP, status["fault_cause"]), style="italic")
        rows.insert(3, ("", cause))
    return _pairs("Status", rows)


def _monitors(mon: dict[str, Any]) -> Table:
    table = Table(title="Module monitors", title_justify="left")
    for col in ("monitor", "value", "low alarm", "low warn", "high warn", "high alarm"):
        table.add_column(col, justify="right" if col != "monitor" else "left")
    for key, label, fmt in (
        ("temperature_c", "Temperature (°C)", "{:.2f}"),
        ("vcc_v", "Vcc (V)", "{:.4f}"),
    ):
        entry = mon[key]
        limits = entry.get("thresholds", {})
        style = LEVEL_STYLE.get(entry.get("level", ""), "")
        table.add_row(
            label,
            Text(fmt.format(entry["value"]), style=style),
            *(
                fmt.format(limits[k]) if limits else "-"
                for k in ("low_alarm", "low_warning", "high_warning", "high_alarm")
            ),
        )
    for key in ("laser_temperature_c", "tec_current_percent", "vcc2_v", "aux1_custom"):
        if key in mon:
            table.add_row(key, f"{mon[key]:.2f}", "", "", "", "")
    return table


def applications_table(apps: list[dict[str, Any]]) -> Table:
    """The advertised applications (``Application.to_dict()`` rows) as a table."""
    table = Table(title="Advertised applications", title_justify="left")
    for col in ("AppSel", "host interface", "media interface", "lanes h/m", "start lanes"):
        table.add_column(col)
    for app in apps:
        lanes = f"{app['host_lane_count'] or '?'}/{app['media_lane_count'] or '?'}"
        starts = ",".join(map(str, app["start_lanes"]))
        cells = (app["appsel"], app["host_interface"], app["media_interface"], lanes, starts)
        table.add_row(*map(plain, cells))
    if not apps:
        table.add_row("-", "none advertised", "", "", "")
    return table


def _notes(report: dict[str, Any]) -> list[Group | Text]:
    notes: list[Group | Text] = []
    for page, check in report["checksums"].items():
        if not check["ok"]:
            notes.append(
                Text(
                    f"page {page} checksum: stored 0x{check['stored']:02X}, computed "
                    f"0x{check['computed']:02X}",
                    style="yellow",
                )
            )
    if report["missing_pages"]:
        notes.append(Text("not in this image: " + ", ".join(report["missing_pages"]), style="dim"))
    notes += [Text(note, style="dim") for note in report.get("notes", [])]
    return notes
