#!/bin/busybox sh
# /init of the QEMU test guest: bring up USB and 9p, wait for the CCID reader, then run the
# guest check with the host's own JDK (the host's /usr and /etc over 9p, read-only), and power off.
/bin/busybox --install -s /bin
export PATH=/bin:/sbin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in $(cat /lib/modules/load.order); do
  insmod /lib/modules/$m.ko 2>/dev/null || echo "GUEST: insmod $m failed"
done
i=0
CCID=
while [ $i -lt 200 ] && [ -z "$CCID" ]; do
  for f in /sys/bus/usb/devices/*/bInterfaceClass; do
    [ -e "$f" ] && [ "$(cat $f)" = "0b" ] && CCID=$(dirname $f)
  done
  [ -z "$CCID" ] && sleep 0.1
  i=$((i+1))
done
echo "GUEST: CCID interface ${CCID:-NOT FOUND}"
R=/newroot
mkdir -p $R
mount -t tmpfs -o size=1g newroot $R
mkdir -p $R/usr $R/etc $R/proc $R/sys $R/dev $R/tmp/share $R/root $R/var/tmp $R/run
ln -s usr/bin $R/bin; ln -s usr/lib $R/lib; ln -s usr/lib64 $R/lib64; ln -s usr/sbin $R/sbin
O=trans=virtio,version=9p2000.L,msize=512000
mount -t 9p -o $O,cache=loose,ro hostusr $R/usr
mount -t 9p -o $O,cache=loose,ro hostetc $R/etc
mount -t 9p -o $O share $R/tmp/share
mount -t proc proc $R/proc
mount -t sysfs sys $R/sys
mount -t devtmpfs dev $R/dev
if [ -n "$CCID" ]; then
  chroot $R /bin/sh /tmp/share/run-guest-check.sh
else
  echo 3 > $R/tmp/share/result
fi
sync
poweroff -f
