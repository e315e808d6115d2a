#!/usr/bin/env python3
"""Facts parsed from crash's own output (and the console) of one dump, as JSON.

  truth.py ARCH PATH/NN-type CRASHTYPE > PATH/NN-type.truth.json

Reads NN-type.crashlog (the transcript written by crashrun.py) and NN-type.console.crashlog.
Nothing is computed that crash did not print, except where a key says "derived".
"""
import json
import re
import sys

ARCH, BASE, CTYPE = sys.argv[1], sys.argv[2], sys.argv[3]
# bytes of a word and hex digits of an address on this architecture
WORD = 4 if ARCH in ('i386', 'arm32') else 8
DIGITS = 2 * WORD
T = open(BASE + '.crashlog', encoding='utf-8', errors='replace').read()
C = open(BASE + '.console.crashlog', 'rb').read().decode('utf-8', 'replace')

# ------------------------------------------------------------------ transcript split
cmds = []  # (cmd, output)
cur = None
for line in T.split('\n'):
    if line.startswith('crash> '):
        cur = [line[7:], []]
        cmds.append(cur)
    elif cur is not None:
        cur[1].append(line)
cmds = [(c, '\n'.join(o)) for c, o in cmds]


def out(cmd):
    for c, o in cmds:
        if c == cmd:
            return o
    return ''


def outs(prefix):
    return [(c, o) for c, o in cmds if c.startswith(prefix)]


def hx(v):
    return '0x' + v.lower() if v is not None else None


FRAME_RE = re.compile(r'^\s*#(\d+) \[([0-9a-f]+)\] (\S+) at ([0-9a-f]+)(?: \[(\S+)\])?')
PAIR_RE = re.compile(r'([A-Za-z][A-Za-z0-9 ]*?):\s+\[?<?([0-9a-f]{8,16})\b')


# i386 bt blocks put a segment value before the next name (`DS:  007b      ESI: ...`) and
# arm32 brackets pc and lr (`pc : [<c0123456>]`): one word per name there
PAIR1_RE = re.compile(r'(?:^|(?<=\s))([A-Za-z][A-Za-z0-9_]*) ?:\s+\[?<?([0-9a-f]{4,16})\b')


def reg_pairs(lines):
    regs = {}
    for l in lines:
        for k, v in (PAIR1_RE if ARCH in ('i386', 'arm32', 'x86_64', 'mips64') else PAIR_RE).findall(l):
            regs[k.strip()] = hx(v)
    return regs


def block_regs(lines):
    """Registers of a register block crash printed inside bt."""
    if ARCH != 's390x':
        return reg_pairs(lines)
    regs = {}
    text = '\n'.join(lines)
    m = re.search(r'PSW:\s+([0-9a-f]{16}) ([0-9a-f]{16})(?: \((.*)\))?', text)
    if m:
        regs['psw_mask'], regs['psw_addr'] = hx(m.group(1)), hx(m.group(2))
        if m.group(3):
            regs['psw_addr_symbol'] = m.group(3)
    m = re.search(r'GPRS:((?:\s+[0-9a-f]{16})+)', text)
    if m:
        for i, v in enumerate(m.group(1).split()):
            regs['r%d' % i] = hx(v)
    # LOWCORE INFO block (the stopped CPU): -psw, -function, -general registers
    m = re.search(r'-psw\s+: (0x[0-9a-f]+) (0x[0-9a-f]+)', text)
    if m:
        regs['lowcore_psw_mask'], regs['lowcore_psw_addr'] = m.group(1), m.group(2)
    m = re.search(r'-function : (.*)', text)
    if m:
        regs['lowcore_function'] = m.group(1).strip()
    m = re.search(r'-general registers:\n((?:\s+(?:0x)?[0-9a-f]+\s+(?:0x)?[0-9a-f]+\n?)+)', text)
    if m:
        vals = m.group(1).split()
        for i, v in enumerate(vals[:16]):
            regs['lowcore_r%d' % i] = hx('%016x' % int(v, 16))
    return regs


