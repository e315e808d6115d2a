#!/usr/bin/env python3
"""Repair the ELF metadata of a QEMU 7.2 `dump-guest-memory` file so that crash reads it.

Only the ELF header, the program headers and the PT_NOTE contents are rewritten; the memory
bytes (PT_LOAD contents) are left as they are.  The file is changed in place.

  vmcore-fixup.py ppc64le-endian DUMP
      QEMU 7.2 writes the metadata of a ppc64 *little-endian* guest big-endian (crash then says
      "endian mismatch").  Rewrite ELF header, program headers and notes little-endian, fix
      e_ehsize (QEMU writes 8) and drop the bogus section-header table (e_shoff/e_shnum).

  vmcore-fixup.py vmcoreinfo DUMP
      riscv64 "virt" has no fw_cfg DMA, so `-device vmcoreinfo` is refused and the dump has no
      VMCOREINFO note.  Find the kernel's own VMCOREINFO note in guest memory (an ELF note
      named VMCOREINFO whose text starts with OSRELEASE=) and copy it into the dump's PT_NOTE
      segment, which is grown in place into the padding before the first PT_LOAD, or, where
      there is none, the file is written anew with the PT_LOAD contents moved up (crash reads
      notes only inside the header area, not appended at the end of the file).
"""
import os
import re
import struct
import sys


def read_ehdr(f):
    f.seek(0)
    ident = f.read(16)
    assert ident[:4] == b'\x7fELF' and ident[4] == 2, 'not ELF64'
    e = '<' if ident[5] == 1 else '>'
    rest = struct.unpack(e + 'HHIQQQIHHHHHH', f.read(48))
    return ident, e, rest


def ppc64le_endian(path):
    with open(path, 'r+b') as f:
        ident, e, h = read_ehdr(f)
        if e == '<':
            print('already little-endian, nothing to do')
            return
        (etype, mach, ver, entry, phoff, shoff, flags, ehsize, phentsize, phnum,
         shentsize, shnum, shstrndx) = h
        phdrs = []
        f.seek(phoff)
        for _ in range(phnum):
            phdrs.append(struct.unpack('>IIQQQQQQ', f.read(56)))
        # notes
        notes_out = {}
        for ph in phdrs:
            if ph[0] != 4:  # PT_NOTE
                continue
            off, size = ph[2], ph[5]
            f.seek(off)
            buf = f.read(size)
            out = bytearray()
            p = 0
            while p + 12 <= len(buf):
                namesz, descsz, ntype = struct.unpack_from('>III', buf, p)
                p += 12
                name = buf[p:p + ((namesz + 3) & ~3)]
                p += (namesz + 3) & ~3
                desc = bytearray(buf[p:p + ((descsz + 3) & ~3)])
                p += (descsz + 3) & ~3
                if ntype == 1 and name.startswith(b'CORE'):  # NT_PRSTATUS
                    # QEMU's ppc64 prstatus: pad[32], u32 pid, pad[76], 44 x u64 regs, pad[40]
                    struct.pack_into('<I', desc, 32, struct.unpack_from('>I', desc, 32)[0])
                    for o in range(112, min(len(desc), 112 + 48 * 8), 8):
                        struct.pack_into('<Q', desc, o, struct.unpack_from('>Q', desc, o)[0])
                elif len(desc) % 8 == 0:
                    for o in range(0, len(desc), 8):
                        struct.pack_into('<Q', desc, o, struct.unpack_from('>Q', desc, o)[0])
                else:
                    for o in range(0, len(desc) - 3, 4):
                        struct.pack_into('<I', desc, o, struct.unpack_from('>I', desc, o)[0])
                out += struct.pack('<III', namesz, descsz, ntype) + name + desc
            assert len(out) == size
            notes_out[off] = bytes(out)
        # write back
        f.seek(0)
        f.write(ident[:5] + b'\x01' + ident[6:])
        f.write(struct.pack('<HHIQQQIHHHHHH', etype, mach, ver, entry, phoff, 0, flags, 64,
                            phentsize, phnum, shentsize, 0, 0))
        f.seek(phoff)
        for ph in phdrs:
            f.write(struct.pack('<IIQQQQQQ', *ph))
        for off, data in notes_out.items():
            f.seek(off)
            f.write(data)
    print('rewrote ELF header, %d program headers and %d note segment(s) little-endian'
          % (len(phdrs), len(notes_out)))


