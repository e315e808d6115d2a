// The server's host in a web worker (vscode.dev, github.dev, code-server's web-worker
// extension host). There is no file system, so no symbol-file reader: the composition
// says once, in the output channel, that crashlog.symbolFiles is not read here. The
// browser collects garbage on its own (V8's memory reducer runs when the worker idles).
import type { ServerHost } from '../host';

export function createBrowserHost(): ServerHost {
  return {
    // vscode-jsonrpc handles each queued message in a setTimeout(0) task on the web (its
    // setImmediate): a task queued after them runs after the edits already received.
    yieldToQueue: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  };
}
