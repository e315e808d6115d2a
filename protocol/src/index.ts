// Custom requests shared by the client and the server (typed once, imported by both).
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { PackedPicture } from './stackPictureWire';

export { firstRows, packPicture, unpackPicture, type PackedPicture, type PackedAxis } from './stackPictureWire';

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

export interface SettledParams {
  uri: string;
  version: number;
}

/**
 * Server → client when a document version's background work is done (diagnostics published, first-use
 * indexes built, Stack view pictures made ready, its garbage collected): what the server then keeps is
 * what it holds at rest. `$/`: a client may ignore it (the extension does; tests wait for it).
 */
export const SettledNotification = new NotificationType<SettledParams>('$/crashlog/settled');

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

export type {
  StackPicture,
  StackAxis,
  PictureRow,
  SlotRow,
  GapRow,
  FrameBox,
  PtRegsBox,
  BtMark,
  LinkArrow,
  StackSwitch,
} from '../../server/src/analysis/stackPicture/types';

export interface StackViewParams {
  uri: string;
  /** 0-based cursor line: the picture is of the stack a walk from there visits. */
  line: number;
  /** Also (or only) the ASCII drawing, for "Copy as text". */
  want?: 'picture' | 'text';
}

export interface StackViewResponse {
  /** The picture, packed for the wire, when `want` is `picture` (the default) and something at the line can be walked. */
  picture?: PackedPicture;
  /** The ASCII drawing, when `want` is `text`. */
  text?: string;
  /** Why there is no picture. */
  message?: string;
}

/** The stack picture for a position of a transcript (issue 15), built from the same model and walk as the rest. */
export const StackViewRequest = new RequestType<StackViewParams, StackViewResponse, void>('crashlog/stackView');

export const COMMAND_SHOW_STACK = 'crashlog.showStack';
