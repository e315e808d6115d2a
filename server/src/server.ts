// The language server's Node entry (dist/server.js): a connection over stdio, IPC or a
// socket (`--stdio`, `--node-ipc`, `--socket=N`, read by createConnection) and the Node host.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createServer } from './createServer';
import { createNodeHost } from './node/host';

createServer(createConnection(ProposedFeatures.all), createNodeHost());
