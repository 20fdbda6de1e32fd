"""One construct Struct per 128-byte CMIS page."""
