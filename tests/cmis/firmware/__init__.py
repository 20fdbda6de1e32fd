"""Tests of cmis.firmware.updater."""
