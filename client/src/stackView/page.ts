// The Stack view's page as one HTML document: its script (media/stackView/src, bundled) and
// style put in the client bundle by the build (scripts/build.mjs), so the HTML carries them
// inline under a nonce. A new webview then loads no file through VS Code's webview service
// worker (each one a round trip to the extension host's file system) before it can draw.
// The document also carries its first screen as HTML: VS Code shows a webview's frame on its
// `load`, and the browser paints that screen then, while the script takes over after it.
import { firstScreen, WAITING_TITLE, type El } from './draw';
import { FIRST_MESSAGE_ID, FIRST_SCREEN_STYLE_ID, parseHostMessage, type HostMessage, type PageMessage } from './messages';

declare const STACK_VIEW_SCRIPT: string;
declare const STACK_VIEW_STYLE: string;

/**
 * The page: a strict content security policy (nothing remote, no file, only this nonce's
 * script and styles), its first screen (the first message drawn, or what the page says
 * while it waits), and the first message itself when the extension has it already (the page
 * checks it like any other message). `cursorLine` is the editor's line the screen highlights.
 * `carriesFirst` is false when the first message could not be drawn: the document then waits
 * for it like a page without one, and the extension posts it instead.
 */
export function stackViewHtml(
  nonce: string,
  first?: HostMessage,
  cursorLine = -1,
  page = { script: STACK_VIEW_SCRIPT, style: STACK_VIEW_STYLE },
): { html: string; carriesFirst: boolean } {
  const drawn = first && drawFirst(first, cursorLine);
  const carriesFirst = drawn !== undefined;
  const { screen, rules } = drawn ?? drawScreen(firstScreen(undefined, WAITING_TITLE, cursorLine));
  // JSON with every `<` escaped cannot end its element.
  const data = carriesFirst
    ? `<script type="application/json" id="${FIRST_MESSAGE_ID}">${JSON.stringify(first).replace(/</g, '\\u003c')}</script>\n`
    : '';
  const csp = stackViewCsp(nonce);
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${page.style}</style>
<style nonce="${nonce}" id="${FIRST_SCREEN_STYLE_ID}">${rules.join('\n')}</style>
<title>Stack</title>
</head>
<body>
${screen}
${data}<script nonce="${nonce}">${page.script}</script>
</body>
</html>`;
  return { html, carriesFirst };
}

/** The page's content security policy: nothing remote, no file, only this nonce's script and styles. */
export function stackViewCsp(nonce: string): string {
  return ["default-src 'none'", `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`].join('; ');
}

/**
 * The first message's screen, checked as the page checks what it receives (the extension
 * draws it before the page's script could); undefined, and noted in the extension host's
 * log, when it does not hold together or cannot be drawn as HTML.
 */
function drawFirst(first: HostMessage, cursorLine: number): { screen: string; rules: string[] } | undefined {
  const checked = parseHostMessage(first);
  if (!checked) return dropFirst(`its ${first.type} message does not hold together`);
  try {
    return drawScreen(firstScreenOf(checked, cursorLine));
  } catch (error) {
    return dropFirst(error instanceof Error ? error.message : String(error));
  }
}

function dropFirst(why: string): undefined {
  console.warn(`Stack view: a new page waits for its first answer instead of drawing it: ${why}`);
  return undefined;
}

function firstScreenOf(first: PageMessage, cursorLine: number): El {
  if (first.type === 'picture') return firstScreen(first.picture, '', cursorLine);
  return firstScreen(undefined, first.type === 'empty' ? first.message : WAITING_TITLE, cursorLine);
}

function drawScreen(e: El): { screen: string; rules: string[] } {
  const rules: string[] = [];
  return { screen: toHtml(e, rules), rules };
}

/** A fresh nonce per page (the CSP's only way in for a script). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (s: string) => escapeText(s).replace(/"/g, '&quot;');
/** Style values the builders make: lengths and nothing that could leave a rule. */
const STYLE_VALUE = /^-?[\d.]+px$/;

/** An element as HTML; its style goes to `rules` (the policy allows no style attribute), keyed by its id. */
function toHtml(e: El, rules: string[]): string {
  const attributes = Object.entries(e.attrs)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  if (e.style) {
    const declarations = Object.entries(e.style).map(([name, value]) => {
      if (!/^[-a-z]+$/.test(name) || !STYLE_VALUE.test(value)) throw new Error(`unexpected style ${name}: ${value}`);
      return `${name}:${value}`;
    });
    if (!/^[-\w]+$/.test(e.attrs.id ?? '')) throw new Error(`a styled <${e.tag}> needs an id`);
    rules.push(`#${e.attrs.id}{${declarations.join(';')}}`);
  }
  const text = e.text !== undefined ? escapeText(e.text) : '';
  return `<${e.tag}${attributes}>${text}${e.children.map((c) => toHtml(c, rules)).join('')}</${e.tag}>`;
}
