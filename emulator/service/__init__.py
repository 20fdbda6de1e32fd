"""`cmis-emu serve`: a Chassis mounted with FUSE as optoe eeprom files, pin files and control files."""
