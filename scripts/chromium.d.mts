/** The chromium executable, or undefined where there is none (scripts/chromium.mjs). */
export function findChromium(): string | undefined;
