// Gives memory back after a burst of work on a large transcript. Every re-analysis and
// every incremental edit of a multi-megabyte document leaves megabytes of garbage in
// V8's old space, which V8 keeps (and the process's RSS with it) until allocation
// pressure forces a full collection; an idle language server never gets there.
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

let collect: (() => void) | undefined;
let resolved = false;

/** V8's gc(), exposed the way test runners (jest's leak detector) get it; undefined where the runtime refuses. */
function collector(): (() => void) | undefined {
  if (resolved) return collect;
  resolved = true;
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return (collect = existing);
  try {
    setFlagsFromString('--expose_gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc === 'function') collect = gc as () => void;
  } catch {
    collect = undefined;
  }
  return collect;
}

let scheduled = false;

/** Runs one full collection after the messages already queued, however often it is asked for meanwhile. */
export function collectWhenIdle(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    collector()?.();
  });
}
