"""The VDM of a profile's ``[vdm]`` section: instance layout, thresholds and the DSP model.

Every bank carries the same 14 observables per media lane (``KINDS``), four lanes per group, so
two groups (VDMSupport = 1) hold a bank's eight lanes. The DSP model: eSNR follows the received
power (thermal noise: 2 dB of electrical SNR per optical dB, under a floor the DSP and laser
set), pre-FEC BER is that of PAM4 at that SNR, FERC the RS(544,514) frames it cannot correct.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from cmis.codec.units import mw_to_dbm
from cmis.codec.vdm import decode_value, encode_value, encoding
from emulator.profile import LANES_PER_BANK, Profile, ProfileError

LANES_PER_GROUP, SETS = 4, ("laser", "esnr", "ltp", "ber", "ferc", "ferc_total", "tx", "rx")
# (type ID, threshold set) per lane; statistics types share their current sample's set
KINDS = ((4, 0), (5, 1), (7, 2), (15, 3), (9, 3), (11, 3), (13, 3),
         (23, 4), (17, 4), (19, 4), (21, 4), (25, 5), (143, 6), (144, 7))  # fmt: skip
STATS = frozenset({9, 11, 13, 17, 19, 21, 25})  # frozen by FreezeRequest (CMIS-DIAG-VDM 1.6)
_OWN_KEYS = ("esnr_db", "ltp_db", "pre_fec_ber", "ferc", "ferc_total")
_NUMBERS = ("lane_gbps", "snr_floor_db", "snr_at_ref_db", "rx_ref_dbm", "ltp_offset_db",
            "noise_snr_db", "freeze_ms")  # fmt: skip
_FRAME_BITS = 5140  # RS(544,514) payload bits per FEC frame


@dataclass(frozen=True)
class VdmModel:
    """What the VDM needs of a profile, converted once."""

    lane_gbps: float
    snr_floor_db: float
    snr_at_ref_db: float
    rx_ref_dbm: float
    ltp_offset_db: float
    noise_snr_db: float
    freeze_ms: float
    thresholds: tuple[tuple[int, int, int, int], ...]  # raw words per set (SETS order)

    def snr_db(self, rx_mw: float, degrade_db: float) -> float:
        """eSNR of a lane receiving ``rx_mw``: thermal noise and the floor add as powers."""
        if rx_mw <= 0:
            return 0.0
        thermal = self.snr_at_ref_db + 2 * (mw_to_dbm(rx_mw) - self.rx_ref_dbm)
        combined = 10 ** (-self.snr_floor_db / 10) + 10 ** (-thermal / 10)
        return max(-10 * math.log10(combined) - degrade_db, 0.0)

    def errors(self, snr_db: float, period_s: float) -> tuple[float, float]:
        """Pre-FEC BER at ``snr_db`` and the uncorrectable frames expected in ``period_s``."""
        ber = pam4_ber(snr_db)
        return ber, uncorrectable(ber) * self.lane_gbps * 1e9 * period_s / _FRAME_BITS


def pam4_ber(snr_db: float) -> float:
    """Gray-coded PAM4 at electrical SNR ``snr_db``: BER = 3/4 Q(sqrt(SNR/5))."""
    snr = 10 ** (snr_db / 10) if snr_db > 0 else 0.0
    return 0.75 * 0.5 * math.erfc(math.sqrt(snr / 5) / math.sqrt(2))


def uncorrectable(ber: float) -> float:
    """Share of RS(544,514) frames (t = 15 ten-bit symbols) with more than 15 symbol errors."""
    p = min(1 - (1 - ber) ** 10, 1.0)
    if p <= 0:
        return 0.0
    if p >= 1:
        return 1.0
    log_p, log_q = math.log(p), math.log1p(-p)
    if 544 * p > 15:  # past the mean: 1 - P(<= 15 errors), 16 exact terms, no truncation
        head = sum(
            math.exp(math.lgamma(545) - math.lgamma(j + 1) - math.lgamma(545 - j)
                     + j * log_p + (544 - j) * log_q)
            for j in range(16)
        )  # fmt: skip
        return max(0.0, 1.0 - head)
    tail = 0.0
    for j, log_choose in enumerate(_LOG_CHOOSE, 16):
        term = math.exp(log_choose + j * log_p + (544 - j) * log_q)
        tail += term
        if term < tail * 1e-12 and j > 544 * p:  # past the peak and negligible
            break
    return min(tail, 1.0)


_LOG_CHOOSE = tuple(
    math.lgamma(545) - math.lgamma(j + 1) - math.lgamma(545 - j) for j in range(16, 545)
)


def vdm_model(profile: Profile) -> VdmModel | None:
    """The model of ``profile`` (None: the profile has no ``[vdm]``); ProfileError if bad."""
    section = profile.data.get("vdm")
    if section is None:
        return None
    try:
        numbers = {k: float(section[k]) for k in _NUMBERS}
        return VdmModel(**numbers, thresholds=_thresholds(profile, section["thresholds"]))
    except (KeyError, TypeError, ValueError) as err:
        raise ProfileError(f"profile {profile.name}: [vdm] is incomplete or wrong: {err}") from err


def _thresholds(profile: Profile, own: dict[str, Any]) -> tuple[tuple[int, int, int, int], ...]:
    shared = profile.data["thresholds"]
    dbm = ([mw_to_dbm(v) for v in shared[k]] for k in ("tx_power_mw", "rx_power_mw"))
    values = [shared["laser_temperature_c"], *(own[k] for k in _OWN_KEYS), *dbm]
    types = (4, 5, 7, 15, 23, 25, 143, 144)  # one representative type per set
    return tuple(_levels(t, v) for t, v in zip(types, values, strict=True))


def _levels(type_id: int, values: list[Any]) -> tuple[int, int, int, int]:
    """Raw words; "none" (a threshold not implemented) is the extreme it can never cross."""
    if len(values) != 4:
        raise ValueError(f"thresholds need 4 values (HA, LA, HW, LW), got {values}")
    signed = encoding(type_id).kind == "S16"
    extremes = (0x7FFF, 0x8000, 0x7FFF, 0x8000) if signed else (0xFFFF, 0, 0xFFFF, 0)
    words = (
        e if v == "none" else encode_value(type_id, min(max(float(v), -1e12), 1e12))  # 0 mW
        for v, e in zip(values, extremes, strict=True)
    )
    return tuple(words)  # type: ignore[return-value]


def instance(lane: int, kind: int) -> tuple[int, int]:
    """(group 0-1, slot 0-63) of observable ``kind`` on bank lane ``lane`` (0-7)."""
    return lane // LANES_PER_GROUP, lane % LANES_PER_GROUP * len(KINDS) + kind


def vdm_pages(profile: Profile) -> dict[tuple[int, int], bytes]:
    """Power-on VDM pages of every bank: descriptors, thresholds, zero values and flags, masks
    all set (the default of every VDM mask is 1), 2Fh advertising two groups."""
    model = vdm_model(profile)
    if model is None:
        return {}
    groups = LANES_PER_BANK // LANES_PER_GROUP
    desc = [bytearray(128) for _ in range(groups)]
    for lane in range(LANES_PER_BANK):
        for k, (type_id, threshold_set) in enumerate(KINDS):
            group, slot = instance(lane, k)
            desc[group][2 * slot : 2 * slot + 2] = bytes((threshold_set << 4 | lane, type_id))
    thresholds = b"".join(w.to_bytes(2) for levels in model.thresholds for w in levels)
    p2f = bytearray(128)
    p2f[0] = groups - 1
    p2f[1:3] = round(profile.dom.sample_period_s * 1e4).to_bytes(2)  # FineIntervalLength, 0.1 ms
    pages: dict[tuple[int, int], bytes] = {}
    for bank in range(profile.banks):
        for g in range(groups):
            pages[bank, 0x20 + g] = bytes(desc[g])
            pages[bank, 0x24 + g] = bytes(128)
            pages[bank, 0x28 + g] = thresholds.ljust(128, b"\0")
        pages[bank, 0x2C], pages[bank, 0x2D], pages[bank, 0x2F] = (
            bytes(128),
            b"\xff" * 128,
            bytes(p2f),
        )
    return pages


def flag_nibble(type_id: int, word: int, th: tuple[int, int, int, int]) -> int:
    """Flag nibble (bit 0 high alarm, 1 low alarm, 2 high warning, 3 low warning): strictly past."""
    value = decode_value(type_id, word)
    ha, la, hw, lw = (decode_value(type_id, t) for t in th)
    return (value > ha) | (value < la) << 1 | (value > hw) << 2 | (value < lw) << 3
