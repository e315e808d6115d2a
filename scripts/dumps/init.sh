#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t debugfs debugfs /sys/kernel/debug
for m in /*.ko; do [ -e "$m" ] && insmod "$m"; done
echo 1 > /proc/sys/kernel/sysrq
sleep 1 &
echo "corpus init: crashtype=$crashtype"
sleep 2
case "$crashtype" in
SYSRQ) sh -c 'echo c > /proc/sysrq-trigger' ;;
*) sh -c "echo $crashtype > /sys/kernel/debug/corpus_crash/trigger" ;;
esac
echo "corpus init: still alive"
while true; do sleep 100; done
