#!/usr/bin/env python3
"""Run `crash` on one dump and write the transcript.

  crashrun.py ARCH WORKDIR NAME  (env: CRASH = the command that starts crash, e.g.
                                   "qemu-ppc64le-static -L SYSROOT SYSROOT/usr/bin/crash")

WORKDIR holds vmlinux (symlink), NAME.vmcore, corpus_crash.ko.  One crash process reads its
commands from a pipe, in rounds: round 1 runs the fixed commands (mod -s, sys, bt, bt -f,
bt -F, help -r, log, task -R stack, help -m); round 2 those that need addresses from round 1
(sym, dis -l, dis FUNC 20, rd of the stack, frame words, struct pt_regs, kmem); round 3, only
if needed, disassembles functions known only from sym or dis -l (the pc saved in an exception
frame) or from the console's call traces (NAME.console.raw), where bt does not show them.
Every command's output goes to its own file through crash's own `>` redirection; the
transcript NAME.crashlog is crash's start-up output followed by `crash> COMMAND` and that
file, for each command (of `log` only the last 60 lines are kept).
"""
import os
import re
import shlex
import sys

from crashsession import Session

ARCH, WORK, NAME = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
CRASH = shlex.split(os.environ['CRASH'])
# bytes of a stack word (rd -x prints words of this size on these builds of crash)
WORD = 4 if ARCH in ('i386', 'arm32') else 8

FRAME_RE = re.compile(r'^\s*#(\d+) \[([0-9a-f]+)\] (\S+) at ([0-9a-f]+)(?: \[(\S+)\])?')
# crash's ARM bt prints no stack slot: " #1 [<c0aa2e40>] (func [mod]) from [<c0209ab0>]"
ARM_FRAME_RE = re.compile(r'^\s*#(\d+) \[<([0-9a-f]+)>\] \(([^\s)]+)(?: \[(\S+)\])?\) from \[<([0-9a-f]+)>\]')


SESSION = Session(CRASH, WORK, NAME)


def run_session(tag, cmds):
    """Run cmds in the (one) crash process; return [(cmd, output)] and crash's own stdout."""
    return SESSION.run(tag, cmds)


def frames(bt):
    res = []
    for line in bt.splitlines():
        m = FRAME_RE.match(line)
        if m:
            res.append(dict(level=int(m.group(1)), sp=int(m.group(2), 16), func=m.group(3),
                            addr=int(m.group(4), 16), module=m.group(5)))
            continue
        m = ARM_FRAME_RE.match(line)
        if m:
            res.append(dict(level=int(m.group(1)), sp=None, func=m.group(3),
                            addr=int(m.group(2), 16), module=m.group(4)))
    return res


def outputs(sess, prefix):
    return [o for c, o in sess if c.startswith(prefix)]


def first(sess, cmd):
    for c, o in sess:
        if c == cmd:
            return o
    return ''


# ---------------------------------------------------------------- session 1
S1 = ['mod -s corpus_crash corpus_crash.ko', 'sys', 'bt', 'bt -f', 'bt -F', 'help -r',
      'log', 'task -R stack', 'help -m']
if ARCH in ('riscv64', 'arm64'):
    S1.insert(5, 'bt -l')
if ARCH == 'arm64':
    # where the entry code's frame record sits inside struct pt_regs (its stackframe member)
    S1.append('struct pt_regs -o')
s1, start1 = run_session('s1', S1)
bt = first(s1, 'bt')
fr = frames(bt)
if not fr:
    sys.stderr.write('no frames in bt:\n' + bt + start1)

# stack range
m = re.search(r'stack = (0x[0-9a-f]+)', first(s1, 'task -R stack'))
stack_base = int(m.group(1), 16) if m else None
m = re.search(r'stacksize: (\d+)', first(s1, 'help -m'))
stack_size = int(m.group(1)) if m else None
stack_top = stack_base + stack_size if stack_base and stack_size else None

# stack words that bt -f printed ("ADDR: WORD WORD")
words = {}
for line in first(s1, 'bt -f').splitlines():
    m = re.match(r'^\s*\[?([0-9a-f]{8,16}):?\]?\s+((?:[0-9a-f]{8,16}\s*)+)$', line)
    if m:
        base = int(m.group(1), 16)
        for i, w in enumerate(m.group(2).split()):
            words[base + WORD * i] = int(w, 16)

