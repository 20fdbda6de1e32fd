"""The example alerting rules: valid for promtool, and their unit tests pass."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.cmis.exporter.conftest import prometheus_tool

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "prometheus"


@pytest.mark.parametrize(
    "args",
    [
        ["check", "rules", "cmis-rules.yml"],
        ["test", "rules", "cmis-rules.test.yml"],
        ["check", "config", "prometheus.yml"],
    ],
)
def test_promtool_accepts_the_examples(args: list[str]) -> None:
    promtool = prometheus_tool("promtool")
    done = subprocess.run(
        [promtool, *args], cwd=EXAMPLES, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SUCCESS" in done.stdout + done.stderr
