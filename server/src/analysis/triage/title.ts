// A report's title in syzkaller's style from the report's text: the family's rule that matches
// earliest fills its template with the rule's groups and the frame its recipe picks; numbers,
// addresses and task ids are replaced so that the same bug gets the same title every time.
import { DAMAGED_FRAME, pickFrames } from './frames';
import type { Family, TitleRule } from './rules';

export interface TitleResult {
  title: string;
  alternatives: string[];
  /** The function the title names (the picked frame), when it names one. */
  frame?: string;
  /** Why the title is a fall-back: no rule matched, the rule needs more text, no frame found. */
  damaged?: string;
  /** The frame is the report's function (TitleRule.frameIsFunction). */
  frameIsFunction?: boolean;
}

function fill(template: string, args: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (_, n: string) => args[Number(n) - 1] ?? '');
}

interface Candidate {
  at: number;
  rule: TitleRule;
  args: string[];
  frame?: string;
  damaged?: string;
}

/** The first rule (by position of its match, then by order) that yields a title. */
function bestCandidate(family: Family, text: string): { candidate?: Candidate; matched: boolean } {
  let best: Candidate | undefined;
  let bestAt = text.length;
  let matched = false;
  for (const rule of family.rules) {
    const head = rule.match.exec(text);
    if (!head || head.index > bestAt || (head.index === bestAt && best)) continue;
    if (head.index < bestAt) {
      best = undefined;
      bestAt = head.index;
    }
    matched = true;
    const m = rule.detail ? rule.detail.exec(text) : head;
    if (!m) continue;
    const args = m.slice(1).map((g) => g ?? '');
    let frame: string | undefined;
    let damaged: string | undefined;
    if (rule.frame) {
      const picked = pickFrames(text.slice(m.index), rule.frame);
      for (const f of picked.frames) args.push(f.name);
      frame = picked.frames[0]?.name;
      if (!picked.complete) damaged = 'no frame for the title';
      if (frame === DAMAGED_FRAME) frame = undefined;
    }
    best = { at: head.index, rule, args, frame, damaged };
  }
  return { candidate: best, matched };
}

/** Title of a report of `family` whose text (from its header on) is `text`. */
export function titleReport(family: Family, text: string): TitleResult {
  const { candidate, matched } = bestCandidate(family, text);
  if (!candidate) {
    // No template fits: the header line itself, from the family's header on.
    const at = text.indexOf(family.header);
    const end = text.indexOf('\n', at);
    const line = at < 0 ? text.slice(0, Math.max(0, text.indexOf('\n'))) : text.slice(at, end < 0 ? undefined : end);
    return { title: sanitize(line), alternatives: [], damaged: matched ? 'the report lacks what its title needs' : undefined };
  }
  const { rule, args } = candidate;
  const alternatives = (rule.alt ?? []).map((t) => sanitize(fill(t, args)));
  const named = rule.functionArg !== undefined ? args[rule.functionArg - 1] || undefined : undefined;
  return {
    title: sanitize(fill(rule.title, args)),
    alternatives: alternatives.filter((t, i) => alternatives.indexOf(t) === i),
    frame: named ?? candidate.frame,
    frameIsFunction: rule.frameIsFunction || named !== undefined,
    damaged: candidate.damaged ?? (rule.damaged ? 'a title only damaged reports get' : undefined),
  };
}

/** Replacements applied until nothing changes: what varies between runs of the same bug. */
const VARIABLE_PARTS: [RegExp, string][] = [
  [/syz-executor\.?[0-9]+((\/|:)[0-9]+)?/g, 'syz-executor'],
  [/syzkaller[0-9]+((\/|:)[0-9]+)?/g, 'syzkaller'],
  [/([^a-zA-Z0-9])(?:0x)?[0-9a-f]{6,}/g, '$1ADDR'],
  [/([0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3})/g, 'IP'],
  [/(\.\w+)(:[0-9]+)+/g, '$1:LINE'],
  [/([a-zA-Z][a-zA-Z0-9_.]+)\+0x[0-9a-z]+\/0x[0-9a-z]+/g, '$1'],
  [/CPU#[0-9]+/g, 'CPU'],
  [/(\W)(\d+)(\W|$)/g, '$1NUM$3'],
  // Digits inside names stay (cfg80211, nl802154); runs this long are ids.
  [/\d{7,}/g, 'NUM'],
];
const MAX_TITLE = 120;

export function sanitize(title: string): string {
  for (const [re, by] of VARIABLE_PARTS) {
    for (let previous = ''; previous !== title;) {
      previous = title;
      title = title.replace(re, by);
    }
  }
  let out = '';
  for (let i = 0; i < title.length && i < MAX_TITLE; i++) {
    let c = title[i];
    if (c === '\t') c = ' ';
    const code = c.charCodeAt(0);
    if (code < 0x20 || code >= 0x7f) continue;
    if (c === ' ' && (out.length === 0 || out.endsWith(' '))) continue;
    out += c;
  }
  return out.trim();
}
