"""CMIS transceiver tooling: sans-I/O memory-map codec, transports, host API and CLI."""

__version__ = "0.1.0"
