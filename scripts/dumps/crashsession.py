"""One `crash` process fed through a pipe, shared by crashrun.py and formats.py.

Every command's output goes to its own file through crash's own `>` redirection; a sentinel
command after each one tells that it is done. crash writes its error messages to its terminal,
not into the redirected file: run() collects them from the pipe.
"""
import os
import subprocess
import threading
import time


class Crash:
    """One crash process: `crash_argv` starts it in `work` on NAME.vmcore with its vmlinux."""

    def __init__(self, crash_argv, work, name, out):
        # niced below the machine's other work; CRASH_NICE=0 when that starves it
        argv = ['nice', '-n', os.environ.get('CRASH_NICE', '10')] + crash_argv + ['-s', 'vmlinux', name + '.vmcore']
        self.p = subprocess.Popen(argv, cwd=work, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.out = out
        self.buf = []
        self.t = threading.Thread(target=self._read, daemon=True)
        self.t.start()
        self.n = 0
        self.startup = 0

    def _read(self):
        for line in self.p.stdout:
            self.buf.append(line.decode('utf-8', 'replace'))

    def send(self, lines):
        self.p.stdin.write(('\n'.join(lines) + '\n').encode())
        self.p.stdin.flush()

    def run(self, cmd, fn):
        """Run one command with its output redirected to fn; return what crash printed on
        its own stdout/stderr meanwhile (error messages are not redirected)."""
        self.n += 1
        sentinel = os.path.join(self.out, 'sentinel.txt')
        if os.path.exists(sentinel):
            os.unlink(sentinel)
        mark = len(self.buf)
        self.send(['%s > %s' % (cmd, fn), 'eval %d > %s' % (self.n, sentinel)])
        while self.p.poll() is None:
            try:
                with open(sentinel) as f:
                    if 'binary' in f.read():
                        break
            except FileNotFoundError:
                pass
            time.sleep(0.05)
        time.sleep(0.05)
        return ''.join(self.buf[mark:])

    def close(self):
        try:
            self.send(['q'])
            self.p.stdin.close()
        except BrokenPipeError:
            pass
        self.p.wait()
        self.t.join(5)


class Session:
    """Runs batches of commands in one crash process started on first use."""

    def __init__(self, crash_argv, work, name, out=None):
        self.argv, self.work, self.name = crash_argv, work, name
        self.out = out or os.path.join(work, name + '.out')
        os.makedirs(self.out, exist_ok=True)
        self.crash = None

    def run(self, tag, cmds):
        """Run cmds; return [(cmd, output)] and crash's start-up output. A batch after the
        first skips a leading `mod -s` (module symbols are loaded already)."""
        first_session = self.crash is None
        if first_session:
            self.crash = Crash(self.argv, self.work, self.name, self.out)
            self.crash.run('eval 0', os.path.join(self.out, 'startup.txt'))
            self.crash.startup = len(self.crash.buf)
        files = []
        for i, c in enumerate(cmds):
            fn = os.path.join(self.out, '%s-%03d.txt' % (tag, i))
            if os.path.exists(fn):
                os.unlink(fn)
            files.append(fn)
        pairs = list(zip(cmds, files))
        if not first_session and cmds and cmds[0].startswith('mod -s'):
            pairs = pairs[1:]
        with open(os.path.join(self.out, tag + '.cmds'), 'w') as f:
            f.write('\n'.join('%s > %s' % cf for cf in pairs) + '\n')
        errs = {}
        for c, fn in pairs:
            errs[fn] = self.crash.run(c, fn)
        out = []
        for c, fn in zip(cmds, files):
            try:
                with open(fn, 'rb') as f:
                    text = f.read().decode('utf-8', 'replace')
            except FileNotFoundError:
                text = ''
            # crash writes some of its error messages to both
            err = ''.join(l for l in errs.get(fn, '').splitlines(True)
                          if l.strip() and not l.startswith('crash>') and l not in text)
            out.append((c, err + text))
        return out, ''.join(self.crash.buf[:self.crash.startup])

    def close(self):
        if self.crash:
            self.crash.close()
