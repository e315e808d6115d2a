// Symbol files: parsing System.map / kallsyms / nm output, the KASLR slide against a
// transcript, and lookups that name what the transcript cannot.
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import * as path from 'path';
import { describeAt, renderHover } from '../../server/src/analysis/describe';
import { analyze } from '../../server/src/analysis/model';
import { estimateSlides, parseSymbolFile, SymbolFileTable } from '../../server/src/analysis/symbolFile';
import { readSymbolFileSync } from '../../server/src/symbolFiles';
import { example, REPO_ROOT } from '../support/corpus';
import { at } from '../support/caret';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'symbols');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

function table(text: string): SymbolFileTable {
  const parsed = parseSymbolFile(text);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
  return parsed.table;
}

function lineAndColumn(text: string, needle: string): [number, number] {
  const { line, character } = at(text, needle, { offset: 1 });
  return [line, character];
}

describe('symbol files: parsing', () => {
  it('reads System.map lines in address order, types and all', () => {
    const map = table(fixture('System.map'));
    const i = map.indexAtOrBefore(0xffffffff81058690n);
    assert.equal(map.nameAt(i), 'machine_kexec');
    assert.equal(map.typeAt(i), 'T');
    assert.equal(map.moduleAt(i), undefined);
    assert.equal(map.extentAt(i), 0x280, 'up to arch_crash_save_vmcoreinfo');
  });

  it('reads kallsyms module symbols listed out of address order', () => {
    const kallsyms = table(fixture('kallsyms'));
    for (let i = 1; i < kallsyms.count; i++) assert.ok(kallsyms.addressAt(i - 1) <= kallsyms.addressAt(i), `sorted at ${i}`);
    const i = kallsyms.indexAtOrBefore(0xffffffffc0a4f8b3n);
    assert.deepEqual(kallsyms.entry(i), {
      name: 'kmem_alloc',
      address: 0xffffffffc0a4f860n,
      type: 'T',
      size: undefined,
      module: 'xfs',
    });
  });

  it('reads nm output: sizes from -S, undefined symbols and object headers skipped', () => {
    const nm = table(
      [
        'fs/xfs/kmem.o:',
        '0000000000000000 00000000000000b0 T kmem_alloc',
        '00000000000000b0 0000000000000060 T kmem_alloc_large',
        '                 U __kmalloc',
        '0000000000000110 t kmem_realloc',
        '',
      ].join('\n'),
    );
    assert.equal(nm.count, 3);
    assert.equal(nm.sizeAt(0), 0xb0);
    assert.equal(nm.sizeAt(2), undefined);
  });

  it('accepts CRLF line ends', () => {
    assert.equal(table('ffffffff81000000 T _stext\r\nffffffff81000100 T start_kernel\r\n').nameAt(1), 'start_kernel');
  });

  it('refuses a binary file, prose and zeroed kallsyms with a reason', () => {
    const binary = parseSymbolFile('\x7fELF\x02\x01\x01\0\0\0' + 'x'.repeat(100));
    assert.ok(!binary.ok && /binary/.test(binary.reason));
    const prose = parseSymbolFile(Array.from({ length: 40 }, (_, i) => `This is line ${i} of a crash transcript`).join('\n'));
    assert.ok(!prose.ok && /line 1 is not `ADDRESS TYPE NAME`/.test(prose.reason), prose.ok ? '' : prose.reason);
    const zeroed = parseSymbolFile('0000000000000000 T _stext\n0000000000000000 T start_kernel\n');
    assert.ok(!zeroed.ok && /kptr_restrict/.test(zeroed.reason));
    const empty = parseSymbolFile('\n\n');
    assert.ok(!empty.ok && /no symbols/.test(empty.reason));
  });

  it('stops early on a huge junk file and bounds the symbol count', () => {
    const junk = parseSymbolFile('not a symbol line\n'.repeat(1_000_000));
    assert.ok(!junk.ok);
    const many = parseSymbolFile('ffffffff81000000 T a\nffffffff81000010 T b\nffffffff81000020 T c\n', { maxSymbols: 2 });
    assert.ok(!many.ok && /more than 2 symbols/.test(many.reason));
  });

  it('tolerates a stray line among many good ones', () => {
    const lines = Array.from(
      { length: 600 },
      (_, i) => `ffffffff81${(0x100000 + i * 0x40).toString(16).padStart(6, '0')} T f${i}`,
    );
    lines.splice(300, 0, 'garbage');
    assert.equal(table(lines.join('\n')).count, 600);
  });
});

