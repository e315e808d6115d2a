#!/bin/bash
# Make real kernel crash dumps under QEMU and commit-ready text from them.
#
#   scripts/dumps/make-dumps.sh ARCH [TYPE...]      ARCH: ppc64le | s390x | riscv64 | i386 | arm32 | x86_64 | mips64 | arm64
#                                                         | loongarch64 (SYSRQ only: no module)
#                                                   TYPE: WARNING NULL BUG SYSRQ STACKPROT IRQ
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
i386)
	DEBARCH=i386 SUITE=bookworm ABI=${ABI:-6.1.0-50} FLAVOUR=686 KVER=${KVER:-6.1.176-1}
	TRIPLET=i686-linux-gnu KARCH=i386 QEMU_USER=qemu-i386-static
	LOADER_LINK=lib/ld-linux.so.2
	;;
arm32)
	DEBARCH=armhf SUITE=bookworm ABI=${ABI:-6.1.0-50} FLAVOUR=armmp KVER=${KVER:-6.1.176-1}
	TRIPLET=arm-linux-gnueabihf KARCH=arm QEMU_USER=qemu-arm-static
	LOADER_LINK=lib/ld-linux-armhf.so.3
	;;
x86_64)
	DEBARCH=amd64 SUITE=bookworm ABI=${ABI:-6.1.0-50} FLAVOUR=amd64 KVER=${KVER:-6.1.176-1}
	TRIPLET=x86_64-linux-gnu KARCH=x86_64 QEMU_USER=
	LOADER_LINK=lib64/ld-linux-x86-64.so.2
	;;
arm64)
	DEBARCH=arm64 SUITE=bookworm ABI=${ABI:-6.1.0-50} FLAVOUR=arm64 KVER=${KVER:-6.1.176-1}
	TRIPLET=aarch64-linux-gnu KARCH=arm64 QEMU_USER=qemu-aarch64-static
	LOADER_LINK=lib/ld-linux-aarch64.so.1
	;;
mips64)
	DEBARCH=mips64el SUITE=bookworm ABI=${ABI:-6.1.0-50} FLAVOUR=5kc-malta KVER=${KVER:-6.1.176-1}
	TRIPLET=mips64el-linux-gnuabi64 KARCH=mips QEMU_USER=qemu-mips64el-static
	LOADER_LINK=lib64/ld.so.1
	;;
loongarch64)
	# Debian sid's loong64 kernel and crash 9.0.x. QEMU 7.2 (Debian 12) cannot dump a
	# loongarch64 guest ("not currently supported") and lacks LSX, which sid's userland
	# uses (SIGILL in busybox and crash): trixie's QEMU 10 is unpacked into
	# $SCRATCH/qemu-trixie (nothing installed) and run with its own loader and libraries.
	# No cross compiler for the trigger module on Debian 12: SYSRQ only.
	DEBARCH=loong64 SUITE=sid ABI=${ABI:-} FLAVOUR=loong64 KVER=${KVER:-}
	TRIPLET=loongarch64-linux-gnu KARCH=loongarch QEMU_USER=$SCRATCH/qemu-trixie/fs/usr/bin/qemu-loongarch64
	LOADER_LINK=
	NO_MODULE=1
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

