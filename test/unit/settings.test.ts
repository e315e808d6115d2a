// The settings schema: package.json agrees with it, and every value, however malformed,
// validates to something usable with the problem named.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { DEFAULT_SETTINGS, SETTINGS_SCHEMA, validateSettings } from '../../server/src/settings';
import { REPO_ROOT } from '../support/corpus';

interface PackageProperty {
  type: string;
  default: unknown;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  items?: { type: string; enum?: string[] };
}

const properties = (
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, PackageProperty> } };
  }
).contributes.configuration.properties;

describe('settings schema', () => {
  it('names the same settings as package.json', () => {
    assert.deepEqual(
      Object.keys(properties).sort(),
      Object.keys(SETTINGS_SCHEMA)
        .map((name) => `crashlog.${name}`)
        .sort(),
    );
  });

  for (const [name, spec] of Object.entries(SETTINGS_SCHEMA)) {
    it(`agrees with package.json on crashlog.${name}`, () => {
      const property = properties[`crashlog.${name}`];
      assert.deepEqual(property.default, spec.default);
      if (spec.kind === 'enum') {
        assert.equal(property.type, 'string');
        assert.deepEqual(property.enum, spec.values);
      } else if (spec.kind === 'number') {
        assert.equal(property.type, 'number');
        assert.equal(property.minimum, spec.minimum);
        assert.equal(property.maximum, spec.maximum);
      } else {
        assert.equal(property.type, 'array');
        assert.equal(property.items?.type, 'string');
        assert.deepEqual(property.items?.enum, 'values' in spec ? spec.values : undefined);
      }
    });
  }
});

describe('settings validation', () => {
  it('gives the defaults, silently, for an absent or empty section', () => {
    for (const section of [undefined, null, {}]) {
      const { settings, problems } = validateSettings(section);
      assert.deepEqual(settings, DEFAULT_SETTINGS);
      assert.deepEqual(problems, []);
    }
  });

  it('takes good values', () => {
    const { settings, problems } = validateSettings({
      arch: 'arm64',
      diagnostics: { disabled: ['unreliable-frame'], debounceMs: 0 },
      maxFileSizeMB: 200,
      symbolFiles: ['/maps/System.map', '  '],
      trace: { server: 'verbose' },
    });
    assert.deepEqual(problems, []);
    assert.equal(settings.arch, 'arm64');
    assert.deepEqual([...settings.diagnostics.disabled], ['unreliable-frame']);
    assert.equal(settings.diagnostics.debounceMs, 0);
    assert.equal(settings.maxFileSizeMB, 200);
    assert.deepEqual(settings.symbolFiles, ['/maps/System.map'], 'blank entries are not paths');
  });

  const bad: [string, unknown, string][] = [
    ['arch', 'sparc', '"sparc"'],
    ['arch', 7, '7'],
    ['diagnostics.disabled', 5, '5'],
    ['diagnostics.disabled', 'unreliable-frame', '"unreliable-frame"'],
    ['diagnostics.debounceMs', '300', '"300"'],
    ['diagnostics.debounceMs', -1, '-1'],
    ['diagnostics.debounceMs', 1e300, '1e+300'],
    ['maxFileSizeMB', 'big', '"big"'],
    ['maxFileSizeMB', 0, '0'],
    ['maxFileSizeMB', 1e9, '1000000000'],
    ['maxFileSizeMB', [], '[]'],
    ['symbolFiles', '/a/System.map', '"/a/System.map"'],
    ['symbolFiles', { a: 1 }, '{"a":1}'],
    ['trace.server', true, 'true'],
  ];
  for (const [name, value, shown] of bad) {
    it(`uses the default for crashlog.${name} = ${shown}, naming setting and value`, () => {
      const section: Record<string, unknown> = {};
      const [head, tail] = name.split('.');
      section[head] = tail ? { [tail]: value } : value;
      const { settings, problems } = validateSettings(section);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0].setting, `crashlog.${name}`);
      assert.deepEqual(problems[0].value, value);
      assert.match(problems[0].reason, /using the default/);
      const { diagnostics, ...rest } = settings;
      const { diagnostics: defaultDiagnostics, ...defaultRest } = DEFAULT_SETTINGS;
      assert.deepEqual(rest, defaultRest);
      assert.deepEqual(
        { ...diagnostics, disabled: [...diagnostics.disabled] },
        {
          ...defaultDiagnostics,
          disabled: [...defaultDiagnostics.disabled],
        },
      );
    });
  }

  it('keeps the usable items of a list and names the others', () => {
    const { settings, problems } = validateSettings({ diagnostics: { disabled: ['unreliable-frame', 'no-such-rule', 3] } });
    assert.deepEqual([...settings.diagnostics.disabled], ['unreliable-frame']);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].setting, 'crashlog.diagnostics.disabled');
    assert.match(problems[0].reason, /using the usable items \["unreliable-frame"\]/);
  });

  it('survives sections of the wrong shape', () => {
    for (const section of [5, 'x', [], [1, 2], { diagnostics: 5 }, { diagnostics: null }, { trace: [] }]) {
      assert.doesNotThrow(() => validateSettings(section));
    }
    assert.deepEqual(validateSettings({ diagnostics: 5 }).settings.diagnostics.debounceMs, 300);
  });
});
