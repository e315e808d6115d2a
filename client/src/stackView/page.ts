// The Stack view's page as one HTML document: its script (media/stackView/src, bundled) and
// style put in the client bundle by the build (scripts/build.mjs), so the HTML carries them
// inline under a nonce. A new webview then loads no file through VS Code's webview service
// worker (each one a round trip to the extension host's file system) before it can draw.
declare const STACK_VIEW_SCRIPT: string;
declare const STACK_VIEW_STYLE: string;

/**
 * The page: a strict content security policy (nothing remote, no file, only this nonce's
 * script and style) and a skeleton that says what is coming until the picture arrives.
 */
export function stackViewHtml(nonce: string): string {
  const csp = ["default-src 'none'", `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${STACK_VIEW_STYLE}</style>
<title>Stack</title>
</head>
<body>
<div id="stack-view"></div>
<script nonce="${nonce}">${STACK_VIEW_SCRIPT}</script>
</body>
</html>`;
}

/** A fresh nonce per page (the CSP's only way in for a script). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