qemu_trixie() { # trixie's qemu-system-misc and its libraries, qemu-user (static), unpacked
	local q=$SCRATCH/qemu-trixie
	[ -x "$q/fs/usr/bin/qemu-system-loongarch64" ] && return
	apt_private amd64 trixie
	mkdir -p "$q/debs" && (cd "$q/debs" && APT_CONFIG=$APTCONF apt-get -q download qemu-user \
		$(APT_CONFIG=$APTCONF apt-cache depends --recurse --no-recommends --no-suggests \
			--no-conflicts --no-breaks --no-replaces --no-enhances qemu-system-misc |
			grep -v '^ ' | grep -v '<' | sort -u | grep -vxE 'qemu-system-(riscv|s390x)|debconf|cdebconf|perl-base|dpkg|base-files|tar|sed|grep|coreutils|bash|util-linux|install-info|adduser|passwd|systemd|udev|init-system-helpers|mount|login'))
	rm -rf "$q/fs" && mkdir -p "$q/fs"
	for d in "$q"/debs/*.deb; do dpkg-deb -x "$d" "$q/fs"; done
}

fetch() {
	[ "$ARCH" = loongarch64 ] && qemu_trixie
	[ -e "$W/.fetched" ] && return
	apt_private "$DEBARCH" "$SUITE"
	if [ -z "$ABI" ]; then # newest ABI that has a -dbg package
		ABI=$(APT_CONFIG=$APTCONF apt-cache search "^linux-image-.*-$FLAVOUR-dbg\$" |
			sed -n "s/^linux-image-\(.*\)-$FLAVOUR-dbg .*/\1/p" | sort -V | tail -1)
	fi
	[ -n "$KVER" ] || KVER=$(APT_CONFIG=$APTCONF apt-cache policy "linux-image-$ABI-$FLAVOUR" | sed -n 's/ *Candidate: //p')
	mkdir -p "$W/debs" && cd "$W/debs"
	# sid splits the image: linux-image-* depends on linux-binary-* (the kernel) and modules
	local kpkg=linux-image
	[ "$ARCH" = loongarch64 ] && kpkg=linux-binary
	APT_CONFIG=$APTCONF apt-get -q download "$kpkg-$ABI-$FLAVOUR" "linux-image-$ABI-$FLAVOUR-dbg" \
		crash busybox-static \
		libc6 libstdc++6 libgcc-s1 liblzo2-2 libsnappy1v5 libzstd1 libncursesw6 libtinfo6 zlib1g
	if [ -n "${NO_MODULE:-}" ]; then
		APT_CONFIG=$APTCONF apt-get -q download libgmp10 libmpfr6 # crash 9.0
	elif [ "$ARCH" = riscv64 ]; then
		APT_CONFIG=$APTCONF apt-get -q download "linux-headers-$ABI-$FLAVOUR" "linux-headers-$ABI-common"
		# trixie: kbuild is per ABI and built for riscv64 (run under qemu-user)
		APT_CONFIG=$APTCONF apt-get -q download "linux-kbuild-$ABI" libelf1t64 libssl3t64 || true
	else
		APT_CONFIG=$APTCONF apt-get -q download "linux-headers-$ABI-$FLAVOUR" "linux-headers-$ABI-common"
		apt_private amd64 "$SUITE"
		APT_CONFIG=$APTCONF apt-get -q download "linux-kbuild-6.1=$KVER"
	fi
	cd "$W"
	rm -rf kimg sysroot hdr && mkdir -p kimg sysroot hdr
	dpkg-deb -x debs/"$kpkg"-"$ABI"-"$FLAVOUR"_*.deb kimg
	for p in crash libc6 libstdc++6 libgcc-s1 liblzo2-2 libsnappy1v5 libzstd1 libncursesw6 \
		libtinfo6 zlib1g busybox-static libelf1t64 libssl3t64 libgmp10 libmpfr6; do
		for d in debs/${p}_*.deb; do [ -e "$d" ] && dpkg-deb -x "$d" sysroot; done
	done
	for d in debs/linux-headers-*.deb debs/linux-kbuild-*.deb; do [ ! -e "$d" ] || dpkg-deb -x "$d" hdr; done
	# qemu-user cannot follow an absolute loader symlink inside -L
	if [ -n "$LOADER_LINK" ] && [ -L "sysroot/$LOADER_LINK" ]; then
		t=$(readlink "sysroot/$LOADER_LINK")
		case $t in /*) ln -sfn "$(realpath -m --relative-to="$(dirname "/$LOADER_LINK")" "$t")" "sysroot/$LOADER_LINK" ;; esac
	fi
	[ -e sysroot/lib ] || ln -s usr/lib sysroot/lib
	# loongarch64: the loader is /lib64/ld-linux-loongarch-lp64d.so.1, only in usr/lib/TRIPLET
	[ "$ARCH" = loongarch64 ] && ln -sfn "usr/lib/$TRIPLET" sysroot/lib64
	# sid's -dbg has boot/vmlinux-* as a symlink to lib/modules/*/vmlinux
	dpkg-deb --fsys-tarfile debs/linux-image-"$ABI"-"$FLAVOUR"-dbg_*.deb |
		tar -x -C . --wildcards ./usr/lib/debug/boot/ './usr/lib/debug/lib/modules/*/vmlinux'
	echo "ABI=$ABI KVER=$KVER" > .fetched
}

