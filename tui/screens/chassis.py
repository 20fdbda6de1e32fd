"""The chassis grid: one row per port, only changed cells redrawn; Enter picks a port."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tui.chassis_watch import COLUMNS, Row, as_text


class GridScreen(Screen[None]):
    """The rows start as placeholders; ``show`` fills in what each refresh changed."""

    # ? and q first in the footer, as on every other screen. Enter is the table's own (it selects
    # the row; a binding of ours would sit first in the footer), so the status line names it.
    BINDINGS = [Binding("question_mark", "app.help", "Help"), Binding("q", "app.quit", "Quit")]

    def __init__(self, ports: list[str], note: str = "", cursor: str | None = None) -> None:
        super().__init__()
        self.ports, self.note, self.cursor = ports, note, cursor
        self.shown: dict[str, Row] = {}

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(self.note or "reading the ports ...", id="chassis-status")
        yield DataTable(id="chassis-grid", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column in COLUMNS:
            table.add_column(column, key=column)
        for name in self.ports:
            table.add_row(name, *([""] * (len(COLUMNS) - 1)), key=name)
        if self.cursor in self.ports:  # back from a port's view: the cursor stays on that port
            table.move_cursor(row=self.ports.index(self.cursor))
        table.focus()

    def show(self, rows: dict[str, Row], status: str) -> None:
        """Update the cells that differ from what is on screen (a 64-port grid changes little)."""
        table = self.query_one(DataTable)
        for name, row in rows.items():
            before = self.shown.get(name, ())
            for index, cell in enumerate(row):
                if index >= len(before) or before[index] != cell:
                    table.update_cell(name, COLUMNS[index], as_text(cell), update_width=True)
            self.shown[name] = row
        self.query_one("#chassis-status", Static).update(status)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()  # Enter, or a click on the row under the cursor
        self.app.exit(str(event.row_key.value))
