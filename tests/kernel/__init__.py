"""Kernel I2C test: boot a stock Debian kernel in QEMU and run the backend on a real /dev/i2c-0."""