# ------------------------------------------------------------------ module + initramfs
build_module() {
	[ -n "${NO_MODULE:-}" ] && return
	# rebuilt when the trigger's source changed (a new crash type)
	[ "$W/mod/corpus_crash.ko" -nt "$HERE/trigger/corpus_crash.c" ] && return
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
	[ -n "${NO_MODULE:-}" ] || cp "$W/mod/corpus_crash.ko" "$d/"
	# i386, x86_64 and arm64 boot with -device vmcoreinfo: its guest driver is a module in Debian
	case $ARCH in i386 | x86_64 | arm64)
		cp "$(find "$W/kimg/lib/modules" -name qemu_fw_cfg.ko | head -1)" "$d/" ;;
	esac
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
	i386)
		K=$(ls "$W"/kimg/boot/vmlinuz-*)
		# no_timer_check: on a busy host TCG can fail the IO-APIC timer check at boot
		# ("IO-APIC + timer doesn't work!") and panic long before the test
		echo qemu-system-i386 -accel tcg -cpu max -m 512M -smp 1 -device vmcoreinfo \
			-kernel "$K" -append "\"console=ttyS0 nokaslr no_timer_check $app\"" ;;
	arm32)
		K=$(ls "$W"/kimg/boot/vmlinuz-*)
		echo qemu-system-arm -M virt -cpu cortex-a15 -m 512M -smp 1 \
			-kernel "$K" -append "\"console=ttyAMA0 $app\"" ;;
	arm64)
		K=$(ls "$W"/kimg/boot/vmlinuz-*)
		echo qemu-system-aarch64 -M virt -cpu cortex-a72 -m 1G -smp 1 -device vmcoreinfo \
			-kernel "$K" -append "\"console=ttyAMA0 nokaslr $app\"" ;;
	x86_64)
		K=$(ls "$W"/kimg/boot/vmlinuz-*)
		echo qemu-system-x86_64 -accel tcg -cpu max,la57=off -m 1G -smp 1 -device vmcoreinfo \
			-kernel "$K" -append "\"console=ttyS0 $app\"" ;;
	loongarch64)
		# QEMU boots the -dbg vmlinux (ELF); its own boot code stands in for firmware. virt has
		# no i8042: probing it oopses in i8042_flush at boot
		local q=$SCRATCH/qemu-trixie/fs
		K=$(readlink -f "$W"/usr/lib/debug/boot/vmlinux-*)
		# -audio none: probing the default audio driver loads the host QEMU 7.2's audio-pa.so,
		# and QEMU 10 aborts ("Only modules from the same build can be loaded")
		echo "$q/usr/lib64/ld-linux-x86-64.so.2" --library-path "$q/usr/lib/x86_64-linux-gnu:$q/lib/x86_64-linux-gnu" \
			"$q/usr/bin/qemu-system-loongarch64" -L "$q/usr/share/qemu" -audio none -M virt -cpu la464 -m 1G -smp 1 \
			-kernel "$K" -append "\"console=ttyS0 nokaslr initcall_blacklist=i8042_init $app\"" ;;
	mips64)
		# the -dbg vmlinux (same loadable segments): QEMU puts the initrd after the ELF it
		# loads, and the self-decompressing vmlinuz would unpack over it
		K=$(ls "$W"/usr/lib/debug/boot/vmlinux-*)
		echo qemu-system-mips64el -M malta -cpu 5KEc -m 256M -smp 1 \
			-kernel "$K" -append "\"console=ttyS0 nokaslr $app\"" ;;
	esac
}

hmp() { # COMMAND... (HMP over the monitor socket)
	printf '%s\n' "$@" | socat -t 120 - "UNIX-CONNECT:$W/run/mon.sock" | tr -d '\r' >> "$W/run/hmp.log"
}

text_symbol() { # ADDRESS (hex): the kernel text symbol it lies in, from the vmlinux
	[ -s "$W/dumps/vmlinux.nm" ] || nm -n "$W/dumps/vmlinux" | grep -i ' t ' > "$W/dumps/vmlinux.nm"
	# nm prints 8 lowercase hex digits on arm32: compare as strings
	awk -v a="$1" '{ if ($1 "" > a "") exit; s = $3 } END { print s }' "$W/dumps/vmlinux.nm"
}