# ------------------------------------------------------------------ bt
bt = out('bt')
task = {}
m = re.search(r'PID: (\d+)\s+TASK: ([0-9a-f]+)\s+CPU: (\d+)\s+COMMAND: "([^"]*)"', bt)
if m:
    task = dict(pid=int(m.group(1)), task_struct=hx(m.group(2)), cpu=int(m.group(3)),
                comm=m.group(4))
frames, blocks, markers, errors = [], [], [], []
pending = []
# crash's ARM bt: " #1 [<pc>] (func [mod]) from [<caller's address>]", no stack slot
ARM_FRAME_RE = re.compile(r'^\s*#(\d+) \[<([0-9a-f]+)>\] \(([^\s)]+)(?: \[(\S+)\])?\) from \[<([0-9a-f]+)>\]')
for line in bt.split('\n')[1:]:
    m = FRAME_RE.match(line)
    a = ARM_FRAME_RE.match(line) if not m else None
    if a:
        if pending:
            blocks.append(dict(after_seq=frames[-1]['seq'] if frames else None,
                               lines=pending, registers=block_regs(pending)))
            pending = []
        frames.append(dict(seq=len(frames), index=int(a.group(1)), function=a.group(3),
                           module=a.group(4), crash_pc=hx(a.group(2)), sp=None,
                           from_address=hx(a.group(5))))
    elif m:
        if pending:
            blocks.append(dict(after_seq=frames[-1]['seq'] if frames else None,
                               lines=pending, registers=block_regs(pending)))
            pending = []
        frames.append(dict(seq=len(frames), index=int(m.group(1)), function=m.group(3),
                           module=m.group(5), crash_pc=hx(m.group(4)),
                           sp=hx('%0*x' % (DIGITS, int(m.group(2), 16)))))
    elif re.match(r'^\s*(---|\[)', line) and '---' in line:
        markers.append(dict(after_seq=frames[-1]['seq'] if frames else None,
                            line=line.strip()))
    elif line.strip().startswith('bt:') or 'WARNING' in line or 'cannot' in line:
        errors.append(line.strip())
    elif line.strip():
        pending.append(line.rstrip())
if pending:
    blocks.append(dict(after_seq=frames[-1]['seq'] if frames else None, lines=pending,
                       registers=block_regs(pending)))

# i386 and mips64 bt -f print the frame crash sized above its words:
# "[RA: c1074b4a  SP: c2cd1cc0  FP: c2cd1ce8  SIZE: 44]", "[PC: ...  RA: ...  SP: ...  SIZE: ...]"
bt_f_frames = []
for line in out('bt -f').split('\n'):
    m = re.match(r'^\s*\[((?:PC|RA|LR|SP|FP): .*SIZE: \d+)\]\s*$', line)
    if m:
        bt_f_frames.append({k: int(v) if k == 'SIZE' else hx(v)
                            for k, v in re.findall(r'(PC|RA|LR|SP|FP|SIZE): ([0-9a-f]+)', m.group(1))})

# sym and dis -l of frame addresses
syms, srcs = {}, {}
for c, o in outs('sym '):
    a = int(c.split()[1], 16)
    m = re.match(r'^[0-9a-f]+ \((\w)\) (\S+)(?: \[(\S+)\])?(?: (\S+): (\d+))?', o.strip())
    if m:
        syms[a] = dict(symbol=m.group(2), type=m.group(1),
                       source=('%s:%s' % (m.group(4), m.group(5))) if m.group(4) else None)
for c, o in outs('dis -l '):
    a = int(c.split()[2], 16)
    ls = [l for l in o.split('\n') if l.strip()]
    ins = [l for l in ls if l.startswith('0x')]
    srcs[a] = dict(source=ls[0] if ls and not ls[0].startswith('0x') else None,
                   instruction=ins[0].split(':', 1)[1].strip() if ins else None)

# rd -x words (all rd -x outputs, merged)
words = {}
for c, o in outs('rd -x '):
    for l in o.split('\n'):
        m = re.match(r'^\s*([0-9a-f]+):\s+((?:[0-9a-f]{%d}\s*)+)' % DIGITS, l)
        if m:
            b = int(m.group(1), 16)
            for i, w in enumerate(m.group(2).split()):
                words[b + WORD * i] = int(w, 16)


