"""Firmware over CDB: ``image`` (our image format), ``info`` (the 0041h features and 0100h info
replies) and ``updater`` (``FirmwareUpdater``: start, blocks, complete, run, commit)."""
