// Symbolised console traces (decode_stacktrace.sh, syzbot) print a source line with each frame
// (`func+0x1c/0x90 net/ipv4/tcp.c:2035`, `__dump_stack lib/dump_stack.c:77 [inline]`): the frame
// keeps it and the hover shows it.
import { strict as assert } from 'assert';
import { hoverContext } from '../../server/src/analysis/hover/context';
import { consoleFrame } from '../../server/src/analysis/hover/facts/consoleFrame';
import { analyze } from '../../server/src/analysis/model';
import { hasShared, syzkallerReports } from '../support/corpus';

// A frame line as a reader sees it: function, optional +off/size and [module], then path:line.
const SYMBOLISED =
  /^(?:\[[^\]]*\])*\s*(?:\[<[0-9a-f]+>\] |\[[0-9a-f]+\] \[[0-9a-f]+\] )?([A-Za-z_.$][\w.$]*)(?:\+0x[0-9a-f]+\/0x[0-9a-f]+)?(?: \[[\w-]+\])? ([\w/.+-]+\.[chS]:\d+)( \[inline\])?\s*$/;

describe('source lines of symbolised console frames', () => {
  (hasShared ? it : it.skip)('shows the source line of every symbolised frame of real syzkaller reports', () => {
    let checked = 0;
    let inlined = 0;
    for (const { name, log } of syzkallerReports()) {
      const model = analyze(log);
      const lines = log.split('\n');
      for (const [report, frame] of model.reports.flatMap((r) => r.frames.map((f) => [r, f] as const))) {
        const m = SYMBOLISED.exec(lines[frame.line]);
        if (!m || m[1] !== frame.function) continue;
        assert.equal(frame.source, m[2], `${name}:${frame.line + 1}`);
        const context = hoverContext(model, frame.line, lines[frame.line].indexOf(' ' + m[1]) + 2);
        const card = context && (consoleFrame.describe(context) as string | undefined);
        assert.ok(card?.includes(`Source: \`${m[2]}\``), `${name}:${frame.line + 1}: ${card}`);
        // The function it was inlined into is printed below it (unless the trace was cut there).
        if (m[3] && report.frames.some((f) => f.level > frame.level && !f.inlined)) {
          assert.match(card ?? '', /inlined by the compiler into `/, `${name}:${frame.line + 1}`);
          inlined++;
        }
        checked++;
      }
    }
    assert.ok(checked > 100 && inlined > 30, `${checked} frames, ${inlined} inlined`);
  });

  (hasShared ? it : it.skip)("keeps every inlined frame of a call trace, powerpc's with its stack slot too", () => {
    let seen = 0;
    for (const { name, log } of syzkallerReports()) {
      const lines = log.split('\n');
      for (const report of analyze(log).reports) {
        const frameLines = new Set(report.frames.map((f) => f.line));
        for (let i = report.traceLine ?? report.endLine + 1; i <= report.endLine; i++) {
          const m = SYMBOLISED.exec(lines[i]);
          if (!m?.[3]) continue;
          assert.ok(frameLines.has(i), `${name}:${i + 1}: ${lines[i]}`);
          if (/\] \[[0-9a-f]+\] /.test(lines[i])) seen++;
        }
      }
    }
    assert.ok(seen >= 2, `${seen} powerpc inlined frames`);
  });
});
