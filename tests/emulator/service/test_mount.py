"""Through a real FUSE mount: our optoe client, two processes, cages, a killed server."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Callable

from tests.emulator.service.mounted import Server, run

DP_STATE_LANE1 = 0x11 * 128 + 128  # 11h:128 (lane 1 in bits 3-0), optoe-linear
DEACTIVATED, ACTIVATED = 1, 4


def test_our_client_reads_identity_through_the_eeprom_file(serve: Callable[..., Server]) -> None:
    server = serve("--ports", "2", "--profile", "qsfpdd-800g-2xfr4")
    done = run("cmis", "-t", f"optoe:{server.mount}/port2/eeprom", "info", "--json")
    assert json.loads(done.stdout)["identity"]["vendor_pn"].startswith("QDD")


def test_sigterm_unmounts_cleanly(serve: Callable[..., Server]) -> None:
    server = serve("--ports", "1")
    code, err = server.stop()
    assert code == 0 and "unmounted" in err
    assert not os.path.ismount(server.mount)


def test_one_process_applies_while_another_watches_the_data_path(
    serve: Callable[..., Server],
) -> None:
    server = serve("--ports", "1", "--speed", "4")
    eeprom = server.mount / "port1" / "eeprom"
    seen: list[int] = []

    def watch() -> None:  # this process; the writer is another one
        fd, deadline = os.open(eeprom, os.O_RDONLY), time.monotonic() + 20
        while (not seen or seen[-1] != ACTIVATED) and time.monotonic() < deadline:
            state = os.pread(fd, 1, DP_STATE_LANE1)[0] & 0x0F
            if not seen or seen[-1] != state:
                seen.append(state)
        os.close(fd)

    watcher = threading.Thread(target=watch)
    watcher.start()
    (server.mount / "port1" / "xcvr_lpmode").write_text("0\n")
    run("cmis", "-t", f"optoe:{eeprom}", "apply", "2")
    watcher.join()
    assert seen[0] == DEACTIVATED and seen[-1] == ACTIVATED and len(seen) >= 3, seen


def test_remove_and_insert_through_the_cli(serve: Callable[..., Server]) -> None:
    server = serve("--ports", "2")
    run("cmis-emu", "remove", str(server.mount), "port2")
    assert (server.mount / "port2" / "xcvr_present").read_text() == "0\n"
    gone = run("cmis", "-t", f"optoe:{server.mount}/port2/eeprom", "info", check=False)
    assert gone.returncode == 1 and "No such device or address" in gone.stderr
    run("cmis-emu", "insert", str(server.mount), "port2")
    assert (server.mount / "port2" / "xcvr_present").read_text() == "1\n"
    status = json.loads(run("cmis-emu", "status", str(server.mount), "--json").stdout)
    assert [row["present"] for row in status] == [True, True]


def test_a_bad_control_command_is_one_line_exit_2(serve: Callable[..., Server]) -> None:
    server = serve("--ports", "2")
    done = run("cmis-emu", "fault", str(server.mount), "port1", "rx_los=1-9", check=False)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert done.stderr.startswith("cmis-emu: error: port1/fault: rx_los: lanes '1-9'")
    assert (server.mount / "port1" / "fault").read_text() == ""


def test_a_killed_server_leaves_a_stale_mount_the_next_start_cleans(
    serve: Callable[..., Server],
) -> None:
    first = serve("--ports", "1")
    first.stop(signal.SIGKILL)
    second = serve("--ports", "1", mount=first.mount)
    assert (second.mount / "port1" / "xcvr_present").read_text() == "1\n"
    code, err = second.stop()
    assert code == 0 and "cleaned a stale mount" in err


def test_eight_concurrent_readers_never_see_another_readers_page(
    serve: Callable[..., Server],
) -> None:
    server = serve("--ports", "1", "--profile", "osfp-xd-1.6t-dr16")  # bank 1 adds pages
    eeprom = server.mount / "port1" / "eeprom"
    fd = os.open(eeprom, os.O_RDWR)
    os.pwrite(fd, b"h10", 3 * 128 + 128)  # user NVR 03h: unlike the zeros of other pages
    os.pwrite(fd, b"\xaa", (256 + 0x10) * 128 + 130)  # bank 1 10h: unlike bank 0's
    reference: dict[int, bytes] = {}
    for page in range(os.fstat(fd).st_size // 128 - 1):  # pages steady and unlike the others
        first, again = (os.pread(fd, 128, page * 128 + 128) for _ in range(2))
        if first == again and first not in reference.values():
            reference[page] = first
    pages = list(reference)
    # 00h-03h, 10h, 11h, 13h, bank 1 10h (and the steady VDM pages); 8 readers share them
    assert {0, 1, 2, 3, 0x10, 0x11, 0x13, 256 + 0x10} <= set(pages), pages
    wrong: list[int] = []

    def reader(page: int) -> None:
        own = os.open(eeprom, os.O_RDONLY)
        for _ in range(150):
            if os.pread(own, 128, page * 128 + 128) != reference[page]:
                wrong.append(page)
        os.close(own)

    threads = [threading.Thread(target=reader, args=(pages[i],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    os.close(fd)
    assert wrong == []
