// The server's composition is the same in a Node process and a web worker: everything it
// reaches runs in a browser. Node's own parts live in server/src/node/ behind ServerHost.
import { strict as assert } from 'assert';
import { build } from 'esbuild';
import * as path from 'path';
import { REPO_ROOT } from '../support/corpus';

describe('server composition', () => {
  it('bundles for a browser without Node built-ins', async () => {
    const result = await build({
      entryPoints: [path.join(REPO_ROOT, 'server', 'src', 'createServer.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    assert.deepEqual(result.errors, []);
    assert.ok(result.outputFiles[0].text.includes('crashlog/unwind'));
  });
});
