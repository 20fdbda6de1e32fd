"""Tests of cmis.cdb.client."""
