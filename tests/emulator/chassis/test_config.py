"""load_chassis: the TOML file; every mistake is one line naming the file, table and key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cmis.clock import VirtualClock
from emulator.chassis import ChassisError, load_chassis


def load(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "lab.toml"
    path.write_text(text)
    return load_chassis(path, clock=VirtualClock())


def test_ports_profiles_and_lpmode_come_from_the_file(tmp_path: Path) -> None:
    chassis = load(
        tmp_path,
        """
[chassis]
speed = 2.0
[[port]]
name = "a"
profile = "osfp-xd-1.6t-dr16"
lpmode = false
[[port]]
""",
    )
    assert list(chassis.ports) == ["a", "port2"]
    assert not chassis.port("a").lpmode and chassis.port("port2").lpmode
    assert chassis.port("a").size == 65664


def test_without_port_tables_the_chassis_section_sets_count_and_profile(tmp_path: Path) -> None:
    chassis = load(tmp_path, '[chassis]\nports = 3\nprofile = "qsfpdd-800g-2xfr4"\n')
    assert list(chassis.ports) == ["port1", "port2", "port3"]
    assert chassis.port("port3").profile == "qsfpdd-800g-2xfr4"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[chassis\n", "lab.toml: not valid TOML"),
        ("[chassis]\nspeed = 0\n", "lab.toml: [chassis] speed: 0 must be a number > 0"),
        ("[chassis]\nspeed = 'x'\n", "lab.toml: speed: 'x' is not a number"),
        ("[[port]]\nprofile = 'nope'\n", "lab.toml: [[port]] #1: profile: port1: profile 'nope'"),
        (
            "[[port]]\n[[port]]\nname = 'port1'\n",
            "lab.toml: [[port]] #2: profile: port 'port1' is defined twice",
        ),
        ("[[port]]\nlpmode = 1\n", "lab.toml: [[port]] #1: lpmode: 1 is not true or false"),
        ("[[port]]\ncolour = 1\n", "#1: colour: unknown key"),
        ("[rack]\n", "lab.toml: ['rack']: unknown table"),
    ],
)
def test_bad_files_say_where_in_one_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ChassisError, match=re.escape(message)) as err:
        load(tmp_path, text)
    assert "\n" not in str(err.value)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ChassisError, match="lab.toml: cannot read"):
        load_chassis(tmp_path / "lab.toml")


LINKS = """
[[port]]
[[port]]
[[port]]
[[port]]
[[port]]
[[link]]
a = "port1"
b = "port2"
loss_db = 3.5
[[link]]
a = "port3:5-8"
b = "port4:1-4"
[[plug]]
port = "port5"
loss_db = 1.0
"""


def test_links_and_plugs_come_from_the_file(tmp_path: Path) -> None:
    chassis = load(tmp_path, LINKS)
    assert [str(link.a) + " " + str(link.b) for link in chassis.links] == [
        "port1:1-8 port2:1-8", "port3:5-8 port4:1-4", "port5:1-8 port5:1-8"]  # fmt: skip
    assert chassis.link("port2", "port1").loss_db == 3.5
    assert chassis.link("port4:1-4", "port3").up and chassis.link("port5", "port5").plug


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('[[link]]\na = "port1"\nb = "port9"\n', "[[link]] #3: b: no port 'port9'"),
        (
            '[[link]]\na = "port3:1-5"\nb = "port4:5-8"\n',
            "[[link]] #3: lanes: port3:1-5 has 5 lane(s) but port4:5-8 has 4",
        ),
        (
            '[[link]]\na = "port3:4-5"\nb = "port4:5-6"\n',
            "[[link]] #3: lanes: port3 lane 5 is already on a link or plug",
        ),
        ('[[link]]\na = "port3:1-9"\nb = "port4:5-6"\n', "[[link]] #3: a: lanes '1-9': '1-9' is"),
        (
            '[[link]]\na = "port3:1"\nb = "port4:8"\nloss_db = -1\n',
            "[[link]] #3: loss_db: loss -1 must be a number of dB >= 0",
        ),
        ('[[plug]]\nport = "port1:1"\n', "[[plug]] #2: lanes: port1 lane 1 is already on"),
        ('[[link]]\na = "port3:1"\n', "[[link]] #3: b: is missing"),
    ],
)
def test_bad_links_say_which_and_why(tmp_path: Path, extra: str, message: str) -> None:
    with pytest.raises(ChassisError, match=re.escape("lab.toml: " + message)) as err:
        load(tmp_path, LINKS + extra)
    assert "\n" not in str(err.value)
