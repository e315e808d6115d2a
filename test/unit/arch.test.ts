import { strict as assert } from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { ARCH_IDS, ARCHS, archIdOf, archSpec } from '../../server/src/analysis/arch/registry';
import { ADDRESS_KINDS, type AddressKind } from '../../server/src/analysis/classify';
import { describeAt, renderHover } from '../../server/src/analysis/describe';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { analyze } from '../../server/src/analysis/model';
import { semanticTokens, TOKEN_TYPES } from '../../server/src/analysis/semanticTokens';
import { unwindLensTargets } from '../../server/src/analysis/unwind';

const ANALYSIS = join(__dirname, '../../server/src/analysis');
const PPC64LE_BT = readFileSync(join(__dirname, '../fixtures/ppc64le/bt-exception-frame.crashlog'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Rules that judge by an architecture's layout, calls or frame linkage. */
const ARCH_SPECIFIC = ['not-text', 'call-target-mismatch', 'fp-chain-broken', 'offset-beyond-size', 'unwind-disagrees'];
const CORPUS = join(__dirname, '../corpus');
/** Classes only an architecture's layout gives (learned stacks, slabs and symbols are the transcript's). */
const LAYOUT_KINDS: AddressKind[] = ['user', 'direct-map', 'vmalloc', 'vmemmap', 'fixmap', 'non-canonical', 'kernel'];

describe('architectures', () => {
  it('are one registry: every id names its own spec, aliases resolve, unknown names do not', () => {
    assert.ok(ARCH_IDS.includes('x86_64') && ARCH_IDS.includes('arm64'));
    for (const id of ARCH_IDS) {
      assert.equal(ARCHS[id].id, id);
      assert.equal(archSpec(id), ARCHS[id]);
      for (const alias of ARCHS[id].aliases) assert.equal(archIdOf(alias), id, alias);
    }
    assert.equal(archIdOf('AArch64'), 'arm64');
    assert.equal(archIdOf('ppc64le'), undefined);
    assert.equal(archSpec('unknown'), undefined);
    assert.equal(archSpec('toString'), undefined);
  });

  it('are every value of the crashlog.arch setting (package.json), besides auto', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { enum?: string[] }> } };
    };
    assert.deepEqual(manifest.contributes.configuration.properties['crashlog.arch'].enum, ['auto', ...ARCH_IDS]);
  });

  it('are compared only inside arch/: no architecture id or alias literal in the other analysis sources', () => {
    const names = ARCH_IDS.flatMap((id) => [id, ...ARCHS[id].aliases]);
    const literal = new RegExp(`(['"\`])(?:${names.map((n) => n.replace(/[-_]/g, '[-_]')).join('|')})\\1`, 'i');
    const offenders: string[] = [];
    for (const file of sources(ANALYSIS)) {
      const rel = relative(ANALYSIS, file);
      if (rel.startsWith('arch')) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (literal.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(offenders, []);
  });

  describe('detection scores every registered architecture', () => {
    const x86 = ' RIP: 0010:lkdtm_BUG+0x5/0x10\n RSP: 0018:ffffd45d40403c80 EFLAGS: 00010282\n';
    const arm = 'x29: ffff80001418fc10 x28: ffff60000f6d7000\nx27: 0000000000000000 x26: 0000000000000001\n';

    it('the architecture with the most evidence wins', () => {
      assert.equal(analyze(x86).arch, 'x86_64');
      assert.equal(analyze(arm).arch, 'arm64');
      assert.equal(analyze(x86 + arm + arm).arch, 'arm64');
    });

    it('a tie, or no evidence, settles nothing', () => {
      assert.equal(analyze(x86.split('\n')[0] + '\n' + arm.split('\n')[0] + '\n').arch, 'unknown');
      assert.equal(analyze('just some notes\n').arch, 'unknown');
    });

    it('registers other architectures share (ppc64 `R8:`…`R15:`) are no evidence for x86_64', () => {
      assert.equal(analyze(' R9:  0000000000000100    R10: 6b6b6b6b6b6b6b6b    R11: 0000000000008000\n').arch, 'unknown');
    });
  });

  describe('a real ppc64le crash session (not modelled): unknown, read without architecture-specific findings', () => {
    const model = analyze(PPC64LE_BT);

    it('is not taken for x86_64 or arm64', () => {
      assert.equal(model.arch, 'unknown');
      assert.equal(model.spec, undefined);
      assert.equal(model.layout, undefined);
    });

    it('still parses the backtrace: 17 frames with their slots, text addresses and module', () => {
      const bt = model.backtraces[0];
      assert.equal(bt.frames.length, 17);
      assert.equal(bt.frames[7].function, 'dlpar_remove_slot');
      assert.equal(bt.frames[7].module, 'rpadlpar_io');
      assert.equal(bt.frames[7].address, 0xc0080000031a09e8n);
      assert.equal(bt.frames[16].stackAddress, 0xc0000000e4f07e10n);
    });

    it('raises no error and no architecture-specific finding', () => {
      const found = diagnose(model).diagnostics;
      assert.deepEqual(
        found.filter((d) => d.severity === 'error' || ARCH_SPECIFIC.includes(d.code)).map((d) => `${d.code}: ${d.message}`),
        [],
      );
    });

    it('guesses no address class from a layout', () => {
      for (const m of PPC64LE_BT.matchAll(/\b[0-9a-f]{16}\b/g)) {
        const kind = model.classify(BigInt('0x' + m[0])).kind;
        assert.ok(!LAYOUT_KINDS.includes(kind), `${m[0]}: ${kind}`);
      }
      assert.equal(model.classify(0xc000000000167258n).kind, 'address');
      // The bt's own slots are the task's stack: the transcript says so, not a layout.
      assert.equal(model.classify(0xc0000000e4f07a30n).kind, 'task-stack');
    });

    it('names slab poison in a register as poison, coloured specialValue', () => {
      assert.equal(model.classify(0x6b6b6b6b6b6b6b6bn).kind, 'poison');
      const line = PPC64LE_BT.split('\n').findIndex((l) => l.includes('R10: 6b6b6b6b6b6b6b6b'));
      const column = model.line(line).indexOf('6b6b6b6b6b6b6b6b');
      const token = semanticTokens(model, line, line).find((t) => t.start === column);
      assert.equal(token && TOKEN_TYPES[token.type], 'specialValue');
    });

    it('hovers what is known: the stack slot of PID 7574', () => {
      const line = PPC64LE_BT.split('\n').findIndex((l) => l.includes('#6 ['));
      const card = describeAt(model, line, model.line(line).indexOf('c0000000e4f07a30') + 1);
      assert.ok(card);
      assert.match(renderHover(card.markdown), /stack of PID 7574 \(drmgr\)/);
    });

    it('offers no architecture-specific walk', () => {
      assert.deepEqual(unwindLensTargets(model), []);
    });
  });

  describe('real dumps of architectures not modelled (test/corpus/<arch>/): unknown, no error, no architecture-specific finding', () => {
    const unmodelled = readdirSync(CORPUS).filter((arch) => archIdOf(arch) === undefined);
    for (const arch of unmodelled) {
      for (const name of readdirSync(join(CORPUS, arch)).filter((n) => n.endsWith('.crashlog'))) {
        it(`${arch}/${name}`, () => {
          const text = readFileSync(join(CORPUS, arch, name), 'utf8');
          const model = analyze(text);
          assert.equal(model.arch, 'unknown');
          const { diagnostics, failures } = diagnose(model);
          assert.deepEqual(failures, []);
          const found = diagnostics.filter((d) => d.severity === 'error' || ARCH_SPECIFIC.includes(d.code));
          assert.deepEqual(
            found.map((d) => `${d.range.start.line + 1}: ${d.code}: ${d.message}`),
            [],
          );
          assert.ok(model.backtraces.length > 0 || model.reports.length > 0, 'frames are still parsed');
        });
      }
    }
  });

  describe('address kinds are one table', () => {
    it('every kind has a label, and only poison and ERR_PTR are special values', () => {
      for (const [kind, info] of Object.entries(ADDRESS_KINDS)) {
        assert.ok(info.label.length > 0, kind);
        if ('token' in info && info.token === 'specialValue') assert.ok(kind === 'poison' || kind === 'err-ptr', kind);
      }
    });

    it('LIST_POISON, slab poison, redzones and stack-leak poison classify as poison on a modelled architecture', () => {
      const model = analyze(' RIP: 0010:lkdtm_BUG+0x5/0x10\n RSP: 0018:ffffd45d40403c80 EFLAGS: 00010282\n');
      for (const [value, label] of [
        [0xdead000000000100n, /LIST_POISON1/],
        [0xdead000000000122n, /LIST_POISON2/],
        [0x6b6b6b6b6b6b6ba5n, /freed object/],
        [0x5a5a5a5a5a5a5a5an, /uninitialised/],
        [0xccccccccccccccccn, /redzone/],
        [0xffffffffffff4111n, /stack-leak/],
      ] as const) {
        const c = model.classify(value);
        assert.equal(c.kind, 'poison', value.toString(16));
        assert.match(c.label, label);
      }
      // A pointer is not poison.
      assert.notEqual(model.classify(0xffffd45d40403c80n).kind, 'poison');
    });
  });
});