def word(a):
    return hx('%0*x' % (DIGITS, words[a])) if a in words else None


for f in frames:
    a = int(f['crash_pc'], 16)
    sp = int(f['sp'], 16) if f['sp'] else None
    if a in syms:
        f['symbol'] = syms[a]['symbol']
        f['source_line'] = syms[a]['source']
    if a in srcs:
        f['instruction'] = srcs[a]['instruction']
    if ARCH == 'ppc64le':
        f['frame_header'] = dict(back_chain=word(sp), cr_save=word(sp + 8),
                                 lr_save=word(sp + 16), toc_save=word(sp + 24))
        w = words.get(sp + 0x60)
        f['regs_marker_at_sp_plus_0x60'] = bool(w is not None and
                                               (w & 0xffffffff) in (0x53474552, 0x52454753))
    elif ARCH == 's390x':
        f['stack_frame'] = dict(back_chain=word(sp + 152), r14_save=word(sp + 136),
                                r15_save=word(sp + 144),
                                gprs_r6_r15=[word(sp + 72 + 8 * i) for i in range(10)])

if ARCH == 'riscv64':
    # crash's riscv64 bt brackets the caller's fp = this frame's "sp" (riscv64.c:
    # previous.sp = current.fp); a frame's own fp is the bracket of the next frame; the
    # frame record {saved fp, saved ra} sits at fp-16 (arch/riscv/kernel/stacktrace.c:
    # frame = (struct stackframe *)fp - 1)
    for i, f in enumerate(frames):
        if i + 1 < len(frames):
            fp = int(frames[i + 1]['sp'], 16)
            f['fp'] = hx('%016x' % fp)
            f['fp_source'] = "bracketed value of the next frame (seq %d) in crash's bt" % (i + 1)
        elif i > 0 and frames[i - 1].get('frame_record', {}).get('saved_fp'):
            fp = int(frames[i - 1]['frame_record']['saved_fp'], 16)
            f['fp'] = hx('%016x' % fp)
            f['fp_source'] = 'saved fp in the frame record of the previous frame (seq %d)' % (i - 1)
        else:
            continue
        f['frame_record'] = dict(address=hx('%016x' % (fp - 16)), saved_fp=word(fp - 16),
                                 saved_ra=word(fp - 8))

if ARCH == 'arm64':
    # crash's arm64 bt brackets x29 of the frame: its frame record {saved x29, saved x30}
    for f in frames:
        fp = int(f['sp'], 16)
        f['fp'] = f['sp']
        f['frame_record'] = dict(address=f['sp'], saved_fp=word(fp), saved_lr=word(fp + 8))

# chain check
chain = None
if ARCH == 'ppc64le':
    chain = []
    for a, b in zip(frames, frames[1:]):
        bc = a['frame_header']['back_chain']
        chain.append(dict(seq=a['seq'], back_chain=bc, next_frame_sp=b['sp'],
                          matches=bc is not None and int(bc, 16) == int(b['sp'], 16)))
        lr = b['frame_header']['lr_save']
        chain[-1]['next_frame_lr_save'] = lr
        chain[-1]['next_frame_lr_save_is_its_crash_pc'] = (
            lr is not None and int(lr, 16) == int(b['crash_pc'], 16))
elif ARCH == 's390x':
    chain = []
    for a, b in zip(frames, frames[1:]):
        bc = a['stack_frame']['back_chain']
        r14a, r14b = a['stack_frame']['r14_save'], b['stack_frame']['r14_save']
        chain.append(dict(seq=a['seq'], back_chain=bc, next_frame_sp=b['sp'],
                          matches=bc is not None and int(bc, 16) == int(b['sp'], 16),
                          r14_save_of_this_frame_is_next_crash_pc=(
                              r14a is not None and int(r14a, 16) == int(b['crash_pc'], 16)),
                          r14_save_of_next_frame_is_next_crash_pc=(
                              r14b is not None and int(r14b, 16) == int(b['crash_pc'], 16))))
