"""The host API: ``module.Module`` (the facade, over any Transport) and what it composes.

Helpers take a ``memory.ModuleMemory`` (reads, writes, caches, clock), never the facade:
``advertised``, ``status``, ``lanes``, ``control``, ``dom``, ``flags``, ``snapshot`` (one poll),
``named`` (fields by name), ``provision`` (apply an application), ``timing`` (advertised waits),
``provisioning/`` (declarative YAML profiles). ``targets`` turns target strings into Modules.
"""
