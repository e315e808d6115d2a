#!/bin/bash
# Make real kernel crash dumps under QEMU and commit-ready text from them.
#
#   scripts/dumps/make-dumps.sh ARCH [TYPE...]      ARCH: ppc64le | s390x | riscv64
#                                                   TYPE: WARNING NULL BUG SYSRQ STACKPROT
#   scripts/dumps/make-dumps.sh ARCH prepare        only fetch packages, build module + initramfs
#   scripts/dumps/make-dumps.sh ARCH analyse NN-type...   re-run crash + truth on kept vmcores
#   FIRST_NN=3 scripts/dumps/make-dumps.sh ARCH BUG SYSRQ   number the dumps from 03
#
# Needs (Debian 12 host, root): qemu-system-ppc / qemu-system-misc, qemu-user-static, socat,
# cpio, python3, the cross compiler of the target (gcc-12-powerpc64le-linux-gnu,
# gcc-12-s390x-linux-gnu, gcc-riscv64-linux-gnu).  Target packages (kernel, -dbg vmlinux,
# headers, busybox-static, crash and its libraries) are fetched with a private apt
# configuration into $DUMPS_SCRATCH; nothing is installed into the host's dpkg.
#
# Output: test/corpus/ARCH/NN-type.{console.crashlog,crashlog,truth.json}.  The vmcores
# (1 GiB each) stay in $DUMPS_SCRATCH.  Not run by CI or tests: run it by hand.
set -euo pipefail
ARCH=${1:?usage: make-dumps.sh ARCH [TYPE...]}; shift
TYPES=${*:-WARNING NULL BUG SYSRQ}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SCRATCH=${DUMPS_SCRATCH:-${TMPDIR:-/tmp}/crashlog-dumps}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
W=$SCRATCH/$ARCH
OUTDIR=$REPO/test/corpus/$ARCH
mkdir -p "$W" "$OUTDIR"

case $ARCH in
ppc64le)
	DEBARCH=ppc64el SUITE=bookworm ABI=${ABI:-6.1.0-50} FLAVOUR=powerpc64le KVER=${KVER:-6.1.176-1}
	TRIPLET=powerpc64le-linux-gnu KARCH=powerpc QEMU_USER=qemu-ppc64le-static
	LOADER_LINK=lib64/ld64.so.2
	;;
s390x)
	DEBARCH=s390x SUITE=bookworm ABI=${ABI:-6.1.0-50} FLAVOUR=s390x KVER=${KVER:-6.1.176-1}
	TRIPLET=s390x-linux-gnu KARCH=s390 QEMU_USER=qemu-s390x-static
	LOADER_LINK=lib/ld64.so.1
	;;
riscv64)
	DEBARCH=riscv64 SUITE=trixie ABI=${ABI:-} FLAVOUR=riscv64 KVER=${KVER:-}
	TRIPLET=riscv64-linux-gnu KARCH=riscv QEMU_USER=qemu-riscv64-static
	LOADER_LINK=
	;;
*) echo "unknown ARCH $ARCH" >&2; exit 2 ;;
esac

# ------------------------------------------------------------------ packages
apt_private() { # ARCH SUITE -> sets APTCONF
	local d=$SCRATCH/apt/$1-$2
	mkdir -p "$d/lists/partial" "$d/archives/partial" "$d/etc"
	[ -e "$d/status" ] || : > "$d/status"
	echo "deb [arch=$1] $MIRROR $2 main" > "$d/etc/sources.list"
	cat > "$d/apt.conf" <<EOC
Dir::Etc::sourcelist "$d/etc/sources.list";
Dir::Etc::sourceparts "-";
Dir::State "$d";
Dir::State::lists "$d/lists";
Dir::State::status "$d/status";
Dir::Cache "$d";
Dir::Cache::archives "$d/archives";
APT::Architecture "$1";
APT::Architectures "$1";
EOC
	APTCONF=$d/apt.conf
	[ -n "$(ls "$d/lists" 2>/dev/null | grep Packages || true)" ] || APT_CONFIG=$APTCONF apt-get -q update
}

