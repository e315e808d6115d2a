import { strict as assert } from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/analysis/model';
import { describeAt, renderHover } from '../../server/src/analysis/describe';
import { semanticTokens } from '../../server/src/analysis/semanticTokens';
import { crashDumps, example, hasShared } from '../support/corpus';
import { removeSections, sectionLines } from '../support/sections';
import { hoverOn } from '../support/hover';

/** Hover text at the n-th occurrence of `needle` (cursor one character in). */

describe('hover cards', () => {
  describe('seed 000 (x86_64)', () => {
    const model = analyze(example('x86_64-seed000.crashlog'));

    it('reads a return address as module text, kmem_alloc+83, after a callq to __kmalloc', () => {
      const text = hoverOn(model, 'ffffffffc07258b3');
      assert.match(text, /module text \[xfs\]/);
      assert.match(text, /kmem_alloc\+83/);
      assert.match(text, /callq\s+0xffffffffb8687ee0 <__kmalloc>/);
      assert.match(text, /frame above must be `__kmalloc`/);
    });

    it("reads a dis line's own address as the instruction it shows, not as a return address", () => {
      const text = hoverOn(model, 'ffffffffc07258ae', 0, (l) => l.startsWith('0xffffffffc07258ae <kmem_alloc+78>:'));
      assert.match(text, /Instruction at `kmem_alloc\+78` \[xfs\]/);
      assert.doesNotMatch(text, /Return address|not a call/);
    });

    it('reads a stack slot as a slot of PID 1316 with the frame it falls in', () => {
      const text = hoverOn(model, 'ffffa269e37dbcf8', 0, (l) => l.includes('ffffa269e37dbce0:'));
      assert.match(text, /stack of PID 1316 \(containerd-shim\)/);
      // The frame of crash's bt whose words hold the slot (bt -f prints them under #7).
      assert.match(text, /in frame #7 `xfs_dir2_sf_put_ftype` \(slot `ffffa269e37dbc88`, line 71\)/);
    });
  });

  describe('a program counter (test/corpus/x86_64)', () => {
    const model = analyze(readFileSync(path.join(__dirname, '../corpus/x86_64/01-null.formats.crashlog'), 'utf8'));

    it("reads RIP's value as the instruction where execution was, not as a return address", () => {
      const text = hoverOn(model, 'ffffffffc0435163', 0, (l) => /^\s*RIP: ffffffffc0435163/.test(l));
      assert.match(text, /Instruction at `cc_do_null\+28`/);
      assert.doesNotMatch(text, /Return address|Returns after/);
    });
  });

  describe('seed 001 (arm64)', () => {
    const model = analyze(example('arm64-seed001.crashlog'));

    it('shows 0xfffffd00 as -768', () => {
      assert.match(hoverOn(model, '00000000fffffd00'), /-768/);
    });

    it("resolves [x19,#248] and [x19,#224] with the transcript's struct sock", () => {
      assert.match(hoverOn(model, '[x19,#248]'), /sock\.sk_forward_alloc/);
      const text = hoverOn(model, '[x19,#224]');
      assert.match(text, /sock\.sk_backlog\.rmem_alloc/);
      assert.ok(text.indexOf('sk_backlog.rmem_alloc') < text.indexOf('`sock.sk_backlog`'), 'nested member first');
    });

    it('reads x25 as the TCP slab object + 0xc8 = sk_receive_queue', () => {
      const text = hoverOn(model, 'ffff00ff862fc148');
      assert.match(text, /TCP object `ffff00ff862fc080` \+ 0xc8/);
      assert.match(text, /`sk_receive_queue` of struct sock/);
    });
  });

  describe('seed 002 (arm64 39-bit)', () => {
    const model = analyze(example('arm64-seed002.crashlog'));
    const recordLine = (l: string) => l.startsWith('ffffffc0427f33b0:');

    it('reads the middle word as the saved FP of the record at ffffffc0427f33b0, frame of 0x30 bytes', () => {
      const text = hoverOn(model, 'ffffffc0427f33e0', 0, recordLine);
      assert.match(text, /Saved frame pointer \(x29\) of the frame record at `ffffffc0427f33b0`/);
      assert.match(text, /frame of 0x30 bytes/);
    });

    it('reads the last word as __const_udelay+40', () => {
      assert.match(hoverOn(model, 'ffffffc008fb9754', 0, recordLine), /__const_udelay\+40/);
    });
  });

  it('answers nothing for prose and never throws at any position of junk', () => {
    const model = analyze('just some words\n\u0000\u0001 ffff:\n[x99,#zz] +0x/0x');
    for (let line = 0; line < model.lines.length; line++) {
      for (let c = 0; c <= model.lines[line].length; c++) describeAt(model, line, c);
    }
    assert.equal(describeAt(model, 0, 3), undefined);
  });

  (hasShared ? describe : describe.skip)('real transcripts without rd -s, bt and log', () => {
    for (const arch of ['x86_64', 'arm64'] as const) {
      for (const dump of crashDumps(arch)) {
        it(`${arch} ${dump.name}: every rd -x word that rd -s names hovers as that func+off`, () => {
          const rdx = sectionLines(dump.transcript, (c) => /^rd -x \S+ \d+$/.test(c) && !/ 2$/.test(c));
          const rds = sectionLines(dump.transcript, (c) => /^rd -s /.test(c));
          const reduced = removeSections(dump.transcript, (c) => /^(?:rd -s|bt|log)\b/.test(c));
          const model = analyze(reduced);
          let checked = 0;
          for (const x of rdx) {
            const s = rds.find((r) => r.command.split(/\s+/).slice(2).join(' ') === x.command.split(/\s+/).slice(2).join(' '));
            if (!s) continue;
            for (let k = 0; k < x.lines.length; k++) {
              const xWords = x.lines[k].trim().split(/\s+/).slice(1);
              const sWords = (s.lines[k] ?? '').trim().split(/\s+/).slice(1);
              xWords.forEach((word, j) => {
                const sym = /^([A-Za-z_.$][\w.$]*)\+(\d+)$/.exec(sWords[j] ?? '');
                if (!sym) return;
                // Only where the rest of the transcript still shows the function's start.
                const known = model.symbols.get(sym[1]);
                if (!known?.base || !known.baseEvidence.some((l) => /<[^>]+>:|\) \S+\+?\d* /.test(model.lines[l]))) return;
                const lineIndex = model.lines.indexOf(x.lines[k]);
                const column = model.lines[lineIndex].indexOf(word);
                const card = describeAt(model, lineIndex, column + 1);
                assert.ok(card, `no hover for ${word}`);
                assert.ok(card.markdown.includes(`${sym[1]}+${sym[2]}`), `${word} should read as ${sym[0]}:\n${card.markdown}`);
                checked++;
              });
            }
          }
          assert.ok(checked > 0, 'nothing checked');
        });
      }
    }
  });
});

