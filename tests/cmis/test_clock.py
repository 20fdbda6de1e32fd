"""VirtualClock fires timers in (when, order) with exact times; RealClock satisfies Clock."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmis.clock import Clock, RealClock, VirtualClock


def recorder(clock: VirtualClock, log: list[tuple[str, float]], name: str) -> Callable[[], None]:
    return lambda: log.append((name, clock.now()))


def test_both_clocks_satisfy_the_protocol() -> None:
    assert isinstance(RealClock(), Clock)
    assert isinstance(VirtualClock(), Clock)


def test_real_clock_is_monotonic_and_sleep_zero_returns() -> None:
    clock = RealClock()
    before = clock.now()
    clock.sleep(0)
    assert clock.now() >= before
    with pytest.raises(ValueError):
        clock.sleep(-1)


def test_sleep_advances_instantly_from_start() -> None:
    clock = VirtualClock(start=100.0)
    clock.sleep(2.5)
    clock.advance(0.5)
    assert clock.now() == 103.0
    clock.advance_to(110.0)
    assert clock.now() == 110.0


@pytest.mark.parametrize("bad", [-0.001, float("nan"), float("inf")])
def test_bad_durations_are_refused(bad: float) -> None:
    clock = VirtualClock()
    for call in (clock.sleep, clock.advance):
        with pytest.raises(ValueError):
            call(bad)
    assert clock.now() == 0.0


def test_advance_to_the_past_is_refused() -> None:
    clock = VirtualClock(start=5.0)
    with pytest.raises(ValueError, match="cannot go back"):
        clock.advance_to(4.0)


def test_timers_fire_in_time_order_at_their_own_time() -> None:
    clock = VirtualClock()
    log: list[tuple[str, float]] = []
    clock.call_at(3.0, recorder(clock, log, "c"))
    clock.call_at(1.0, recorder(clock, log, "a"))
    clock.call_later(2.0, recorder(clock, log, "b"))
    clock.call_at(9.0, recorder(clock, log, "late"))
    clock.sleep(5.0)
    assert log == [("a", 1.0), ("b", 2.0), ("c", 3.0)]
    assert clock.now() == 5.0
    assert clock.pending() == 1
    assert clock.next_deadline() == 9.0


def test_equal_times_fire_first_in_first_out() -> None:
    clock = VirtualClock()
    log: list[tuple[str, float]] = []
    for name in "abcde":
        clock.call_at(1.0, recorder(clock, log, name))
    clock.advance(1.0)  # due exactly at the new now
    assert [name for name, _ in log] == list("abcde")


@pytest.mark.parametrize("step", [0.125, 0.1])
def test_chained_timers_land_exactly(step: float) -> None:
    clock = VirtualClock()
    ticks: list[float] = []

    def tick() -> None:
        ticks.append(clock.now())
        clock.call_later(step, tick)

    clock.call_later(step, tick)
    clock.sleep(1.0)
    expected, t = [], 0.0
    while t + step <= 1.0:  # each tick is exactly the previous tick plus step, no drift
        t += step
        expected.append(t)
    assert ticks == expected
    assert clock.next_deadline() == expected[-1] + step


def test_cancel_drops_a_timer_and_is_idempotent() -> None:
    clock = VirtualClock()
    log: list[tuple[str, float]] = []
    keep = clock.call_at(1.0, recorder(clock, log, "keep"))
    drop = clock.call_at(0.5, recorder(clock, log, "drop"))
    drop.cancel()
    drop.cancel()
    assert drop.cancelled and drop.when == 0.5
    assert clock.pending() == 1
    assert clock.next_deadline() == 1.0
    clock.sleep(2.0)
    keep.cancel()  # after firing: no effect
    assert log == [("keep", 1.0)]
    assert clock.pending() == 0
    assert clock.next_deadline() is None


def test_many_cancellations_keep_counts_right() -> None:
    clock = VirtualClock()
    handles = [clock.call_at(float(i), lambda: None) for i in range(200)]
    for handle in handles[:150]:
        handle.cancel()
    assert clock.pending() == 50
    assert clock.next_deadline() == 150.0
    fired: list[float] = []
    clock.call_at(175.5, lambda: fired.append(clock.now()))
    clock.advance_to(300.0)
    assert fired == [175.5]
    assert clock.pending() == 0


def test_callbacks_may_schedule_and_cancel_during_an_advance() -> None:
    clock = VirtualClock()
    log: list[tuple[str, float]] = []
    victim = clock.call_at(4.0, recorder(clock, log, "victim"))

    def first() -> None:
        log.append(("first", clock.now()))
        clock.call_at(1.5, recorder(clock, log, "spawned-due"))
        clock.call_at(0.5, recorder(clock, log, "spawned-past"))
        clock.call_at(50.0, recorder(clock, log, "spawned-later"))
        victim.cancel()

    clock.call_at(1.0, first)
    clock.call_at(2.0, recorder(clock, log, "second"))
    clock.advance(10.0)
    assert log == [
        ("first", 1.0),
        ("spawned-past", 1.0),  # due already: fires next, at the current time
        ("spawned-due", 1.5),
        ("second", 2.0),
    ]
    assert clock.pending() == 1


def test_timer_set_for_now_or_the_past_fires_on_sleep_zero() -> None:
    clock = VirtualClock(start=10.0)
    log: list[tuple[str, float]] = []
    clock.call_at(10.0, recorder(clock, log, "now"))
    clock.call_at(3.0, recorder(clock, log, "past"))
    assert log == []
    clock.sleep(0)
    assert log == [("past", 10.0), ("now", 10.0)]


def test_callback_that_sleeps_does_not_move_time_backwards() -> None:
    clock = VirtualClock()
    log: list[tuple[str, float]] = []
    clock.call_at(1.0, lambda: clock.sleep(5.0))
    clock.call_at(3.0, recorder(clock, log, "inner"))
    clock.advance(2.0)
    assert log == [("inner", 3.0)]
    assert clock.now() == 6.0


def test_a_raising_callback_leaves_later_timers_pending() -> None:
    clock = VirtualClock()
    log: list[tuple[str, float]] = []

    def boom() -> None:
        raise RuntimeError("boom")

    clock.call_at(1.0, boom)
    clock.call_at(2.0, recorder(clock, log, "after"))
    with pytest.raises(RuntimeError):
        clock.advance(5.0)
    assert clock.now() == 1.0
    assert clock.pending() == 1
    clock.advance(4.0)
    assert log == [("after", 2.0)]


def test_sleep_from_many_threads_fires_every_timer_once() -> None:
    clock = VirtualClock()
    fired: list[float] = []
    for i in range(2000):
        clock.call_at(i * 0.0005, lambda: fired.append(clock.now()))  # all due by ~1 s of 2 s

    def worker() -> None:
        for _ in range(500):
            clock.sleep(0.001)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(fired) == 2000
    assert fired == sorted(fired)
    assert clock.pending() == 0


schedules = st.lists(
    st.tuples(
        st.floats(min_value=0, max_value=100, allow_nan=False),
        st.booleans(),  # cancel this one?
    ),
    max_size=40,
)
steps = st.lists(st.floats(min_value=0, max_value=30, allow_nan=False), min_size=1, max_size=8)


@given(schedule=schedules, sleeps=steps)
def test_fire_order_is_sorted_by_when_then_sequence(
    schedule: list[tuple[float, bool]], sleeps: list[float]
) -> None:
    clock = VirtualClock()
    fired: list[tuple[float, int, float]] = []
    kept: list[tuple[float, int]] = []
    for seq, (when, cancel) in enumerate(schedule):
        handle = clock.call_at(when, lambda w=when, s=seq: fired.append((w, s, clock.now())))
        if cancel:
            handle.cancel()
        else:
            kept.append((when, seq))
    for seconds in sleeps:
        clock.sleep(seconds)
    end = clock.now()
    due = sorted(entry for entry in kept if entry[0] <= end)
    assert [(when, seq) for when, seq, _ in fired] == due
    assert all(now == when for when, _, now in fired)
    assert clock.pending() == len(kept) - len(due)