fetch() {
	[ -e "$W/.fetched" ] && return
	apt_private "$DEBARCH" "$SUITE"
	if [ -z "$ABI" ]; then # newest ABI that has a -dbg package
		ABI=$(APT_CONFIG=$APTCONF apt-cache search "^linux-image-.*-$FLAVOUR-dbg\$" |
			sed -n "s/^linux-image-\(.*\)-$FLAVOUR-dbg .*/\1/p" | sort -V | tail -1)
	fi
	[ -n "$KVER" ] || KVER=$(APT_CONFIG=$APTCONF apt-cache policy "linux-image-$ABI-$FLAVOUR" | sed -n 's/ *Candidate: //p')
	mkdir -p "$W/debs" && cd "$W/debs"
	APT_CONFIG=$APTCONF apt-get -q download "linux-image-$ABI-$FLAVOUR" "linux-image-$ABI-$FLAVOUR-dbg" \
		"linux-headers-$ABI-$FLAVOUR" "linux-headers-$ABI-common" crash busybox-static \
		libc6 libstdc++6 libgcc-s1 liblzo2-2 libsnappy1v5 libzstd1 libncursesw6 libtinfo6 zlib1g
	if [ "$ARCH" = riscv64 ]; then
		# trixie: kbuild is per ABI and built for riscv64 (run under qemu-user)
		APT_CONFIG=$APTCONF apt-get -q download "linux-kbuild-$ABI" libelf1t64 libssl3t64 || true
	else
		apt_private amd64 "$SUITE"
		APT_CONFIG=$APTCONF apt-get -q download "linux-kbuild-6.1=$KVER"
	fi
	cd "$W"
	rm -rf kimg sysroot hdr && mkdir -p kimg sysroot hdr
	dpkg-deb -x debs/linux-image-"$ABI"-"$FLAVOUR"_*.deb kimg
	for p in crash libc6 libstdc++6 libgcc-s1 liblzo2-2 libsnappy1v5 libzstd1 libncursesw6 \
		libtinfo6 zlib1g busybox-static libelf1t64 libssl3t64; do
		for d in debs/${p}_*.deb; do [ -e "$d" ] && dpkg-deb -x "$d" sysroot; done
	done
	for d in debs/linux-headers-*.deb debs/linux-kbuild-*.deb; do dpkg-deb -x "$d" hdr; done
	# qemu-user cannot follow an absolute loader symlink inside -L
	if [ -n "$LOADER_LINK" ] && [ -L "sysroot/$LOADER_LINK" ]; then
		t=$(readlink "sysroot/$LOADER_LINK")
		case $t in /*) ln -sfn "$(realpath -m --relative-to="$(dirname "/$LOADER_LINK")" "$t")" "sysroot/$LOADER_LINK" ;; esac
	fi
	[ -e sysroot/lib ] || ln -s usr/lib sysroot/lib
	dpkg-deb --fsys-tarfile debs/linux-image-"$ABI"-"$FLAVOUR"-dbg_*.deb | tar -x -C . ./usr/lib/debug/boot/
	echo "ABI=$ABI KVER=$KVER" > .fetched
}

# ------------------------------------------------------------------ module + initramfs
build_module() {
	[ -e "$W/mod/corpus_crash.ko" ] && return
	local H
	H=$(ls -d "$W"/hdr/usr/src/linux-headers-*-"$FLAVOUR")
	# the headers' Makefile includes the -common tree by absolute path
	sed -i "s|^include /usr/src/|include $W/hdr/usr/src/|" "$H/Makefile"
	local extra=()
	if [ "$ARCH" = riscv64 ]; then
		# trixie's kbuild tools (fixdep, modpost, ...) are riscv64 binaries: wrap each in
		# qemu-riscv64-static with the target sysroot
		local f
		for f in $(find "$W"/hdr/usr/lib/linux-kbuild-* -type f -perm -u+x ! -name '*.riscv64' ! -name '*.sh'); do
			head -c 4 "$f" | grep -q ELF || continue
			mv "$f" "$f.riscv64"
			printf '#!/bin/sh\nexec %s -L %s "$0.riscv64" "$@"\n' "$QEMU_USER" "$W/sysroot" > "$f"
			chmod +x "$f"
		done
		# Debian's modpost is a small launcher that picks modpost.real-{lsb,msb}-{32,64} by
		# itself, which fails under qemu-user: call the real 64-bit little-endian one directly
		f=$(ls "$W"/hdr/usr/lib/linux-kbuild-*/scripts/mod/modpost)
		printf '#!/bin/sh\nexec %s -L %s "$0.real-lsb-64.riscv64" "$@"\n' "$QEMU_USER" "$W/sysroot" > "$f"
		# built with Debian 12's gcc-12 (the kernel was built with gcc-14): drop what gcc-12
		# lacks; no BTF for the module (no pahole here)
		extra=(CONFIG_CC_HAS_MIN_FUNCTION_ALIGNMENT= CONFIG_DEBUG_INFO_BTF_MODULES=)
	fi
	rm -rf "$W/mod" && cp -r "$HERE/trigger" "$W/mod"
	local CC
	CC=$(ls /usr/bin/$TRIPLET-gcc-12 2>/dev/null || echo $TRIPLET-gcc)
	make -C "$H" M="$W/mod" ARCH=$KARCH CROSS_COMPILE=$TRIPLET- CC="$CC" \
		KCFLAGS="-ffile-prefix-map=$W/mod/= -ffile-prefix-map=$W/hdr/usr/src/=/usr/src/" \
		"${extra[@]}" modules
}

build_initrd() {
	local d=$W/initrd
	rm -rf "$d" && mkdir -p "$d"/{bin,proc,sys,dev,tmp}
	cp "$(ls "$W"/sysroot/bin/busybox "$W"/sysroot/usr/bin/busybox 2>/dev/null | head -1)" "$d/bin/"
	cp "$W/mod/corpus_crash.ko" "$d/"
	cp "$HERE/init.sh" "$d/init" && chmod +x "$d/init"
	(cd "$d" && find . | cpio -o -H newc 2>/dev/null | gzip -1) > "$W/initrd.gz"
}

