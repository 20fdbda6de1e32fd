#!/bin/busybox sh
# /init of the kernel I2C test VM (rendered by initramfs.py): load the modules, mount the host
# root read-only over 9p, run the in-VM tests with the project's Python, report, power off.
/bin/busybox mkdir -p /sbin /usr/bin /usr/sbin /proc /sys /dev /mnt
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
say() { echo "@MARK@ $*"; }
die() { say "ERROR $*"; say "DONE"; poweroff -f; }
say "KERNEL $(uname -r)"
@INSMODS@
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=262144,cache=loose hostroot /mnt || die "9p mount of the host root failed"
for fs in proc:proc sysfs:sys devtmpfs:dev; do
    mount -t "${fs%%:*}" "${fs%%:*}" "/mnt/${fs##*:}" || die "mount /mnt/${fs##*:} failed"
done
# Scratch space for the read-only root. Not over /tmp: the checkout under test may live there.
mkdir -p /mnt/dev/shm && mount -t tmpfs tmpfs /mnt/dev/shm || die "mount of scratch tmpfs failed"
[ -c /dev/i2c-0 ] || die "no /dev/i2c-0 after loading i2c-dev and i2c-stub"
say "ADAPTER $(cat /sys/class/i2c-dev/i2c-0/name)"
say "PYTEST-START uptime $(cut -d" " -f1 /proc/uptime) s"
chroot /mnt /usr/bin/env -i PATH=/usr/bin:/bin HOME=/dev/shm TMPDIR=/dev/shm LANG=C.UTF-8 \
    PYTHONDONTWRITEBYTECODE=1 CMIS_KERNEL_VM=1 /bin/sh -c @COMMAND@
rc=$?
say "PYTEST-EXIT $rc uptime $(cut -d" " -f1 /proc/uptime) s"
say "DONE"
poweroff -f
