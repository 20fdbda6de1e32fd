"""An 800G CMIS module in software (memory, rules, state machines, CDB, faults); built on cmis."""

from emulator.errors import EmulatorError, IllegalTransition, ProfileError
from emulator.firmware_image import make_firmware_image
from emulator.module import EmulatedModule
from emulator.profile import Profile, list_profiles, load_profile
from emulator.snapshot import Snapshot

__all__ = [
    "EmulatedModule",
    "EmulatorError",
    "IllegalTransition",
    "Profile",
    "ProfileError",
    "Snapshot",
    "list_profiles",
    "load_profile",
    "make_firmware_image",
]
