// The long fuzz run of issue 8: the same properties as test/unit/fuzz.test.ts with a
// large budget over the whole corpus. Prints the cases run and every distinct failure
// with its shrunk counterexample; exits 1 when there was one.
//   npx tsx scripts/fuzz-long.ts [--cases N] [--seed S]      (npm run fuzz -- --cases N)
import fc from 'fast-check';
import { checkTranscript } from '../test/support/invariants';
import {
  buildCase,
  describeCase,
  frameChainCase,
  frameChainTranscript,
  fuzzSources,
  mutationCase,
  randomTranscript,
} from '../test/support/mutate';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value)) throw new Error(`${name} needs a number`);
  return value;
}

const cases = option('--cases', 20_000);
const seed = option('--seed', Date.now() % 0x7fffffff);
/** Runs per fast-check call: a failure ends a call, so batches let one run find several. */
const BATCH = 250;
const ARCHES = fc.constantFrom(undefined, 'x86_64' as const, 'arm64' as const);

const sources = fuzzSources(1);
// Properties over different argument tuples share one list; fast-check's type has no common supertype for them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const properties: { name: string; share: number; property: fc.IProperty<any> }[] = [
  {
    name: 'mutated transcripts',
    share: 0.6,
    property: fc.property(mutationCase(sources, 8), ARCHES, fc.nat(), (c, arch, salt) => {
      try {
        checkTranscript(buildCase(c, sources), { arch, salt });
      } catch (error) {
        throw new Error(`${describeCase(c, sources)}: ${(error as Error).message}`);
      }
    }),
  },
  {
    name: 'random lines',
    share: 0.2,
    property: fc.property(randomTranscript(), ARCHES, fc.nat(), (text, arch, salt) => void checkTranscript(text, { arch, salt })),
  },
  {
    name: 'frame chains',
    share: 0.2,
    property: fc.property(frameChainCase(), (c) => void checkTranscript(frameChainTranscript(c), { arch: c.arch, probes: 30 })),
  },
];

console.log(`fuzz-long: seed ${seed}, ${cases} cases, ${sources.length} source transcripts`);
const started = Date.now();
let run = 0;
const failures = new Map<string, { property: string; seed: number; path?: string; counterexample: string; error: string }>();
for (const [index, { name, share, property }] of properties.entries()) {
  const budget = Math.round(cases * share);
  let done = 0;
  for (let batch = 0; done < budget; batch++) {
    const batchSeed = (seed + index * 1_000_003 + batch * 7919) % 0x7fffffff;
    const numRuns = Math.min(BATCH, budget - done);
    const details = fc.check(property, { seed: batchSeed, numRuns });
    done += details.numRuns;
    run += details.numRuns;
    if (details.failed) {
      const error = String((details.errorInstance as Error)?.message ?? details.errorInstance)
        .split('\n')[0]
        .slice(0, 600);
      // One entry per kind of failure: the message without its addresses and numbers.
      const key = `${name}: ${error
        .replace(/.*?: (?=[A-Za-z])/, '')
        .replace(/[0-9a-f]{6,}|\d+/g, 'N')
        .slice(0, 160)}`;
      if (!failures.has(key)) {
        failures.set(key, {
          property: name,
          seed: batchSeed,
          path: details.counterexamplePath ?? undefined,
          counterexample: fc.stringify(details.counterexample).slice(0, 2000),
          error,
        });
      }
    }
    process.stdout.write(`\r${name}: ${done}/${budget} cases, ${failures.size} distinct failure(s)   `);
  }
  process.stdout.write('\n');
}

console.log(`\ncases run: ${run} in ${((Date.now() - started) / 1000).toFixed(1)} s; distinct failures: ${failures.size}`);
for (const f of failures.values()) {
  console.log(
    `\n[${f.property}] seed ${f.seed}${f.path ? ` path ${f.path}` : ''}\n  error: ${f.error}\n  shrunk counterexample: ${f.counterexample}`,
  );
}
process.exitCode = failures.size > 0 ? 1 : 0;
