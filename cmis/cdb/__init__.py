"""CDB (Command Data Block, pages 9Fh and A0h-AFh): ``frame`` (advertisement, framing, reply
check), ``replies`` (command IDs and reply Structs), ``errors`` (one exception per status),
``guard`` (the per-module busy primitive pollers respect) and ``client`` (``CdbClient``)."""