def vmcoreinfo(path, vmlinux=None, nm=None):
    """Find the kernel's VMCOREINFO ELF note in guest memory and copy it into PT_NOTE.

    The note (kernel/vmcore_info.c: vmcoreinfo_note, allocated at boot; its text is
    vmcoreinfo_data) is an ELF note named "VMCOREINFO" whose text starts with "OSRELEASE=";
    it is found by scanning the memory of the dump for that header.
    """
    import mmap
    with open(path, 'r+b') as f:
        ident, e, h = read_ehdr(f)
        (etype, mach, ver, entry, phoff, shoff, flags, ehsize, phentsize, phnum,
         shentsize, shnum, shstrndx) = h
        phdrs = []
        f.seek(phoff)
        for _ in range(phnum):
            phdrs.append(list(struct.unpack(e + 'IIQQQQQQ', f.read(56))))
        loads = [p for p in phdrs if p[0] == 1]
        notes = [p for p in phdrs if p[0] == 4]
        assert len(notes) == 1, 'expected one PT_NOTE'
        note = notes[0]
        f.seek(note[2])
        if b'VMCOREINFO' in f.read(note[5]):
            print('dump has a VMCOREINFO note already')
            return
        mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        pat = re.compile(re.escape(struct.pack(e + 'I', 11)) + b'....' +
                         re.escape(struct.pack(e + 'I', 0)) + b'VMCOREINFO\x00\x00OSRELEASE=',
                         re.S)
        m = None
        for p in loads:
            m = pat.search(mm, p[2], p[2] + p[5])
            if m:
                pa = p[4] + m.start() - p[2]
                break
        assert m, 'no VMCOREINFO note found in guest memory'
        off = m.start()
        namesz, descsz, ntype = struct.unpack_from(e + 'III', mm, off)
        total = 12 + ((namesz + 3) & ~3) + ((descsz + 3) & ~3)
        blob = bytes(mm[off:off + total])
        mm.close()
        end = note[2] + note[5]
        first_load = min(p[2] for p in loads)
        if end + total <= first_load:
            f.seek(end)
            f.write(blob)
            note[5] += total
            note[6] += total
            f.seek(phoff)
            for ph in phdrs:
                f.write(struct.pack(e + 'IIQQQQQQ', *ph))
            print('copied VMCOREINFO note (%d bytes, from guest phys 0x%x) into PT_NOTE'
                  % (total, pa))
            return
        # no room (QEMU put the memory right after the notes): write the file anew with the
        # note appended to PT_NOTE and every PT_LOAD moved up by its size (bytes unchanged)
        shift = (end + total + 7) // 8 * 8 - first_load
        tmp = path + '.new'
        with open(tmp, 'wb') as g:
            f.seek(0)
            g.write(f.read(note[2]))                  # ELF header, program headers
            f.seek(note[2])
            g.write(f.read(note[5]))                  # old notes
            g.write(blob)
            g.write(b'\0' * (first_load + shift - g.tell()))
            for p in sorted(loads, key=lambda p: p[2]):
                assert g.tell() == p[2] + shift
                f.seek(p[2])
                left = p[5]
                while left:
                    chunk = f.read(min(left, 1 << 24))
                    g.write(chunk)
                    left -= len(chunk)
            note[5] += total
            note[6] += total
            for p in loads:
                p[2] += shift
            g.seek(phoff)
            for ph in phdrs:
                g.write(struct.pack(e + 'IIQQQQQQ', *ph))
    os.replace(tmp, path)
    print('copied VMCOREINFO note (%d bytes, from guest phys 0x%x) into PT_NOTE; memory moved '
          'up by %d bytes' % (total, pa, shift))


if __name__ == '__main__':
    if sys.argv[1] == 'ppc64le-endian':
        ppc64le_endian(sys.argv[2])
    elif sys.argv[1] == 'vmcoreinfo':
        vmcoreinfo(sys.argv[2])
    else:
        sys.exit(__doc__)
