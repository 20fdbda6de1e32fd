"""The ``:`` prompt (k9s style): a screen by name, a page address (10h:130), or a field name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cmis.errors import InputError, cut
from tui.screens.prompt_dialog import PromptDialog

SCREEN_NAMES = {
    "overview": ("overview", "o", "ov", "home"),
    "pages": ("pages", "p", "page", "hex"),
    "lanes": ("lanes", "l", "lane"),
    "dom": ("dom", "d", "monitors"),
    "firmware": ("firmware", "f", "fw"),
    "log": ("log", "g", "events"),
    "vdm": ("vdm", "v", "dsp", "ber"),
    "diag": ("diag", "diagnostics", "prbs", "loopback"),
}
# [bank:]page h[:byte], e.g. 10h, 10h:130, 1:11h:200, 00h:3 (page 00h below 128 is lower memory)
_ADDRESS = re.compile(r"^(?:(\d+):)?([0-9a-f]{1,2})h(?::(\d{1,3}|[0-9a-f]{1,2}h))?$", re.I)


@dataclass(frozen=True)
class Target:
    """Where ``:`` goes: ``screen``, and on Pages a page/bank/byte or a field: with no page a
    name to look for on every page, with a page the exact path of the field to select."""

    screen: str
    page: int | None = None
    bank: int = 0
    byte: int | None = None
    field: str = ""


def parse_target(text: str) -> Target:
    """What the user typed after ``:`` (InputError says what is allowed)."""
    word = text.strip().lstrip(":").strip()
    for screen, names in SCREEN_NAMES.items():
        if word.lower() in names:
            return Target(screen)
    address = parse_address(word)
    if address is not None:
        return address
    if re.fullmatch(r"[A-Za-z_][\w.\[\]]*", word):
        return Target("pages", field=word)
    raise InputError(
        f"go to {cut(word)}: name a screen ({', '.join(SCREEN_NAMES)}), "
        "a page address such as 10h:130, or a field name such as OutputDisableTx"
    )


def parse_address(word: str) -> Target | None:
    """``[bank:]page h[:byte]`` as a Pages target; None when ``word`` is no address."""
    address = _ADDRESS.match(word.strip())
    return _address(word.strip(), *address.groups()) if address else None


def _address(word: str, bank: str | None, page: str, byte: str | None) -> Target:
    number = int(page, 16)
    offset = None
    if byte is not None:
        offset = int(byte[:-1], 16) if byte.lower().endswith("h") else int(byte)
        if offset > 255:
            raise InputError(f"go to {cut(word)}: bytes are 0-255")
    if number != 0 and offset is not None and offset < 128:
        number = 0  # bytes 0-127 are lower memory whatever page is selected
    return Target("pages", number, int(bank or 0), offset)


VIM = {  # the focused widget's own action for each vim key, first one it has
    "down": ("cursor_down", "scroll_down"),
    "up": ("cursor_up", "scroll_up"),
    "top": ("first", "scroll_top", "scroll_home"),
    "bottom": ("last", "scroll_bottom", "scroll_end"),
}


def vim(widget: object, move: str) -> None:
    """j/k/g/G on whatever has the focus (tables, trees, the hex view, the log)."""
    for name in VIM[move]:
        action = getattr(widget, f"action_{name}", None)
        if action is not None:
            action()
            return


def ask_goto(app: Any) -> None:
    """The ``:`` prompt; a bad answer is refused in one line and nothing moves."""

    def answered(text: str | None) -> None:
        if not text:
            return
        try:
            target = parse_target(text)
        except InputError as err:
            app.notify(str(err), severity="error")
            return
        app.switch_mode(target.screen)
        if target.screen == "pages" and (target.page is not None or target.field):
            app.call_after_refresh(lambda: app.screen.go(target))

    app.push_screen(PromptDialog("Go to (a screen, 10h:130, or a field name)", ""), answered)
