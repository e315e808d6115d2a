/** The chromium executable, or undefined where there is none (scripts/chromium.mjs). */
export function findChromium(): string | undefined;
/** Chromium trace categories for a page's timeline (scripts/chromium.mjs). */
export const TIMELINE_TRACE_CATEGORIES: readonly string[];
