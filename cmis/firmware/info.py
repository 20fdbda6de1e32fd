"""Typed firmware replies: 0041h features (what download can use) and 0100h info (images A/B)."""

from __future__ import annotations

from dataclasses import dataclass

from cmis.cdb.frame import CdbAdvertisement
from cmis.cdb.replies import CdbCommand as C
from cmis.cdb.replies import FirmwareFeaturesReply, FirmwareInfoReply

DURATIONS = ("Start", "Abort", "Write", "Complete", "Copy")


@dataclass(frozen=True)
class FirmwareFeatures:
    """CMD 0041h reply (CMIS.md 9.5); durations in seconds (0 = not advertised)."""

    abort: bool
    skip_erased: bool
    start_payload_size: int
    erased_byte: int
    rw_length_ext: int
    lpl: bool
    epl: bool
    hitless: bool
    copy: bool
    full_readback: bool
    read_lpl: bool
    read_epl: bool
    durations: dict[str, float]

    @classmethod
    def parse(cls, reply: bytes) -> FirmwareFeatures:
        v = FirmwareFeaturesReply.parse(reply.ljust(FirmwareFeaturesReply.sizeof(), b"\0"))
        unit = 0.010 if v.Features.MaxDurationCoding else 0.001
        return cls(
            abort=v.Features.AbortSupported, skip_erased=v.Features.SkipErasedBlocks,
            start_payload_size=v.StartCmdPayloadSize, erased_byte=v.ErasedByte,
            rw_length_ext=v.ReadWriteLengthExt, lpl=bool(v.WriteMechanism & 0x01),
            epl=bool(v.WriteMechanism & 0x10) or v.WriteMechanism == 0x03,  # 03h: FBOSS quirk
            hitless=bool(v.HitlessRestart), copy=v.Features.CopySupported,
            full_readback=v.Features.FullImageReadback, read_lpl=bool(v.ReadMechanism & 0x01),
            read_epl=bool(v.ReadMechanism & 0x10) or v.ReadMechanism == 0x03,
            durations={k.lower(): v[f"MaxDuration{k}"] * unit for k in DURATIONS},
        )  # fmt: skip

    def use_epl(self, adv: CdbAdvertisement) -> bool:
        return self.epl and adv.epl_pages > 0

    def block_size(self, adv: CdbAdvertisement) -> int:
        """Bytes per 0104h (EPL) or 0103h (LPL) block (CMIS.md 9.4-9.5, PEERS 2 A #8)."""
        if self.use_epl(adv):
            return min(8 * (1 + self.rw_length_ext), 128 * adv.epl_pages, 2048)
        return min(8 * (1 + min(self.rw_length_ext, 15)), 120) - 4

    def timeouts(self) -> dict[int, float]:
        """CMDID -> advertised seconds, for the download commands (the CDB client's bounds)."""
        d = self.durations
        return {C.StartDownload: d["start"], C.AbortDownload: d["abort"],
                C.WriteBlockLpl: d["write"], C.WriteBlockEpl: d["write"],
                C.CompleteDownload: d["complete"]}  # fmt: skip


@dataclass(frozen=True)
class ImageInfo:
    """One image slot as 0100h reports it."""

    slot: str
    version: tuple[int, int, int]
    text: str
    running: bool
    committed: bool
    valid: bool

    @property
    def label(self) -> str:
        return "{}.{}.{}".format(*self.version) if self.valid else "(empty)"


@dataclass(frozen=True)
class FirmwareInfo:
    """CMD 0100h reply (CMIS.md 9.6): images A and B."""

    images: tuple[ImageInfo, ImageInfo]

    @classmethod
    def parse(cls, reply: bytes) -> FirmwareInfo:
        v = FirmwareInfoReply.parse(reply.ljust(FirmwareInfoReply.sizeof(), b"\0"))
        return cls(tuple(_image(v, name) for name in "AB"))  # type: ignore[arg-type]

    @property
    def running(self) -> ImageInfo:
        return next((i for i in self.images if i.running), self.images[0])

    @property
    def committed(self) -> ImageInfo:
        return next((i for i in self.images if i.committed), self.images[0])

    @property
    def inactive(self) -> ImageInfo:
        return self.images[1] if self.running is self.images[0] else self.images[0]


def _image(v: object, name: str) -> ImageInfo:
    s, ver = v.Status, v[f"Image{name}"]  # type: ignore[attr-defined, index]
    return ImageInfo(
        name, (ver.Major, ver.Minor, ver.Build), ver.Text, s[f"Image{name}Running"],
        s[f"Image{name}Committed"], not s[f"Image{name}Invalid"],
    )  # fmt: skip