describe('physical dumps (rd -p, search -p in test/corpus/*/…formats)', () => {
  const corpus = path.join(__dirname, '../corpus');
  const transcripts = readdirSync(corpus).flatMap((arch) =>
    readdirSync(path.join(corpus, arch))
      .filter((f) => f.endsWith('.formats.crashlog'))
      .map((f) => ({ name: `${arch}/${f}`, model: analyze(readFileSync(path.join(corpus, arch, f), 'utf8')) })),
  );

  it('hover and colour no physical address as a kernel virtual one', () => {
    let checked = 0;
    for (const { name, model } of transcripts) {
      const tokens = semanticTokens(model);
      for (const section of model.sections) {
        if (!['rd', 'search'].includes(section.kind) || !section.options.includes('-p')) continue;
        for (let line = section.line + 1; line <= section.endLine; line++) {
          const text = model.line(line);
          const column = /^\s*[0-9a-f]+:/.exec(text) ? text.search(/[0-9a-f]/) : -1;
          if (column < 0) continue;
          const card = describeAt(model, line, column + 1);
          const hover = card ? renderHover(card.markdown) : '';
          assert.match(hover, /physical address, not a kernel virtual address/, `${name}:${line + 1}`);
          assert.doesNotMatch(hover, /memory address|text|user space|map|vmalloc|stack|small value|Holds/, `${name}:${line + 1}`);
          assert.ok(!tokens.some((t) => t.line === line && t.start === column), `${name}:${line + 1} coloured`);
          checked++;
        }
      }
    }
    // x86_64, ppc64le, riscv64 and i386 dumped physical memory with both commands.
    assert.ok(checked >= 8, `${checked} lines`);
  });
});
