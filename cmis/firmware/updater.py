"""Firmware update over CDB: features -> start -> blocks -> complete -> run -> ready -> commit.

Never leaves the module without a bootable image: the module only writes its inactive image,
the old image stays the boot image until Commit, and any failure after Start sends Abort.
"""

from __future__ import annotations

import contextlib

from cmis.cdb.client import CdbClient
from cmis.cdb.errors import (
    CdbError,
    CdbNotCaptured,
    CdbPasswordError,
    CdbTimeout,
    CdbUnsupported,
)
from cmis.cdb.replies import CdbCommand as C
from cmis.cdb.replies import RunMode
from cmis.errors import CmisError, TransportError
from cmis.firmware.blocks import PROGRESS_STEPS as PROGRESS_STEPS  # tests count against it
from cmis.firmware.blocks import Progress as Progress
from cmis.firmware.blocks import write_blocks
from cmis.firmware.info import FirmwareFeatures, FirmwareInfo
from cmis.firmware.outcome import FirmwareError, check_outcome
from cmis.firmware.plan import DownloadPlan, Version, plan_download
from cmis.firmware.readback import verify_download
from cmis.firmware.ready import ready_bound, wait_ready


class FirmwareUpdater:
    """Runs the CDB firmware commands of one module through a CdbClient."""

    def __init__(
        self, client: CdbClient, *, password: int | None = None, progress: Progress | None = None
    ) -> None:
        self.client, self.password = client, password
        self.progress: Progress = progress or (lambda phase, done, total: None)
        self._features: FirmwareFeatures | None = None

    def call(
        self, cmd: int, lpl: bytes = b"", epl: bytes = b"", *, reply: bool = False, resend: int = 1
    ) -> bytes:
        """One command; on a password error (0x46) enter the password once and retry."""
        try:
            return self.client.command(cmd, lpl, epl, reply=reply, resend=resend)
        except CdbPasswordError:
            if self.password is None:
                raise
            self.enter_password(self.password)
            return self.client.command(cmd, lpl, epl, reply=reply, resend=resend)

    def enter_password(self, password: int) -> None:
        self.client.command(C.EnterPassword, password.to_bytes(4, "big"), reply=False)

    def features(self) -> FirmwareFeatures:
        """0040h (completion time) and 0041h; fills the client's per-command timeouts."""
        if self._features is None:
            completion = int.from_bytes(self.call(C.ModuleFeatures, reply=True)[34:36]) / 1000
            for cmd in (C.QueryStatus, C.EnterPassword, C.FirmwareFeatures, C.GetFirmwareInfo,
                        C.RunImage, C.CommitImage):  # fmt: skip
                self.client.timeouts[cmd] = completion
            self._features = FirmwareFeatures.parse(self.call(C.FirmwareFeatures, reply=True))
            self.client.timeouts.update(self._features.timeouts())
        return self._features

    def info(self) -> FirmwareInfo:
        return FirmwareInfo.parse(self.call(C.GetFirmwareInfo, reply=True))

    # --- the whole update ------------------------------------------------------------------

    def update(
        self,
        image: bytes,
        *,
        commit: bool = True,
        expect: Version | None = None,
        verify: bool = False,
        run: bool = True,
    ) -> FirmwareInfo:
        """Download, (verify,) run and (by default) commit ``image``, any file format: the
        version after Run must be ``expect`` (or the OCFW header's); returns the final info.
        ``run=False`` stops after the download: the new image waits, inactive, for a Run."""
        if commit and not run:
            raise ValueError("commit needs run: a module commits only the image it runs")
        with self.client.guard.hold():
            plan = self.check(image, expect)
            if not self.info().running.committed:
                self.run(RunMode.ResetToInactive)  # back to the committed image first
            target = self.info().inactive.slot
            self.download(image)
            if verify:
                verify_download(self, image[plan.header_size :])
            if not run:
                return self.info()
            info = self.run()
            check_outcome(info, target, plan.expected)
            return self.commit() if commit else info

    def check(self, image: bytes, expect: Version | None = None) -> DownloadPlan:
        """Refuse, before touching the module, a file it cannot take."""
        f, info = self.features(), self.info()
        if not (f.lpl or f.epl):
            raise CdbUnsupported(C.FirmwareFeatures, None, "no firmware write mechanism")
        plan = plan_download(image, f.start_payload_size, expect)
        if not (info.running.committed or info.inactive.committed):
            raise FirmwareError("module reports no committed image; refusing to download")
        return plan

    def download(self, image: bytes) -> None:
        """Start, blocks, Complete; Abort on any failure after Start."""
        f = self.features()
        size = f.start_payload_size
        self.progress("start", 0, len(image))
        self.call(C.StartDownload, len(image).to_bytes(4, "big") + bytes(4) + image[:size])
        try:
            write_blocks(self.call, f, self.client.advertisement, image[size:], self.progress)
            self.progress("complete", 0, 1)
            self.call(C.CompleteDownload)
        except (CmisError, KeyboardInterrupt):
            self.abort_quietly()
            raise

    def abort_quietly(self) -> None:
        """Abort (0102h), ignoring failures: used on the way out of a failed download."""
        with contextlib.suppress(CdbError, TransportError):
            self.call(C.AbortDownload)

    def abort(self) -> None:
        self.call(C.AbortDownload)

    # --- run and commit --------------------------------------------------------------------

    def run(self, mode: int | None = None, delay_ms: int = 0) -> FirmwareInfo:
        """0109h, then wait for the module to come back; returns the info it reports then."""
        if mode is None:
            mode = RunMode.HitlessToInactive if self.features().hitless else RunMode.ResetToInactive
        self.progress("run", 0, 1)
        bound = ready_bound(self.client.transport) + delay_ms / 1000
        # a module that resets at once may never show the status (Linux, FBOSS: not checked)
        with contextlib.suppress(CdbTimeout, CdbNotCaptured):
            self.call(C.RunImage, bytes((0, mode)) + delay_ms.to_bytes(2, "big"), resend=0)
        self.client.clock.sleep(delay_ms / 1000)
        invalidate = getattr(self.client.transport, "invalidate", None)
        if invalidate is not None:
            invalidate()  # the reset put PageSelect back to 00h
        wait_ready(self.client.transport, self.client.clock, bound)
        return self.info()

    def commit(self) -> FirmwareInfo:
        """010Ah, then check that the running image is the committed one."""
        self.progress("commit", 0, 1)
        self.call(C.CommitImage)
        info = self.info()
        if not info.running.committed:
            raise FirmwareError(f"Commit succeeded but image {info.running.slot} is not committed")
        self.progress("done", 1, 1)
        return info