elif ARCH == 'riscv64':
    chain = []
    for a, b in zip(frames, frames[1:]):
        fr_ = a.get('frame_record')
        if not fr_:
            continue
        chain.append(dict(seq=a['seq'], saved_ra=fr_['saved_ra'], next_crash_pc=b['crash_pc'],
                          saved_ra_is_next_crash_pc=(fr_['saved_ra'] is not None and
                                                     int(fr_['saved_ra'], 16) ==
                                                     int(b['crash_pc'], 16)),
                          saved_fp=fr_['saved_fp'], next_fp=b.get('fp'),
                          saved_fp_is_next_fp=(fr_['saved_fp'] is not None and b.get('fp')
                                               is not None and
                                               int(fr_['saved_fp'], 16) == int(b['fp'], 16))))

elif ARCH == 'arm64':
    chain = []
    for a, b in zip(frames, frames[1:]):
        fr_ = a['frame_record']
        lr = int(fr_['saved_lr'], 16) if fr_['saved_lr'] else None
        chain.append(dict(seq=a['seq'], saved_lr=fr_['saved_lr'], next_crash_pc=b['crash_pc'],
                          saved_lr_minus_4_is_next_crash_pc=(
                              lr is not None and lr - 4 == int(b['crash_pc'], 16)),
                          saved_fp=fr_['saved_fp'], next_fp=b['fp'],
                          saved_fp_is_next_fp=(fr_['saved_fp'] is not None and
                                               int(fr_['saved_fp'], 16) == int(b['fp'], 16))))

# ------------------------------------------------------------------ pt_regs


def parse_struct(o):
    """Scalar members (also inside nested structs/unions) and arrays of 'struct X -x'."""
    res = {}
    text = ' '.join(l.strip() for l in o.split('\n'))
    for m in re.finditer(r'(\w+) = (0x[0-9a-f]+|-?\d+)(?=[,\s}]|$)', text):
        res.setdefault(m.group(1), m.group(2))
    for m in re.finditer(r'(\w+) = \{([^{}=]*)\}', text):
        res.setdefault(m.group(1), re.findall(r'0x[0-9a-f]+|-?\d+', m.group(2)))
    return res


# arm64: offset of pt_regs.stackframe, the exception entry's frame record
m = re.search(r'\[(0x[0-9a-f]+|\d+)\] u64 stackframe\[2\]', out('struct pt_regs -o'))
ARM64_STACKFRAME = int(m.group(1), 0) if m else None
ptregs = []
for c, o in outs('struct pt_regs -x '):
    a = c.split()[-1]
    sp_frame = None
    for f in frames:
        if ARCH == 'ppc64le' and int(f['sp'], 16) + 0x70 == int(a, 16):
            sp_frame = f['seq']
        if ARCH == 's390x' and int(f['sp'], 16) + 160 == int(a, 16):
            sp_frame = f['seq']
        if ARCH == 'riscv64' and int(f['sp'], 16) == int(a, 16):
            sp_frame = f['seq']
        if ARCH == 'arm64' and int(f['sp'], 16) - ARM64_STACKFRAME == int(a, 16):
            sp_frame = f['seq']
    fields = parse_struct(o)
    pcf = {'ppc64le': 'nip', 's390x': 'addr', 'riscv64': 'epc', 'arm64': 'pc'}.get(ARCH, 'ip')
    pc = fields.get(pcf)
    ent = dict(address=hx(a), seq_of_frame_whose_stack_holds_it=sp_frame, fields=fields)
    if pc and int(pc, 16) in syms:
        ent['pc_symbol'] = syms[int(pc, 16)]['symbol']
    ptregs.append(ent)

# ------------------------------------------------------------------ other crash facts
sysout = out('sys')
m = re.search(r'PANIC: "(.*)"', sysout)
panic_sys = m.group(1) if m else None
m = re.search(r'stack = (0x[0-9a-f]+)', out('task -R stack'))
sbase = int(m.group(1), 16) if m else None
m = re.search(r'stacksize: (\d+)', out('help -m'))
ssize = int(m.group(1)) if m else None
# arm64 help -m: the per-CPU IRQ stacks ("irq_stack_size: 16384", "irq_stacks[0]: ffff...")
m = re.search(r'irq_stack_size: (\d+)', out('help -m'))
irq_stacks = [dict(cpu=int(c), base=hx(b), top=hx('%x' % (int(b, 16) + int(m.group(1)))))
              for c, b in re.findall(r'irq_stacks\[(\d+)\]: ([0-9a-f]+)', out('help -m'))] if m else []
