"""`cmis-emu serve`: a Chassis mounted with FUSE as optoe eeprom, pin and control files."""
