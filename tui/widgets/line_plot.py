"""LinePlot: a braille line plot of one series over time with threshold lines and a y axis."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from tui.widgets.braille import Canvas

AXIS = 9  # characters of y-axis labels
LINE_STYLES = {
    "high_alarm": "red",
    "low_alarm": "red",
    "high_warning": "yellow",
    "low_warning": "yellow",
}


class LinePlot(Widget):
    """Call ``plot``; ``fit_thresholds`` scales the y axis to include the warning thresholds."""

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
            values += [v for k, v in self.thresholds.items() if "warning" in k]
        low, high = min(values), max(values)
        pad = max((high - low) * 0.15, abs(high) * 0.02, 1e-3)
        return low - pad, high + pad

    def render(self) -> Text:
        cols, rows = self.size.width - AXIS, self.size.height - 1
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
        if not self.points:
            return
        t0, t1 = self.points[0][0], self.points[-1][0]
        span = (t1 - t0) or 1.0
        dots = [
            (round((t - t0) / span * (canvas.width - 1)), self._y(canvas, v, low, high))
            for t, v in self.points
        ]
        for (x0, y0), (x1, y1) in zip(dots, dots[1:] or dots, strict=False):
            canvas.line(x0, y0, x1, y1, "bold cyan")

    def _frame(self, canvas: Canvas, low: float, high: float) -> Text:
        text = Text()
        for row in range(canvas.rows):
            label = f"{high - (high - low) * row / max(canvas.rows - 1, 1):8.3g} "
            text.append(
                label if row in (0, canvas.rows - 1, canvas.rows // 2) else " " * AXIS, "dim"
            )
            text.append_text(canvas.row(row))
            text.append("\n")
        text.append(self._caption(), "italic")
        return text

    def _caption(self) -> str:
        last = f"now {self.points[-1][1]:.4g} {self.unit}" if self.points else "no data yet"
        limits = ", ".join(f"{k.replace('_', ' ')} {v:.4g}" for k, v in self.thresholds.items())
        return f" {self.title}: {last}" + (f"   ({limits})" if limits else "")
