// Custom requests shared by the client and the server (typed once, imported by both).
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

export interface UnwindParams {
  uri: string;
  /** Start address typed by the user or carried by a CodeLens (hex, with or without 0x). */
  address?: string;
  /** 0-based line whose start (register line, bt header, dump line) to unwind from. */
  line?: number;
}

export interface UnwindResponse {
  /** Text of the unwound-stack document (crashlog language). */
  text: string;
  title: string;
  /** Lines of the source transcript each output line refers to (0-based; -1 when none). */
  links: { outputLine: number; sourceLine: number }[];
}

export const UnwindRequest = new RequestType<UnwindParams, UnwindResponse, void>('crashlog/unwind');

export const UNWIND_SCHEME = 'crashlog-unwind';
export const COMMAND_UNWIND_FROM = 'crashlog.unwindFrom';
export const COMMAND_SHOW_UNWIND = 'crashlog.showUnwind';

export interface TooLargeParams {
  uri: string;
  /** Size of the document and the crashlog.maxFileSizeMB limit it exceeds, in MB. */
  sizeMB: number;
  limitMB: number;
}

/** Server → client, once per document: it gets highlighting only (no analysis). */
export const TooLargeNotification = new NotificationType<TooLargeParams>('crashlog/tooLarge');

/** What the client tells the server at start (initializationOptions). */
export interface InitializationOptions {
  /** VS Code's workspace trust; symbol files are read only when true. Absent: a client without trust. */
  workspaceTrusted?: boolean;
}

/** Client → server when the user grants workspace trust during the session. */
export const WorkspaceTrustedNotification = new NotificationType<Record<string, never>>('crashlog/workspaceTrusted');

/**
 * V8 settings the server runs with. A smaller young generation promotes the model's
 * long-lived objects sooner: parsing a large transcript is faster and peaks lower.
 */
export const SERVER_EXEC_ARGV = ['--max-semi-space-size=8'];
