// Kernel console text: the line shapes (lines.ts) and the report machine (reports.ts).
export * from './lines';
export { decodeEntities, mayBePasted, readThrough, type LineView } from './pasted';
export { ReportMachine } from './reports';
