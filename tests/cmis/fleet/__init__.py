"""Tests of cmis fleet: Nornir rollouts across switches."""
