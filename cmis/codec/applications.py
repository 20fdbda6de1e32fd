"""The module's advertised applications: descriptors 1-8 (lower memory) and 9-15 (page 01h).

The list stops at the first descriptor whose HostInterfaceID is 0xFF (end of list); slots whose
HostInterfaceID is 0x00 (undefined) are skipped but do not end the list (specs/choices.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cmis.codec.fast import fast
from cmis.codec.pages.lower import LowerMemory
from cmis.codec.pages.page01 import Page01h
from cmis.codec.sff8024 import (
    host_interface_name,
    host_lane_count_default,
    media_interface_name,
    media_lane_count_default,
)

END_OF_LIST = 0xFF
UNDEFINED = 0x00


@dataclass(frozen=True)
class Application:
    """One advertised application; ``appsel`` is the code a control set writes (1-15)."""

    appsel: int
    host_interface_id: int
    media_interface_id: int
    media_type: int
    host_lane_count: int | None
    media_lane_count: int | None
    host_lane_assignment: int
    media_lane_assignment: int | None  # None when page 01h is not available (flat memory)

    @property
    def host_interface(self) -> str:
        return host_interface_name(self.host_interface_id)

    @property
    def media_interface(self) -> str:
        return media_interface_name(self.media_type, self.media_interface_id)

    def start_lanes(self) -> list[int]:
        """Host lanes (1-based) on which a data path of this application may start."""
        return [lane + 1 for lane in range(8) if self.host_lane_assignment >> lane & 1]

    def host_lane_mask(self, start_lane: int) -> int:
        """Lane bitmap of the data path starting at ``start_lane`` (1-based)."""
        count = self.host_lane_count or 0
        return ((1 << count) - 1) << (start_lane - 1) & 0xFF

    def summary(self) -> str:
        lanes = f"{_count(self.host_lane_count)} host / {_count(self.media_lane_count)} media"
        starts = ", ".join(map(str, self.start_lanes())) or "none"
        return f"{self.host_interface} | {self.media_interface} | {lanes} lanes | start {starts}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "appsel": self.appsel,
            "host_interface": self.host_interface,
            "host_interface_id": self.host_interface_id,
            "media_interface": self.media_interface,
            "media_interface_id": self.media_interface_id,
            "host_lane_count": self.host_lane_count,
            "media_lane_count": self.media_lane_count,
            "host_lane_assignment": self.host_lane_assignment,
            "media_lane_assignment": self.media_lane_assignment,
            "start_lanes": self.start_lanes(),
        }


def _count(n: int | None) -> str:
    return "?" if n is None else str(n)


def decode_applications(lower: bytes, page01: bytes | None = None) -> list[Application]:
    """Applications advertised by raw lower memory and (when paged) raw page 01h."""
    low: Any = fast(LowerMemory).parse(lower)
    descriptors = list(low.ApplicationDescriptors)
    media_lanes: list[int | None] = [None] * 15
    if page01 is not None:
        p01: Any = fast(Page01h).parse(page01)
        descriptors += list(p01.ApplicationDescriptors)
        media_lanes = list(p01.MediaLaneAssignmentOptions)
    apps = []
    for appsel, desc in enumerate(descriptors, start=1):
        if desc.HostInterfaceID == END_OF_LIST:
            break
        if desc.HostInterfaceID != UNDEFINED:
            apps.append(_application(appsel, desc, int(low.MediaType), media_lanes[appsel - 1]))
    return apps


def _application(appsel: int, desc: Any, media_type: int, media_lanes: int | None) -> Application:
    host_n, media_n = desc.LaneCounts.HostLaneCount, desc.LaneCounts.MediaLaneCount
    return Application(
        appsel=appsel,
        host_interface_id=desc.HostInterfaceID,
        media_interface_id=desc.MediaInterfaceID,
        media_type=media_type,
        host_lane_count=host_n if 1 <= host_n <= 8 else _implied_host(host_n, desc),
        media_lane_count=media_n
        if 1 <= media_n <= 8
        else _implied_media(media_n, desc, media_type),
        host_lane_assignment=desc.HostLaneAssignmentOptions,
        media_lane_assignment=media_lanes,
    )


def _implied_host(nibble: int, desc: Any) -> int | None:
    """Nibble 0 means 'implied by the interface ID'; 9-15 are reserved (unknown)."""
    return host_lane_count_default(desc.HostInterfaceID) if nibble == 0 else None


def _implied_media(nibble: int, desc: Any, media_type: int) -> int | None:
    return media_lane_count_default(media_type, desc.MediaInterfaceID) if nibble == 0 else None
