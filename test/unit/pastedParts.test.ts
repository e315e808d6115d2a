// Parts of a crash session as people paste them: one command's output (a `bt` alone, a `sym -m`
// listing), or a few commands in a row. A part holds less evidence than the whole session (a walk
// runs out of memory, a symbol is seen under one of its names), so it never gets a warning or an
// error that the whole session does not have on the same line.
import { strict as assert } from 'assert';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { analyze } from '../../server/src/analysis/model';
import { parsePrompt } from '../../server/src/analysis/parse/prompt';
import { everyTranscript } from '../support/corpus';

/** Our own dumps' crash sessions (test/corpus) and, when ../shared is there, the real-vmcore ones. */
function sessions(): { name: string; lines: string[]; prompts: number[] }[] {
  return everyTranscript()
    .filter(({ name }) => /^(?:test\/corpus|shared\/corpus\/crash-)/.test(name))
    .map(({ name, text }) => {
      const lines = text.split(/\r?\n/);
      const prompts = lines.flatMap((line, i) => (parsePrompt(line) ? [i] : []));
      return { name, lines, prompts };
    })
    .filter((s) => s.prompts.length > 1);
}

/** Warnings and errors, each as `code@line` with lines counted from `from` in the whole session. */
function findings(lines: string[], from: number): Map<string, string> {
  const found = new Map<string, string>();
  for (const d of diagnose(analyze(lines.join('\n'))).diagnostics) {
    if (d.severity === 'info') continue;
    found.set(`${d.code}@${d.range.start.line + from}`, `${d.range.start.line + from + 1}: ${d.code}: ${d.message}`);
  }
  return found;
}

describe('parts of a crash session pasted alone', () => {
  const all = sessions();

  it('reads our own dumps of every architecture', () => {
    assert.ok(all.length >= 20, `${all.length} sessions`);
  });

  for (const commands of [1, 3]) {
    it(`${commands === 1 ? 'one command' : `${commands} commands in a row`}: no finding the whole session lacks`, () => {
      const extra: string[] = [];
      for (const { name, lines, prompts } of all) {
        const whole = findings(lines, 0);
        for (let k = 0; k < prompts.length; k++) {
          const from = prompts[k];
          const part = lines.slice(from, prompts[k + commands] ?? lines.length);
          for (const [key, text] of findings(part, from)) if (!whole.has(key)) extra.push(`${name} [${part[0].trim()}] ${text}`);
        }
      }
      assert.deepEqual(extra, []);
    });
  }
});
