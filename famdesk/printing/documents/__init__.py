"""One module per printable; each exposes ``build(data, *, locale) -> bytes``."""
