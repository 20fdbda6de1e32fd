"""Fast decoding of the page Structs: offset tables derived from them, read lazily."""
