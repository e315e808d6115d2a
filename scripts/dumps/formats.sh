#!/bin/bash
# Every output variant of crash's bt, rd, search, kmem and sym on one kept vmcore.
#
#   scripts/dumps/formats.sh ARCH NN-type     e.g. formats.sh ppc64le 01-warning
#
# Runs formats.py (which uses crashrun.py's crash session) on $DUMPS_SCRATCH/ARCH/dumps/NN-type.vmcore,
# made by make-dumps.sh, with crash under qemu-user as make-dumps.sh runs it; CRASH in the
# environment overrides that (a native crash for x86_64). Writes
# test/corpus/ARCH/NN-type.formats.crashlog. Not run by CI or tests: run it by hand.
set -euo pipefail
ARCH=${1:?usage: formats.sh ARCH NN-type}
NAME=${2:?usage: formats.sh ARCH NN-type}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SCRATCH=${DUMPS_SCRATCH:-${TMPDIR:-/tmp}/crashlog-dumps}
W=$SCRATCH/$ARCH
DUMPS=$W/dumps
[ -e "$DUMPS/$NAME.vmcore" ] || { echo "no $DUMPS/$NAME.vmcore: make it with make-dumps.sh" >&2; exit 2; }
if [ -z "${CRASH:-}" ]; then
	case $ARCH in
	ppc64le) QEMU_USER=qemu-ppc64le-static ;;
	s390x) QEMU_USER=qemu-s390x-static ;;
	riscv64) QEMU_USER=qemu-riscv64-static ;;
	i386) QEMU_USER=qemu-i386-static ;;
	arm | arm32 | armhf) QEMU_USER=qemu-arm-static ;;
	mips64 | mips64el) QEMU_USER=qemu-mips64el-static ;;
	x86_64) QEMU_USER= ;;
	*) echo "set CRASH to the command that starts crash for $ARCH" >&2; exit 2 ;;
	esac
	if [ -n "$QEMU_USER" ]; then
		CRASH="$QEMU_USER -L $W/sysroot $W/sysroot/usr/bin/crash"
	else # an amd64 crash runs natively, with the sysroot's own loader and libraries
		L=$W/sysroot/lib/x86_64-linux-gnu:$W/sysroot/usr/lib/x86_64-linux-gnu
		CRASH="$W/sysroot/lib64/ld-linux-x86-64.so.2 --library-path $L $W/sysroot/usr/bin/crash"
	fi
fi
CRASH=$CRASH python3 "$HERE/formats.py" "$ARCH" "$DUMPS" "$NAME"
mkdir -p "$REPO/test/corpus/$ARCH"
cp "$DUMPS/$NAME.formats.crashlog" "$REPO/test/corpus/$ARCH/"
