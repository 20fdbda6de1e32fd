"""The shipped sample images are exactly what samples/build_samples.py builds from the codec."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from cmis.images import MemoryImage, to_linear

SAMPLES = Path(__file__).parents[1] / "samples"


def test_shipped_samples_match_the_builder(sample_builder: ModuleType) -> None:
    for name, build in sample_builder.SAMPLES.items():
        built = build()
        assert (SAMPLES / f"{name}.bin").read_bytes() == to_linear(built)
        assert to_linear(MemoryImage.load(SAMPLES / f"{name}.txt")) == to_linear(built)
