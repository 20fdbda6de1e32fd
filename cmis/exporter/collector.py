"""The scrape-time Collector: every port read in parallel, each within a timeout."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait

from prometheus_client.core import Metric
from prometheus_client.registry import Collector

from cmis.clock import Clock, RealClock
from cmis.exporter.metrics import families
from cmis.exporter.ports import PortSpec
from cmis.exporter.reader import Opener, PortReader, Reading
from cmis.host.targets import open as open_target

DEFAULT_TIMEOUT = 2.0  # seconds per scrape; Prometheus' own scrape_timeout is 10 s by default


class FleetCollector(Collector):
    """Reads every port when Prometheus scrapes; a slow or dead port is ``cmis_up 0``."""

    def __init__(
        self,
        ports: Iterable[PortSpec],
        *,
        timeout: float = DEFAULT_TIMEOUT,
        opener: Opener = open_target,
        clock: Clock | None = None,
    ) -> None:
        self.clock: Clock = clock if clock is not None else RealClock()
        self.readers = [PortReader(spec, opener, self.clock) for spec in ports]
        self.timeout = timeout
        # a thread per port: a read stuck past its timeout holds only its own port's thread
        self.pool = ThreadPoolExecutor(max(1, len(self.readers)), thread_name_prefix="cmis-port")

    def read_all(self) -> list[Reading]:
        start = self.clock.now()
        futures: list[Future[Reading]] = [self.pool.submit(r.read) for r in self.readers]
        wait(futures, timeout=self.timeout)
        return [
            future.result()
            if future.done()
            else reader.down(start, f"no answer within {self.timeout:g} s")
            for reader, future in zip(self.readers, futures, strict=True)
        ]

    def collect(self) -> Iterator[Metric]:
        return families(self.read_all())

    def describe(self) -> Iterator[Metric]:
        return iter(())  # nothing read at registration: reads happen only at scrape time

    def reader(self, port: str) -> PortReader:
        return next(r for r in self.readers if r.spec.name == port)

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
