"""Pages navigation: step pages and banks, find a field on any page, go to an address."""

from __future__ import annotations

from typing import Any

from textual.widgets import Select

from cmis.codec.layout import FieldSpan
from cmis.codec.pages.registry import LOWER
from cmis.errors import cut
from tui.field_index import FieldIndex, Hit, Key
from tui.goto import Target
from tui.page_model import LOWER_PREFIX, PageModel
from tui.screens.find_dialog import FindDialog
from tui.widgets.field_tree import FieldTree
from tui.widgets.hex_view import HexView


class NavMixin:
    """Mixed into PagesScreen (it supplies the model, the selects and ``_highlight``)."""

    model: PageModel | None
    span: FieldSpan | None
    data: bytes | None
    pending: int | None  # a byte to put the cursor on once the page shows
    pending_path: str | None  # a field to select once the page is loaded
    shared: Any
    app: Any
    query_one: Any
    refuse: Any
    _highlight: Any

    def action_page(self, step: int) -> None:
        self._step("#page", step)

    def action_bank(self, step: int) -> None:
        self._step("#bank", step)

    def _step(self, which: str, step: int) -> None:
        select: Select = self.query_one(which, Select)
        values = [value for _, value in select._options if value is not Select.BLANK]
        index = values.index(select.value) if select.value in values else 0
        select.value = values[(index + step) % len(values)]

    def _index(self) -> FieldIndex:
        """The pages and banks this screen offers (cheap: each page's fields are cached)."""
        pages = [f"{v}h" for _, v in self.query_one("#page", Select)._options if v != "lower"]
        return FieldIndex(pages, len(self.query_one("#bank", Select)._options))

    def _here(self) -> tuple[Key, int]:
        return (self.model.page, self.model.bank) if self.model else (LOWER, 0)

    def action_find(self) -> None:
        self.app.push_screen(FindDialog(self._index(), self._here()), self._found)

    def _found(self, hit: Hit | None) -> None:
        if hit is not None:
            self.go(hit.target())

    def go(self, target: Target) -> None:
        """Show ``target``'s page and bank, cursor on its byte and its field selected; a bare
        name goes to the best match on any page."""
        if target.page is None:
            hits = self._index().search(target.field, self._here())
            if not hits:
                self.refuse(f"no field named like {cut(target.field)} on any page")
                return
            target = hits[0].target()
        assert target.page is not None
        lower = target.page == 0 and target.byte is not None and target.byte < 128
        page = "lower" if lower else f"{target.page:02X}"
        pages, banks = self.query_one("#page", Select), self.query_one("#bank", Select)
        if page not in [value for _, value in pages._options] or target.bank >= len(banks._options):
            self.refuse(f"page {target.page:02X}h bank {target.bank} is not advertised")
            return
        self.pending, self.pending_path = target.byte, target.field or None
        if (pages.value, banks.value) == (page, target.bank):
            self._land()  # already shown: no Changed event will load it again
        else:
            pages.value, banks.value = page, target.bank
        self.query_one(FieldTree if target.field else HexView).focus()

    def _land(self, keep: str | None = None) -> None:
        """Once a page is loaded: select the field a find asked for (else keep ``keep``)."""
        path, self.pending_path = self.pending_path, None
        model = self.model
        if model is None:
            return
        wanted = (path, LOWER_PREFIX + path) if path else (keep,)
        span = next((s for s in model.spans if s.path in wanted), None)
        if span is not None and path:
            self.query_one(FieldTree).reveal(span.path)
            self._highlight(span)
        elif span is not None:
            self.span = span
        if self.pending is not None and self.data is not None:
            self.query_one(HexView).cursor, self.pending = self.pending, None
