"""Module profiles: TOML files in emulator/profiles/ loaded and validated into a Profile."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cmis.codec.codes import MaxDuration
from emulator.errors import ProfileError

PROFILE_DIR = Path(__file__).parent / "profiles"
LANES_PER_BANK = 8
BANK_CODES = {1: 0b00, 2: 0b01, 4: 0b10}  # 01h:142 bits 1-0
BIAS_CODES = {1: 0b00, 2: 0b01, 4: 0b10}  # 01h:160 bits 4-3
DURATION_KEYS = ("dp_init", "dp_deinit", "module_pwr_up", "module_pwr_dn", "tx_turn_on",
                 "tx_turn_off")  # fmt: skip
THRESHOLD_KEYS = ("temperature_c", "vcc_v", "tx_power_mw", "tx_bias_ma", "rx_power_mw")
NOISE_KEYS = ("temperature_c", "vcc_v", "laser_temperature_c", "tx_power_fraction",
              "tx_bias_fraction", "rx_power_fraction")  # fmt: skip
LANE_OPTICS_KEYS = ("tx_power_mw", "tx_bias_ma", "rx_power_mw")  # [optics] nominal per lane
LASER_MONITORS = (0, 2, 3)  # Aux2/Aux3 can report laser temperature (01h:145); 0 = none


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
class DomSettings:
    """The telemetry model: ``[thermal]``, ``[monitors]`` and ``[noise]`` of a profile."""

    operating_c: float  # [optics] temperature_c: where the case settles at full power
    low_power_c: float
    time_constant_s: float
    laser_c: float
    laser_monitor: int  # Aux monitor number reporting laser temperature, 0 = none
    shutdown_c: float
    shutdown_fault_cause: int
    sample_period_s: float
    noise: dict[str, float]


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
    check = _Checker(name, data)
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
        dom=_dom(check),
        lane_optics={
            k: tuple(check.lane_numbers("optics", k, banks * LANES_PER_BANK))
            for k in LANE_OPTICS_KEYS
        },
    )


def _dom(check: _Checker) -> DomSettings:
    thermal = {k: check.number("thermal", k) for k in ("low_power_c", "laser_c", "shutdown_c")}
    operating = check.number("optics", "temperature_c")
    if not thermal["low_power_c"] <= operating < thermal["shutdown_c"]:
        raise check.fail("[thermal] shutdown_c", "must be above [optics] temperature_c, which "
                         "must be at least [thermal] low_power_c")  # fmt: skip
    laser = check.integer("thermal", "laser_monitor", choices=LASER_MONITORS)
    for key in THRESHOLD_KEYS + (("laser_temperature_c",) if laser else ()):
        check.thresholds(key)
    return DomSettings(
        operating_c=operating,
        time_constant_s=check.number("thermal", "time_constant_s", positive=True),
        laser_monitor=laser,
        shutdown_fault_cause=check.integer("thermal", "shutdown_fault_cause", 1, 0xFF),
        sample_period_s=check.number("monitors", "sample_period_s", positive=True),
        noise={k: check.number("noise", k) for k in NOISE_KEYS},
        **thermal,
    )


def _app(check: _Checker, i: int) -> App:
    section = f"application[{i}]"
    lanes = {k: check.integer(section, k, 1, LANES_PER_BANK) for k in ("host_lanes", "media_lanes")}
    codes = {k: check.integer(section, k, 0, 0xFF) for k in ("host", "media", "host_start")}
    return App(appsel=i + 1, media_start=check.integer(section, "media_start", 0, 0xFF),
               **codes, **lanes)  # fmt: skip


class _Checker:
    """Typed look-ups into the TOML data whose errors name the profile, section and key."""

    def __init__(self, name: str, data: dict[str, Any]) -> None:
        self.name = name
        self.data = data

    def fail(self, where: str, problem: str) -> ProfileError:
        return ProfileError(f"profile {self.name}: {where} {problem}")

    def table(self, section: str) -> dict[str, Any]:
        if section.startswith("application["):
            return dict(self.list_of_tables("application")[int(section[12:-1])])
        value = self.data.get(section)
        if not isinstance(value, dict):
            raise self.fail(f"[{section}]", "is missing (add the section; see osfp-800g-dr8.toml)")
        return value

    def list_of_tables(self, section: str) -> list[dict[str, Any]]:
        value = self.data.get(section)
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(f"[[{section}]]", "is missing or not an array of tables")
        return value

    def value(self, section: str, key: str) -> Any:
        table = self.table(section)
        if key not in table:
            raise self.fail(f"[{section}] {key}", "is missing")
        return table[key]

    def integer(
        self, section: str, key: str, lo: int = 0, hi: int = 1 << 32, choices: Any = None
    ) -> int:
        value = self.value(section, key)
        ok = isinstance(value, int) and not isinstance(value, bool)
        allowed = f"one of {sorted(choices)}" if choices else f"an integer {lo}-{hi}"
        if not ok or (value not in choices if choices else not lo <= value <= hi):
            raise self.fail(f"[{section}] {key}", f"must be {allowed}, got {value!r}")
        return int(value)

    def number(self, section: str, key: str, *, positive: bool = False) -> float:
        value = self.value(section, key)
        low = value <= 0 if positive else value < 0
        if isinstance(value, bool) or not isinstance(value, int | float) or low:
            bound = "> 0" if positive else ">= 0"
            raise self.fail(f"[{section}] {key}", f"must be a number {bound}, got {value!r}")
        return float(value)

    def thresholds(self, key: str) -> list[float]:
        """Four thresholds (high alarm, low alarm, high warning, low warning), nested in order."""
        value = self.value("thresholds", key)
        numbers = isinstance(value, list) and len(value) == 4
        if not numbers or not all(isinstance(v, int | float) for v in value):
            raise self.fail(f"[thresholds] {key}", f"must list 4 numbers, got {value!r}")
        high_alarm, low_alarm, high_warning, low_warning = value
        if not low_alarm <= low_warning <= high_warning <= high_alarm:
            raise self.fail(
                f"[thresholds] {key}",
                f"must be ordered low alarm <= low warning <= high warning <= high alarm, "
                f"got {value!r} (listed as high alarm, low alarm, high warning, low warning)",
            )
        return [float(v) for v in value]

    def lane_numbers(self, section: str, key: str, lanes: int) -> list[float]:
        """One number per lane of the module, or 8 that every bank repeats."""
        value = self.value(section, key)
        counts = sorted({LANES_PER_BANK, lanes})
        ok = isinstance(value, list) and len(value) in counts
        if not ok or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
            wanted = " or ".join(map(str, counts))
            raise self.fail(f"[{section}] {key}", f"must list {wanted} numbers, got {value!r}")
        return [float(v) for v in value] * (lanes // len(value))

    def flag(self, section: str, key: str) -> bool:
        value = self.value(section, key)
        if not isinstance(value, bool):
            raise self.fail(f"[{section}] {key}", f"must be true or false, got {value!r}")
        return value
