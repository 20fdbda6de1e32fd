"""One link-quality model per lane: the eSNR the light gives, and the pre-FEC BER of that eSNR.

VDM reports it (eSNR, pre-FEC BER, FERC) and a media-side PRBS checker counts errors at it, so
``cmis vdm`` and ``cmis diag prbs read`` agree on a lossy link: the same received power, the
same ``snr_degrade_db`` fault and the same seeded noise per sample slice. Profiles without a
``[vdm]`` section fall back to the plain optical model of emulator/prbsmodel.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from emulator.dom import noise
from emulator.ports import Core
from emulator.vdmmodel import VdmModel, pam4_ber

if TYPE_CHECKING:
    from emulator.dom import Dom
    from emulator.faults import Faults

SEED_STREAM = 1000  # noise streams 1000+lane: apart from the DOM's 0..lanes
MAX_SLICES = 16  # slices averaged over a long count (as VDM folds at most 16 per read)


class LinkPort(Core, Protocol):
    seed: int
    faults: Faults
    dom: Dom


class HasLink(Protocol):
    """What a PRBS checker needs of the VDM (emulator.vdm.Vdm): its link model, if any."""

    @property
    def link(self) -> LinkModel | None: ...


class WithVdm(Protocol):
    """A module whose VDM may have a link model (the PRBS checkers' port adds this)."""

    @property
    def vdm(self) -> HasLink: ...


class LinkModel:
    """eSNR and pre-FEC BER of one module's media lanes under ``model`` (a profile's [vdm])."""

    def __init__(self, module: LinkPort, model: VdmModel) -> None:
        self.module, self.model = module, model

    def snr(self, index: int, k: int, rx_mw: float) -> float:
        """eSNR of module lane ``index`` (0-based) in sample slice ``k`` receiving ``rx_mw``."""
        m, model = self.module, self.model
        snr = model.snr_db(rx_mw, m.faults.snr_degrade_db.get(index + 1, 0.0))
        if not snr:
            return 0.0
        return max(snr + noise(m.seed, k, SEED_STREAM + index)[0] * model.noise_snr_db, 0.0)

    def ber(self, index: int, rx_mw: float, start: float, end: float) -> float:
        """Mean pre-FEC BER of lane ``index`` over module time [start, end], at most
        MAX_SLICES slices spread evenly (a count between two looks has one received power)."""
        period = self.module.dom.model.period
        first, last = int(start / period), int(end / period)
        count = min(last - first + 1, MAX_SLICES)
        step = max((last - first + 1) / MAX_SLICES, 1.0)
        slices = {last - int(i * step) for i in range(count)}
        return sum(pam4_ber(self.snr(index, k, rx_mw)) for k in slices) / len(slices)
