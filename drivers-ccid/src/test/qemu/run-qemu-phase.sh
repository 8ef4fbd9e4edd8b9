#!/bin/sh
# QEMU test phase of the CCID driver: boots a Debian kernel under TCG with QEMU's usb-ccid reader
# and a card scripted from the host (ccid-card-passthru), and runs the usb bundle + CCID driver
# inside the guest through usb4java (QemuGuestCheck). Everything it downloads or builds goes to
# $JPCSCD_QEMU_WORK (default /tmp/jpcscd-qemu; only the kernel, cached) and target/qemu-phase, never
# into the repository.
#
# Needs (Debian): qemu-system-x86 busybox-static cpio kmod, and a prior
#   mvn -pl drivers-ccid -am install      (builds the bundles and target/it-bundles)
# Exit status: 0 when every guest check passed.
set -eu
MODULE=$(cd "$(dirname "$0")/../../.." && pwd)
WORK=${JPCSCD_QEMU_WORK:-/tmp/jpcscd-qemu}
M2=${M2_REPO:-$HOME/.m2/repository}
mkdir -p "$WORK"
cd "$WORK"

# 1. Kernel: whatever linux-image-amd64 points at today, unpacked (no install).
if [ ! -f kernel.ready ]; then
  pkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/ {print $2; exit}')
  kver=${pkg#linux-image-}
  rm -rf kpkg ./*.deb
  apt-get download "$pkg"
  dpkg -x ./*.deb kpkg
  depmod -b kpkg "$kver"
  echo "$kver" > kernel.ready
fi
kver=$(cat kernel.ready)
KPKG="$WORK/kpkg"

# Everything of this run lives in the module's target/, so two builds never share a guest's files;
# only the unpacked kernel above is cached between runs.
RUN="$MODULE/target/qemu-phase"
mkdir -p "$RUN"
cd "$RUN"

# 2. Initramfs: busybox, the USB/virtio/9p modules in dependency order, our /init.
rm -rf rootfs && mkdir -p rootfs/bin rootfs/sbin rootfs/lib/modules rootfs/proc rootfs/sys rootfs/dev rootfs/tmp
cp /bin/busybox rootfs/bin/busybox
cp "$MODULE/src/test/qemu/guest-init.sh" rootfs/init
chmod +x rootfs/init
for top in xhci_pci 9pnet_virtio 9p virtio_pci; do
  modprobe -d "$KPKG" -S "$kver" --show-depends $top | awk '$1 == "insmod" {print $2}'
done | awk '!seen[$0]++' | while read -r ko; do
  name=$(basename "$ko" .ko)
  cp "$ko" "rootfs/lib/modules/$name.ko"
  echo "$name" >> rootfs/lib/modules/load.order
done
(cd rootfs && find . | cpio -o -H newc --quiet | gzip -1) > initramfs.cpio.gz

# 3. The shared folder: bundles, test classes and the class path of the guest check.
rm -rf share && mkdir -p share/bundles share/lib
cp "$MODULE"/target/it-bundles/*.jar share/bundles/
cp "$MODULE"/target/jpcscd-driver-ccid-0.1.0.jar share/bundles/jpcscd-driver-ccid.jar
cp -r "$MODULE/target/test-classes" share/classes
cp "$M2/org/apache/felix/org.apache.felix.framework/7.0.5/org.apache.felix.framework-7.0.5.jar" share/lib/
cp share/bundles/slf4j-api.jar share/bundles/slf4j-simple.jar share/bundles/jpcscd-api.jar share/lib/
cat > share/run-guest-check.sh <<'GUEST'
#!/bin/sh
cd /tmp/share
CP=classes:lib/org.apache.felix.framework-7.0.5.jar:lib/slf4j-api.jar:lib/slf4j-simple.jar:lib/jpcscd-api.jar
/usr/lib/jvm/java-17-openjdk-amd64/bin/java -XX:TieredStopAtLevel=1 -Djava.io.tmpdir=/tmp \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=info -Dorg.slf4j.simpleLogger.log.org.jpcscd.usb=debug -cp "$CP" org.jpcscd.driver.ccid.QemuGuestCheck /tmp/share
GUEST

# 4. The scripted card, then the guest. QEMU connects to the card's socket as a client.
rm -f "$RUN/vscard.sock" "$RUN/monitor.sock"
java -cp "$MODULE/target/test-classes:$MODULE/target/classes" org.jpcscd.driver.ccid.VsCardServer \
  "$RUN/vscard.sock" "$RUN/share" "$RUN/monitor.sock" &
CARD=$!
trap 'kill $CARD 2>/dev/null || true' EXIT
i=0
while [ ! -S "$RUN/vscard.sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done

timeout 600 qemu-system-x86_64 -accel tcg -M q35 -m 3072 -smp 2 -nographic -no-reboot \
  -kernel "$KPKG/boot/vmlinuz-$kver" -initrd initramfs.cpio.gz \
  -append "console=ttyS0 quiet panic=-1" \
  -monitor unix:"$RUN/monitor.sock",server=on,wait=off \
  -device qemu-xhci,id=xhci \
  -device usb-ccid,id=ccid,bus=xhci.0 \
  -chardev socket,id=vsc,path="$RUN/vscard.sock" \
  -device ccid-card-passthru,chardev=vsc \
  -virtfs local,path=/usr,mount_tag=hostusr,security_model=none,readonly=on \
  -virtfs local,path=/etc,mount_tag=hostetc,security_model=none,readonly=on \
  -virtfs local,path="$RUN/share",mount_tag=share,security_model=none \
  | tee "$RUN/guest.log"

result=$(cat "$RUN/share/result" 2>/dev/null || echo 4)
echo "QEMU phase result: $result (0 = pass; guest log in $RUN/guest.log)"
exit "$result"