stop_in_task_context() { # arm32: stop the CPU where crash's unwinder can start
	# Stopped at random, the CPU is often taking the timer interrupt of panic's delay loop:
	# at the exception vectors (pc ffff00xx; bt: "UNWIND: cannot find unwind table for
	# ffff0018") or on the IRQ stack, which crash 8.0.2 does not unwind from (bt stops after
	# frame #0). Go on and stop again until the CPU is in panic's delay loop (pc or lr in
	# __timer_delay or panic) and, where the console printed "Stack: (0x… to 0x…)", sp is
	# on that task stack.
	local i regs pc lr sp top
	top=$(grep -aoE '[Ss]tack:? ?\(0x[0-9a-f]+ to 0x[0-9a-f]+\)' "$W/run/console.log" | tail -1 |
		sed 's/.* to 0x\([0-9a-f]*\).*/\1/' || true)
	for i in $(seq 300); do
		hmp stop
		regs=$(printf 'info registers\n' | socat -t 10 - "UNIX-CONNECT:$W/run/mon.sock" | tr -d '\r' || true)
		pc=$(echo "$regs" | sed -n 's/.*R15=\([0-9a-f]*\).*/\1/p' | tail -1)
		lr=$(echo "$regs" | sed -n 's/.*R14=\([0-9a-f]*\).*/\1/p' | tail -1)
		sp=$(echo "$regs" | sed -n 's/.*R13=\([0-9a-f]*\).*/\1/p' | tail -1)
		case "$pc $(text_symbol "$pc") $(text_symbol "$lr") " in
		ffff0*) ;; # the exception vectors: lr is whatever was interrupted
		*" __timer_delay "* | *" panic "*)
			if [ -z "$top" ] || { [ $((0x$sp)) -lt $((0x$top)) ] && [ $((0x$sp)) -ge $((0x$top - 8192)) ]; }; then
				echo "stopped at pc $pc lr $lr sp $sp (try $i)"
				return
			fi ;;
		esac
		hmp cont
		sleep 0.$((RANDOM % 5))$((RANDOM % 10))
	done
	echo "no stop in task context after $i tries: dumping at pc $pc sp $sp"
}

stop_in_mips64_kernel_text() { # REGFILE: stop where crash's mips64 unwinder can start
	# Stopped at random, the CPU is often taking the timer interrupt of panic's delay loop: pc
	# at the exception vector that the kernel copied to RAM (not kernel text), Status.EXL set,
	# or in the handler on the IRQ stack, where crash 8.0.2's mips64 bt prints no frame. Go on
	# and stop again until pc is in the kernel's text, EXL is clear and sp is on the task's
	# stack ($28 = gp holds its thread_info, at the bottom of the 16 KiB THREAD_SIZE stack);
	# keep that `info registers` (what the vmcore's NT_PRSTATUS note is made of).
	local i regs pc st gp sp lo hi
	lo=$(awk '$3 == "_text" { print $1 }' "$W"/usr/lib/debug/boot/System.map-*)
	hi=$(awk '$3 == "_etext" { print $1 }' "$W"/usr/lib/debug/boot/System.map-*)
	for i in $(seq 300); do
		hmp stop
		regs=$(printf 'info registers\n' | socat -t 10 - "UNIX-CONNECT:$W/run/mon.sock" | tr -d '\r' || true)
		pc=$(echo "$regs" | sed -n 's/^pc=0x\([0-9a-f]*\) .*/\1/p' | tail -1)
		st=$(echo "$regs" | sed -n 's/.*Status *0x\([0-9a-f]*\) .*/\1/p' | tail -1)
		gp=$(echo "$regs" | sed -n 's/^GPR28: gp \([0-9a-f]*\) sp \([0-9a-f]*\) .*/\1/p' | tail -1)
		sp=$(echo "$regs" | sed -n 's/^GPR28: gp \([0-9a-f]*\) sp \([0-9a-f]*\) .*/\2/p' | tail -1)
		if [[ -n $pc && $pc > $lo && $pc < $hi && -n $sp && $sp > $gp ]] &&
			[ $((0x${st:-2} & 2)) -eq 0 ] && [ $((0x$sp - 0x$gp)) -lt 16384 ]; then
			echo "stopped at pc $pc status $st (try $i)"
			echo "$regs" > "$1"
			return
		fi
		hmp cont
		sleep 0.$((RANDOM % 5))$((RANDOM % 10))
	done
	echo "no stop in kernel text after $i tries: dumping at pc $pc"
	echo "$regs" > "$1"
}

