"""Build the VM's initramfs: static busybox, the cached modules and /init rendered from init.sh."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.kernel.modinfo import module_name
from tests.kernel.provision import BUSYBOX, Kernel

MARK = "CMIS-KERNEL"  # every line /init reports starts with this
TEMPLATE = Path(__file__).with_name("init.sh")
# A 256-byte chip at 0x50 whose byte 127 selects the page mapped into bytes 128-255.
MODULE_PARAMS = {
    "i2c_stub": "chip_addr=0x50 bank_reg=0x7f bank_mask=0xff bank_start=0x80 bank_end=0xff",
}


def render_init(kernel: Kernel, command: str) -> str:
    """The /init script: insmod lines in load order, then ``command`` run in the host root."""
    insmods = "\n".join(
        f"insmod /lib/modules/{m.name} {MODULE_PARAMS.get(module_name(m), '')}".rstrip()
        + f' || die "insmod {m.name} failed"'
        for m in kernel.modules
    )
    text = TEMPLATE.read_text()
    values = {"@MARK@": MARK, "@INSMODS@": insmods, "@COMMAND@": shlex.quote(command)}
    for key, value in values.items():
        text = text.replace(key, value)
    return text


def build_initramfs(kernel: Kernel, command: str, dest: Path) -> Path:
    """Write a newc cpio archive to ``dest`` and return it."""
    with tempfile.TemporaryDirectory(prefix="cmis-initramfs-") as tmp:
        root = Path(tmp)
        (root / "bin").mkdir()
        (root / "lib/modules").mkdir(parents=True)
        shutil.copy2(BUSYBOX, root / "bin/busybox")
        for module in kernel.modules:
            shutil.copy2(module, root / "lib/modules" / module.name)
        init = root / "init"
        init.write_text(render_init(kernel, command))
        init.chmod(0o755)
        names = sorted(str(p.relative_to(root)) for p in root.rglob("*"))
        with dest.open("wb") as out:
            subprocess.run(
                ["cpio", "--quiet", "-o", "-H", "newc", "-R", "0:0"],
                input="\n".join(names).encode(),
                stdout=out,
                cwd=root,
                check=True,
            )
    return dest