# ------------------------------------------------------------------ boot, crash, dump
qemu_cmd() { # TYPE
	local app="panic=0 oops=panic crashtype=$1"
	[ "$1" = WARNING ] && app="$app panic_on_warn=1"
	local K
	case $ARCH in
	ppc64le)
		K=$(ls "$W"/kimg/boot/vmlinux-*)
		echo qemu-system-ppc64 -M pseries -accel tcg -cpu power9 -m 1G -smp 1 -vga none \
			-kernel "$K" -append "\"console=hvc0 $app\"" -action panic=none ;;
	s390x)
		K=$(ls "$W"/kimg/boot/vmlinuz-*)
		echo qemu-system-s390x -M s390-ccw-virtio -accel tcg -cpu max -m 1G -smp 1 \
			-kernel "$K" -append "\"console=ttysclp0 nokaslr $app\"" -action panic=pause ;;
	riscv64)
		K=$(ls "$W"/kimg/boot/vmlinux-*)
		echo qemu-system-riscv64 -M virt -m 1G -smp 1 -bios default \
			-kernel "$K" -append "\"console=ttyS0 nokaslr $app\"" -action panic=pause ;;
	esac
}

hmp() { # COMMAND... (HMP over the monitor socket)
	printf '%s\n' "$@" | socat -t 120 - "UNIX-CONNECT:$W/run/mon.sock" > /dev/null
}

one_dump() { # NN TYPE
	local nn=$1 type=$2 name
	name=$nn-$(echo "$type" | tr A-Z a-z)
	local R=$W/run
	mkdir -p "$R" "$W/dumps"
	rm -f "$R"/* "$W/dumps/$name".*
	eval "set -- $(qemu_cmd "$type")"
	nice -n 10 "$@" -initrd "$W/initrd.gz" -display none -nic none -no-reboot -no-shutdown \
		-serial "file:$R/console.log" -monitor "unix:$R/mon.sock,server,nowait" \
		> "$R/qemu.log" 2>&1 &
	local qpid=$! i
	# wait for the panic: ppc64le and riscv64 print "---[ end Kernel panic", s390x stops
	# in a disabled wait after "Kernel panic - not syncing"
	for i in $(seq 240); do
		sleep 1
		grep -aq -- '---\[ end Kernel panic' "$R/console.log" 2>/dev/null && break
		if grep -aq 'Kernel panic - not syncing' "$R/console.log" 2>/dev/null; then
			[ "$ARCH" = s390x ] && { sleep 5; break; }
		fi
	done
	sleep 2
	# HMP runs the commands in order; dump-guest-memory (without -d) returns when written
	hmp stop "dump-guest-memory $W/dumps/$name.vmcore" quit || true
	wait $qpid || true
	cp "$R/console.log" "$W/dumps/$name.console.raw"
	case $ARCH in
	ppc64le) python3 "$HERE/vmcore-fixup.py" ppc64le-endian "$W/dumps/$name.vmcore" ;;
	riscv64) python3 "$HERE/vmcore-fixup.py" vmcoreinfo "$W/dumps/$name.vmcore" ;;
	esac
	analyse "$name"
}

analyse() { # NN-type: console cut, crash session on the kept vmcore, transcript and truth
	local name=$1 type
	type=$(echo "${name#*-}" | tr a-z A-Z)
	# console: from the crash's first line to the end, bytes as captured
	python3 - "$W/dumps/$name.console.raw" "$OUTDIR/$name.console.crashlog" <<'PY'
import sys
raw = open(sys.argv[1], 'rb').read()
for key in (b'corpus_crash: triggering', b'sysrq: Trigger a crash'):
    i = raw.find(key)
    if i >= 0:
        break
i = raw.rfind(b'\n', 0, i) + 1
open(sys.argv[2], 'wb').write(raw[i:])
PY
	CRASH="$QEMU_USER -L $W/sysroot $W/sysroot/usr/bin/crash" \
		python3 "$HERE/crashrun.py" "$ARCH" "$W/dumps" "$name"
	cp "$W/dumps/$name.crashlog" "$OUTDIR/"
	python3 "$HERE/truth.py" "$ARCH" "$OUTDIR/$name" "$type" > "$OUTDIR/$name.truth.json"
}

fetch
. "$W/.fetched"
export ABI KVER
build_module
build_initrd
[ "$TYPES" = prepare ] && exit 0
mkdir -p "$W/dumps"
ln -sf "$(ls "$W"/usr/lib/debug/boot/vmlinux-*)" "$W/dumps/vmlinux"
cp "$W/mod/corpus_crash.ko" "$W/dumps/"
if [ "${1:-}" = analyse ]; then # re-run only crash + truth on kept dumps: analyse NN-type...
	shift
	for name in "$@"; do analyse "$name"; done
	exit 0
fi
n=$((${FIRST_NN:-1} - 1))
for t in $TYPES; do
	n=$((n + 1))
	one_dump "$(printf %02d $n)" "$t"
done
