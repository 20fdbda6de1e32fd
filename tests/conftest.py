"""Shared test settings: hypothesis profiles 'dev' (quick, default) and 'ci' (thorough), samples."""

import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

from cmis.image import MemoryImage

settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile(
    "ci",
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


SAMPLES = Path(__file__).parents[1] / "samples"


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
