"""PinFiles: the PDDF cage signals a platform (or ``cmis-emu serve``) puts beside an optoe
``eeprom`` file: ``xcvr_present``, ``xcvr_intr_status``, ``xcvr_lpmode``, ``xcvr_reset``."""

from __future__ import annotations

import os
from pathlib import Path

from cmis.errors import TransportError, cut_path

PIN_FILES = {  # host name -> PDDF file beside the eeprom; text "1"/"0", 1 = asserted
    "present": "xcvr_present",
    "intl": "xcvr_intr_status",
    "lpmode": "xcvr_lpmode",
    "reset": "xcvr_reset",
}


class PinFiles:
    """The cage pins as PDDF files in ``folder`` (``cmis.host.pins.Pins``); a missing file is a
    pin this platform does not expose: it reads None and refuses to be driven."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    @classmethod
    def beside(cls, eeprom: str | os.PathLike[str]) -> PinFiles | None:
        """The pins next to an ``eeprom`` file, or None when there is not one pin file there."""
        folder = Path(eeprom).parent
        has_any = any((folder / name).is_file() for name in PIN_FILES.values())
        return cls(folder) if has_any else None

    def __repr__(self) -> str:
        return f"PinFiles({str(self.folder)!r})"

    @property
    def present(self) -> bool | None:
        return self._get("present")

    @property
    def intl(self) -> bool | None:
        return self._get("intl")

    @property
    def lpmode(self) -> bool | None:
        return self._get("lpmode")

    @lpmode.setter
    def lpmode(self, asserted: bool) -> None:
        self._set("lpmode", asserted)

    @property
    def reset(self) -> bool | None:
        return self._get("reset")

    @reset.setter
    def reset(self, asserted: bool) -> None:
        self._set("reset", asserted)

    def _get(self, pin: str) -> bool | None:
        path = self.folder / PIN_FILES[pin]
        try:
            text = path.read_text(encoding="ascii", errors="replace").strip()
        except FileNotFoundError:
            return None
        except OSError as err:
            raise TransportError(
                f"{cut_path(path)}: reading {pin} pin: {err.strerror or err}", err.errno
            ) from err
        if text not in ("0", "1"):
            raise TransportError(f"{cut_path(path)}: {pin} pin reads {text[:10]!r}, not 0 or 1")
        return text == "1"

    def _set(self, pin: str, asserted: bool) -> None:
        path = self.folder / PIN_FILES[pin]
        if not path.is_file():
            raise TransportError(
                f"{cut_path(self.folder)}: no {PIN_FILES[pin]} file: {pin} pin not driven"
            )
        try:
            with path.open("w", encoding="ascii") as file:  # one write(2), as echo 1 > pin
                file.write("1\n" if asserted else "0\n")
        except OSError as err:
            raise TransportError(
                f"{cut_path(path)}: setting {pin} pin: {err.strerror or err}", err.errno
            ) from err
