"""Pages: page/bank picker, hex view beside decoded fields (linked); find and edit are mixins."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Label, Select, Static, Tree

from cmis.codec.layout import FieldSpan
from tui.messages import WatchPage
from tui.page_edits import EditsMixin
from tui.page_model import PageModel
from tui.page_nav import NavMixin
from tui.protocols import AppState
from tui.screens.base import CmisScreen
from tui.snapshot import Snapshot
from tui.widgets.field_tree import FieldTree, where
from tui.widgets.hex_view import HexView


class PagesScreen(NavMixin, EditsMixin, CmisScreen):
    """Hex cursor -> field in the tree; tree cursor -> field's bytes highlighted in the hex."""

    BINDINGS = [
        Binding("e", "edit_byte", "Edit byte"),
        Binding("E", "edit_field", "Edit field"),
        Binding("slash", "find", "Find"),
        Binding("left_square_bracket", "page(-1)", "Page -", show=False),
        Binding("right_square_bracket", "page(1)", "Page +"),
        Binding("left_curly_bracket", "bank(-1)", "Bank -", show=False),
        Binding("right_curly_bracket", "bank(1)", "Bank +", show=False),
        Binding("h", "combined", "0-255"),
        Binding("exclamation_mark", "force", "Force"),
    ]

    def __init__(self, shared: AppState) -> None:
        super().__init__(shared)
        self.model: PageModel | None = None
        self.data: bytes | None = None
        self.force, self.combined = False, False
        self.span: FieldSpan | None = None
        self.pending: int | None = None  # a byte to put the cursor on once the page shows
        self.pending_path: str | None = None  # a field to select once the page is loaded

    def body(self) -> ComposeResult:
        with Horizontal(id="page-controls"):
            yield Label("Page:")
            yield Select(self._page_options(), value="11", allow_blank=False, id="page")
            yield Label("Bank:")
            banks = [(str(b), b) for b in range(max(self.shared.banks, 1))]
            yield Select(banks, value=0, allow_blank=False, id="bank")
            yield Static("", id="force")
        with Horizontal(id="pages"):
            yield HexView(id="hex")
            yield FieldTree(id="fields")
        yield Static("", id="field-info", classes="panel")

    def _page_options(self) -> list[tuple[str, str]]:
        pages = [("lower (0-127)", "lower")]
        return pages + [(f"{p} (128-255)", p[:-1]) for p in self.shared.pages]

    def on_mount(self) -> None:
        self._select_page()
        self._show_force()
        self.query_one(HexView).focus()

    def _select_page(self) -> None:
        page = self.query_one("#page", Select).value
        bank = int(str(self.query_one("#bank", Select).value))
        key = "lower" if page == "lower" else int(str(page), 16)
        old = self.span.path if self.span else None
        self.model = PageModel(key, bank, self.shared.parse_params, self.combined)
        self.data, self.span = None, None
        self.query_one(FieldTree).load(self.model.spans, {})
        self.query_one("#field-info", Static).update("")  # the old page's field is gone
        self._land(keep=old)
        self.post_message(WatchPage(self.model.key, bank))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id in ("page", "bank") and self.model is not None:
            self._select_page()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self.model is not None:
            self.post_message(WatchPage(self.model.key, self.model.bank))

    def on_screen_suspend(self) -> None:
        self.post_message(WatchPage(None))

    def show(self, snap: Snapshot) -> None:
        view, model = snap.page, self.model
        if view is None or model is None or (view.page, view.bank) != (model.key, model.bank):
            return
        old, self.data = self.data, view.data
        changed = (
            {model.base + i for i, (a, b) in enumerate(zip(old, view.data, strict=True)) if a != b}
            if old and len(old) == len(view.data)
            else set()
        )
        hexview = self.query_one(HexView)
        if self.pending is not None:  # first: the page's own cursor reset would pick a field
            hexview.cursor, self.pending = self.pending, None
        hexview.show(model.base, view.data, changed, model.read_only())
        self.query_one(FieldTree).update_values(model.texts(view.data))
        self._info()

    def on_hex_view_cursor_moved(self, message: HexView.CursorMoved) -> None:
        if self.model is None:
            return
        if self.span and self.span.first <= message.byte <= self.span.last:
            return  # still inside the selected field (a find may have chosen its second bits)
        span = self.model.field_at(message.byte)
        if span is not None:
            self.query_one(FieldTree).reveal(span.path)
            self._highlight(span)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        if isinstance(event.node.data, FieldSpan):
            self._highlight(event.node.data)

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        if isinstance(event.node.data, FieldSpan):
            self.action_edit_field()

    def _highlight(self, span: FieldSpan) -> None:
        self.span = span
        self.query_one(HexView).select_span(span.first, span.last)
        self._info()

    def _info(self) -> None:
        span, model = self.span, self.model
        if span is None or model is None or self.data is None:
            return
        value = model.text(span, model.values(self.data).get(span.path))
        access = "read-only" if span.first in model.read_only() else "writable"
        self.query_one("#field-info", Static).update(
            Text.assemble(
                (span.path, "bold"),
                f" = {value} {span.unit if span.unit != 'code' else ''}\n",
                f"{where(span)}, {access}",
                f" — {span.doc}" if span.doc and span.doc != where(span) else "",
            )
        )

    def action_combined(self) -> None:
        self.combined = not self.combined
        self._select_page()
