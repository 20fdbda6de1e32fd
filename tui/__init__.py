"""The Textual front end (cmis-tui); renders state from cmis and emulator, holds no CMIS logic."""
