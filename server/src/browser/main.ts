// The language server's web entry (dist/browser/server.js, started by the client in
// client/src/browser/): a web worker that talks LSP over postMessage, with the web host.
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { createServer } from '../createServer';
import { createBrowserHost } from './host';

/** The worker's global scope, its port to the client (the project is typed for Node, not the DOM). */
declare const self: never;

createServer(
  createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self)),
  createBrowserHost(),
);
