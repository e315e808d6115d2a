// Where a page's renderer spends its main thread from the navigation to the page's first paint,
// read from a Chromium trace: thread time (CPU), which a loaded machine does not inflate the way
// it inflates wall times, split into the phases the first paint waits for.

/** The phases of a first paint, by the trace event that times each. */
const PHASES = {
  parse: 'ParseHTML',
  script: 'EvaluateScript',
  style: 'UpdateLayoutTree',
  layout: 'Layout',
  paint: ['PrePaint', 'Paint', 'Layerize'],
} as const;

export type Phase = keyof typeof PHASES;

/** Main-thread CPU ms of a document's renderer up to its first paint: all of it, and per phase. */
export type RendererSplit = Record<Phase | 'cpu', number>;

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { data?: { documentLoaderURL?: string } };
}

/**
 * The split for the document at `url`, whose navigation started at `origin` and whose first
 * paint was at `painted` (both epoch ms, the page's clock): the main thread of the renderer that
 * loaded it, from its `navigationStart` to that paint. Undefined when the trace has no navigation
 * of that URL.
 */
export function rendererSplit(trace: Buffer | string, url: string, origin: number, painted: number): RendererSplit | undefined {
  const parsed = JSON.parse(trace.toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const start = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === url);
  if (!start) return undefined;
  const end = start.ts + (painted - origin) * 1000;
  const thread = events
    .filter((e) => e.pid === start.pid && e.tid === start.tid && e.ph === 'X' && e.ts >= start.ts && e.ts <= end)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const ms = (e: TraceEvent) => (e.tdur ?? 0) / 1000;
  // The outermost events only: nested ones are inside their parent's time.
  let cpu = 0;
  let until = -Infinity;
  for (const e of thread)
    if (e.ts >= until && e.dur) {
      cpu += ms(e);
      until = e.ts + e.dur;
    }
  // Each phase's own time: a script run while the parser waits is the script's, not the parser's.
  const phaseOf = new Map<string, Phase>();
  for (const [phase, names] of Object.entries(PHASES) as [Phase, string | readonly string[]][])
    for (const name of typeof names === 'string' ? [names] : names) phaseOf.set(name, phase);
  const split: RendererSplit = { cpu, parse: 0, script: 0, style: 0, layout: 0, paint: 0 };
  const open: { phase: Phase; end: number }[] = [];
  for (const e of thread) {
    const phase = phaseOf.get(e.name);
    if (!phase || !e.dur) continue;
    while (open.length && open[open.length - 1].end <= e.ts) open.pop();
    const outer = open[open.length - 1];
    if (outer) split[outer.phase] -= ms(e);
    split[phase] += ms(e);
    open.push({ phase, end: e.ts + e.dur });
  }
  return split;
}
