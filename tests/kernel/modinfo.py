"""Read a kernel module's .modinfo section (no kmod needed) and order modules by depends=."""

from __future__ import annotations

import struct
from collections.abc import Iterable
from pathlib import Path


def modinfo(path: Path) -> dict[str, str]:
    """The ``key=value`` pairs of a 64-bit little-endian ELF ``.ko`` (first value per key)."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError(f"{path}: not a 64-bit little-endian ELF module")
    shoff, shentsize, shnum, shstrndx = (
        struct.unpack_from("<Q", data, 0x28)[0],
        *struct.unpack_from("<HHH", data, 0x3A),
    )

    def section(index: int) -> tuple[int, int, int]:
        name, _, _, _, offset, size = struct.unpack_from("<IIQQQQ", data, shoff + index * shentsize)
        return name, offset, size

    _, str_off, _ = section(shstrndx)
    for index in range(shnum):
        name, offset, size = section(index)
        end = data.index(b"\0", str_off + name)
        if data[str_off + name : end] == b".modinfo":
            info: dict[str, str] = {}
            for entry in data[offset : offset + size].split(b"\0"):
                key, sep, value = entry.decode(errors="replace").partition("=")
                if sep:
                    info.setdefault(key, value)
            return info
    raise ValueError(f"{path}: no .modinfo section")


def module_name(path: Path) -> str:
    """The kernel's name for a module file: ``i2c-dev.ko`` -> ``i2c_dev``."""
    return path.name.split(".ko")[0].replace("-", "_")


def load_order(roots: Iterable[str], tree: Path) -> list[Path]:
    """The ``.ko`` files under ``tree`` that ``roots`` need, each after its ``depends=``."""
    files = {module_name(p): p for p in tree.rglob("*.ko")}
    order: list[Path] = []
    seen: set[str] = set()

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if name in seen:
            return
        if name not in files:
            raise LookupError(
                f"module {name} (needed by {' <- '.join(chain) or 'the test'}) is not in {tree}"
            )
        seen.add(name)
        for dep in filter(None, modinfo(files[name]).get("depends", "").split(",")):
            visit(dep.replace("-", "_"), (name, *chain))
        order.append(files[name])

    for root in roots:
        visit(root.replace("-", "_"), ())
    return order
