import { describe, expect, it } from 'vitest';
import { theorems } from '../../theorems/index.ts';
import { logLogFit } from '../stats/log-log-fit.ts';
import type { FigureSpec, FitFigure, LineFigure } from './figure.ts';
import { auditSpec, specAxes } from './figure-audit.ts';
import {
  figureView,
  lineRows,
  markerIndices,
  overlapFraction,
  renderSvg,
  seriesStyles,
  vegaLiteSpec,
  wiggle,
} from './plot.ts';

type Json = Record<string, unknown>;
const views = (fig: FigureSpec): { plot: Json; legend: Json } => {
  const spec = vegaLiteSpec(fig) as unknown as { vconcat: [Json, Json] };
  return { plot: spec.vconcat[0], legend: spec.vconcat[1] };
};
const layers = (v: Json): Json[] => v.layer as Json[];
const rows = (v: Json): Json[] => (v.data as { values: Json[] }).values;

/** The x and y domains vega actually draws (after compiling and running the view), not the ones the spec asks for. */
async function renderedDomains(fig: FigureSpec): Promise<{ x: number[]; y: number[] }> {
  const view = figureView(fig);
  try {
    await view.runAsync();
    return { x: view.scale('concat_0_x').domain() as number[], y: view.scale('concat_0_y').domain() as number[] };
  } finally {
    view.finalize();
  }
}

const line = (over: Partial<LineFigure> & Pick<LineFigure, 'series'>): LineFigure => ({
  kind: 'line',
  name: 'f',
  title: 'A figure',
  caption: 'c',
  x: { label: 'x' },
  y: { label: 'y' },
  ...over,
});
const range = (n: number, f: (i: number) => number): [number, number][] =>
  Array.from({ length: n }, (_, i) => [i, f(i)]);

/** Figures built to show each problem the committed reports had. */
const cases: Record<string, FigureSpec> = {
  'log x over n = 1 … 16 (was drawn to 100)': line({
    x: { label: 'n', log: true },
    y: { label: 'E‖∇f‖²', log: true },
    series: [
      { name: 'measured', points: [1, 2, 4, 8, 16].map((n) => [n, 0.0016 / n] as [number, number]) },
      { name: 'slope −1', points: [1, 2, 4, 8, 16].map((n) => [n, 0.0016 / n] as [number, number]), reference: true },
    ],
  }),
  'log y in 2.4–2.8 (was drawn over 1–10)': line({
    y: { label: 'ratio', log: true },
    series: [
      {
        name: 's',
        points: [
          [0, 2.4],
          [5, 2.6],
          [10, 2.8],
        ],
      },
    ],
  }),
  'log y over 23 decades (labels mixed 1e+14, 10,000,000,000, 0.000001)': line({
    x: { label: 'round k' },
    y: { label: '‖x^k‖', log: true },
    series: [
      { name: 'diverges', points: range(3001, (k) => 1.0107 ** k) },
      { name: 'converges', points: range(3001, (k) => 0.99335 ** k) },
    ],
  }),
  'rounds 0 … 8 (ticks were 0.0 … 8.0)': line({
    x: { label: 'round' },
    series: [{ name: 's', points: range(9, (i) => 0.05 * i) }],
  }),
  'bits to 1.15e7 on a linear axis': line({
    x: { label: 'bits' },
    y: { label: 'g', log: true },
    series: [{ name: 's', points: range(17, (i) => 0.5 / (1 + i)).map(([i, g]) => [i * 718750, g]) }],
  }),
  'non-positive values on a log axis are dropped, not plotted': line({
    y: { label: 'entries', log: true },
    series: [
      {
        name: 's',
        points: [
          [0, 0],
          [1, 3],
          [2, 0],
          [3, 16],
        ],
      },
    ],
  }),
  'a single point': line({ series: [{ name: 's', points: [[3, 7]] }] }),
};

function fitCase(): FitFigure {
  const xs = [1, 2, 4, 8, 16, 32, 64, 128];
  const ys = xs.map((x, i) => (0.04 / x) * (1 + 0.1 * Math.sin(i)));
  return {
    kind: 'fit',
    name: 'fit',
    title: 'Error against batch',
    caption: 'c',
    x: { label: 'τ' },
    y: { label: 'E‖∇f‖²' },
    points: xs.map((x, i) => [x, ys[i]]),
    fit: logLogFit(xs, ys),
    predictedSlope: -1,
  };
}
cases['a log–log fit with its band'] = fitCase();

