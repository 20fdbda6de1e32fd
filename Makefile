# Two entry points for a newcomer: `make run` (the main job) and `make test`.
# Everything else (venv, install) happens on the way; only python3 >= 3.11 and make are needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench samples clean kernel-test kernel-deps

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "need Python >= 3.11 (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

run: $(STAMP)
	$(BIN)/cmis-tui

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check cmis emulator tui tests samples
	$(BIN)/ruff format --check cmis emulator tui tests samples
	$(BIN)/mypy cmis emulator tui

bench: $(STAMP)
	$(BIN)/python tests/benchmarks/bench_codec.py
	$(BIN)/python tests/benchmarks/bench_emulator.py
	$(BIN)/python -m tests.benchmarks.bench_firmware
	$(BIN)/python -m tests.benchmarks.bench_exporter
	$(BIN)/python tests/benchmarks/bench_mount.py
	$(BIN)/python tests/benchmarks/bench_tui_chassis.py
	$(BIN)/python tests/benchmarks/bench_chassis.py
	$(BIN)/python tests/benchmarks/bench_fleet.py
	$(BIN)/python tests/benchmarks/bench_tui.py

samples: $(STAMP)
	$(BIN)/python samples/build_samples.py

# The I2C backend on a real kernel: boots Debian's kernel in QEMU with i2c-dev + i2c-stub.
# kernel-deps installs QEMU, busybox-static, cpio (apt, root) and fetches the kernel pinned in
# tests/kernel/kernel.lock (sha256-checked, cached); `make test` only skips without them.
kernel-deps: $(STAMP)
	$(BIN)/python -m tests.kernel.deps

kernel-test: kernel-deps
	$(BIN)/python -m tests.kernel.run

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
