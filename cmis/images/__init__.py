"""Module memory images: MemoryImage, the dump readers it loads, and the writers that save it."""

from cmis.images.memory import MemoryImage
from cmis.images.writers import dump_text, save_image, to_linear

__all__ = ["MemoryImage", "dump_text", "save_image", "to_linear"]
