"""Transports: how host code reaches module memory (TwiDevice, Transport and implementations)."""