helpr = out('help -r')
cpu_regs = reg_pairs(helpr.split('\n')) if 'not supported' not in helpr else None

# ------------------------------------------------------------------ console
clines = [re.sub(r'^\[\s*\d+\.\d+\]\s?', '', l.rstrip('\r')) for l in C.split('\n')]
panic_line = next((l for l in clines if 'Kernel panic - not syncing' in l), None)
traces = []
cur = None
TR_PPC = re.compile(r'^\[([0-9a-f]{16})\] \[([0-9a-f]{16})\] (\S+)(?: \[(\S+)\])?( \(unreliable\))?$')
# "[<addr>] sym+off/size [mod]"; s390x also prints "([<addr>] sym+off/size [mod])" for the
# address that comes from r14 rather than from the stack
# arm (5.x+): " callee [mod] from caller+off/size [mod]" (no addresses)
TR_ARM = re.compile(r'^\s*([A-Za-z_.$][\w.$]*)(?: \[(\S+)\])? from ([A-Za-z_.$][\w.$]*\+0x[0-9a-f]+/0x[0-9a-f]+)(?: \[(\S+)\])?\s*$')
# x86: " func+off/size [mod]", unreliable frames marked " ? "
TR_X86 = re.compile(r'^\s*(\? )?([A-Za-z_.][\w.]*\+0x[0-9a-f]+/0x[0-9a-f]+)(?: \[(\S+)\])?\s*$')
TR_GEN = re.compile(r'^\s*(\()?\[<([0-9a-f]+)>\] ([^\s)]+)(?: \[([^\]]+)\])?\)?\s*$')
for l in clines:
    if l.strip() == 'Call Trace:' or l.strip() == 'Call trace:':
        cur = []
        traces.append(cur)
        continue
    a = TR_ARM.match(l) if ARCH == 'arm32' else None
    if a:
        # arm prints no "Call trace:" line before these
        if cur is None:
            cur = []
            traces.append(cur)
        cur.append(dict(function=a.group(1), function_module=a.group(2), caller=a.group(3),
                        caller_module=a.group(4)))
        continue
    if cur is None:
        if not TR_GEN.match(l):
            continue
        # riscv64 prints the oops trace right after the registers, without "Call Trace:"
        cur = []
        traces.append(cur)
    m = TR_PPC.match(l.strip())
    if m:
        cur.append(dict(sp=hx(m.group(1)), return_address=hx(m.group(2)), symbol=m.group(3),
                        module=m.group(4), unreliable=bool(m.group(5))))
        continue
    m = TR_X86.match(l)
    if m and ARCH in ('i386', 'x86_64', 'arm64'):
        cur.append(dict(symbol=m.group(2), module=m.group(3), unreliable=bool(m.group(1))))
        continue
    m = TR_GEN.match(l)
    if m:
        e = dict(address=hx(m.group(2)), symbol=m.group(3), module=m.group(4))
        if m.group(1):
            e['in_parentheses'] = True
        cur.append(e)
        continue
    if l.startswith('--- interrupt') or l.startswith(' ---') or l.startswith('---') \
            or l.startswith('Last Breaking-Event-Address'):
        cur.append(dict(marker=l.strip()))
        continue
    if re.match(r'^(NIP|LR|REGS|MSR|CFAR|IRQMASK|GPR\d\d|Krnl|Last Breaking|\s)', l) and cur:
        cur.append(dict(line=l.rstrip()))
        continue
    cur = None

# register blocks in the console (ppc64: NIP/LR/REGS/GPRnn, s390x: Krnl PSW/GPRS,
# riscv64: epc/ra/sp ...)
creg_lines = [l for l in clines if re.match(
    r'^(EIP:|EAX:|ESI:|DS:|CR0:|pc :|lr :|sp :|pstate:|x\d+ *:|r\d+ ?:|Flags:|Control:|\$ ?\d+ *:|epc +:|ra +:|Status:|Cause +:|BadVA +:|NIP:|REGS:|MSR:|CFAR:|GPR\d\d:|Krnl PSW|Krnl GPRS|\s+[0-9a-f]{16} [0-9a-f]{16} [0-9a-f]{16} [0-9a-f]{16}$|\s*epc :|\s*ra :|\s*gp :|\s*t\d :|\s*s\d+ :|\s*a\d :|\s*status:)',
    l)]