describe('figure axes a reader can trust at a glance', () => {
  for (const [what, fig] of Object.entries(cases)) {
    it(`${what}: domains enclose the data within the stated margin, one tick format per axis`, async () => {
      const spec = vegaLiteSpec(fig);
      expect(auditSpec(spec)).toEqual([]);
      // vega draws the domains the spec states: no `nice`, no zero, no union with anything else.
      const drawn = await renderedDomains(fig);
      const [ax, ay] = specAxes(spec);
      expect(drawn.x).toEqual([...ax.domain]);
      expect(drawn.y).toEqual([...ay.domain]);
    });
  }

  it('every figure of a quick report of two claims passes the audit, and the audit sees every plotted point', async () => {
    const ids = ['naive-compression-diverges', 'sgdm-error-vs-n'];
    let figures = 0;
    for (const id of ids) {
      const t = theorems.find((x) => x.meta.id === id);
      expect(t, id).toBeDefined();
      const result = await t!.check(1, 'quick');
      for (const fig of result.figures ?? []) {
        figures++;
        const spec = vegaLiteSpec(fig);
        expect(auditSpec(spec), `${id}/${fig.name}`).toEqual([]);
        const pts = fig.kind === 'line' ? lineRows(fig).rows.map((r) => [r.x, r.y] as const) : fig.points;
        const [ax, ay] = specAxes(spec);
        for (const [axis, vs] of [
          [ax, pts.map((p) => p[0])],
          [ay, pts.map((p) => p[1])],
        ] as const) {
          const shown = vs.filter((v) => v > 0 || !axis.log);
          expect(Math.min(...axis.data), `${id}/${fig.name} ${axis.channel} min`).toBeLessThanOrEqual(
            Math.min(...shown),
          );
          expect(Math.max(...axis.data), `${id}/${fig.name} ${axis.channel} max`).toBeGreaterThanOrEqual(
            Math.max(...shown),
          );
        }
      }
    }
    expect(figures).toBeGreaterThanOrEqual(3);
  });

  it('draws log axes over 23 decades in powers of ten and counts with integer ticks', () => {
    const [, y] = specAxes(vegaLiteSpec(cases['log y over 23 decades (labels mixed 1e+14, 10,000,000,000, 0.000001)']));
    expect(y.labels.every((l) => /^10⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/.test(l))).toBe(true);
    const [x] = specAxes(vegaLiteSpec(cases['rounds 0 … 8 (ticks were 0.0 … 8.0)']));
    expect(x.integer).toBe(true);
    expect(x.labels).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8']);
    const [n] = specAxes(vegaLiteSpec(cases['log x over n = 1 … 16 (was drawn to 100)']));
    expect(n.domain[1]).toBeLessThan(20);
    expect(n.ticks.every((t) => Number.isInteger(t))).toBe(true);
  });
});

describe('series and legend', () => {
  const same = range(200, (i) => 2 / (1 + i));
  const fig = line({
    title:
      'EF21 step rules, MNIST even/odd, top-k(k=78,d=784): ‖∇f(x^t)‖² against bits sent per node, with a title long enough to wrap',
    y: { label: 'g', log: true },
    series: [
      { name: 'EF21, QM step', points: range(200, (i) => 2 / (1 + i / 3)) },
      { name: 'EF21, AM step', points: same },
      {
        name: 'EF21-W, AM step (identical to EF21 with the AM step on this instance, so drawn on top of it)',
        points: same,
      },
      { name: 'bound 2Φ₀/(γT)', points: range(200, (i) => 4 / (1 + i / 4)), reference: true },
    ],
  });

  it('tells coincident series apart: the later one is dashed and thinner, markers differ in shape and place', () => {
    const styles = seriesStyles(
      fig,
      fig.series.map((s) => s.points.map(([x, y]) => [x, 100 * Math.log(y)] as const)),
    );
    expect(styles[0].dash).toEqual([]);
    expect(styles[1].dash).toEqual([]);
    expect(styles[2].dash?.length).toBeGreaterThan(0);
    expect(styles[2].width).toBeLessThan(styles[1].width);
    expect(new Set(styles.slice(0, 3).map((s) => s.shape)).size).toBe(3);
    expect(styles[3]).toMatchObject({ shape: null });
    expect(styles[3].dash?.length).toBeGreaterThan(0);
    // Markers of the two identical series sit at different x.
    const xs = same.map((p) => p[0]);
    const a = new Set(markerIndices(xs, false, 1, 3));
    expect(markerIndices(xs, false, 2, 3).some((i) => a.has(i))).toBe(false);
  });

  it('draws the legend symbols as the lines are drawn: dash, width and marker of each series', () => {
    const { plot, legend } = views(fig);
    const entries = rows(legend);
    expect(entries.map((e) => e.label)).toHaveLength(4);
    // Each plot line layer's style, by colour.
    const lines = new Map(
      layers(plot)
        .filter((l) => (l.mark as Json).type === 'line')
        .map((l) => {
          const m = l.mark as Json;
          return [m.color, { dash: m.strokeDash, width: m.strokeWidth }] as const;
        }),
    );
    for (const e of entries) {
      const drawn = lines.get(e.color);
      expect(drawn, String(e.label)).toBeDefined();
      expect(e.dash).toEqual(drawn!.dash);
      expect(e.width).toBe(drawn!.width);
    }
    // The bound is a broken line in the legend too, with no dot.
    const bound = entries[3];
    expect(bound.dash).toEqual([6, 4]);
    expect(bound.shape).toBeNull();
  });

  it('keeps the canvas near the plot width however long the title and labels are, and dashes the legend in the SVG', async () => {
    const svg = await renderSvg(fig);
    const [, w] = /<svg[^>]*\swidth="(\d+(?:\.\d+)?)"/.exec(svg) ?? [];
    expect(Number(w)).toBeGreaterThanOrEqual(560);
    expect(Number(w)).toBeLessThanOrEqual(720);
    expect(svg).toContain('stroke-dasharray="6,4"');
  });

  it('measures overlap along the drawn lines, not at shared end points, and spots zigzags', () => {
    const up = range(9, (i) => 10 * i);
    const flat = range(9, () => 0);
    expect(overlapFraction(up, flat)).toBeLessThan(0.2);
    expect(overlapFraction(up, up)).toBe(1);
    expect(wiggle(range(100, (i) => (i % 2) * 50))).toBeGreaterThan(6);
    // Steep is not wiggly: a straight line and a smooth curve with one bump stay low.
    expect(wiggle(up)).toBe(1);
    expect(wiggle(range(100, (i) => 100 * Math.sin(i / 30)))).toBeLessThan(6);
  });
});