# exception frames (pt_regs addresses), per architecture
exc = []
PC_OFF = LR_OFF = None
if ARCH == 'ppc64le':
    # "REGS" marker (STACK_FRAME_REGS_MARKER) at sp+0x60, pt_regs at sp+0x70
    # (STACK_FRAME_OVERHEAD): arch/powerpc/include/asm/ptrace.h
    for f in fr:
        w = words.get(f['sp'] + 0x60, 0)
        if (w & 0xffffffff) in (0x53474552, 0x52454753) or w == 0x7265677368657265:
            exc.append(f['sp'] + 0x70)
    # bt -f prints no words for the last frame: the syscall entry's frame holds the user
    # registers at sp+0x70 too
    if fr and fr[-1]['func'] in ('system_call_vectored_common', 'system_call_common'):
        exc.append(fr[-1]['sp'] + 0x70)
    PC_OFF, LR_OFF = 0x100, 0x120      # pt_regs.nip, pt_regs.link
elif ARCH == 's390x':
    # a program check / interrupt handler's frame: pt_regs right above its 160-byte
    # struct stack_frame
    for f in fr:
        if f['func'] in ('pgm_check_handler', 'io_int_handler', 'ext_int_handler',
                         'mcck_int_handler', 'system_call', 'restart_int_handler'):
            exc.append(f['sp'] + 160)
    PC_OFF, LR_OFF = 16, 24 + 14 * 8   # pt_regs.psw.addr, pt_regs.gprs[14]
elif ARCH == 'riscv64':
    for f in fr:
        if f['func'] in ('handle_exception', 'ret_from_exception'):
            exc.append(f['sp'])
    PC_OFF, LR_OFF = 0, 8              # pt_regs.epc, pt_regs.ra
elif ARCH == 'arm64':
    # crash's arm64 bt brackets the frame record (x29); an exception entry's record is
    # pt_regs.stackframe (arch/arm64/kernel/entry.S kernel_entry), so pt_regs = bracket minus
    # that member's offset, for the el1h_64_* frame (el0t_64_*: the user's registers)
    m = re.search(r'\[(0x[0-9a-f]+|\d+)\] u64 stackframe\[2\]', first(s1, 'struct pt_regs -o'))
    if m:
        off = int(m.group(1), 0)
        for f in fr:
            if re.match(r'el[01][th]_64_(sync|irq|fiq|error)$', f['func']):
                exc.append(f['sp'] - off)
    PC_OFF, LR_OFF = 32 * 8, 30 * 8    # pt_regs.pc, pt_regs.regs[30]
for e in os.environ.get('EXTRA_PT_REGS', '').split():
    exc.append(int(e, 16))
exc = sorted(set(exc))

# ---------------------------------------------------------------- session 2
addrs = []
for f in fr:
    if f['addr'] not in addrs:
        addrs.append(f['addr'])
# the interrupted pc and return address saved in each exception frame (if bt -f showed them)
for e in exc:
    for off in (PC_OFF, LR_OFF):
        v = words.get(e + off) if off is not None else None
        if not v:
            continue
        if ARCH == 's390x' and words.get(e + 8, 0) & (1 << 48):
            continue                   # PSW problem-state bit: user address space
        textlike = (0x100000 <= v < 1 << 42) if ARCH == 's390x' else (v >> 60 != 0)
        if textlike and v not in addrs:
            addrs.append(v)
S2 = ['mod -s corpus_crash corpus_crash.ko']
S2 += ['sym %x' % a for a in addrs]
S2 += ['dis -l %x' % a for a in addrs]
# prologues: 'dis FUNC 20' of each function as bt names it (mapping symbols like $x are
# replaced by the name sym gives, in a third session)
funcs = []
for f in fr:
    if not f['func'].startswith('$') and f['func'] not in funcs:
        funcs.append(f['func'])
S2 += ['dis %s 20' % fn for fn in funcs]

sps = sorted(set(f['sp'] for f in fr if f['sp'] is not None))
if not sps and fr and stack_top:
    # no stack slots in bt (ARM): the top 3 KiB of the task stack, where the frames are
    sps = [stack_top - 3072]


def in_task_stack(a):
    return stack_top is not None and stack_base <= a < stack_top


