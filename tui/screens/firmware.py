"""Firmware: images A/B, update from a file (or a demo image) with progress; run, commit, abort."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label, ProgressBar, Static

from cmis.firmware.file import parse_version, read_firmware_file
from cmis.firmware.image import FirmwareImageError
from tui.messages import FirmwareCommand, FlashDemo, FlashImage, ReadFirmwareInfo
from tui.screens.base import CmisScreen
from tui.screens.prompt_dialog import PromptDialog

HELP = (
    "u: update from any firmware file   m: make a demo image and flash it (emulated modules)\n"
    "r: run the inactive image   c: commit the running image   a: abort a download\n"
    "An update downloads to the inactive slot, runs it, checks the version and commits; "
    "the old image stays bootable until the commit."
)


FLASH = (
    "Downloads to the inactive image, runs it (every lane goes down while the module restarts) "
    "and commits it once the new version answers."
)
EXPECT_HINT = "X.Y.Z, or empty to accept any version (OCFW files carry their own)"


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
                "Firmware file to flash",
                "",
                "path to the vendor's file (any format) or one cmis fw make-image built",
            ),
            self._file,
        )

    def _file(self, path: str | None) -> None:
        if not path:
            return
        try:
            image = read_firmware_file(Path(path).expanduser())
        except FirmwareImageError as err:
            self.notify(str(err), severity="error")
            return
        self.app.push_screen(
            PromptDialog("Version the module must run afterwards", "", EXPECT_HINT),
            lambda text: self._version(image, Path(path).name, text),
        )

    def _version(self, image: bytes, name: str, text: str | None) -> None:
        if text is None:
            return  # Escape: nothing flashed
        try:
            expect = parse_version(text.strip()) if text.strip() else None
        except FirmwareImageError as err:
            self.notify(str(err), severity="error")
            return
        flash = FlashImage(image, name, expect)
        self.ask(f"Flash {name[:40]}?", FLASH, lambda: self.post_message(flash))

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
            "The command in progress is stopped (CMD Abort 0004h where the module has it), then "
            "the download (0102h): the inactive image is left invalid; the running image stays.",
            self._abort,
        )

    def _abort(self) -> None:
        if self.shared.fw_job.running:
            self.shared.fw_job.abort()
            self.notify("aborting the download ...")
        else:
            self.post_message(FirmwareCommand("abort", lambda u: u.abort()))

    def action_info(self) -> None:
        self.post_message(ReadFirmwareInfo())
