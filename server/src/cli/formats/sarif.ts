// `crashlog check --format sarif`: SARIF 2.1.0 (OASIS), the format code-scanning services and CI
// viewers read. One run; the rules come from the diagnostic registry, each result points at its
// file and 1-based line and column, related lines become related locations.
import type { Diagnostic, RelatedInfo } from '../../analysis/types';
import type { CheckFormatter, RuleDescription } from './types';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SARIF_VERSION = '2.1.0';

type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL: Record<Diagnostic['severity'], SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * The file as a URI reference: relative paths stay relative (viewers resolve them against the
 * checkout), absolute ones become file: URIs; separators are `/` and unsafe characters escaped.
 */
export function artifactUri(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const encoded = slashed
    .split('/')
    .map((part, i) => (i === 0 && /^[A-Za-z]:$/.test(part) ? part : encodeURIComponent(part)))
    .join('/');
  if (slashed.startsWith('/')) return 'file://' + encoded;
  if (/^[A-Za-z]:\//.test(slashed)) return 'file:///' + encoded;
  return encoded.replace(/^\.\//, '');
}

function region(range: Diagnostic['range']): Record<string, number> {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function location(uri: string, range: Diagnostic['range']): unknown {
  return { physicalLocation: { artifactLocation: { uri }, region: region(range) } };
}

function rule(r: RuleDescription): unknown {
  return {
    id: r.code,
    name: r.code.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: r.description },
    defaultConfiguration: { level: LEVEL[r.severity] },
  };
}

function related(uri: string, info: RelatedInfo, id: number): unknown {
  return { id, message: { text: info.message }, ...(location(uri, info.range) as object) };
}

export const formatSarif: CheckFormatter = (files, rules) => {
  const index = new Map(rules.map((r, i) => [r.code, i]));
  const results = files.flatMap((f) => {
    const uri = artifactUri(f.file);
    return f.diagnostics.map((d) => ({
      ruleId: d.code,
      ...(index.has(d.code) ? { ruleIndex: index.get(d.code) } : {}),
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [location(uri, d.range)],
      ...(d.related.length > 0 ? { relatedLocations: d.related.map((r, i) => related(uri, r, i + 1)) } : {}),
    }));
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [
      {
        tool: { driver: { name: 'crashlog', rules: rules.map(rule) } },
        artifacts: files.map((f) => ({ location: { uri: artifactUri(f.file) } })),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};
