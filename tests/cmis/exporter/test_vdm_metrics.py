"""VDM in a scrape: basic observables as gauges per unit, latched flags counted; no freeze."""

from __future__ import annotations

from cmis.exporter.collector import FleetCollector
from cmis.exporter.ports import from_targets
from tests.cmis.exporter.conftest import samples, scrape

DR8 = "emu:osfp-800g-dr8"


def test_a_scrape_carries_esnr_ber_and_flags_per_lane_without_freezing() -> None:
    collector = FleetCollector(from_targets([DR8]))
    try:
        text = scrape(collector)
        module = collector.reader(DR8).module
        assert module is not None
        esnr = samples(text, "cmis_vdm_decibels", port=DR8, type="EsnrMediaInput")
        ber = samples(text, "cmis_vdm_ratio", port=DR8, type="PreFecBerCurMedia", lane="3")
        rx = samples(text, "cmis_vdm_dbm", port=DR8, type="RxTotalPower")
        assert len(esnr) == 8 and all(20 < v < 24 for v in esnr)
        assert len(ber) == 1 and 0 < ber[0] < 1e-6
        assert rx == [] and not samples(text, "cmis_vdm_ratio", type="PreFecBerMinMedia")
        assert module.read(0x2F, 145, 1)[0] & 0x80 == 0  # never frozen: no FreezeDone yet
        module.device.faults.snr_degrade_db = {3: 8.0}  # type: ignore[attr-defined]
        text = scrape(collector)
        flag = "VdmEsnrMediaInputLowWarning"
        assert samples(text, "cmis_lane_flags_total", port=DR8, flag=flag) == [1.0]
        assert samples(text, "cmis_lane_flags_total", port=DR8, lane="3", flag=flag) == [1.0]
    finally:
        collector.close()
