#!/usr/bin/env python3
"""Run every output variant of crash's bt, rd, search, kmem and sym on one kept dump.

  formats.py ARCH WORKDIR NAME   (env: CRASH, as for crashrun.py)

Writes WORKDIR/NAME.formats.crashlog: `crash> COMMAND` and its unedited output, for each
command. Round 1 learns the addresses the variants need (the task, its stack, a frame's
stack pointer, a physical address, a user address, a slab cache seen by bt -FF); round 2
runs the variants.
"""
import os
import re
import shlex
import sys

from crashsession import Session

ARCH, WORK, NAME = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
CRASH = shlex.split(os.environ['CRASH'])
SESSION = Session(CRASH, WORK, NAME, os.path.join(WORK, NAME + '.formats.out'))
FRAME_RE = re.compile(r'^\s*#\s?(\d+) \[([0-9a-f]+)\] (\S+) at ([0-9a-f]+)')
HEX = r'[0-9a-f]{6,16}'


def output(sess, cmd):
    for c, o in sess:
        if c == cmd:
            return o
    return ''


MOD = 'mod -s corpus_crash corpus_crash.ko'
s1, start = SESSION.run('f1', [MOD, 'bt', 'task -R stack', 'help -m', 'vm', 'bt -FF'])
bt = output(s1, 'bt')
frames = [(int(m.group(2), 16), int(m.group(4), 16)) for m in map(FRAME_RE.match, bt.splitlines()) if m]
if not frames:
    sys.exit('no frames in bt:\n' + bt + start)
task = re.search(r'TASK: ([0-9a-f]+)', bt).group(1)
m = re.search(r'stack = 0x([0-9a-f]+)', output(s1, 'task -R stack'))
stack = m.group(1) if m else '%x' % frames[0][0]
m = re.search(r'stacksize: (\d+)', output(s1, 'help -m'))
stack_size = int(m.group(1)) if m else 16384
m = re.search(r'bits: (\d+)', output(s1, 'help -m'))
word = 4 if m and m.group(1) == '32' else 8
sp0 = '%x' % frames[0][0]
sp_mid = '%x' % frames[len(frames) // 2][0]
return_address = '%x' % frames[min(1, len(frames) - 1)][1]
# the first user mapping of the task (vm's VMA rows: VMA START END FLAGS FILE)
m = re.search(r'^\s*%s\s+(%s)\s+%s\s' % (HEX, HEX, HEX), output(s1, 'vm'), re.M)
user = m.group(1) if m else None
# a slab cache that bt -FF saw on the stack: `[ADDR:cache]`
m = re.search(r'\[(%s):([\w.-]+)\]' % HEX, output(s1, 'bt -FF'))
cache = m.group(2) if m else 'task_struct'

s2, _ = SESSION.run('f2', [MOD, 'vtop %s' % stack, 'rd -x %s 8' % sp_mid])
m = re.search(r'^\s*%s\s+(%s)\b' % (HEX, r'[0-9a-f]+'), output(s2, 'vtop %s' % stack), re.M)
phys = m.group(1) if m else None
# a value the stack holds, for search to find (the `at` address of a frame is not always one)
stacked = [w for w in re.findall(r'\b[0-9a-f]{8,16}\b', output(s2, 'rd -x %s 8' % sp_mid).split(':', 1)[-1])
           if int(w, 16) > 0xffff]
found = stacked[0].lstrip('0') if stacked else return_address

n16 = 128 // word  # 128 bytes of the stack
BT = ['bt', 'bt -s', 'bt -sx', 'bt -l', 'bt -f', 'bt -F', 'bt -FF', 'bt -FFxs', 'bt -e', 'bt -E',
      'bt -t', 'bt -T', 'bt -a', 'bt -c 0', 'bt -S %s' % sp_mid, 'bt -x', 'bt -d', 'bt %s' % task,
      'foreach user bt']
RD = ['rd %s %d' % (sp0, n16), 'rd -x %s %d' % (sp0, n16), 'rd -s %s %d' % (sp0, n16),
      'rd -S %s %d' % (sp0, n16), 'rd -SS %s %d' % (sp0, n16), 'rd -8 %s 64' % sp0,
      'rd -16 %s 32' % sp0, 'rd -32 %s 16' % sp0, 'rd -64 %s 8' % sp0, 'rd -a linux_banner',
      'rd -d %s 8' % sp0, 'rd -D %s 8' % sp0, 'rd -32 -d %s 8' % sp0]
if phys:
    RD.append('rd -p %s %d' % (phys, n16))
if user:
    RD += ['rd -u %s 8' % user, 'rd -u -32 %s 8' % user]
SEARCH = ['search -s %s -l %d %s' % (stack, stack_size, found),
          'search -k -s %s -l %d %s' % (stack, stack_size, task),
          'search -t %s' % found, 'search -T %s' % task]
if phys:
    SEARCH.append('search -p -s %s -l %d %s' % (phys, stack_size, found))
if user:
    SEARCH.append('search -u -s %s -l 64 0' % user)
KMEM = ['kmem -s', 'kmem -S %s' % cache, 'kmem -s %s' % task]
SYM = ['sym -l | head -40', 'sym -m corpus_crash', 'sym %s' % return_address]
s3, _ = SESSION.run('f3', [MOD] + BT + RD + SEARCH + KMEM + SYM)
SESSION.close()

with open(os.path.join(WORK, NAME + '.formats.crashlog'), 'w') as f:
    for c, o in s3[1:]:
        f.write('crash> %s\n%s' % (c, o if o.endswith('\n') or not o else o + '\n'))
print('wrote %s.formats.crashlog: %d commands' % (NAME, len(s3) - 1))
