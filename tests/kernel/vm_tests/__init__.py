"""Tests that run inside the VM against the real /dev/i2c-0 (i2c-dev + i2c-stub)."""
