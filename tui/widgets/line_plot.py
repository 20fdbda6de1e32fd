"""LinePlot: a braille line plot of one series over time with threshold lines and a y axis."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from tui.render import THRESHOLD_COLUMNS, THRESHOLD_KEYS
from tui.widgets.braille import Canvas

AXIS = 9  # characters of y-axis labels
CAPTION = 3  # lines under the plot: time axis, title and value, then the thresholds
LINE_STYLES = {
    "high_alarm": "red",
    "low_alarm": "red",
    "high_warning": "yellow",
    "low_warning": "yellow",
}


class LinePlot(Widget):
    """Call ``plot``; ``fit_thresholds`` scales the y axis to include every threshold."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.title, self.unit = "", ""
        self.points: list[tuple[float, float]] = []
        self.thresholds: dict[str, float] = {}
        self.fit_thresholds = False

    def plot(self, title: str, unit: str, points, thresholds: dict[str, float]) -> None:
        self.title, self.unit = title, unit
        self.points, self.thresholds = list(points), dict(thresholds or {})
        self.refresh()

    def y_range(self) -> tuple[float, float]:
        values = [v for _, v in self.points] or [0.0]
        if self.fit_thresholds:
            values += list(self.thresholds.values())
        low, high = min(values), max(values)
        pad = max((high - low) * 0.15, abs(high) * 0.02, 1e-3)
        return low - pad, high + pad

    def render(self) -> Text:
        cols, rows = self.size.width - AXIS, self.size.height - CAPTION
        canvas = Canvas(cols, max(rows, 1))
        low, high = self.y_range()
        self._thresholds(canvas, low, high)
        self._series(canvas, low, high)
        return self._frame(canvas, low, high)

    def _y(self, canvas: Canvas, value: float, low: float, high: float) -> int:
        return round((high - value) / (high - low) * (canvas.height - 1))

    def _thresholds(self, canvas: Canvas, low: float, high: float) -> None:
        for key, value in self.thresholds.items():
            if low <= value <= high:
                canvas.hline(self._y(canvas, value, low, high), LINE_STYLES.get(key, "red"))

    def _series(self, canvas: Canvas, low: float, high: float) -> None:
        """One vertical stroke per dot column (its lowest to highest value), joined up: the
        same picture as a line through every point, at a fraction of the cost for long series."""
        if not self.points:
            return
        t0, t1 = self.points[0][0], self.points[-1][0]
        span = (t1 - t0) or 1.0
        columns: dict[int, tuple[int, int]] = {}
        for t, v in self.points:
            x, y = round((t - t0) / span * (canvas.width - 1)), self._y(canvas, v, low, high)
            top, bottom = columns.get(x, (y, y))
            columns[x] = (min(top, y), max(bottom, y))
        previous = None
        for x, (top, bottom) in columns.items():
            canvas.line(x, top, x, bottom, "bold cyan")
            if previous is not None:
                canvas.line(previous[0], previous[1], x, (top + bottom) // 2, "bold cyan")
            previous = (x, (top + bottom) // 2)

    def _frame(self, canvas: Canvas, low: float, high: float) -> Text:
        text = Text()
        for row in range(canvas.rows):
            label = f"{high - (high - low) * row / max(canvas.rows - 1, 1):8.3g} "
            text.append(
                label if row in (0, canvas.rows - 1, canvas.rows // 2) else " " * AXIS, "dim"
            )
            text.append_text(canvas.row(row))
            text.append("\n")
        text.append_text(self._time_axis(canvas.cols))
        last = f"now {self.points[-1][1]:.4g} {self.unit}" if self.points else "no data yet"
        text.append(f" {self.title}: {last}\n", "bold")
        text.append_text(self._limits(low, high))
        return text

    def _time_axis(self, width: int) -> Text:
        """Seconds before the newest point at the left edge and the middle; "now" at the right."""
        span = self.points[-1][0] - self.points[0][0] if len(self.points) > 1 else 0.0
        left, middle = f"-{span:.0f} s", f"-{span / 2:.0f} s"
        gap = max(width - len(left) - len(middle) - 3, 2)
        axis = left + middle.center(gap) + "now"
        return Text(" " * AXIS + axis[:width] + "\n", "dim")

    def _limits(self, low: float, high: float) -> Text:
        """The thresholds in their line colours; off-scale ones dimmed, with how to see them."""
        limits = Text()
        for key, name in zip(THRESHOLD_KEYS, THRESHOLD_COLUMNS, strict=True):
            if key in self.thresholds:
                value = self.thresholds[key]
                inside = low <= value <= high
                limits.append(f"{name} {value:.3g}  ", LINE_STYLES[key] if inside else "dim")
        hidden = any(not low <= v <= high for v in self.thresholds.values())
        hint = "z: show dim ones " if hidden else ("z: data only " if self.fit_thresholds else "")
        return Text.assemble(" ", (hint, "bold"), limits)  # the hint first: narrow plots crop
