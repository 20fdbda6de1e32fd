"""Was the firmware run what was asked? The check after Run, and the error that says what next."""

from __future__ import annotations

from cmis.errors import CmisError
from cmis.firmware.info import FirmwareInfo
from cmis.firmware.plan import Version, label


class FirmwareError(CmisError):
    """The update could not be done or did not end as expected; the message says what to do."""


def check_outcome(info: FirmwareInfo, target: str, expected: Version | None) -> None:
    """After Run the module must run the image just written (slot ``target``), with the
    ``expected`` version when one is known; otherwise FirmwareError with the next step."""
    running = info.running
    back = (
        "nothing was committed: the committed image boots on the next reset, or run "
        "'cmis fw run --mode 0' to go back to it now"
    )
    if running.slot != target:
        raise FirmwareError(
            f"module still runs image {running.slot} ({running.label}) after Run, not the new "
            f"image {target}; {back}"
        )
    if expected is not None and running.version != expected:
        raise FirmwareError(
            f"module runs {running.label} after Run, expected {label(expected)}; check that "
            f"the file is the right one for this module; {back}"
        )
