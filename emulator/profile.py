"""Module profiles: TOML files in emulator/profiles/ loaded and validated into a Profile."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cmis.codec.codes import MaxDuration
from emulator.errors import ProfileError
from emulator.profile_check import Checker
from emulator.profile_dom import DomSettings, dom_settings

PROFILE_DIR = Path(__file__).parent / "profiles"
LANES_PER_BANK = 8
BANK_CODES = {1: 0b00, 2: 0b01, 4: 0b10}  # 01h:142 bits 1-0
BIAS_CODES = {1: 0b00, 2: 0b01, 4: 0b10}  # 01h:160 bits 4-3
DURATION_KEYS = ("dp_init", "dp_deinit", "module_pwr_up", "module_pwr_dn", "tx_turn_on",
                 "tx_turn_off")  # fmt: skip
LANE_OPTICS_KEYS = ("tx_power_mw", "tx_bias_ma", "rx_power_mw")  # [optics] nominal per lane


def lanes_of(mask: int) -> list[int]:
    """Bits set in a lane bitmap, lowest first (bit 0 = first lane of the bank or module)."""
    return [lane for lane in range(mask.bit_length()) if mask >> lane & 1]


@dataclass(frozen=True)
class App:
    """One advertised application; ``appsel`` is its descriptor number (1-15)."""

    appsel: int
    host: int
    media: int
    host_lanes: int
    media_lanes: int
    host_start: int
    media_start: int


@dataclass(frozen=True)
class Profile:
    """A validated profile: the raw TOML sections plus the values the emulator acts on."""

    name: str
    data: dict[str, Any]
    apps: tuple[App, ...]
    banks: int
    stepped_config_only: bool
    scs1_supported: bool
    durations: dict[str, int]  # MaxDuration codes by DURATION_KEYS
    timing: dict[str, float]
    host_password: int
    dom: DomSettings
    lane_optics: dict[str, tuple[float, ...]]  # LANE_OPTICS_KEYS, one value per module lane

    @property
    def lanes(self) -> int:
        return self.banks * LANES_PER_BANK

    def app(self, appsel: int) -> App | None:
        """The application advertised as ``appsel``, or None."""
        return self.apps[appsel - 1] if 1 <= appsel <= len(self.apps) else None


def list_profiles() -> list[str]:
    """Names of the shipped profiles (file names without ``.toml``)."""
    return sorted(path.stem for path in PROFILE_DIR.glob("*.toml"))


def load_profile(name_or_path: str | Path) -> Profile:
    """Load a shipped profile by name, or any profile file by path; ProfileError if invalid."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        path = PROFILE_DIR / f"{name_or_path}.toml"
    if not path.is_file():
        raise ProfileError(
            f"profile {str(name_or_path)!r} not found at {path}; shipped profiles: "
            f"{', '.join(list_profiles())}"
        )
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as err:
        raise ProfileError(f"profile {path.name}: not valid TOML ({err})") from err
    return _validate(path.stem, data)


def parse_profile(name: str, text: str) -> Profile:
    """A profile from TOML text (tests and tools that generate profiles)."""
    return _validate(name, tomllib.loads(text))


def _validate(name: str, data: dict[str, Any]) -> Profile:
    check = Checker(name, data)
    banks = check.integer("management", "banks", choices=BANK_CODES)
    apps = tuple(_app(check, i) for i in range(len(check.list_of_tables("application"))))
    if not 1 <= len(apps) <= 15:
        raise ProfileError(f"profile {name}: [[application]] has {len(apps)} entries, need 1-15")
    for key in ("identity", "firmware", "thresholds", "optics", "cdb"):
        check.table(key)
    check.integer("optics", "bias_multiplier", choices=BIAS_CODES)
    return Profile(
        name=name,
        data=data,
        apps=apps,
        banks=banks,
        stepped_config_only=check.flag("management", "stepped_config_only"),
        scs1_supported=check.flag("management", "staged_control_set_1"),
        durations={
            k: check.integer("durations", k, 0, len(MaxDuration) - 1) for k in DURATION_KEYS
        },
        timing={k: check.number("timing", k) for k in ("mgmt_init", "resetting", "config_apply")},
        host_password=check.integer("management", "host_password", 0, 0xFFFFFFFF),
        dom=dom_settings(check),
        lane_optics={
            k: tuple(check.lane_numbers("optics", k, banks * LANES_PER_BANK, LANES_PER_BANK))
            for k in LANE_OPTICS_KEYS
        },
    )


def _app(check: Checker, i: int) -> App:
    section = f"application[{i}]"
    lanes = {k: check.integer(section, k, 1, LANES_PER_BANK) for k in ("host_lanes", "media_lanes")}
    codes = {k: check.integer(section, k, 0, 0xFF) for k in ("host", "media", "host_start")}
    return App(appsel=i + 1, media_start=check.integer(section, "media_start", 0, 0xFF),
               **codes, **lanes)  # fmt: skip
