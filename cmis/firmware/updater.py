"""Firmware update over CDB: features -> start -> blocks -> complete -> run -> ready -> commit.

Never leaves the module without a bootable image: the module only writes its inactive image,
the old image stays the boot image until Commit, and any failure after Start sends Abort.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

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
from cmis.codec.codes import MaxDuration, ModuleState
from cmis.errors import CmisError, TransportError
from cmis.firmware.info import FirmwareFeatures, FirmwareInfo
from cmis.firmware.outcome import FirmwareError, check_outcome
from cmis.firmware.plan import DownloadPlan, Version, plan_download
from cmis.firmware.readback import verify_download

Progress = Callable[[str, int, int], None]  # phase, bytes (or steps) done, total
READY_STATES = (ModuleState.ModuleLowPwr, ModuleState.ModuleReady)
RESET_MARGIN = 5.0  # s on top of the advertised ModulePwrUp time for reset + MgmtInit
PROGRESS_STEPS = 512  # "download" progress calls per image at most (a bar needs no more)


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
            self._set_timeouts(self._features)
        return self._features

    def _set_timeouts(self, f: FirmwareFeatures) -> None:
        d = f.durations
        self.client.timeouts.update({C.StartDownload: d["start"], C.AbortDownload: d["abort"],
                                     C.WriteBlockLpl: d["write"], C.WriteBlockEpl: d["write"],
                                     C.CompleteDownload: d["complete"]})  # fmt: skip

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
            self._blocks(f, image[size:])
            self.progress("complete", 0, 1)
            self.call(C.CompleteDownload)
        except (CmisError, KeyboardInterrupt):
            self.abort_quietly()
            raise

    def _blocks(self, f: FirmwareFeatures, payload: bytes) -> None:
        """Write Block commands (one per block, erased ones skipped when allowed, but never all
        of them: a module refuses Complete when no block was written since Start); "download"
        progress at most PROGRESS_STEPS times (and after the last block)."""
        adv = self.client.advertisement
        epl, block, total = f.use_epl(adv), f.block_size(adv), len(payload)
        cmd = C.WriteBlockEpl if epl else C.WriteBlockLpl
        erased = bytes([f.erased_byte]) * block if f.skip_erased else None
        every, report_at, written = max(block, total // PROGRESS_STEPS), 0, False
        for address in range(0, total, block):
            chunk = payload[address : address + block]
            last = address + block >= total
            if erased is None or chunk != erased[: len(chunk)] or (last and not written):
                written = True
                where = address.to_bytes(4, "big")
                if epl:
                    self.call(cmd, where, chunk)
                else:
                    self.call(cmd, where + chunk)
            done = address + len(chunk)
            if done >= report_at or done == total:
                self.progress("download", done, total)
                report_at = done + every

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
        bound = self._ready_bound() + delay_ms / 1000
        # a module that resets at once may never show the status (Linux, FBOSS: not checked)
        with contextlib.suppress(CdbTimeout, CdbNotCaptured):
            self.call(C.RunImage, bytes((0, mode)) + delay_ms.to_bytes(2, "big"), resend=0)
        self.client.clock.sleep(delay_ms / 1000)
        invalidate = getattr(self.client.transport, "invalidate", None)
        if invalidate is not None:
            invalidate()  # the reset put PageSelect back to 00h
        self.wait_ready(bound)
        return self.info()

    def _ready_bound(self) -> float:
        code = self.client.transport.read(0x01, 167, 1)[0] & 0x0F
        return RESET_MARGIN + (MaxDuration(code).seconds if code < len(MaxDuration) else 0.0)

    def wait_ready(self, bound: float) -> None:
        """Poll 00h:3 (NACKs allowed) until ModuleLowPwr or ModuleReady, within ``bound`` s."""
        clock = self.client.clock
        deadline, step = clock.now() + bound, 0.001
        while clock.now() < deadline:
            try:
                if (self.client.transport.read(0, 3, 1)[0] >> 1 & 7) in READY_STATES:
                    return
            except TransportError:
                pass
            clock.sleep(step)
            step = min(step * 2, 0.1)
        raise FirmwareError(f"module not back in ModuleLowPwr/ModuleReady {bound:.1f} s after Run")

    def commit(self) -> FirmwareInfo:
        """010Ah, then check that the running image is the committed one."""
        self.progress("commit", 0, 1)
        self.call(C.CommitImage)
        info = self.info()
        if not info.running.committed:
            raise FirmwareError(f"Commit succeeded but image {info.running.slot} is not committed")
        self.progress("done", 1, 1)
        return info
