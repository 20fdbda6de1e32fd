"""``cmis cdb CMDID [PAYLOAD_HEX] [--epl FILE]``: one raw CDB command, its status and reply."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cmis.cdb.client import CdbClient
from cmis.cdb.frame import LPL_MAX, CdbAdvertisement
from cmis.cdb.replies import CdbCommand
from cmis.cli.memory import hex_rows
from cmis.cli.output import print_json
from cmis.cli.params import Number, parse_hex_bytes
from cmis.cli.session import json_option, with_module
from cmis.codec.codes import CdbStatus, describe, to_enum
from cmis.codec.numbers import parse_number
from cmis.errors import InputError
from cmis.host.module import Module
from cmis.host.registers import CDB_STATUS


def parse_cmdid(text: str) -> int:
    cmd = parse_number(text)
    if not 0 <= cmd <= 0xFFFF:
        raise InputError(f"CMDID {text!r} is outside 0000h-FFFFh (CMDIDs are 16-bit)")
    return cmd


def parse_lpl(tokens: tuple[str, ...]) -> bytes:
    lpl = parse_hex_bytes(" ".join(tokens)) if tokens else b""
    if len(lpl) > LPL_MAX:
        raise InputError(f"payload of {len(lpl)} bytes exceeds the {LPL_MAX}-byte LPL; use --epl")
    return lpl


def load_epl(path: str | None, adv: CdbAdvertisement) -> bytes:
    """The EPL file's bytes, checked against the EPL pages the module advertises (01h:163)."""
    if path is None:
        return b""
    if not Path(path).is_file():
        raise InputError(f"EPL file {path}: no such file")
    epl = Path(path).read_bytes()
    limit = adv.epl_pages * 128
    if not epl or len(epl) > limit:
        raise InputError(
            f"EPL file {path}: {len(epl)} bytes, but the module takes 1-{limit} "
            f"({adv.epl_pages} EPL page(s) advertised in 01h:163)"
        )
    return epl


@click.command()
@click.argument("cmdid")
@click.argument("payload", nargs=-1)
@click.option("--epl", type=click.Path(dir_okay=False), help="Send this file's bytes as the EPL.")
@click.option("--instance", type=Number(1, 2), default=1, show_default=True, help="CDB instance.")
@json_option
@with_module
def cdb(
    module: Module,
    cmdid: str,
    payload: tuple[str, ...],
    epl: str | None,
    instance: int,
    as_json: bool,
) -> None:
    """Send one raw CDB command; PAYLOAD is its LPL in hex (`cmis cdb 0041h`)."""
    cmd, lpl = parse_cmdid(cmdid), parse_lpl(payload)
    client = CdbClient(module.transport, instance=instance, clock=module.clock)
    extended = load_epl(epl, client.advertisement)
    reply = client.command(cmd, lpl, extended)
    status = to_enum(CdbStatus, module.read(0, CDB_STATUS + instance - 1, 1)[0])
    result = _result(cmd, status, lpl, extended, reply)
    if as_json:
        print_json(result)
        return
    click.echo(
        f"CDB {cmd:04X}h ({result['command']}): {result['status_name']} "
        f"(status 0x{int(status):02X}), reply {len(reply)} byte(s)"
    )
    if reply:
        click.echo(hex_rows(136, reply))


def _result(cmd: int, status: int, lpl: bytes, epl: bytes, reply: bytes) -> dict[str, Any]:
    return {
        "cmdid": cmd,
        "command": describe(to_enum(CdbCommand, cmd), 4),
        "status": int(status),
        "status_name": describe(status),
        "lpl_length": len(lpl),
        "epl_length": len(epl),
        "reply_length": len(reply),
        "reply_hex": reply.hex(),
    }
