"""Thread workers: every bus access runs here under the session lock, never on the event loop."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual import work

from cmis.codec.codes import describe
from cmis.codec.lanelist import format_lanes
from cmis.codec.pages.page01 import bias_multiplier
from cmis.errors import CmisError
from cmis.host.lanes import by_bank
from tui.apply_trace import ApplyTrace
from tui.messages import ActionDone, FirmwareInfoRead, FirmwareProgress, Identity, LaneProgress
from tui.page_model import Edit

APPLY = "apply AppSel"  # the label an apply's result starts with: the Lanes step line shows it
DEMO_SIZE = 1024 * 1024  # bytes of payload in the demo image: a few seconds at real time


class WorkersMixin:
    """Mixed into CmisApp; ``self.session``, ``self.poller``, ``self.fw_job`` come from it."""

    session: Any
    poller: Any
    fw_job: Any
    fw_info: Any
    latest: Any
    post_message: Callable[..., Any]

    @work(thread=True, group="identity")
    def load_identity(self) -> None:
        try:
            self.session.run(self.session.module.forget_cache)  # firmware may have changed
            report = self.session.run(self.session.module.info)
            apps = self.session.run(self.session.module.applications)
            multiplier = self.session.run(lambda: bias_multiplier(self.session.module.page(1)))
        except CmisError as err:
            self.post_message(ActionDone(False, f"cannot read the module identity: {err}"))
            return
        report["identity"]["_bias_multiplier"] = multiplier
        report["identity"]["_pages"] = self.session.run(self.session.module.supported_pages)
        report["identity"]["_banks"] = self.session.run(lambda: self.session.module.banks)
        self.post_message(Identity(report["identity"], apps))

    @work(thread=True, group="poll-loop", exclusive=True)
    def poll_loop(self) -> None:
        self.poller.run()

    @work(thread=True, group="poll-once")
    def poll_now(self) -> None:
        self.poller.poll_once()

    @work(thread=True, group="action")
    def act(self, label: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Run one host-API call; the result (or the error, in its own words) goes to the log."""
        try:
            result = self.session.run(fn, *args, **kwargs)
        except CmisError as err:
            self.post_message(ActionDone(False, f"{label}: {err}"))
        else:
            shown = (
                f" -> {describe(result)}"
                if result is not None and not isinstance(result, list)
                else ""
            )
            self.post_message(ActionDone(True, f"{label}: done{shown}"))
        self.poller.poll_once()

    def apply(self, appsel: int, lanes: list[int] | None) -> None:
        """Apply bank by bank (lanes 9-16 are bank 1), each reporting its own lanes' states;
        every step and transition seen goes to the log (ApplyTrace)."""
        module, before, traces = self.session.module, self.latest, {}

        def progress(bank: int, step: str, states: list[Any]) -> None:
            names = [describe(s) for s in states]
            if bank not in traces:  # each bank's states are its own lanes (9-16 for bank 1)
                traces[bank] = ApplyTrace(self.session.log, appsel, lanes, before, bank)
            traces[bank].saw(step, names)
            self.post_message(LaneProgress(step, names, bank * 8 + 1))

        def run() -> None:  # in the worker: reading the bank count may touch the bus
            split = by_bank(lanes) if lanes else dict.fromkeys(range(module.banks))
            for bank, local in split.items():
                module.apply_application(appsel, local, bank=bank, progress=partial(progress, bank))

        where = f"lanes {format_lanes(lanes)}" if lanes else "all lane groups"
        self.act(f"{APPLY} {appsel} on {where}", run)

    def write(self, edit: Edit, force: bool) -> None:
        self.act(
            edit.lines()[0] + (" ..." if len(edit.data) > 1 else ""),
            self.session.module.write,
            edit.page,
            edit.offset,
            edit.data,
            edit.bank,
            force=force,
        )

    @work(thread=True, group="firmware", exclusive=True)
    def flash(self, image: bytes, source: str, expect: tuple[int, int, int] | None = None) -> None:
        job = self.fw_job
        job.start(source, len(image))

        def progress(phase: str, done: int, total: int) -> None:
            if phase != job.phase:
                self.session.log.add("cdb", f"firmware update: {phase}")
            job.progress(phase, done, total)
            self.post_message(FirmwareProgress(phase))

        updater = self.session.updater(progress)
        job.abort_hook = updater.client.request_abort  # abort stops even a slow command (0004h)
        try:
            info = self.session.run(updater.update, image, expect=expect)
        except CmisError as err:
            job.phase, job.error = ("aborted" if job.cancel else "failed"), str(err)
            self.post_message(ActionDone(False, f"firmware update from {source}: {err}"))
            self.read_firmware_info()  # the inactive image is no longer what the table said
        else:
            job.phase, job.result = "done", f"running {info.running.label}"
            self.post_message(FirmwareInfoRead(info))
            self.post_message(
                ActionDone(True, f"firmware update: now running {info.running.label}")
            )
        self.post_message(FirmwareProgress(job.phase))

    def flash_demo(self) -> None:
        device = self.session.device
        if not hasattr(device, "faults"):
            self.post_message(ActionDone(False, "demo images are for emulated modules; use u"))
            return
        from emulator import make_firmware_image

        running = self.fw_info.running.version if self.fw_info else (3, 7, 0)
        version = (running[0], running[1] + 1, running[2] + 1)
        self.flash(make_firmware_image(version, DEMO_SIZE), "demo {}.{}.{}".format(*version))

    @work(thread=True, group="firmware-cmd")
    def firmware_command(self, label: str, fn: Callable[[Any], Any]) -> None:
        try:
            self.session.run(fn, self.session.updater())
            info = self.session.run(self.session.updater().info)
        except CmisError as err:
            self.post_message(ActionDone(False, f"firmware {label}: {err}"))
            return
        self.post_message(FirmwareInfoRead(info))
        self.post_message(ActionDone(True, f"firmware {label}: done"))

    @work(thread=True, group="firmware-info")
    def read_firmware_info(self) -> None:
        try:
            self.post_message(FirmwareInfoRead(self.session.run(self.session.updater().info)))
        except CmisError as err:
            self.post_message(ActionDone(False, f"firmware info: {err}"))
