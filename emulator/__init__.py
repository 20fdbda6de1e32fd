"""An 800G CMIS module in software (memory, rules, state machines, CDB, faults); built on cmis."""
