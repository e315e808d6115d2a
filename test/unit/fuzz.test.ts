// Property and fuzz tests of the analysis (issue 8): whatever a user pastes, every
// query answers, stays inside the document and terminates. A fixed seed and a small
// budget keep this file quick and repeatable; `npm run fuzz` runs the long version.
// mocha's timeout is the hang guard: the analysis has no loop that input can stretch.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { describeAt } from '../../server/src/analysis/describe';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { analyze } from '../../server/src/analysis/model';
import { semanticTokens } from '../../server/src/analysis/semanticTokens';
import { unwind, unwindLensTargets } from '../../server/src/analysis/unwind';
import { checkTranscript } from '../support/invariants';
import {
  buildCase,
  deepStruct,
  describeCase,
  frameChainCase,
  frameChainTranscript,
  fuzzSources,
  mutationCase,
  randomTranscript,
} from '../support/mutate';

/** Fixed so a failure here is a failure on every machine; `npm run fuzz -- --seed S` explores others. */
const SEED = 20240808;
const ARCHES = fc.constantFrom(undefined, 'x86_64' as const, 'arm64' as const);

describe('fuzz: the analysis on hostile transcripts', function () {
  const sources = fuzzSources();

  it('answers every query inside the document on mutated fixtures and corpus transcripts', () => {
    fc.assert(
      fc.property(mutationCase(sources), ARCHES, fc.nat(), (c, arch, salt) => {
        try {
          checkTranscript(buildCase(c, sources), { arch, salt, probes: 25, lensWalks: 6 });
        } catch (error) {
          throw new Error(`${describeCase(c, sources)}: ${(error as Error).message}`);
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('answers every query on transcripts made of random lines and noise', () => {
    fc.assert(
      fc.property(randomTranscript(), ARCHES, fc.nat(), (text, arch, salt) => {
        checkTranscript(text, { arch, salt, probes: 20 });
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('walks chains that loop or point anywhere to an end without repeating a frame', () => {
    fc.assert(
      fc.property(frameChainCase(), (c) => {
        const model = analyze(frameChainTranscript(c), { arch: c.arch });
        // checkTranscript walks from every probed word and lens; these are the chain's own starts.
        for (const start of [
          { fp: c.start },
          { sp: c.start, pc: 0xffffffff8100000dn },
          { slot: c.start, pc: 0xffffffff8100004dn },
          { fp: c.start, rbp: c.start },
        ]) {
          const result = unwind(model, start);
          const addresses = result.frames.map((f) => f.frameAddress).filter((a) => a !== undefined);
          assert.equal(
            new Set(addresses).size,
            addresses.length,
            `frame addresses repeat: ${addresses.map((a) => a.toString(16)).join(' ')}`,
          );
          assert.ok(result.stop.kind.length > 0);
        }
        checkTranscript(frameChainTranscript(c), { arch: c.arch, probes: 15 });
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('handles a 1 MB line', () => {
    const words = 'ffffffff81000123 ffffc90000013e00 ';
    const line = words.repeat(Math.ceil((1 << 20) / words.length)).slice(0, 1 << 20);
    for (const text of [
      line,
      `crash> rd -x ffffc90000013e00 2\nffffc90000013e00:  ${line}\n#0 [ffffc90000013e00] x at ${line}`,
    ]) {
      const model = analyze(text);
      assert.equal(model.lines[0].length, text.split('\n')[0].length);
      assert.equal(describeAt(model, 0, 1 << 19), undefined, 'no word is looked for in a megabyte line');
      for (const d of diagnose(model).diagnostics) assert.ok(d.range.end.line < model.lines.length);
      semanticTokens(model);
      for (const target of unwindLensTargets(model).slice(0, 5)) unwind(model, target.start);
    }
  });

  it('handles 100,000 one-character lines', () => {
    const text = Array.from({ length: 100_000 }, (_, i) => '#}{x0 \t`'[i % 8]).join('\n');
    const counts = checkTranscript(text, { probes: 200 });
    assert.equal(counts.lines, 100_000);
  });

  it('handles struct listings nested 10,000 deep', () => {
    const model = analyze(deepStruct(10_000));
    assert.equal(model.lines.length, 20_006);
    // The layout is kept; members nested past what crash ever prints are dropped, not copied into every level.
    const layout = model.structs.get('deep');
    assert.ok(layout && layout.members.length > 0 && layout.members.length < 100, `members kept: ${layout?.members.length}`);
    checkTranscript(deepStruct(10_000), { probes: 50 });
    // Unclosed nesting runs to the end of the document.
    checkTranscript(deepStruct(3000).split('\n').slice(0, 3001).join('\n'), { probes: 20 });
  });

  it('handles NUL, invalid UTF-8 and lone surrogates everywhere', () => {
    const base = sources[0].text;
    const poisoned = [
      base.replace(/ /g, '\0'),
      Buffer.from(Buffer.from(base, 'utf8').map((b, i) => (i % 7 === 0 ? 0xff : b))).toString('utf8'),
      base.replace(/f/g, '\ud800'),
      Buffer.from(base, 'latin1').toString('utf16le'),
    ];
    for (const text of poisoned) checkTranscript(text, { probes: 60 });
  });
});
