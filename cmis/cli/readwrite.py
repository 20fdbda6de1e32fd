"""``read`` and ``write``: raw bytes (PAGE OFFSET) or a named field (``10h.OutputDisableTx``)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

import click

from cmis.cli.memory import read_checked, show_bytes
from cmis.cli.output import print_json
from cmis.cli.params import HexBytes, Number
from cmis.cli.session import json_option, with_module
from cmis.codec.address import check_access, page_label
from cmis.codec.fieldref import resolve
from cmis.codec.fieldvalue import decode
from cmis.codec.numbers import parse_number
from cmis.errors import CmisError, InputError
from cmis.host.advertised import check_advertised
from cmis.host.module import Module
from cmis.host.named import FieldReading, read_field, verify_field, write_field

bank_option = click.option("--bank", "-b", type=Number(), default=0, show_default=True)


def _number(text: str) -> int | None:
    """``text`` as a number, or None when it is a field name."""
    try:
        return parse_number(text)
    except InputError:
        return None


@click.command()
@click.argument("what", metavar="OFFSET|FIELD")
@click.argument("length", required=False, type=Number(1, 256))
@click.option("--page", "-p", type=Number(), default=0, show_default=True, help="For OFFSET reads.")
@bank_option
@json_option
@with_module
def read(
    module: Module, what: str, length: int | None, page: int, bank: int, as_json: bool
) -> None:
    """Read OFFSET [LENGTH] bytes of --page, or a FIELD by name (`cmis read 11h.ConfigStatusLane`).

    Field names are PAGE.PATH as `cmis.codec.layout` prints them; a group prints each field."""
    offset = _number(what)
    if offset is None:
        if length is not None:
            raise InputError(f"{what} is a field name: give no LENGTH (its size is known)")
        _show_field(read_field(module, what, bank), as_json)
        return
    data = read_checked(module, page, offset, length or 1, bank)
    show_bytes(page, bank, offset, data, as_json)


def _show_field(reading: FieldReading, as_json: bool) -> None:
    if as_json:
        print_json(reading.to_dict())
        return
    ref = reading.ref
    where = f"bytes {ref.first}-{ref.last}" if ref.last > ref.first else f"byte {ref.first}"
    click.echo(f"{ref.name} (bank {reading.bank}, {where}: {reading.raw.hex(' ')})")
    page = ref.name.split(".", 1)[0]
    for span in ref.spans:
        leaf = resolve(f"{page}.{span.path}")
        raw = reading.raw[leaf.first - ref.first : leaf.last - ref.first + 1]
        value = decode(leaf, raw, **reading.params)
        bits = _bits(span.bit_hi, span.bit_lo)
        unit = f" {span.unit}" if span.unit and span.unit != "code" else ""
        click.echo(f"  {span.path} = {_shown(value)}{unit}  (byte {span.first}{bits})")


def _bits(hi: int | None, lo: int | None) -> str:
    if hi is None:
        return ""
    return f" bit {hi}" if hi == lo else f" bits {hi}-{lo}"


def _shown(value: Any) -> str:
    if isinstance(value, IntEnum):
        return value.name
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex(" ") or "-"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    return repr(value) if isinstance(value, str) else str(value)


@click.command()
@click.argument("where", metavar="PAGE|FIELD")
@click.argument("args", nargs=-1, required=True, metavar="OFFSET HEX...|VALUE")
@bank_option
@click.option("--force", is_flag=True, help="Allow read-only and vendor bytes.")
@click.option("--verify", is_flag=True, help="Read back and compare.")
@with_module
def write(
    module: Module, where: str, args: tuple[str, ...], bank: int, force: bool, verify: bool
) -> None:
    """Write raw bytes or a named field: `cmis write 10h 130 ff` (PAGE OFFSET HEX...) or
    `cmis write 10h.OutputDisableTx 0x0f` (FIELD VALUE; `lower.LowPwrRequestSW true`)."""
    if _number(where) is None:
        _write_field(module, where, " ".join(args), bank, force, verify)
    else:
        _write_raw(module, where, args, bank, force, verify)


def _write_field(module: Module, name: str, value: str, bank: int, force: bool, verify: bool):
    old, new = write_field(module, name, value, bank, force=force)
    if verify:
        verify_field(module, name, new, bank)
    change = "unchanged" if old == new else f"{old.hex(' ')} -> {new.hex(' ')}"
    click.echo(f"wrote {resolve(name).name} = {value} ({change})")


def _write_raw(module: Module, page_text: str, args: tuple[str, ...], bank, force, verify):  # type: ignore[no-untyped-def]
    ctx = click.get_current_context()
    page = Number().convert(page_text, None, ctx)
    if len(args) < 2:
        raise click.UsageError("expected PAGE OFFSET HEX... (e.g. 10h 130 ff)", ctx)
    offset = Number().convert(args[0], None, ctx)
    payload = HexBytes().convert(args[1:], None, ctx)
    check_access(page, offset, len(payload), bank)
    check_advertised(module, page, bank)
    module.write(page, offset, payload, bank, force=force)
    if verify:
        _verify(module.read(page, offset, len(payload), bank), payload)
    click.echo(f"wrote {len(payload)} byte(s) at {page_label(page, bank)} byte {offset}")


def _verify(back: bytes, payload: bytes) -> None:
    if back != payload:
        raise CmisError(
            f"verify: wrote {payload.hex(' ')}, read back {back.hex(' ')} "
            f"(write-only, self-clearing or RWW bytes read differently)"
        )
