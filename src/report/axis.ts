/**
 * Axis plans for the report's figures: a domain fitted to the data, tick positions and one label format per axis,
 * decided here rather than by vega's defaults. Why not vega's: `nice` pads a log axis to whole decades (data
 * ending at 16 drawn to 100, data in 2.4–2.8 drawn over 1–10), vega's log labels mix formats on one axis
 * (1e+14 next to 10,000,000,000 next to 0.000001), and counts (rounds, nodes) get fractional ticks 0.0 … 8.0.
 * Pure: numbers in, numbers and strings out; src/report/plot.ts turns a plan into vega-lite scale and axis settings.
 */
import { textWidth } from './font-metrics.ts';

/**
 * The largest factor a log axis extends past its data at either end, and the largest fraction of the data's range
 * a linear axis extends past it. The margins keep end points off the frame without inventing range.
 */
export const LOG_MARGIN_MAX = 1.25;
export const LOG_MARGIN_MIN = 1.02;
/** Margin of a log axis as a fraction of its span in decades, before the clamps above. */
export const LOG_MARGIN_FRACTION = 0.04;
export const LINEAR_MARGIN = 0.04;

/**
 * integer: whole numbers, no separators (640). decimal: fixed decimals on a linear axis (0.05, 0.10), shortest form
 * on a log axis (0.002, 30). si: SI prefixes (400k, 1.2M). power: m×10ⁿ (10⁻⁸, 2×10⁻⁴), for ranges where decimals
 * would run to many zeros.
 */
export type TickFormat = 'integer' | 'decimal' | 'si' | 'power';

export interface AxisPlan {
  readonly log: boolean;
  /** Counts: ticks only at integers. */
  readonly integer: boolean;
  readonly domain: readonly [number, number];
  /** Tick (and grid line) positions, ascending, inside the domain. */
  readonly ticks: readonly number[];
  /** One label per tick; '' = a grid line without label (minor log ticks, labels that would overlap). */
  readonly labels: readonly string[];
  readonly format: TickFormat;
}

export interface AxisOptions {
  readonly log: boolean;
  /** Integer ticks; inferred when omitted: every value on the axis is an integer. */
  readonly integer?: boolean;
  /** Axis length in px. */
  readonly length: number;
  readonly orient: 'x' | 'y';
  readonly fontSize: number;
}

const clean = (x: number): number => Number(x.toPrecision(12));

/** The values a log axis can show: finite and, on a log axis, positive. */
export function plottable(values: readonly number[], log: boolean): number[] {
  return values.filter((v) => Number.isFinite(v) && (!log || v > 0));
}

/**
 * The axis domain: data min/max with a small margin, never rounded out to "nice" values.
 * @example
 * fittedDomain([1, 16], true);
 * // returns about [0.90, 17.8] (a 4% margin in decades)
 */
export function fittedDomain(values: readonly number[], log: boolean): [number, number] {
  const vs = plottable(values, log);
  if (vs.length === 0) return log ? [1, 10] : [0, 1];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of vs) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (log) {
    if (lo === hi) return [lo / LOG_MARGIN_MAX, hi * LOG_MARGIN_MAX];
    const decades = Math.log10(hi / lo);
    const f = Math.min(LOG_MARGIN_MAX, Math.max(LOG_MARGIN_MIN, 10 ** (LOG_MARGIN_FRACTION * decades)));
    return [lo / f, hi * f];
  }
  if (lo === hi) {
    const p = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - p, hi + p];
  }
  const p = LINEAR_MARGIN * (hi - lo);
  // Data that never go below zero (rounds, counts, fractions) get no negative axis, and vice versa.
  return [lo >= 0 ? Math.max(0, lo - p) : lo - p, hi <= 0 ? Math.min(0, hi + p) : hi + p];
}

/** 1, 2 or 5 × 10^k nearest above `raw` in the d3 sense (thresholds √50, √10, √2). */
export function niceStep(raw: number): number {
  const e = Math.floor(Math.log10(raw));
  const f = raw / 10 ** e;
  const m = f >= Math.sqrt(50) ? 10 : f >= Math.sqrt(10) ? 5 : f >= Math.SQRT2 ? 2 : 1;
  return clean(m * 10 ** e);
}

