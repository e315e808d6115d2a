import { strict as assert } from 'assert';
import { diagnose, RULES } from '../../server/src/analysis/diagnostics';
import { analyze } from '../../server/src/analysis/model';
import { CHECK_FORMAT_NAMES } from '../../server/src/cli/formats';
import { formatJson } from '../../server/src/cli/formats/json';
import { formatText } from '../../server/src/cli/formats/text';
import { artifactUri, formatSarif } from '../../server/src/cli/formats/sarif';
import type { CheckedFile } from '../../server/src/cli/formats/types';
import { example } from '../support/corpus';

// Seed 000's transcript: one call-target-mismatch error with related lines, and more.
function checkedSeed(): CheckedFile[] {
  const { diagnostics } = diagnose(analyze(example('x86_64-seed000.crashlog')));
  assert.ok(diagnostics.some((d) => d.severity === 'error' && d.related.length > 0));
  return [
    { file: 'examples/x86_64-seed000.crashlog', diagnostics },
    { file: 'notes/empty one.crashlog', diagnostics: [] },
  ];
}

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string }; region: SarifRegion };
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        rules: { id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: SarifLocation[];
      relatedLocations?: (SarifLocation & { id: number; message: { text: string } })[];
    }[];
  }[];
}

describe('crashlog check output formats', () => {
  it('writes SARIF 2.1.0 with the rule registry and 1-based locations', () => {
    const files = checkedSeed();
    const log = JSON.parse(formatSarif(files, RULES)) as SarifLog;
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const { tool, results } = log.runs[0];
    assert.equal(tool.driver.name, 'crashlog');
    assert.deepEqual(
      tool.driver.rules.map((r) => r.id),
      RULES.map((r) => r.code),
    );
    for (const r of tool.driver.rules) {
      assert.ok(r.shortDescription.text.length > 0, r.id);
      assert.ok(['error', 'warning', 'note'].includes(r.defaultConfiguration.level), r.id);
    }
    const diagnostics = files[0].diagnostics;
    assert.equal(results.length, diagnostics.length);
    results.forEach((result, i) => {
      const d = diagnostics[i];
      assert.equal(result.ruleId, d.code);
      assert.equal(tool.driver.rules[result.ruleIndex].id, d.code);
      assert.equal(result.level, { error: 'error', warning: 'warning', info: 'note' }[d.severity]);
      assert.equal(result.message.text, d.message);
      const [{ physicalLocation }] = result.locations;
      assert.equal(physicalLocation.artifactLocation.uri, 'examples/x86_64-seed000.crashlog');
      assert.equal(physicalLocation.region.startLine, d.range.start.line + 1);
      assert.equal(physicalLocation.region.startColumn, d.range.start.character + 1);
      assert.ok(physicalLocation.region.startLine >= 1 && physicalLocation.region.startColumn >= 1);
      assert.equal(result.relatedLocations?.length ?? 0, d.related.length);
      result.relatedLocations?.forEach((rel, j) => {
        assert.equal(rel.physicalLocation.region.startLine, d.related[j].range.start.line + 1);
        assert.equal(rel.message.text, d.related[j].message);
      });
    });
  });

  it('writes file paths as URI references', () => {
    assert.equal(artifactUri('notes/empty one.crashlog'), 'notes/empty%20one.crashlog');
    assert.equal(artifactUri('./a/b.crashlog'), 'a/b.crashlog');
    assert.equal(artifactUri('/var/crash/x#1.log'), 'file:///var/crash/x%231.log');
    assert.equal(artifactUri('C:\\dumps\\x.log'), 'file:///C:/dumps/x.log');
  });

  it('offers text (the default), json and sarif', () => {
    assert.deepEqual(CHECK_FORMAT_NAMES, ['text', 'json', 'sarif']);
  });

  it('writes text as FILE:LINE:COL: severity [code] message, one line each', () => {
    const files = checkedSeed();
    const lines = formatText(files, RULES).trimEnd().split('\n');
    assert.equal(lines.length, files[0].diagnostics.length);
    const d = files[0].diagnostics[0];
    assert.ok(
      lines[0].startsWith(
        `examples/x86_64-seed000.crashlog:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} [${d.code}] `,
      ),
    );
    assert.ok(lines.every((l) => /^\S+:\d+:\d+: (?:error|warning|info) \[[\w-]+\] /.test(l)));
    assert.equal(formatText([{ file: 'x', diagnostics: [] }], RULES), '');
  });

  it('writes JSON with 1-based positions and totals per severity', () => {
    const files = checkedSeed();
    const doc = JSON.parse(formatJson(files, RULES)) as {
      files: { file: string; diagnostics: { line: number; column: number; code: string; severity: string }[] }[];
      errors: number;
      warnings: number;
      infos: number;
    };
    assert.deepEqual(
      doc.files.map((f) => f.file),
      files.map((f) => f.file),
    );
    const first = files[0].diagnostics[0];
    assert.equal(doc.files[0].diagnostics[0].line, first.range.start.line + 1);
    assert.equal(doc.files[0].diagnostics[0].column, first.range.start.character + 1);
    const all = files[0].diagnostics;
    assert.equal(doc.errors, all.filter((d) => d.severity === 'error').length);
    assert.equal(doc.errors + doc.warnings + doc.infos, all.length);
  });
});