one_dump() { # NN TYPE
	local nn=$1 type=$2 name
	name=$nn-$(echo "$type" | tr A-Z a-z)
	local R=$W/run
	mkdir -p "$R" "$W/dumps"
	rm -rf "$R"/* "$W/dumps/$name".*
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
	if [ "$ARCH" = mips64 ]; then
		# QEMU 7.2 cannot dump a MIPS guest ("this feature or command is not currently
		# supported"): save the stopped CPU's registers and the RAM (malta: -m 256M is one
		# bank at physical 0) and write the ELF vmcore from them
		stop_in_mips64_kernel_text "$W/dumps/$name.regs"
		# quoted: unquoted, the size expression would read the path's "/" as a division
		hmp "pmemsave 0 0x10000000 \"$W/dumps/$name.ram0\"" quit || true
		wait $qpid || true
		cp "$R/console.log" "$W/dumps/$name.console.raw"
		grep -aqE 'corpus_crash: triggering|sysrq: Trigger a crash' "$R/console.log" ||
			{ echo "$name: the guest panicked before the test (see $W/dumps/$name.console.raw)" >&2; exit 1; }
		python3 "$HERE/ramdump-elf.py" mips64 "$W/dumps/$name.vmcore" "$W/dumps/$name.regs" \
			"$W/dumps/$name.ram0@0"
		rm -f "$W/dumps/$name.ram0"
		analyse "$name"
		return
	fi
	[ "$ARCH" = arm32 ] && stop_in_task_context
	# HMP runs the commands in order; dump-guest-memory (without -d) returns when written
	hmp stop "dump-guest-memory $W/dumps/$name.vmcore" quit || true
	wait $qpid || true
	cp "$R/console.log" "$W/dumps/$name.console.raw"
	# a panic before the test ran (a boot failure) is not the crash asked for
	grep -aqE 'corpus_crash: triggering|sysrq: Trigger a crash' "$R/console.log" ||
		{ echo "$name: the guest panicked before the test (see $W/dumps/$name.console.raw)" >&2; exit 1; }
	case $ARCH in
	ppc64le) python3 "$HERE/vmcore-fixup.py" ppc64le-endian "$W/dumps/$name.vmcore" ;;
	riscv64 | loongarch64) python3 "$HERE/vmcore-fixup.py" vmcoreinfo "$W/dumps/$name.vmcore" ;;
	esac
	analyse "$name"
}

cut_console() { # NN-type: the console from the crash's first line to the end, bytes as captured
	python3 - "$W/dumps/$1.console.raw" "$OUTDIR/$1.console.crashlog" <<'PY'
import sys
raw = open(sys.argv[1], 'rb').read()
for key in (b'corpus_crash: triggering', b'sysrq: Trigger a crash'):
    i = raw.find(key)
    if i >= 0:
        break
i = raw.rfind(b'\n', 0, i) + 1
open(sys.argv[2], 'wb').write(raw[i:])
PY
}

analyse() { # NN-type: console cut, crash session on the kept vmcore, transcript and truth
	local name=$1 type
	type=$(echo "${name#*-}" | tr a-z A-Z)
	cut_console "$name"
	local crash="$QEMU_USER -L $W/sysroot $W/sysroot/usr/bin/crash"
	# an amd64 crash runs here natively, with the sysroot's own loader and libraries
	[ -z "$QEMU_USER" ] && crash="$W/sysroot/$LOADER_LINK --library-path $W/sysroot/lib/$TRIPLET:$W/sysroot/usr/lib/$TRIPLET $W/sysroot/usr/bin/crash"
	CRASH=$crash \
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
ln -sf "$(readlink -f "$W"/usr/lib/debug/boot/vmlinux-*)" "$W/dumps/vmlinux"
if [ "$ARCH" = i386 ]; then
	# crash (8.0.2 and 8.0.6, x86.c x86_omit_frame_pointer) reads the first bytes of
	# sys_open and sys_fork and stops with 'cannot resolve "sys_open"' when they are
	# missing; 6.1 names them __ia32_sys_open, __ia32_sys_fork.  Add the old names as
	# aliases to a copy of the symbol table (code and dump untouched).
	[ -e "$W/vmlinux-crash" ] || {
		V=$(readlink -f "$W/dumps/vmlinux")
		text=$(readelf -SW "$V" | sed -n 's/.* \.text  *PROGBITS  *\([0-9a-f]*\) .*/\1/p')
		alias=()
		for f in open fork read; do
			a=$(nm "$V" | awk -v s="__ia32_sys_$f" '$3 == s { print $1 }')
			alias+=(--add-symbol "sys_$f=.text:0x$(printf %x $((0x$a - 0x$text))),global,function")
		done
		objcopy "${alias[@]}" "$V" "$W/vmlinux-crash"
	}
	ln -sf "$W/vmlinux-crash" "$W/dumps/vmlinux"
fi
[ -n "${NO_MODULE:-}" ] || cp "$W/mod/corpus_crash.ko" "$W/dumps/"
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
