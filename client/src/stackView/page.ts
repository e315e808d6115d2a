// The Stack view's page as one HTML document: its script (media/stackView/src, bundled) and
// style put in the client bundle by the build (scripts/build.mjs), so the HTML carries them
// inline under a nonce. A new webview then loads no file through VS Code's webview service
// worker (each one a round trip to the extension host's file system) before it can draw.
import { FIRST_MESSAGE_ID, type HostMessage } from './messages';

declare const STACK_VIEW_SCRIPT: string;
declare const STACK_VIEW_STYLE: string;

/**
 * The page: a strict content security policy (nothing remote, no file, only this nonce's
 * script and style), and the first message when the extension has it already (the page
 * checks it like any other message); without it the page says what is coming.
 */
export function stackViewHtml(
  nonce: string,
  first?: HostMessage,
  page = { script: STACK_VIEW_SCRIPT, style: STACK_VIEW_STYLE },
): string {
  // JSON with every `<` escaped cannot end its element.
  const data = first
    ? `<script type="application/json" id="${FIRST_MESSAGE_ID}">${JSON.stringify(first).replace(/</g, '\\u003c')}</script>\n`
    : '';
  const csp = ["default-src 'none'", `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${page.style}</style>
<title>Stack</title>
</head>
<body>
<div id="stack-view"></div>
${data}<script nonce="${nonce}">${page.script}</script>
</body>
</html>`;
}

/** A fresh nonce per page (the CSP's only way in for a script). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
