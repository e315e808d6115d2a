// The `crashlog.*` settings: one schema (type, range, enum, default) that every value the
// client sends is checked against. A bad value is reported once (setting and value named)
// and replaced by the default; no value, however malformed, reaches the rest of the server.
import { RULE_CODES } from './analysis/diagnostics';
import { ARCH_IDS, type ArchId } from './analysis/arch/registry';

/** Architectures a user can pick: `auto` (detected per document) and every registered one. */
export const ARCH_SETTING_VALUES: readonly string[] = ['auto', ...ARCH_IDS];

type Spec =
  | { kind: 'enum'; values: readonly string[]; default: string }
  | { kind: 'number'; minimum: number; maximum: number; default: number }
  | { kind: 'strings'; values?: readonly string[]; default: readonly string[] };

/**
 * Every setting under `crashlog.`, by its dotted name as package.json spells it. package.json's
 * `contributes.configuration` must agree (test/unit/settings.test.ts checks it).
 */
export const SETTINGS_SCHEMA = {
  arch: { kind: 'enum', values: ARCH_SETTING_VALUES, default: 'auto' },
  'diagnostics.disabled': { kind: 'strings', values: RULE_CODES, default: [] },
  'diagnostics.debounceMs': { kind: 'number', minimum: 0, maximum: 10000, default: 300 },
  maxFileSizeMB: { kind: 'number', minimum: 1, maximum: 1024, default: 64 },
  symbolFiles: { kind: 'strings', default: [] },
  // Read by the client library; checked here only so a bad value is named like any other.
  'trace.server': { kind: 'enum', values: ['off', 'messages', 'verbose'], default: 'off' },
} as const satisfies Record<string, Spec>;

export type SettingName = keyof typeof SETTINGS_SCHEMA;

export interface Settings {
  arch: 'auto' | ArchId;
  diagnostics: { disabled: ReadonlySet<string>; debounceMs: number };
  maxFileSizeMB: number;
  symbolFiles: readonly string[];
}

/** A value that did not fit the schema: the setting, what was given and what is used instead. */
export interface SettingProblem {
  setting: string;
  value: unknown;
  reason: string;
}

/** The value at a dotted path of the `crashlog` section; undefined when any step is missing or not an object. */
function lookup(section: unknown, name: string): unknown {
  let value = section;
  for (const key of name.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function describeKind(spec: Spec): string {
  switch (spec.kind) {
    case 'enum':
      return `one of ${spec.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'number':
      return `a number from ${spec.minimum} to ${spec.maximum}`;
    case 'strings': {
      if (!spec.values) return 'a list of strings';
      const shown = spec.values.slice(0, 3).map((v) => JSON.stringify(v));
      return `a list of known values (${shown.join(', ')}${spec.values.length > 3 ? ', …' : ''})`;
    }
  }
}

/** The value to use for one setting, and the problem when the given value was not usable. */
function check(spec: Spec, value: unknown): { value: unknown; problem?: string } {
  // Absent (or null, as VS Code sends a cleared setting): the default, silently.
  if (value === undefined || value === null) return { value: spec.default };
  const expected = `expected ${describeKind(spec)}; using the default ${showValue(spec.default)}`;
  switch (spec.kind) {
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? { value } : { value: spec.default, problem: expected };
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= spec.minimum && value <= spec.maximum
        ? { value }
        : { value: spec.default, problem: expected };
    case 'strings': {
      if (!Array.isArray(value)) return { value: spec.default, problem: expected };
      // A list keeps its good items: one mistyped rule code should not re-enable the others.
      const good = value.filter((v): v is string => typeof v === 'string' && (!spec.values || spec.values.includes(v)));
      return good.length === value.length
        ? { value: good }
        : { value: good, problem: `expected ${describeKind(spec)}; using the usable items ${showValue(good)}` };
    }
  }
}

/** Checks the `crashlog` configuration section; never throws, whatever it is given. */
export function validateSettings(section: unknown): { settings: Settings; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const get = <N extends SettingName>(name: N): unknown => {
    const given = lookup(section, name);
    const { value, problem } = check(SETTINGS_SCHEMA[name], given);
    if (problem) problems.push({ setting: `crashlog.${name}`, value: given, reason: problem });
    return value;
  };
  get('trace.server');
  const settings: Settings = {
    arch: get('arch') as Settings['arch'],
    diagnostics: {
      disabled: new Set(get('diagnostics.disabled') as string[]),
      debounceMs: get('diagnostics.debounceMs') as number,
    },
    maxFileSizeMB: get('maxFileSizeMB') as number,
    symbolFiles: (get('symbolFiles') as string[]).filter((f) => f.trim() !== ''),
  };
  return { settings, problems };
}

export const DEFAULT_SETTINGS: Settings = validateSettings(undefined).settings;

/** Short, bounded rendering of a user's value for a message (a setting may hold a huge array). */
export function showValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function sameSettings(a: Settings, b: Settings): boolean {
  return (
    a.arch === b.arch &&
    a.maxFileSizeMB === b.maxFileSizeMB &&
    a.diagnostics.debounceMs === b.diagnostics.debounceMs &&
    a.diagnostics.disabled.size === b.diagnostics.disabled.size &&
    [...a.diagnostics.disabled].every((c) => b.diagnostics.disabled.has(c)) &&
    a.symbolFiles.length === b.symbolFiles.length &&
    a.symbolFiles.every((f, i) => f === b.symbolFiles[i])
  );
}