# one rd per stack the frames are on: the task stack from the lowest frame to its top; a
# stack switched from (IRQ stack) from its lowest frame to the top of its stack-size aligned
# block (arm64 aligns IRQ stacks so), at most 512 words above its highest frame
if sps:
    groups = [[a for a in sps if not in_task_stack(a)], [a for a in sps if in_task_stack(a)]]
    for g in groups:
        if not g:
            continue
        lo = g[0]
        if in_task_stack(lo):
            n = max((stack_top - lo) // WORD, 64)
        elif stack_size:
            top = min((g[-1] // stack_size + 1) * stack_size, g[-1] + 512 * WORD)
            n = max((top - lo) // WORD, 64)
        else:
            n = 512
        n = min(n, 2048)
        S2 += ['rd -x %x %d' % (lo, n), 'rd -s %x %d' % (lo, n)]
# per-frame words, per architecture
if ARCH == 'ppc64le':
    # ELFv2 frame header at sp: back chain, CR save, LR save, TOC save
    S2 += ['rd -x %x 4' % sp for sp in sps]
elif ARCH == 's390x':
    # struct stack_frame (arch/s390/include/asm/stacktrace.h): 160 bytes, gprs r6-r15 at +72,
    # back_chain at +152
    S2 += ['rd -x %x 20' % sp for sp in sps]
elif ARCH == 'riscv64':
    # frame record below fp: {prev fp at fp-16, ra at fp-8}; crash prints sp in brackets
    S2 += ['rd -x %x 2' % (sp - 16) for sp in sps]
elif ARCH == 'arm64':
    # frame record {saved x29, saved x30} at the bracketed x29
    S2 += ['rd -x %x 2' % sp for sp in sps]
S2 += ['struct pt_regs -x %x' % a for a in exc]
# kmem of a few pointers: the task, the first frame's stack address, a module text address
m = re.search(r'TASK: ([0-9a-f]+)', bt)
task = m.group(1) if m else None
kmem = []
if task:
    kmem.append(task)
if sps:
    kmem.append('%x' % sps[0])
for f in fr:
    if f['module']:
        kmem.append('%x' % f['addr'])
        break
# mips64: crash 8.0.2's kmem of these kernels dies under qemu-user (the session ends there)
if ARCH != 'mips64':
    S2 += ['kmem %s' % k for k in kmem]
s2, _ = run_session('s2', S2)

# ---------------------------------------------------------------- session 3 (if needed)
# prologues of functions that are not bt frames by that name: the pc saved in an exception
# frame, frames bt names by a mapping symbol
more = []
for c, o in s2:
    names = []
    if c.startswith('sym '):
        m = re.match(r'^[0-9a-f]+ \(.\) ([^\s+]+)', o.strip())
        if m:
            names.append(m.group(1))
    elif c.startswith('dis -l '):
        # gdb's name of the address (crash's sym may give a mapping symbol or a .L label)
        m = re.search(r'^0x[0-9a-f]+ <([^+>]+)', o, re.M)
        if m:
            names.append(m.group(1))
    for n in names:
        if n not in funcs and n not in more and not n.startswith(('$', '.L')):
            more.append(n)
# functions of the console's traces that crash's bt does not show (riscv64: bt stops at
# handle_exception; the module's own symbols are .L labels to crash there)
try:
    with open(os.path.join(WORK, NAME + '.console.raw'), 'rb') as f:
        ctext = f.read().decode('utf-8', 'replace')
    i = max(ctext.find('corpus_crash: triggering'), ctext.find('sysrq: Trigger a crash'), 0)
    for m in re.finditer(r'\]\s+(?:\? )?([A-Za-z_][\w.]*)\+0x[0-9a-f]+/0x[0-9a-f]+', ctext[i:]):
        n = m.group(1)
        if n not in funcs and n not in more and len(more) < 24:
            more.append(n)
except FileNotFoundError:
    pass
S3 = ['mod -s corpus_crash corpus_crash.ko'] + ['dis %s 20' % fn for fn in more]
s3 = run_session('s3', S3)[0] if more else [('', '')]

SESSION.close()

# ---------------------------------------------------------------- transcript
warn = '\n'.join(l for l in start1.splitlines()
                 if l.strip() and not l.startswith('crash') and 'GNU gdb' not in l)
parts = []
if warn.strip():
    parts.append(warn.rstrip('\n') + '\n')
LOG_KEEP = 60
for sess in (s1, s2[1:], s3[1:]):
    for c, o in sess:
        if c == 'log':
            # keep only the last LOG_KEEP lines of the kernel log (the crash itself)
            o = ''.join(o.splitlines(True)[-LOG_KEEP:])
        parts.append('crash> %s\n%s' % (c, o if o.endswith('\n') or not o else o + '\n'))
with open(os.path.join(WORK, NAME + '.crashlog'), 'w') as f:
    f.write(''.join(parts))
print('wrote %s.crashlog: %d commands, %d frames, %d exception frames'
      % (NAME, len(S1) + len(S2) + len(S3) - 2, len(fr), len(exc)))
