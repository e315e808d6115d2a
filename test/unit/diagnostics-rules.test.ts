// Every rule of the registry, table-driven: each fires where its own example says and
// nowhere else in it, speaks only with its code at or below its severity (reaching it
// there), and goes quiet when turned off; the registry's shape (one module per code,
// dependencies that exist and run first) and the places generated from it (package.json,
// README) are checked here too.
import { strict as assert } from 'assert';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { diagnose, RULES, type Rule } from '../../server/src/analysis/diagnostics';
import { analyze } from '../../server/src/analysis/model';
import type { Severity } from '../../server/src/analysis/types';
import { PACKAGE_JSON, packageJsonWithRules, README, readmeWithRules } from '../../scripts/rule-docs';
import { REPO_ROOT } from '../support/corpus';

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
const rules: readonly Rule[] = RULES;

describe('diagnostic rules: each fires on its own example', () => {
  for (const rule of rules) {
    describe(rule.code, () => {
      const text = rule.example.lines.join('\n');
      const model = analyze(text);

      it(`reports lines ${rule.example.firesOn.map((l) => l + 1).join(', ')} of its example and no others`, () => {
        const { diagnostics, failures } = diagnose(model);
        assert.deepEqual(failures, []);
        const mine = diagnostics.filter((d) => d.code === rule.code);
        assert.deepEqual([...new Set(mine.map((d) => d.range.start.line))], rule.example.firesOn);
        for (const d of mine) {
          assert.ok(RANK[d.severity] <= RANK[rule.severity], `${d.severity} above the declared ${rule.severity}`);
          assert.ok(d.message.length > 0);
        }
        // The declared severity is one the rule reaches: the README and settings do not promise a stronger one.
        assert.ok(
          mine.some((d) => d.severity === rule.severity),
          `the example shows the declared ${rule.severity}`,
        );
      });

      it('is quiet when turned off, and turning it off changes no other rule', () => {
        const all = diagnose(model).diagnostics;
        const without = diagnose(model, { disabled: new Set([rule.code]) }).diagnostics;
        assert.deepEqual(
          without,
          all.filter((d) => d.code !== rule.code),
        );
      });
    });
  }
});

describe('diagnostic rules: the registry', () => {
  it('holds one rule per code, each in rules/<code>.ts', () => {
    const codes = rules.map((r) => r.code);
    assert.equal(new Set(codes).size, codes.length, 'codes are unique');
    for (const code of codes) {
      const file = path.join(REPO_ROOT, 'server', 'src', 'analysis', 'diagnostics', 'rules', `${code}.ts`);
      assert.ok(existsSync(file), `rules/${code}.ts`);
      assert.match(readFileSync(file, 'utf8'), new RegExp(`code: '${code}'`), `rules/${code}.ts defines ${code}`);
    }
  });

  it('lists dependencies that exist and run before the rules that read them', () => {
    const order = rules.map((r) => r.code);
    for (const rule of rules) {
      for (const dependency of rule.dependsOn ?? []) {
        assert.ok(order.includes(dependency), `${rule.code} depends on unknown ${dependency}`);
        assert.ok(order.indexOf(dependency) < order.indexOf(rule.code), `${dependency} runs before ${rule.code}`);
      }
    }
  });

  it('is what package.json lists for crashlog.diagnostics.disabled (npm run docs:rules rewrites it)', () => {
    const text = readFileSync(PACKAGE_JSON, 'utf8');
    assert.equal(text, packageJsonWithRules(text));
  });

  it("is what the README's Diagnostics table shows (npm run docs:rules rewrites it)", async () => {
    const text = readFileSync(README, 'utf8');
    assert.equal(text, await readmeWithRules(text));
  });
});
