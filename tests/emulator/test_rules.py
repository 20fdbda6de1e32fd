"""Every row of both transition tables, and the error for an event with no row."""

from __future__ import annotations

import itertools

import pytest

from cmis.codec.codes import DataPathState as DP
from emulator import IllegalTransition
from emulator.rules import (
    DATAPATH_TIMERS,
    DATAPATH_TRANSITIONS,
    MODULE_TIMERS,
    MODULE_TRANSITIONS,
    STEADY_DP_STATES,
    DPEvent,
    Mod,
    ModEvent,
    datapath_next,
    module_next,
)


@pytest.mark.parametrize(("row", "target"), MODULE_TRANSITIONS.items(), ids=str)
def test_module_row(row, target):
    assert module_next(*row) is target


@pytest.mark.parametrize(("row", "target"), DATAPATH_TRANSITIONS.items(), ids=str)
def test_datapath_row(row, target):
    assert datapath_next(*row) is target


def test_every_missing_module_row_raises_naming_state_and_event():
    for state, event in itertools.product(Mod, ModEvent):
        if (state, event) not in MODULE_TRANSITIONS:
            with pytest.raises(IllegalTransition, match=f"{event.value}.*{state.name}"):
                module_next(state, event)


def test_every_missing_datapath_row_raises():
    for state, event in itertools.product(DP, DPEvent):
        if (state, event) not in DATAPATH_TRANSITIONS:
            with pytest.raises(IllegalTransition, match=state.name):
                datapath_next(state, event)


@pytest.mark.parametrize(("state", "timer"), MODULE_TIMERS.items(), ids=str)
def test_every_module_timer_leaves_its_state_by_a_row(state, timer):
    assert module_next(state, timer[0]) is not state


@pytest.mark.parametrize(("state", "timer"), DATAPATH_TIMERS.items(), ids=str)
def test_every_datapath_timer_leaves_its_state_by_a_row(state, timer):
    assert datapath_next(state, timer[0]) is not state


def test_the_untimed_datapath_states_are_the_steady_ones():
    assert {DP.DPDeactivated, DP.DPInitialized, DP.DPActivated} == STEADY_DP_STATES