function linearTicks(lo: number, hi: number, count: number, integer: boolean): { ticks: number[]; step: number } {
  let step = niceStep((hi - lo) / Math.max(1, count));
  if (integer) step = Math.max(1, Math.round(step));
  const k0 = Math.ceil(lo / step - 1e-9);
  const k1 = Math.floor(hi / step + 1e-9);
  // A range at rounding level (1 ± 1e-15) or among subnormals has no readable steps (k·step cannot even be
  // told apart from (k + 1)·step): one tick in the middle says what the value is.
  if (!(step > 0 && Number.isFinite(step) && k1 - k0 <= 1000 && Math.abs(k0) < 1e10 && Math.abs(k1) < 1e10)) {
    const raw = (lo + hi) / 2;
    // clean() rounds to 12 digits, which can move a subnormal out of the domain.
    const mid = clean(raw) >= lo && clean(raw) <= hi ? clean(raw) : raw;
    return { ticks: integer && !Number.isInteger(mid) ? [] : [mid], step: Math.max(Math.abs(mid), Number.MIN_VALUE) };
  }
  const ticks: number[] = [];
  for (let k = k0; k <= k1; k++) ticks.push(clean(k * step));
  return { ticks: ticks.filter((t) => t >= lo && t <= hi), step };
}

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};
const superscript = (n: number): string => [...String(n)].map((c) => SUPERSCRIPT[c] ?? c).join('');
const minus = (s: string): string => s.replace(/^-/, '−');

/** m×10ⁿ with up to 3 significant digits in m; 10ⁿ when m = 1. */
export function powerLabel(v: number): string {
  if (v === 0) return '0';
  const [m, e] = v.toExponential(2).split('e');
  const mant = String(Number(m));
  const pow = `10${superscript(Number(e))}`;
  return minus(mant === '1' ? pow : mant === '-1' ? `-${pow}` : `${mant}×${pow}`);
}

