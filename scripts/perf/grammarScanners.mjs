// What the scripts that say what a line costs the grammar (grammar-entries.mjs, grammar-line.mjs,
// grammar-call-times.mjs) share: the benchmark's corpus parts, oniguruma's scanners watched (each call,
// and the regexes it entered), and the regexes' names.

import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { oniguruma } from '../textmate.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** ../shared beside the repository, or CRASHLOG_SHARED. */
export const sharedDir = process.env.CRASHLOG_SHARED ?? path.resolve(repoRoot, '..', 'shared');
export const GRAMMAR_FILE = path.join(repoRoot, 'syntaxes', 'crashlog.tmLanguage.json');

/** The value after `name` in `args`, both taken out of it, or `fallback`. */
export function takeOption(args, name, fallback) {
  return args.includes(name) ? args.splice(args.indexOf(name), 2)[1] : fallback;
}

/** The corpus parts of the grammar benchmark these scripts can read. */
export const PARTS = ['seeds', 'syzkaller', 'crash-x86_64', 'crash-arm64', 'consoles', 'sessions'];

/**
 * The files of a part: seeds, syzkaller, crash-x86_64, crash-arm64 (in sharedDir), consoles or sessions
 * (the repository's test/corpus); undefined for another name.
 */
export function partFiles(part) {
  const shared = sharedDir;
  const inDir = (dir, keep = () => true) =>
    existsSync(dir)
      ? readdirSync(dir)
          .sort()
          .filter(keep)
          .map((name) => path.join(dir, name))
      : [];
  if (part === 'seeds') return inDir(path.join(shared, 'seeds'));
  if (['syzkaller', 'crash-x86_64', 'crash-arm64'].includes(part)) return inDir(path.join(shared, 'corpus', part));
  if (part === 'consoles' || part === 'sessions') {
    const corpus = path.join(repoRoot, 'test', 'corpus');
    return readdirSync(corpus)
      .flatMap((arch) => inDir(path.join(corpus, arch), (name) => name.endsWith('.crashlog')))
      .filter((file) => file.includes('.console.') === (part === 'consoles'));
  }
  return undefined;
}

/** A function from a regex, as a scanner holds it, to its name in the grammar `grammarText`. */
export function regexNames(grammarText) {
  const repository = JSON.parse(grammarText).repository;
  const names = new Map();
  const endCount = new Map();
  for (const rule of Object.values(repository)) if (rule.end) endCount.set(rule.end, (endCount.get(rule.end) ?? 0) + 1);
  for (const [name, rule] of Object.entries(repository)) {
    if (endCount.get(rule.end) > 1) names.set(rule.end, `end ${JSON.stringify(rule.end)} of ${endCount.get(rule.end)} regions`);
    for (const key of ['match', 'begin', 'end', 'while'])
      if (rule[key] && !names.has(rule[key])) names.set(rule[key], `${name} ${key}`);
    (function walk(patterns, where) {
      (patterns ?? []).forEach((pattern, i) => {
        const re = pattern.match ?? pattern.begin;
        const joined = /^Joined by merge\.ts: (.*)\.$/.exec(pattern.comment ?? '')?.[1];
        const what = joined ? ` (${joined})` : pattern.name ? ` ${pattern.name}` : '';
        if (re && !names.has(re)) names.set(re, `${where}[${i}]${what}`);
        walk(pattern.patterns, `${where}[${i}]`);
      });
    })(rule.patterns, name);
  }
  // vscode-textmate writes \G as U+FFFF where a scanner is used away from its anchor.
  return (re) => names.get(re) ?? names.get(re.replaceAll('\uFFFF', '\\G')) ?? JSON.stringify(re.slice(0, 60));
}

/**
 * Watches every scanner made from now on (call it before the grammar is loaded). Regexes entered are
 * counted so: when oniguruma's matcher returns it saves its match stack (~3.3 KB) with memcpy, which
 * vscode-oniguruma's WASM build hands to JavaScript as a copyWithin of its heap (compiling a scanner
 * copies too: `entered` reads the count around one search). `record(true)` starts keeping the calls,
 * `record(false)` stops and returns them: the scanner, string, position, regexes entered and result.
 */
export function watchScanners() {
  let copies = 0;
  const copyWithin = Uint8Array.prototype.copyWithin;
  Uint8Array.prototype.copyWithin = function (...args) {
    copies++;
    return copyWithin.apply(this, args);
  };
  const patternsOf = new WeakMap();
  const Scanner = oniguruma.OnigScanner;
  oniguruma.OnigScanner = class extends Scanner {
    constructor(patterns) {
      super(patterns);
      patternsOf.set(this, patterns);
    }
  };
  const find = Scanner.prototype.findNextMatchSync;
  let calls = null;
  Scanner.prototype.findNextMatchSync = function (string, position, options) {
    const before = copies;
    const result = find.call(this, string, position, options);
    calls?.push({ scanner: this, string, position, entered: copies - before, result });
    return result;
  };
  /** Regexes a search enters, unwatched: `scanner` an unwatched one (Scanner), made beforehand. */
  const entered = (scanner, string, position) => {
    const before = copies;
    find.call(scanner, string, position);
    return copies - before;
  };
  const record = (on) => {
    const kept = calls;
    calls = on ? [] : null;
    return kept;
  };
  return { Scanner, find, patternsOf, entered, record };
}
