// Architecture detection on every real transcript, against the verdicts recorded in
// test/fixtures/detection.json. Detection is tuned for speed (it scores each distinct
// piece of evidence once): this keeps every answer what it was.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { ARCH_SPECS } from '../../server/src/analysis/arch/registry';
import { READ_ONLY_ARCHS } from '../../server/src/analysis/arch/readonly';
import { TEXT_EVIDENCE_DIGITS } from '../../server/src/analysis/arch/types';
import { UNMODELLED } from '../../server/src/analysis/arch/unmodelled';
import { analyze } from '../../server/src/analysis/model';
import { everyTranscript } from '../support/corpus';

/** Verdict → transcripts, as the analysis answered before detection was made cheaper. */
const RECORDED = JSON.parse(readFileSync(join(__dirname, '../fixtures/detection.json'), 'utf8')) as Record<string, string[]>;

/** The architecture detected, and the unmodelled one leading when none is: `x86_64`, `unknown/i386`. */
function verdictOf(text: string): string {
  const model = analyze(text);
  return model.archDetected + (model.archUnmodelled ? `/${model.archUnmodelled}` : '');
}

describe('architecture detection on every real transcript', () => {
  const transcripts = everyTranscript();
  const expected = new Map<string, string>();
  for (const [verdict, names] of Object.entries(RECORDED)) for (const name of names) expected.set(name, verdict);

  // Transcripts added since were never answered otherwise: only the recorded ones are compared.
  it('gives the recorded verdict for each (a change meant to move one updates the record)', () => {
    const changed: string[] = [];
    for (const { name, text } of transcripts) {
      const want = expected.get(name);
      if (want === undefined) continue;
      const got = verdictOf(text);
      if (got !== want) changed.push(`${name}: ${want} → ${got}`);
    }
    assert.deepEqual(changed, []);
  });

  it('records transcripts of every modelled architecture and of those read without a model', () => {
    const verdicts = new Set(transcripts.map(({ name }) => expected.get(name)));
    for (const verdict of ['x86_64', 'ppc64', 's390x', 'riscv64', 'unknown/i386', 'unknown/arm32']) {
      assert.ok(verdicts.has(verdict), verdict);
    }
  });
});

describe('text-address evidence', () => {
  it(`reads no digit past the first ${TEXT_EVIDENCE_DIGITS} (detection scores each prefix once)`, () => {
    const scorers = [
      ...ARCH_SPECS.map((spec) => ({ name: spec.id, evidence: spec.evidence })),
      ...READ_ONLY_ARCHS,
      ...UNMODELLED,
    ];
    const prefixes = new Set<string>();
    for (const { text } of everyTranscript()) {
      for (const m of text.matchAll(/\b[0-9a-f]{16}\b/g)) prefixes.add(m[0].slice(0, TEXT_EVIDENCE_DIGITS));
    }
    assert.ok(prefixes.size > 100);
    const tails = ['000000', 'ffffff', '7fffff', '800000', '13579b', 'eca864'].map((t) => t.slice(0, 16 - TEXT_EVIDENCE_DIGITS));
    const differ: string[] = [];
    for (const prefix of prefixes) {
      for (const { name, evidence } of scorers) {
        const scores = new Set(tails.map((tail) => evidence.textAddress(prefix + tail)));
        if (scores.size > 1) differ.push(`${name}: ${prefix}…`);
        for (const inModule of [false, true]) {
          const traced = new Set(tails.map((tail) => evidence.traceAddress?.(prefix + tail, inModule)));
          if (traced.size > 1) differ.push(`${name} (trace${inModule ? ', module' : ''}): ${prefix}…`);
        }
      }
    }
    assert.deepEqual(differ, []);
  });
});
