"""The CLI's connection to one module: opened lazily from ``--target``, shared by a command."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from cmis.host.module import Module
from cmis.host.timing import Margin

F = TypeVar("F", bound=Callable[..., Any])


class Session:
    """What the global options ask for; ``module`` opens the target on first use."""

    def __init__(
        self, target: str, margin: float, record: str | None, chassis: str | None = None
    ) -> None:
        self.target, self.margin, self.record = target, margin, record
        self.chassis = chassis  # a folder of ports: status/dom/info run on each (cli/chassis.py)
        self._module: Module | None = None

    @property
    def module(self) -> Module:
        if self._module is None:
            from cmis.host.targets import open as open_target

            self._module = open_target(self.target, record=self.record)
            self._module.margin = Margin(factor=self.margin)
        return self._module


def with_module(command: F) -> F:
    """Pass the session's Module as the first argument (the target opens after options parse)."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        session = click.get_current_context().find_object(Session)
        assert session is not None, "commands run under the cmis group"
        return command(session.module, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON (see README).")
