"""Firmware: images A/B, update from a file (or a demo image) with progress; run, commit, abort."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label, ProgressBar, Static

from tui.messages import FirmwareCommand, FlashDemo, FlashImage, ReadFirmwareInfo
from tui.screens.base import CmisScreen
from tui.screens.prompt_dialog import PromptDialog

HELP = (
    "u: update from an image file   m: make a demo image and flash it (emulated modules)\n"
    "r: run the inactive image   c: commit the running image   a: abort a download\n"
    "An update downloads to the inactive slot, runs it, checks the version and commits; "
    "the old image stays bootable until the commit."
)


FLASH = (
    "Downloads to the inactive image, runs it (every lane goes down while the module restarts) "
    "and commits it once the new version answers."
)


class FirmwareScreen(CmisScreen):
    """The job lives in the app (``shared.fw_job``), so progress survives screen switches."""

    BINDINGS = [
        Binding("u", "update", "Update from file"),
        Binding("m", "demo", "Flash demo image"),
        Binding("r", "run_image", "Run inactive"),
        Binding("c", "commit", "Commit"),
        Binding("a", "abort", "Abort"),
        Binding("i", "info", "Re-read info"),
    ]

    def body(self) -> ComposeResult:
        yield Label("Firmware images (CDB 0100h Get Firmware Info)", classes="title")
        yield DataTable(id="images", cursor_type="none")
        yield Label("Update", classes="title")
        yield ProgressBar(id="progress", total=100, show_eta=False)
        yield Static("no update running", id="job")
        yield Static(HELP, id="fw-help", classes="panel")

    def on_mount(self) -> None:
        table = self.query_one("#images", DataTable)
        for column in ("image", "version", "text", "running", "committed", "valid"):
            table.add_column(column, key=column)
        if self.shared.fw_info is None:
            self.post_message(ReadFirmwareInfo())

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.show_info()
        self.show_job()

    def show_info(self) -> None:
        """Images A/B; the one being written says so (its old version is going away)."""
        info, table = self.shared.fw_info, self.query_one("#images", DataTable)
        job, yes = self.shared.fw_job, ("yes", "no")
        table.clear()
        for image in info.images if info else ():
            writing = job.running and not image.running
            table.add_row(
                image.slot,
                "being written" if writing else image.label,
                f"{job.fraction:.0%} of {job.source}" if writing else image.text,
                yes[not image.running],
                yes[not image.committed],
                "no (writing)" if writing else yes[not image.valid],
                key=image.slot,
            )

    def show_job(self) -> None:
        job = self.shared.fw_job
        self.show_info()
        self.query_one("#progress", ProgressBar).update(total=100, progress=job.fraction * 100)
        style = "bold red" if job.error else ("green" if job.phase == "done" else "")
        self.query_one("#job", Static).update(Text(f"{job.source}  {job.line()}", style))

    def action_update(self) -> None:
        self.app.push_screen(
            PromptDialog(
                "Firmware image file to flash",
                "",
                "path to an OCFW image (cmis fw make-image builds one)",
            ),
            self._file,
        )

    def _file(self, path: str | None) -> None:
        if not path:
            return
        try:
            image = Path(path).expanduser().read_bytes()
        except OSError as err:
            self.notify(f"cannot read {path}: {err.strerror}", severity="error")
            return
        name = Path(path).name
        self.ask(f"Flash {name[:40]}?", FLASH, lambda: self.post_message(FlashImage(image, name)))

    def action_demo(self) -> None:
        self.ask("Flash a demo image?", FLASH, lambda: self.post_message(FlashDemo()))

    def action_run_image(self) -> None:
        self.ask(
            "Run the inactive image?",
            "The module restarts on the other image: every lane goes down until it is back.",
            lambda: self.post_message(FirmwareCommand("run", lambda u: u.run())),
        )

    def action_commit(self) -> None:
        self.ask(
            "Commit the running image?",
            "It becomes the image the module boots from; the other one is no longer the fallback.",
            lambda: self.post_message(FirmwareCommand("commit", lambda u: u.commit())),
        )

    def action_abort(self) -> None:
        self.ask(
            "Abort the firmware download?",
            "The inactive image is left incomplete (invalid); the running image stays.",
            self._abort,
        )

    def _abort(self) -> None:
        if self.shared.fw_job.running:
            self.shared.fw_job.cancel = True
            self.notify("aborting the download ...")
        else:
            self.post_message(FirmwareCommand("abort", lambda u: u.abort()))

    def action_info(self) -> None:
        self.post_message(ReadFirmwareInfo())
