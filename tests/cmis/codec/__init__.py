"""Tests of the fast page decoder."""
