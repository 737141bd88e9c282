/**
 * Checks a reader's trust in a figure rests on, run against the vega-lite spec src/report/plot.ts builds (not
 * against the plan it started from, so a spec that drifts from its plan is caught): each axis encloses every plotted
 * value, overshoots it by at most LOG_MARGIN_MAX (log) or LINEAR_MARGIN of the data's range (linear), has one domain
 * shared by all layers, and labels its ticks in one format. Pure; returns the problems found, [] when none.
 */
import { LINEAR_MARGIN, LOG_MARGIN_MAX, type TickFormat } from './axis.ts';

/** What every label of an axis in a given format looks like. */
export const LABEL_PATTERN: Readonly<Record<TickFormat, RegExp>> = {
  integer: /^−?\d+$/,
  decimal: /^−?\d+(\.\d+)?$/,
  si: /^(0|−?\d+(\.\d+)?[kMGTPE]?)$/,
  power: /^(0|−?(\d(\.\d+)?×)?10⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/,
};

export interface AuditedAxis {
  readonly channel: 'x' | 'y';
  readonly log: boolean;
  readonly domain: readonly [number, number];
  /** Every value plotted on this axis, over all layers (y2 included). */
  readonly data: readonly number[];
  readonly ticks: readonly number[];
  /** The labels drawn (unlabelled grid lines left out). */
  readonly labels: readonly string[];
  readonly integer: boolean;
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The plot view of a spec from plot.ts: the first view of the vconcat (the second is the legend). */
function plotView(spec: unknown): Json {
  if (!isRecord(spec)) throw new TypeError('figure spec: not an object');
  const v = Array.isArray(spec.vconcat) ? (spec.vconcat as unknown[])[0] : spec;
  if (!isRecord(v)) throw new TypeError('figure spec: no plot view');
  return v;
}

/** The x and y axes of a figure spec, with the data each layer plots on them. */
export function specAxes(spec: unknown): AuditedAxis[] {
  const view = plotView(spec);
  const layers = Array.isArray(view.layer) ? (view.layer as unknown[]).filter(isRecord) : [view];
  const out: AuditedAxis[] = [];
  for (const channel of ['x', 'y'] as const) {
    const domains: string[] = [];
    let first: Json | undefined;
    const data: number[] = [];
    for (const layer of layers) {
      const enc = isRecord(layer.encoding) ? layer.encoding : {};
      const e = enc[channel];
      if (!isRecord(e)) continue;
      first ??= e;
      const scale = isRecord(e.scale) ? e.scale : {};
      domains.push(JSON.stringify(scale.domain));
      const rows =
        isRecord(layer.data) && Array.isArray(layer.data.values)
          ? (layer.data.values as unknown[]).filter(isRecord)
          : [];
      const e2 = enc[`${channel}2`];
      const fields = [e.field, isRecord(e2) ? e2.field : undefined].filter((f): f is string => typeof f === 'string');
      for (const r of rows) for (const f of fields) if (typeof r[f] === 'number') data.push(r[f]);
    }
    if (first === undefined) continue;
    const scale = isRecord(first.scale) ? first.scale : {};
    const axis = isRecord(first.axis) ? first.axis : {};
    const domain = scale.domain;
    if (new Set(domains).size > 1)
      throw new RangeError(
        `figure spec: layers disagree on the ${channel} domain: ${[...new Set(domains)].join(' vs ')}`,
      );
    if (!Array.isArray(domain) || domain.length !== 2)
      throw new RangeError(`figure spec: ${channel} has no explicit domain`);
    const ticks = Array.isArray(axis.values) ? (axis.values as number[]) : [];
    const labelMap =
      typeof axis.labelExpr === 'string'
        ? (JSON.parse(axis.labelExpr.replace(/\[datum\.value\][\s\S]*$/, '')) as Record<string, string>)
        : {};
    out.push({
      channel,
      log: scale.type === 'log',
      domain: [Number(domain[0]), Number(domain[1])],
      data,
      ticks,
      labels: ticks.map((t) => labelMap[String(t)] ?? '').filter((l) => l !== ''),
      integer: axis.tickMinStep === 1,
    });
  }
  return out;
}

/** Problems with one axis; [] when it is fitted to its data and labelled in one format. */
export function auditAxis(a: AuditedAxis): string[] {
  const problems: string[] = [];
  const say = (s: string): void => {
    problems.push(`${a.channel}: ${s}`);
  };
  const data = a.data.filter((v) => Number.isFinite(v) && (!a.log || v > 0));
  if (data.length > 0) {
    const lo = Math.min(...data);
    const hi = Math.max(...data);
    const [d0, d1] = a.domain;
    if (d0 > lo || d1 < hi) say(`domain [${d0}, ${d1}] does not enclose the data [${lo}, ${hi}]`);
    if (a.log) {
      // The margin of a single value (lo = hi) is the same factor: fittedDomain gives it room of LOG_MARGIN_MAX.
      if (lo / d0 > LOG_MARGIN_MAX * (1 + 1e-9) || d1 / hi > LOG_MARGIN_MAX * (1 + 1e-9))
        say(`log domain [${d0}, ${d1}] extends past the data [${lo}, ${hi}] by more than a factor ${LOG_MARGIN_MAX}`);
    } else if (hi > lo) {
      // Rounding of lo − margin is relative to |lo|, not to the range: allow it.
      const room = LINEAR_MARGIN * (hi - lo) * (1 + 1e-9) + 1e-12 * Math.max(Math.abs(lo), Math.abs(hi));
      if (lo - d0 > room || d1 - hi > room)
        say(
          `linear domain [${d0}, ${d1}] extends past the data [${lo}, ${hi}] by more than ${100 * LINEAR_MARGIN}% of its range`,
        );
    } else if (Math.max(lo - d0, d1 - hi) > (lo === 0 ? 1 : 0.1 * Math.abs(lo)) * (1 + 1e-9)) {
      say(`domain [${d0}, ${d1}] around the single value ${lo} is wider than ±10% (±1 around 0)`);
    }
  }
  const eps = 1e-9 * (a.domain[1] - a.domain[0]);
  for (const t of a.ticks) if (t < a.domain[0] - eps || t > a.domain[1] + eps) say(`tick ${t} outside the domain`);
  if (a.integer) for (const t of a.ticks) if (!Number.isInteger(t)) say(`fractional tick ${t} on an integer axis`);
  if (a.labels.length > 0) {
    const formats = (Object.keys(LABEL_PATTERN) as TickFormat[]).filter((f) =>
      a.labels.every((l) => LABEL_PATTERN[f].test(l)),
    );
    if (formats.length === 0) say(`labels in more than one format: ${a.labels.join(', ')}`);
    if (!a.log && formats.includes('decimal') && !formats.includes('integer')) {
      const decimals = new Set(a.labels.map((l) => l.split('.')[1]?.length ?? 0));
      if (decimals.size > 1) say(`labels with different numbers of decimals: ${a.labels.join(', ')}`);
    }
    if (!a.log && formats.includes('si') && !formats.includes('integer') && !formats.includes('decimal')) {
      const prefixes = new Set(a.labels.filter((l) => l !== '0').map((l) => l.slice(-1)));
      if (prefixes.size > 1) say(`labels with different SI prefixes: ${a.labels.join(', ')}`);
    }
  }
  return problems;
}

/** Every problem of every axis of a figure spec. */
export function auditSpec(spec: unknown): string[] {
  return specAxes(spec).flatMap(auditAxis);
}