describe('symbol files: KASLR slide and lookup against seed 000', () => {
  const transcript = example('x86_64-seed000.crashlog');

  it('finds the System.map slide from the frames and __kmalloc, agreeing on every function', () => {
    const model = analyze(transcript, { symbolFiles: [{ table: table(fixture('System.map')), label: 'System.map' }] });
    const [file] = model.symbolFiles;
    assert.equal(file.slides.length, 1);
    assert.equal(file.slides[0].module, undefined);
    assert.equal(file.slides[0].slide, 0x37400000n);
    assert.equal(file.slides[0].agreeing, file.slides[0].compared);
    assert.ok(file.slides[0].agreeing >= 10);
  });

  it('finds separate slides for the kernel and for xfs in kallsyms of another boot', () => {
    const model = analyze(transcript, { symbolFiles: [{ table: table(fixture('kallsyms')), label: 'kallsyms' }] });
    const slides = model.symbolFiles[0].slides;
    assert.deepEqual(
      slides.map((s) => [s.module, s.slide]),
      [
        [undefined, 0x18e00000n],
        ['xfs', -0x32a000n],
      ],
    );
  });

  it('names addresses the transcript cannot, in kernel and module text', () => {
    const model = analyze(transcript, { symbolFiles: [{ table: table(fixture('kallsyms')), label: 'kallsyms' }] });
    const kernel = model.symbols.lookup(0xffffffffb84b2f10n);
    assert.equal(kernel?.symbol.name, 'schedule_timeout');
    assert.equal(kernel?.offset, 0x40);
    assert.equal(kernel?.symbol.fromFile, 'kallsyms');
    const xfs = model.symbols.lookup(0xffffffffc0731234n);
    assert.equal(xfs?.symbol.name, 'xfs_buf_item_unpin');
    assert.equal(xfs?.symbol.module, 'xfs');
    assert.equal(model.classify(0xffffffffc0731234n).kind, 'module-text');
    // Beyond the last function of the file: nothing rather than a guess.
    assert.equal(model.symbols.lookup(0xffffffffc0900000n), undefined);
  });

  it("keeps the transcript's own names first", () => {
    const model = analyze(transcript, { symbolFiles: [{ table: table(fixture('System.map')), label: 'System.map' }] });
    const own = model.symbols.lookup(0xffffffffc07258b3n);
    assert.equal(own?.symbol.name, 'kmem_alloc');
    assert.equal(own?.symbol.fromFile, undefined);
  });

  it('hovers a frame address as kernel text named by the file', () => {
    const [line, column] = lineAndColumn(transcript, 'ffffffffb845879e');
    const without = renderHover(describeAt(analyze(transcript), line, column)!.markdown);
    assert.doesNotMatch(without, /machine_kexec\+270/);
    const model = analyze(transcript, { symbolFiles: [{ table: table(fixture('System.map')), label: 'System.map' }] });
    const card = renderHover(describeAt(model, line, column)!.markdown);
    assert.match(card, /kernel text/);
    assert.match(card, /machine_kexec\+270.*from the symbol file `System\.map`/);
  });

  it('believes no slide that too few functions agree on', () => {
    const map = table(fixture('System.map'));
    const two = [
      { name: 'machine_kexec', address: 0xffffffffb845879en },
      { name: '__kmalloc', address: 0xffffffffb8687ee0n, offset: 0 },
    ];
    assert.deepEqual(estimateSlides(map, two), []);
    assert.equal(estimateSlides(map, two, { minAgreement: 2 })[0]?.slide, 0x37400000n);
    // Functions that disagree with each other give no winner either.
    const scattered = [
      { name: 'machine_kexec', address: 0xffffffff91058690n, offset: 0 },
      { name: '__kmalloc', address: 0xffffffffa1287ee0n, offset: 0 },
      { name: 'do_trap', address: 0xffffffffb101d5f0n, offset: 0 },
    ];
    assert.deepEqual(estimateSlides(map, scattered, { minAgreement: 1 }), []);
  });

  it('leaves a model unchanged when the file shares no function with the transcript', () => {
    const unrelated = table('ffffffff81000000 T _stext\nffffffff81000100 T start_kernel\nffffffff81000200 T rest_init\n');
    const model = analyze(transcript, { symbolFiles: [{ table: unrelated, label: 'other.map' }] });
    assert.deepEqual(model.symbolFiles[0].slides, []);
    assert.equal(model.symbols.lookup(0xffffffffb84b2f10n), undefined);
  });
});

describe('symbol files: reading from disk', () => {
  it('reads a fixture, and gives a reason for a missing file or a directory', () => {
    const ok = readSymbolFileSync(path.join(FIXTURES, 'System.map'));
    assert.ok(ok.ok && ok.source.label === 'System.map' && ok.source.table.count > 10);
    const missing = readSymbolFileSync(path.join(FIXTURES, 'no-such-System.map'));
    assert.ok(!missing.ok && /does not exist/.test(missing.reason));
    const directory = readSymbolFileSync(FIXTURES);
    assert.ok(!directory.ok && /not a regular file/.test(directory.reason));
  });
});

describe('symbol files: crashlog --symbols', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), ...args], { encoding: 'utf8' });
  const seedFile = path.join(REPO_ROOT, 'examples', 'x86_64-seed000.crashlog');

  it('hovers with the names of the file', () => {
    const [line, column] = lineAndColumn(example('x86_64-seed000.crashlog'), 'ffffffffb845879e');
    const run = cli('hover', seedFile, `${line + 1}:${column + 1}`, '--symbols', path.join(FIXTURES, 'System.map'));
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /machine_kexec\+270/);
  });

  it('stops with one line naming the file and the reason when it cannot be used', () => {
    const run = cli('analyze', seedFile, '--symbols', path.join(FIXTURES, 'no-such-System.map'));
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr.trim(), /^crashlog analyze: symbol file .*no-such-System\.map is not used: the file does not exist$/);
  });
});
