"""Fixture: start servers on temp mount points and always unmount them in teardown."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.emulator.service.mounted import Server, need_fuse


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    need_fuse()
    servers: list[Server] = []

    def start(*args: str, mount: Path | None = None) -> Server:
        where = mount or tmp_path / "mnt"
        if mount is None:  # a given mount point may be a stale mount: stat fails on it
            where.mkdir()
        servers.append(Server(where, *args))
        return servers[-1]

    yield start
    for server in reversed(servers):
        server.cleanup()
