"""``cmis fw info`` (0041h, 0100h and the CDB capabilities on one screen) and ``cmis fw read``."""

from __future__ import annotations

import json
from typing import Any

import click

from cmis.cdb.client import CdbClient
from cmis.cli.params import Number
from cmis.cli.session import json_option, with_module
from cmis.codec.numbers import parse_number
from cmis.errors import cut
from cmis.firmware.info import FirmwareFeatures, FirmwareInfo
from cmis.firmware.readback import read_blocks
from cmis.firmware.updater import FirmwareUpdater
from cmis.firmware.updater import Progress as ProgressCallback
from cmis.host.module import Module

READ_LIMIT = 65536  # bytes `cmis fw read` shows at most (a hex screen, not an image dump)
password_option = click.option(
    "--password",
    type=Number(0, 0xFFFF_FFFF),  # the 4-byte host password of 00h:122-125
    default=None,
    help="Host password (e.g. 0x00001011) for locked firmware commands.",
)


def updater(
    module: Module, password: int | None, progress: ProgressCallback | None = None
) -> FirmwareUpdater:
    """The firmware updater for the session's module (CDB instance 1)."""
    client = CdbClient(module.transport, clock=module.clock)
    return FirmwareUpdater(client, password=password, progress=progress)


@click.command()
@password_option
@json_option
@with_module
def info(module: Module, password: int | None, as_json: bool) -> None:
    """Images A/B (0100h), download features (0041h) and the module's CDB capabilities."""
    u = updater(module, password)
    features, fw_info, adv = u.features(), u.info(), u.client.advertisement
    if as_json:
        data = {"images": image_rows(fw_info), "features": vars(features), "cdb": vars(adv),
                "commands": _commands(features)}  # fmt: skip
        click.echo(json.dumps(data, indent=2))
        return
    for image in image_rows(fw_info):
        flags = ", ".join(k for k in ("running", "committed") if image[k]) or "-"
        click.echo(f"image {image['slot']}: {image['version']:<12} {flags:<20} {image['text']}")
    how = "EPL" if features.use_epl(adv) else "LPL"
    click.echo(
        f"download: {how} blocks of {features.block_size(adv)} bytes, header "
        f"{features.start_payload_size} bytes, hitless run: {features.hitless}"
    )
    mode = "background" if adv.background else "foreground (NACKs while busy)"
    click.echo(
        f"CDB: {adv.instances} instance(s), {mode}, {adv.epl_pages} EPL page(s), writes up to "
        f"{adv.lpl_write_limit} B (LPL) / {8 * (1 + adv.rw_length_ext)} B (EPL), "
        f"busy up to {adv.max_busy * 1000:.0f} ms"
    )
    click.echo("commands: " + ", ".join(_commands(features)))


def image_rows(info: FirmwareInfo) -> list[dict[str, Any]]:
    return [{"slot": i.slot, "version": i.label, "text": i.text, "running": i.running,
             "committed": i.committed, "valid": i.valid} for i in info.images]  # fmt: skip


def _commands(f: FirmwareFeatures) -> list[str]:
    """Firmware commands the 0041h reply advertises (the 0040h bitmap layout is unverified)."""
    offered = {
        "0101h-0107h download": True, "0102h abort": f.abort, "0103h LPL write": f.lpl,
        "0104h EPL write": f.epl, "0105h LPL read": f.read_lpl, "0106h EPL read": f.read_epl,
        "0108h copy": f.copy, "0109h run": True, "010Ah commit": True,
    }  # fmt: skip
    return [name for name, yes in offered.items() if yes]


@click.command()
@click.option("--address", default="0", help="Offset in the image after its Start header.")
@click.option("--length", default="256", help=f"Bytes to read (at most {READ_LIMIT}).")
@password_option
@with_module
def read(module: Module, address: str, length: str, password: int | None) -> None:
    """Read the module's new (inactive) image back with 0105h, as hex."""
    start, size = _number(address, "--address", 0xFFFFFFFF), _number(length, "--length", READ_LIMIT)
    data = read_blocks(updater(module, password), start, size)
    for at in range(0, len(data), 16):
        click.echo(f"{start + at:08x}  {data[at : at + 16].hex(' ')}")


def _number(text: str, option: str, most: int) -> int:
    least = 1 if option == "--length" else 0
    try:
        value = parse_number(text)
    except ValueError:
        value = -1
    if not least <= value <= most:
        raise click.BadParameter(
            f"{cut(text)}: expected a number {least}-{most} (like 256, 0x100 or 100h)",
            param_hint=f"'{option}'",
        )
    return value
