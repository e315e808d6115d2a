import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';
import { REPO_ROOT } from '../support/corpus';

// The real consoles of test/corpus: the same module's BUG_ON and sysrq-c on each architecture.
const ARCHES = ['ppc64le', 's390x', 'riscv64'];

function leading(file: string): ReturnType<typeof summarize>['reports'][number] {
  const summary = summarize(analyze(readFileSync(path.join(REPO_ROOT, 'test', 'corpus', file), 'utf8')));
  assert.ok(summary.leadingReport !== undefined, file);
  return summary.reports[summary.leadingReport];
}

describe('triage of real consoles on other architectures', () => {
  for (const arch of ARCHES) {
    it(`${arch}: BUG_ON is titled and located from its fault site`, () => {
      const report = leading(`${arch}/03-bug.console.crashlog`);
      assert.equal(report.kind, 'bug');
      assert.equal(report.title, 'kernel BUG in cc_do_bug');
      assert.equal(report.function, 'cc_do_bug');
      assert.equal(report.module, 'corpus_crash');
    });

    it(`${arch}: a sysrq crash names neither the stack printers nor the +0x0 return address`, () => {
      const report = leading(`${arch}/04-sysrq.console.crashlog`);
      assert.equal(report.kind, 'panic');
      assert.equal(report.title, 'kernel panic: sysrq triggered crash');
      assert.ok(report.function === 'sysrq_handle_crash' || report.function === '__handle_sysrq', report.function);
    });
  }
});
