// Kernel console text: the line shapes (lines.ts) and the report machine (reports.ts).
export * from './lines';
export { ReportMachine } from './reports';
