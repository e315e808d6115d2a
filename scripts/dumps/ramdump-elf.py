#!/usr/bin/env python3
"""An ELF vmcore from raw guest RAM, for a QEMU that cannot `dump-guest-memory` this guest.

  ramdump-elf.py ARCH OUT REGISTERS RAMFILE@PADDR [RAMFILE@PADDR...]     ARCH: mips64

QEMU 7.2 answers "this feature or command is not currently supported" to dump-guest-memory
for MIPS (no cpu_get_dump_info in target/mips). What it can do after the panic: `stop`,
`info registers` (REGISTERS, the HMP text) and `pmemsave ADDR SIZE FILE` of every RAM bank.
This writes what dump-guest-memory writes for the other targets: an ELF64 core with one
PT_NOTE (an NT_PRSTATUS note whose pr_reg holds the stopped CPU's registers, then the
kernel's own VMCOREINFO note found in guest RAM) and one PT_LOAD per RAM file (p_paddr its
guest physical address; the bytes unchanged).

crash reads the registers of the panic task from that NT_PRSTATUS note (mips64.c
mips64_get_elf_notes); crash's own raw-RAM input (`crash vmlinux FILE@ADDR`, ramdump.c)
writes a PT_NOTE without notes, so bt has no starting frame for the active task.
"""
import os
import re
import struct
import sys

EM_MIPS = 8
NT_PRSTATUS = 1

# struct elf_prstatus (include/linux/elfcore.h, 64-bit): pr_info (12 bytes), pr_cursig,
# pad, pr_sigpend, pr_sighold, pr_pid/ppid/pgrp/sid, four struct timeval (16 bytes each),
# then pr_reg at 112, then pr_fpvalid
PR_REG_OFFSET = 112

# elf_gregset_t of mips64 (arch/mips/include/asm/reg.h, 64-bit: EF_R0 = 0): r0..r31, lo,
# hi, cp0_epc, cp0_badvaddr, cp0_status, cp0_cause; ELF_NGREG = 45
MIPS64_NGREG = 45
MIPS64_EF = dict(lo=32, hi=33, epc=34, badvaddr=35, status=36, cause=37)


def mips64_regs(text):
    """pr_reg of mips64 from QEMU's `info registers` (target/mips/cpu.c mips_cpu_dump_state):
    "pc=0x... HI=0x... LO=0x...", "GPR00: r0 VALUE at VALUE v0 VALUE v1 VALUE", ...,
    "CP0 Status  0x... Cause   0x... EPC    0x...", and BadVAddr where it is printed."""
    regs = [0] * MIPS64_NGREG
    m = re.search(r'pc=0x([0-9a-f]+) HI=0x([0-9a-f]+) LO=0x([0-9a-f]+)', text)
    assert m, 'no pc= line in the register text'
    pc = int(m.group(1), 16)
    regs[MIPS64_EF['hi']] = int(m.group(2), 16)
    regs[MIPS64_EF['lo']] = int(m.group(3), 16)
    for m in re.finditer(r'GPR(\d\d):((?: +\w+ [0-9a-f]+)+)', text):
        vals = re.findall(r'\w+ ([0-9a-f]+)', m.group(2))
        for i, v in enumerate(vals):
            regs[int(m.group(1)) + i] = int(v, 16)
    m = re.search(r'Status +0x([0-9a-f]+) +Cause +0x([0-9a-f]+)', text)
    if m:
        regs[MIPS64_EF['status']] = int(m.group(1), 16)
        regs[MIPS64_EF['cause']] = int(m.group(2), 16)
    m = re.search(r'BadVAddr +0x([0-9a-f]+)', text)
    if m:
        regs[MIPS64_EF['badvaddr']] = int(m.group(1), 16)
    # the stopped CPU's pc: where the panic task is, as dump-guest-memory records it
    regs[MIPS64_EF['epc']] = pc
    return regs


def note(name, ntype, desc):
    n = name + b'\0'
    return (struct.pack('<III', len(n), len(desc), ntype) + n + b'\0' * (-len(n) % 4) +
            desc + b'\0' * (-len(desc) % 4))


def vmcoreinfo_note(rams):
    """The kernel's VMCOREINFO ELF note (kernel/crash_core.c vmcoreinfo_note), found in RAM."""
    pat = re.compile(struct.pack('<I', 11) + b'....' + struct.pack('<I', 0) +
                     b'VMCOREINFO\0\0OSRELEASE=', re.S)
    for path, _ in rams:
        data = open(path, 'rb').read()
        m = pat.search(data)
        if m:
            namesz, descsz = struct.unpack_from('<II', data, m.start())
            return data[m.start():m.start() + 12 + 12 + ((descsz + 3) & ~3)]
    return b''


def main():
    arch, out, regfile = sys.argv[1:4]
    rams = []
    for a in sys.argv[4:]:
        path, addr = a.rsplit('@', 1)
        rams.append((path, int(addr, 0)))
    assert arch == 'mips64', 'only mips64 here'
    regs = mips64_regs(open(regfile, encoding='utf-8', errors='replace').read())
    prstatus = bytearray(PR_REG_OFFSET + 8 * MIPS64_NGREG + 8)
    struct.pack_into('<%dQ' % MIPS64_NGREG, prstatus, PR_REG_OFFSET, *regs)
    notes = note(b'CORE', NT_PRSTATUS, bytes(prstatus))
    info = vmcoreinfo_note(rams) if os.environ.get('VMCOREINFO', '1') == '1' else b''
    notes += info
    phnum = 1 + len(rams)
    ehsize, phsize = 64, 56
    off = ehsize + phsize * phnum
    # crash reads the elf_prstatus in place, 64-bit fields and all: put its descriptor (20 bytes
    # into the note: header and "CORE\0" padded) on an 8-byte boundary. A MIPS kernel emulates
    # unaligned loads for user programs; qemu-user does not (SIGBUS in crash at start-up).
    note_off = off + (-(off + 20) % 8)
    data_off = (note_off + len(notes) + 0xfff) & ~0xfff
    sizes = [os.path.getsize(p) for p, _ in rams]
    with open(out, 'wb') as f:
        ident = b'\x7fELF' + bytes([2, 1, 1, 0]) + b'\0' * 8
        f.write(ident + struct.pack('<HHIQQQIHHHHHH', 4, EM_MIPS, 1, 0, ehsize, 0, 0, ehsize,
                                    phsize, phnum, 64, 0, 0))
        f.write(struct.pack('<IIQQQQQQ', 4, 0, note_off, 0, 0, len(notes), len(notes), 0))
        o = data_off
        for (path, pa), size in zip(rams, sizes):
            f.write(struct.pack('<IIQQQQQQ', 1, 7, o, 0, pa, size, size, 0))
            o += size
        f.write(b'\0' * (note_off - f.tell()))
        f.write(notes)
        f.write(b'\0' * (data_off - f.tell()))
        for path, _ in rams:
            with open(path, 'rb') as g:
                while True:
                    chunk = g.read(1 << 24)
                    if not chunk:
                        break
                    f.write(chunk)
    print('wrote %s: NT_PRSTATUS (pc 0x%x, sp 0x%x)%s, %d PT_LOAD'
          % (out, regs[MIPS64_EF['epc']], regs[29],
             ', VMCOREINFO' if info else ' (no VMCOREINFO note found in RAM)', len(rams)))


if __name__ == '__main__':
    main()
