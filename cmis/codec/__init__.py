"""The sans-I/O codec: bytes of the CMIS memory map to typed values and back; never touches a bus.

- ``pages/``: one construct Struct per 128-byte page (the one source of truth for offsets)
- ``codes``, ``sff8024``: code tables as IntEnums; ``units``, ``fields``: adapters, building blocks
- ``layout``: every field's byte/bit span, derived from the Structs; ``access``: what a host may
  write, what clears on read; ``address``: bank/page/byte checks and optoe-linear offsets
- ``fieldref``, ``fieldvalue``: fields by name (``11h.DPStateHostLane``) and their values
- ``derive``, ``leaves``, ``fast``: the fast decoder generated from the Structs
- ``applications``, ``report``: advertised applications and the whole-module decode report
- ``explain``: what states, codes and flags mean and what to do (CLI and TUI share it)
- ``numbers``, ``lanelist``: numbers (``17``, ``0x11``, ``11h``) and lane lists as users write them
"""