NOTES = {
    'ppc64le': [
        "sp = the value in brackets in crash's ppc64 bt = r1 of that frame = address of its "
        "ELFv2 frame header (back chain at sp+0, CR save sp+8, LR save sp+16, TOC save sp+24)",
        "crash_pc of frame 0 = NIP of the CPU note in the dump (where QEMU stopped the CPU); for "
        "every other frame crash_pc = the LR-save word at sp+16 of that frame read from memory "
        "(ppc64.c: newpc = *(newsp + 16)), i.e. a return address, not return address - 4",
        "frame_chain: back_chain(frame N) == sp(frame N+1); next_frame_lr_save_is_its_crash_pc "
        "confirms crash took the pc from the LR-save slot",
        "crash 8.0.2 looks for the exception-frame marker 0x7265677368657265 ('regshere') at "
        "sp+0x60; this 6.1 kernel writes STACK_FRAME_REGS_MARKER 0x53474552 ('REGS'), so crash "
        "prints no exception frames and walks the back chain straight through them: the frame "
        "after an *_common_virt frame is the interrupted r1 named by its LR-save slot, and the "
        "interrupted function (pt_regs.nip) can be missing from bt; exception_pt_regs are "
        "read with 'struct pt_regs -x sp+0x70' where regs_marker_at_sp_plus_0x60 is true",
    ],
    's390x': [
        "sp = the value in brackets in crash's s390x bt = r15 of that frame = address of its "
        "160-byte struct stack_frame (gprs r6-r15 at +72..+151, r14 at +136, back_chain at +152)",
    ],
    'arm64': [
        "the value in brackets in crash's arm64 bt is x29 of that frame, the address of its "
        "frame record {saved x29, saved x30} (frame_record); crash_pc of a caller frame is the "
        "call instruction, saved x30 of the frame before it minus 4 (frame_chain)",
        "an el1h_64_*/el0t_64_* frame's record is pt_regs.stackframe: pt_regs = bracket minus "
        "that member's offset ('struct pt_regs -o'); seq_of_frame_whose_stack_holds_it names it",
        "bt_markers: '--- <IRQ stack> ---' where crash's walk leaves the IRQ stack for the "
        "task stack",
    ],
    'riscv64': [
        "the value in brackets in crash's riscv64 bt is the caller's fp (riscv64.c: "
        "previous.sp = current.fp), i.e. this frame's CFA/entry sp; 'fp' of a frame is the "
        "bracket of the next frame; its frame record {fp at fp-16, ra at fp-8}",
    ],
}

res = dict(
    dump=BASE.rsplit('/', 1)[-1],
    arch=ARCH,
    crash_type=CTYPE,
    source="parsed by scripts/dumps/truth.py from crash's own output in %s.crashlog and the "
           "console in %s.console.crashlog" % (BASE.rsplit('/', 1)[-1],
                                                 BASE.rsplit('/', 1)[-1]),
    panic_message_crash_sys=panic_sys,
    panic_line_console=panic_line,
    task=task,
    stack=dict(base=hx('%x' % sbase) if sbase else None, size=ssize,
               top=hx('%x' % (sbase + ssize)) if sbase and ssize else None,
               source="base: 'task -R stack'; size: 'help -m' stacksize; top = base + size"),
    irq_stacks=irq_stacks or None,
    frames_notes=NOTES.get(ARCH, []),
    frames=frames,
    frame_chain=chain,
    bt_register_blocks=blocks,
    bt_markers=markers,
    bt_errors=errors,
    bt_f_frame_lines=bt_f_frames,
    exception_pt_regs=ptregs,
    cpu_registers_at_dump_time=cpu_regs,
    console_call_traces=traces,
    console_register_lines=creg_lines,
)
print(json.dumps(res, indent=1))
