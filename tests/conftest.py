"""Shared test settings: hypothesis profiles 'dev' (quick, default) and 'ci' (thorough), samples."""

import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

from cmis.images import MemoryImage

settings.register_profile("dev", max_examples=50, deadline=None, stateful_step_count=10)
settings.register_profile(
    "ci",
    max_examples=600,
    deadline=None,
    stateful_step_count=50,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


SAMPLES = Path(__file__).parents[1] / "samples"
SUMMARY = pytest.StashKey[list[str]]()  # lines a test wants shown after the run (fuzz step count)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for line in terminalreporter.config.stash.get(SUMMARY, []):
        terminalreporter.write_line(line)


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_samples", SAMPLES / "build_samples.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def sample_builder() -> ModuleType:
    return _builder()


@pytest.fixture
def dr8_image(sample_builder: ModuleType) -> MemoryImage:
    image: MemoryImage = sample_builder.osfp_800g_dr8()
    return image