const SI: readonly (readonly [number, string])[] = [
  [1e18, 'E'],
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** Decimals needed to show multiples of `step` exactly (step = 1, 2 or 5 × 10^k). */
function decimalsOf(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/**
 * Labels for `ticks` in one format, chosen from the labelled values' range. `step` is the linear tick step (for
 * fixed decimals), absent on a log axis.
 */
export function formatTicks(
  ticks: readonly number[],
  o: { log: boolean; integer: boolean; step?: number },
): { format: TickFormat; labels: string[] } {
  const nonzero = ticks.filter((t) => t !== 0).map(Math.abs);
  const max = nonzero.length === 0 ? 0 : Math.max(...nonzero);
  const min = nonzero.length === 0 ? 0 : Math.min(...nonzero);
  const allInteger = ticks.every((t) => Number.isInteger(t));
  if (max >= 1e5 && max < 1e21 && (allInteger || !o.log)) {
    if (o.log) {
      // A log axis crosses prefixes: each label takes its own (1k, 10k, 100k, 1M), all in the same SI form.
      return {
        format: 'si',
        labels: ticks.map((t) =>
          siLabel(
            t,
            SI.find(([p]) => Math.abs(t) >= p),
          ),
        ),
      };
    }
    // A linear axis shares one prefix and one number of decimals (0, 200k, 400k …).
    const prefix = SI.find(([p]) => max >= p);
    const scaledStep = o.step === undefined || prefix === undefined ? undefined : o.step / prefix[0];
    return {
      format: 'si',
      labels: ticks.map((t) => siLabel(t, prefix, scaledStep === undefined ? undefined : decimalsOf(scaledStep))),
    };
  }
  if ((o.integer || allInteger) && max < 1e5 && (o.integer || !o.log))
    return { format: 'integer', labels: ticks.map((t) => minus(String(t))) };
  if (o.log ? min < 1e-3 || max >= 1e5 : max < 1e-3 || max >= 1e5)
    return { format: 'power', labels: ticks.map(powerLabel) };
  if (o.log || o.step === undefined)
    return { format: 'decimal', labels: ticks.map((t) => minus(String(Number(t.toPrecision(6))))) };
  const d = decimalsOf(o.step);
  return { format: 'decimal', labels: ticks.map((t) => minus((t === 0 ? 0 : t).toFixed(d))) };
}

function siLabel(t: number, prefix: readonly [number, string] | undefined, decimals?: number): string {
  if (t === 0) return '0';
  if (prefix === undefined) return minus(String(Number(t.toPrecision(6))));
  const v = t / prefix[0];
  return minus(`${decimals === undefined ? String(Number(v.toPrecision(4))) : v.toFixed(decimals)}${prefix[1]}`);
}

/** Every m·10^e (m = 1 … 9) inside [lo, hi], ascending, with its mantissa. */
function logCandidates(lo: number, hi: number): { t: number; m: number; e: number }[] {
  const out: { t: number; m: number; e: number }[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (let m = 1; m <= 9; m++) {
      const t = clean(e >= 0 ? m * 10 ** e : m / 10 ** -e);
      if (t >= lo * (1 - 1e-12) && t <= hi * (1 + 1e-12)) out.push({ t, m, e });
    }
  }
  return out;
}

/** The most labels a log axis carries, and the most grid lines it draws before it keeps to decades. */
const MAX_DECADE_LABELS = 7;
const MAX_LOG_GRID = 40;

/**
 * Domain, ticks and labels for one axis.
 * @example
 * planAxis([1, 2, 4, 8, 16], { log: true, length: 560, orient: 'x', fontSize: 11 }).labels.filter((l) => l !== '');
 * // returns ['1', '2', '5', '10'] — integer ticks only, domain about [0.9, 17.8], no padding to 100
 */
export function planAxis(values: readonly number[], o: AxisOptions): AxisPlan {
  const vs = plottable(values, o.log);
  const integer = o.integer ?? (vs.length > 0 && vs.every((v) => Number.isInteger(v)));
  const domain = fittedDomain(vs, o.log);
  const [lo, hi] = domain;
  const count = Math.max(2, Math.round(o.length / (o.orient === 'x' ? 90 : 55)));

  let ticks: number[];
  let labelled: boolean[];
  let priority: number[];
  let step: number | undefined;
  const cands = o.log ? logCandidates(lo, hi) : [];
  const decades = cands.filter((c) => c.m === 1);
  if (o.log && (decades.length >= 2 || cands.length >= 4)) {
    if (decades.length > MAX_DECADE_LABELS) {
      // Many decades: every s-th decade, aligned on multiples of s, is both grid and label.
      const s = Math.ceil(decades.length / MAX_DECADE_LABELS);
      ticks = decades.filter((c) => c.e % s === 0).map((c) => c.t);
      labelled = ticks.map(() => true);
      priority = ticks.map(() => 0);
    } else {
      const grid = cands.length > MAX_LOG_GRID ? decades : cands;
      ticks = grid.map((c) => c.t);
      // Four or more decades: label the decades. Fewer: 1, 2, 5 in each. About a decade or less: every
      // candidate that fits (data at 1 … 8 read best against 1, 2, 3, 4, 5 … ticks).
      const span = Math.log10(hi / lo);
      let mantissas: readonly number[] =
        decades.length >= 4 ? [1] : span <= 1.3 ? [1, 2, 3, 4, 5, 6, 7, 8, 9] : [1, 2, 5];
      if (grid.filter((c) => mantissas.includes(c.m)).length < 3) mantissas = [1, 2, 3, 4, 5, 6, 7, 8, 9];
      labelled = grid.map((c) => mantissas.includes(c.m));
      // When labels collide, decades survive first, then 5s, then 2s.
      priority = grid.map((c) => (c.m === 1 ? 0 : c.m === 5 ? 1 : c.m === 2 ? 2 : c.m === 3 ? 3 : 4));
    }
  } else {
    // A linear axis, or a log axis spanning less than about a factor of 3, where decade ticks would leave it bare.
    const lt = linearTicks(lo, hi, count, integer);
    ticks = lt.ticks;
    step = lt.step;
    labelled = ticks.map(() => true);
    priority = ticks.map(() => 0);
  }
  if (integer) {
    const keep = ticks.map((t) => Number.isInteger(t));
    ticks = ticks.filter((_, i) => keep[i]);
    labelled = labelled.filter((_, i) => keep[i]);
    priority = priority.filter((_, i) => keep[i]);
  }

  const shown = ticks.filter((_, i) => labelled[i]);
  const f = formatTicks(shown, { log: o.log && step === undefined, integer, ...(step === undefined ? {} : { step }) });
  const labels: string[] = [];
  let j = 0;
  for (let i = 0; i < ticks.length; i++) labels.push(labelled[i] ? f.labels[j++] : '');
  dropOverlaps(ticks, labels, priority, domain, o);
  return { log: o.log, integer, domain, ticks, labels, format: f.format };
}

/** Blank labels that would overlap a label of higher priority (then an earlier one), as vega's 'greedy' would. */
function dropOverlaps(
  ticks: readonly number[],
  labels: string[],
  priority: readonly number[],
  [lo, hi]: readonly [number, number],
  o: AxisOptions,
): void {
  const pos = (t: number): number => (o.log ? Math.log(t / lo) / Math.log(hi / lo) : (t - lo) / (hi - lo)) * o.length;
  const gap = 4;
  const kept: [number, number][] = [];
  const order = ticks.map((_, i) => i).filter((i) => labels[i] !== '');
  order.sort((a, b) => priority[a] - priority[b] || a - b);
  for (const i of order) {
    const half = (o.orient === 'x' ? textWidth(labels[i], o.fontSize) : o.fontSize + 2) / 2;
    const p = pos(ticks[i]);
    const a = p - half - gap / 2;
    const b = p + half + gap / 2;
    if (kept.some(([x, y]) => a < y && b > x)) labels[i] = '';
    else kept.push([a, b]);
  }
}
