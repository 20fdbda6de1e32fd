"""The shipped sample images are exactly what samples/build_samples.py builds from the codec."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from cmis.image import MemoryImage

SAMPLES = Path(__file__).parents[1] / "samples"


def test_shipped_samples_match_the_builder(sample_builder: ModuleType) -> None:
    for name, build in sample_builder.SAMPLES.items():
        built = build()
        assert (SAMPLES / f"{name}.bin").read_bytes() == built.to_linear()
        assert MemoryImage.load(SAMPLES / f"{name}.txt").to_linear() == built.to_linear()
