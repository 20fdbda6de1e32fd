"""RequestsMixin: the app's handlers for what screens ask (tui.messages requests) -> workers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work

from cmis.errors import CmisError
from tui.messages import (
    ActionDone,
    ApplyApplication,
    CallModule,
    Fetch,
    Fetched,
    FirmwareCommand,
    FlashDemo,
    FlashImage,
    ReadFirmwareInfo,
    SetPollRate,
    WatchPage,
    WriteBytes,
)
from tui.workers import WorkersMixin


class RequestsMixin(WorkersMixin):
    """Mixed into CmisApp; each request starts the worker that does it (bus work off the loop)."""

    notify: Callable[..., Any]
    apply_line: str
    show_status: Callable[[], None]

    def on_call_module(self, message: CallModule) -> None:
        self.act(message.label, message.fn, *message.args, **message.kwargs)

    def on_fetch(self, message: Fetch) -> None:
        self.fetch(message)

    @work(thread=True, group="fetch")
    def fetch(self, message: Fetch) -> None:
        """A screen's read (or confirmed write): the answer goes back to that screen only."""
        result, error = None, None
        try:
            result = self.session.run(message.fn, self.session.module)
        except CmisError as err:
            error = str(err)
        if message.log:
            ok = error is None
            self.post_message(ActionDone(ok, f"{message.label}: {'done' if ok else error}"))
        message.reply_to.post_message(
            Fetched(message.label, result, error, self.session.clock.now())
        )

    def on_apply_application(self, message: ApplyApplication) -> None:
        self.apply_line = f"applying AppSel {message.appsel} ..."
        self.apply(message.appsel, message.lanes)

    def on_write_bytes(self, message: WriteBytes) -> None:
        self.write(message.edit, message.force)

    def on_flash_image(self, message: FlashImage) -> None:
        self.flash(message.image, message.source, message.expect)

    def on_flash_demo(self, message: FlashDemo) -> None:
        self.flash_demo()

    def on_firmware_command(self, message: FirmwareCommand) -> None:
        self.firmware_command(message.label, message.fn)

    def on_read_firmware_info(self, message: ReadFirmwareInfo) -> None:
        self.read_firmware_info()

    def on_set_poll_rate(self, message: SetPollRate) -> None:
        self.set_rate(message.rate)

    def set_rate(self, rate: float) -> None:
        self.poller.interval = rate
        self.poller.wake()
        self.notify(f"polling every {rate:g} s")
        self.show_status()

    def on_watch_page(self, message: WatchPage) -> None:
        self.poller.watch = None if message.page is None else (message.page, message.bank)
        self.poll_now()
