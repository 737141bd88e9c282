/**
 * FigureSpec → vega-lite 6 spec → vega view (headless, renderer 'none') → SVG, and SVG → PNG with resvg. Text is
 * set in DejaVu Sans when the font is installed (/usr/share/fonts/truetype/dejavu), so SVG and PNG agree across
 * machines that have it; text is measured from the font's own advance widths (src/report/font-metrics.ts), which
 * is deterministic and, unlike vega's canvas-free estimate, close to what resvg draws.
 *
 * What a reader should be able to trust at a glance, and where it is decided:
 *   - axes fitted to the data (src/report/axis.ts), one tick format per axis, integer ticks on counts;
 *   - every series distinguishable where curves coincide: its own colour and marker shape, markers staggered
 *     along the curve; a series lying on an earlier one drawn thinner and dashed over it; measured series drawn
 *     in input order, bounds (always broken lines) over them, markers over all lines;
 *   - a legend whose symbols are the lines as drawn (dash, width, marker, band), drawn by this module as a view
 *     under the plot, because vega-lite's legend shows one symbol type for every entry (dots for dashed lines);
 *   - titles and legend labels wrapped to the plot's width, so the canvas is the plot's size, not the longest text's.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { confidenceBand } from '../stats/log-log-fit.ts';
import { planAxis, type AxisPlan } from './axis.ts';
import type { FigureSpec, FitFigure, LineFigure } from './figure.ts';
import { textWidth, vegaTextWidth, wrapText } from './font-metrics.ts';

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']
  .map((f) => `${FONT_DIR}/${f}`)
  .filter((f) => existsSync(f));
// The SVG names DejaVu Sans on every machine (its widths are the layout's); only the PNG depends on the fonts present.
const FONT = 'DejaVu Sans';
// vega lays out axes, titles and the canvas from text widths; give it the font's (see the module comment). vega
// re-exports vega-scenegraph's textMetrics (the hook vl-convert uses) but its type declarations omit it.
const textMetrics = (vega as unknown as { textMetrics?: { width: (item: object, text: unknown) => number } })
  .textMetrics;
if (textMetrics !== undefined) textMetrics.width = vegaTextWidth;

/** Plot area in px; with axes and padding the canvas comes to about 640 px wide. */
export const PLOT_WIDTH = 560;
export const PLOT_HEIGHT = 320;
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const AXIS_LABEL_SIZE = 11;
const TITLE_SIZE = 14;
const LEGEND_LABEL_SIZE = 11;

const CONFIG = {
  font: FONT,
  background: 'white',
  axis: { labelFontSize: AXIS_LABEL_SIZE, titleFontSize: 12, gridColor: '#e6e6e6', labelOverlap: false },
  title: { fontSize: TITLE_SIZE, anchor: 'start', lineHeight: 18 },
  concat: { spacing: 14 },
} as const;

/** Tableau 10 without its yellow, which is too faint on white to tell a thin dashed line from the grid. */
const COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#b07aa1', '#9c755f', '#ff9da7', '#bab0ac'];
/**
 * A measured series that lies on an earlier one: patterns with different periods, so that the colours of both
 * show through each other's gaps. Measured series that stand apart stay solid.
 */
const OVERLAP_DASHES: readonly (readonly number[])[] = [
  [7, 5],
  [10, 3, 2, 3],
  [5, 3],
  [14, 3, 3, 3, 3, 3],
  [2, 2],
];
/** Bounds, floors, predictions: always broken lines, never solid, so they never pass for data. */
const REFERENCE_DASHES: readonly (readonly number[])[] = [
  [6, 4],
  [2, 3],
  [8, 3, 2, 3],
  [12, 4],
];
const SHAPES = [
  'circle',
  'square',
  'triangle-up',
  'diamond',
  'triangle-down',
  'cross',
  'triangle-right',
  'triangle-left',
];
/** Series with at most this many points get a marker on every point; longer ones get MARKERS_PER_SERIES. */
const ALL_MARKERS_UP_TO = 30;
const MARKERS_PER_SERIES = 8;

/** How one series is drawn, in the plot and in its legend entry alike. */
export interface SeriesStyle {
  readonly name: string;
  readonly color: string;
  /** Stroke dash array; empty = solid; null = no line (points only). */
  readonly dash: readonly number[] | null;
  readonly width: number;
  /** Marker shape; null = no markers. */
  readonly shape: string | null;
  /** Marker area in px². */
  readonly size: number;
  /** A shaded band (a confidence band) shown behind the line. */
  readonly band?: { readonly opacity: number };
}

/** A series in plot pixels (x right, y up), as drawn: the input to the overlap and wiggle measures below. */
export type PixelPath = readonly (readonly [number, number])[];

/** A line closer than this to another one, in px, is drawn on top of it as far as a reader can tell. */
const OVERLAP_PX = 3;
/** A series that runs within OVERLAP_PX of an earlier one over at least this fraction of its extent overlaps it. */
const OVERLAP_FRACTION = 0.2;
/**
 * wiggle() above which a series is a zigzag (per-round counts, noisy traces): a dash pattern breaks such a line
 * into unreadable fragments, so it stays solid and is told apart by width, drawing order and markers.
 */
const ZIGZAG_RATIO = 6;

/** y of a path at x (linear interpolation between its points sorted by x), or undefined outside its x range. */
function yAt(sorted: PixelPath, x: number): number | undefined {
  if (sorted.length === 0 || x < sorted[0][0] || x > sorted[sorted.length - 1][0]) return undefined;
  let lo = 0;
  let hi = sorted.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid][0] <= x) lo = mid;
    else hi = mid;
  }
  const [x0, y0] = sorted[lo];
  const [x1, y1] = sorted[hi];
  return x1 === x0 ? Math.min(y0, y1) + Math.abs(y1 - y0) / 2 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}

/** Where the overlap of two lines is sampled: this many evenly spaced x positions across the first line. */
const OVERLAP_SAMPLES = 120;

/**
 * Fraction of the horizontal extent of line `a` over which it runs within OVERLAP_PX of line `b` (both sampled at
 * the same x). Sampled along x rather than at the data points, so that sparse series sharing only a starting value
 * (every curve at 1 when r = 1) do not count as lying on each other.
 */
export function overlapFraction(a: PixelPath, b: PixelPath): number {
  if (a.length === 0 || b.length === 0) return 0;
  const sa = [...a].sort((p, q) => p[0] - q[0]);
  const sb = [...b].sort((p, q) => p[0] - q[0]);
  const x0 = sa[0][0];
  const x1 = sa[sa.length - 1][0];
  if (x1 === x0) {
    const yb = yAt(sb, x0);
    return yb !== undefined && Math.abs(yb - sa[0][1]) <= OVERLAP_PX ? 1 : 0;
  }
  let close = 0;
  for (let i = 0; i < OVERLAP_SAMPLES; i++) {
    const x = x0 + ((i + 0.5) / OVERLAP_SAMPLES) * (x1 - x0);
    const ya = yAt(sa, x);
    const yb = yAt(sb, x);
    if (ya !== undefined && yb !== undefined && Math.abs(ya - yb) <= OVERLAP_PX) close++;
  }
  return close / OVERLAP_SAMPLES;
}

/**
 * Total vertical travel of a drawn path over its vertical range: 1 for a monotone curve, a few for a curve with
 * bumps, hundreds for a zigzag (per-round counts, noisy traces). Steep but smooth curves stay at 1.
 */
export function wiggle(path: PixelPath): number {
  if (path.length < 2) return 1;
  let travel = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < path.length; i++) {
    lo = Math.min(lo, path[i][1]);
    hi = Math.max(hi, path[i][1]);
    if (i > 0) travel += Math.abs(path[i][1] - path[i - 1][1]);
  }
  return hi - lo < 1 ? 1 : travel / (hi - lo);
}

const BASE_WIDTH = 2.5;
const BASE_SIZE = 60;

/**
 * Styles in input order. Each series has its own colour and marker shape. A measured series that lies on an
 * earlier one (see overlapFraction) is drawn thinner, with smaller markers and — unless it zigzags — a dash
 * pattern, so the earlier line shows round and through it; series that stand apart stay solid. References
 * (bounds, floors, predictions) are always thinner broken lines without markers.
 */
export function seriesStyles(fig: Pick<LineFigure, 'series'>, paths?: readonly PixelPath[]): SeriesStyle[] {
  const out: SeriesStyle[] = [];
  let measured = 0;
  let reference = 0;
  let dashed = 0;
  fig.series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    if (s.reference === true) {
      out.push({
        name: s.name,
        color,
        dash: REFERENCE_DASHES[reference++ % REFERENCE_DASHES.length],
        width: 1.6,
        shape: null,
        size: 0,
      });
      return;
    }
    const k = measured++;
    let width = BASE_WIDTH;
    let size = BASE_SIZE;
    let dash: readonly number[] = [];
    const path = paths?.[i];
    if (path !== undefined) {
      const under = fig.series
        .map((_, j) => j)
        .filter(
          (j) =>
            j < i && fig.series[j].reference !== true && overlapFraction(path, paths?.[j] ?? []) >= OVERLAP_FRACTION,
        );
      if (under.length > 0) {
        width = Math.max(1.2, Math.min(...under.map((j) => out[j].width)) - 1.1);
        size = Math.max(25, Math.min(...under.map((j) => out[j].size)) - 15);
        if (wiggle(path) <= ZIGZAG_RATIO) dash = OVERLAP_DASHES[dashed++ % OVERLAP_DASHES.length];
      }
    }
    out.push({ name: s.name, color, dash, width, shape: SHAPES[k % SHAPES.length], size });
  });
  return out;
}

interface LineRow {
  readonly series: string;
  readonly x: number;
  readonly y: number;
  readonly reference: boolean;
}

/** Points a log axis cannot show (non-positive or non-finite) are dropped; the count goes into the figure JSON. */
export function lineRows(fig: LineFigure): { rows: LineRow[]; dropped: number } {
  const rows: LineRow[] = [];
  let dropped = 0;
  for (const s of fig.series) {
    for (const [x, y] of s.points) {
      const ok =
        Number.isFinite(x) && Number.isFinite(y) && (fig.x.log !== true || x > 0) && (fig.y.log !== true || y > 0);
      if (ok) rows.push({ series: s.name, x, y, reference: s.reference === true });
      else dropped++;
    }
  }
  return { rows, dropped };
}

/**
 * Which points of one series carry a marker: all of a short series; on a long one MARKERS_PER_SERIES points
 * evenly spaced along the drawn x axis, shifted by a fraction of the spacing per series so that curves lying on
 * top of each other still show every series' markers side by side.
 */
export function markerIndices(xs: readonly number[], log: boolean, seriesIndex: number, seriesCount: number): number[] {
  if (xs.length <= ALL_MARKERS_UP_TO) return xs.map((_, i) => i);
  const u = xs.map((x) => (log ? Math.log(x) : x));
  const lo = Math.min(...u);
  const hi = Math.max(...u);
  if (hi === lo) return [0];
  const shift = (seriesIndex + 0.5) / Math.max(1, seriesCount);
  const out = new Set<number>();
  for (let j = 0; j < MARKERS_PER_SERIES; j++) {
    const target = lo + ((j + shift) / MARKERS_PER_SERIES) * (hi - lo);
    let best = 0;
    for (let i = 1; i < u.length; i++) if (Math.abs(u[i] - target) < Math.abs(u[best] - target)) best = i;
    out.add(best);
  }
  return [...out].sort((a, b) => a - b);
}

// ---- axes -------------------------------------------------------------------------------------------------------

/** vega-lite scale and axis settings for a plan: the fitted domain, explicit ticks, labels in one format. */
function axisEncoding(field: string, title: string | null, plan: AxisPlan): Record<string, unknown> {
  const labels: Record<string, string> = {};
  plan.ticks.forEach((t, i) => {
    labels[String(t)] = plan.labels[i];
  });
  return {
    field,
    type: 'quantitative',
    title,
    scale: plan.log
      ? { type: 'log', domain: [...plan.domain], nice: false }
      : { type: 'linear', domain: [...plan.domain], nice: false, zero: false },
    axis: {
      values: [...plan.ticks],
      // The labels are decided in src/report/axis.ts (one format per axis); vega looks each tick up by value.
      labelExpr: `${JSON.stringify(labels)}[datum.value] || ''`,
      ...(plan.integer ? { tickMinStep: 1, format: 'd' } : {}),
    },
  };
}

function axisPlan(values: readonly number[], log: boolean, orient: 'x' | 'y', integer?: boolean): AxisPlan {
  return planAxis(values, {
    log,
    orient,
    length: orient === 'x' ? PLOT_WIDTH : PLOT_HEIGHT,
    fontSize: AXIS_LABEL_SIZE,
    ...(integer === undefined ? {} : { integer }),
  });
}

// ---- legend -----------------------------------------------------------------------------------------------------

const LEGEND_SEGMENT = 30;
const LEGEND_GAP = 6;
const LEGEND_LINE = 14;
const LEGEND_ROW_PAD = 4;

/**
 * The legend as a vega-lite view of its own: per entry a line segment with the series' colour, dash and width, its
 * marker in the middle and, for a band, a shaded swatch, then the label (wrapped to the plot width). Two columns
 * when every label fits in half the width.
 */
export function legendSpec(styles: readonly SeriesStyle[], width = PLOT_WIDTH): Record<string, unknown> {
  const labelRoom = width - LEGEND_SEGMENT - LEGEND_GAP;
  const halfRoom = (width - 24) / 2 - LEGEND_SEGMENT - LEGEND_GAP;
  const columns = styles.length >= 4 && styles.every((s) => textWidth(s.name, LEGEND_LABEL_SIZE) <= halfRoom) ? 2 : 1;
  const perColumn = Math.ceil(styles.length / columns);
  const lines = styles.map((s) => wrapText(s.name, columns === 1 ? labelRoom : halfRoom, LEGEND_LABEL_SIZE));
  const rowHeights: number[] = [];
  for (let r = 0; r < perColumn; r++) {
    let h = 0;
    for (let c = 0; c < columns; c++) {
      const i = c * perColumn + r;
      if (i < styles.length) h = Math.max(h, lines[i].length * LEGEND_LINE + LEGEND_ROW_PAD);
    }
    rowHeights.push(h);
  }
  const rows = styles.map((s, i) => {
    const c = Math.floor(i / perColumn);
    const r = i % perColumn;
    const top = rowHeights.slice(0, r).reduce((a, b) => a + b, 0);
    const x0 = c * (width / 2);
    const y = top + LEGEND_LINE / 2 + LEGEND_ROW_PAD / 2;
    return {
      label: lines[i],
      x0,
      x1: x0 + LEGEND_SEGMENT,
      xm: x0 + LEGEND_SEGMENT / 2,
      xt: x0 + LEGEND_SEGMENT + LEGEND_GAP,
      y,
      yb0: y - 5,
      yb1: y + 5,
      color: s.color,
      dash: s.dash === null ? null : s.dash.length === 0 ? [1, 0] : [...s.dash],
      width: s.width,
      shape: s.shape,
      size: s.size,
      band: s.band?.opacity ?? null,
    };
  });
  const height = rowHeights.reduce((a, b) => a + b, 0);
  const px = (field: string): Record<string, unknown> => ({ field, type: 'quantitative', scale: null, axis: null });
  const raw = (field: string): Record<string, unknown> => ({ field, type: 'nominal', scale: null, legend: null });
  return {
    width,
    height,
    view: { stroke: null },
    data: { values: rows },
    layer: [
      {
        transform: [{ filter: 'datum.band !== null' }],
        mark: { type: 'rect' },
        encoding: {
          x: px('x0'),
          x2: { field: 'x1' },
          y: px('yb0'),
          y2: { field: 'yb1' },
          fill: raw('color'),
          opacity: { field: 'band', type: 'quantitative', scale: null, legend: null },
        },
      },
      {
        transform: [{ filter: 'datum.dash !== null' }],
        mark: { type: 'rule', strokeCap: 'butt' },
        encoding: {
          x: px('x0'),
          x2: { field: 'x1' },
          y: px('y'),
          color: raw('color'),
          strokeDash: raw('dash'),
          strokeWidth: { field: 'width', type: 'quantitative', scale: null, legend: null },
        },
      },
      {
        transform: [{ filter: 'datum.shape !== null' }],
        mark: { type: 'point', filled: true, opacity: 1, stroke: 'white', strokeWidth: 0.8 },
        encoding: {
          x: px('xm'),
          y: px('y'),
          fill: raw('color'),
          shape: raw('shape'),
          size: { field: 'size', type: 'quantitative', scale: null, legend: null },
        },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: LEGEND_LABEL_SIZE, lineHeight: LEGEND_LINE },
        encoding: { x: px('xt'), y: px('y'), text: { field: 'label' } },
      },
    ],
  };
}

/** The title, wrapped to the plot's width plus the y axis (so it never widens the canvas). */
function titleLines(title: string): string[] {
  return wrapText(title, PLOT_WIDTH + 60, TITLE_SIZE, true);
}

// ---- line figures -----------------------------------------------------------------------------------------------

export function lineSpec(fig: LineFigure): TopLevelSpec {
  const { rows } = lineRows(fig);
  const xPlan = axisPlan(
    rows.map((r) => r.x),
    fig.x.log === true,
    'x',
    fig.x.integer,
  );
  const yPlan = axisPlan(
    rows.map((r) => r.y),
    fig.y.log === true,
    'y',
    fig.y.integer,
  );
  const x = axisEncoding('x', fig.x.label, xPlan);
  const y = axisEncoding('y', fig.y.label, yPlan);
  const bySeries = fig.series.map((s) => rows.filter((r) => r.series === s.name));
  const px =
    (plan: AxisPlan, length: number) =>
    (v: number): number => {
      const [lo, hi] = plan.domain;
      return (plan.log ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo)) * length;
    };
  const [toX, toY] = [px(xPlan, PLOT_WIDTH), px(yPlan, PLOT_HEIGHT)];
  const styles = seriesStyles(
    fig,
    bySeries.map((rs) => rs.map((r) => [toX(r.x), toY(r.y)] as const)),
  );
  const lineLayer = (i: number): Record<string, unknown> => {
    const st = styles[i];
    return {
      data: { values: bySeries[i] },
      mark: {
        type: 'line',
        color: st.color,
        strokeWidth: st.width,
        strokeDash: st.dash === null || st.dash.length === 0 ? [1, 0] : [...st.dash],
        strokeCap: 'butt',
        opacity: 0.95,
      },
      encoding: { x, y },
    };
  };
  const measuredIdx = fig.series.map((s, i) => (s.reference === true ? -1 : i)).filter((i) => i >= 0);
  const referenceIdx = fig.series.map((s, i) => (s.reference === true ? i : -1)).filter((i) => i >= 0);
  const markerLayers = measuredIdx.map((i, k) => {
    const st = styles[i];
    const pts = bySeries[i];
    const keep = markerIndices(
      pts.map((r) => r.x),
      fig.x.log === true,
      k,
      measuredIdx.length,
    );
    return {
      data: { values: keep.map((j) => pts[j]) },
      mark: {
        type: 'point',
        filled: true,
        opacity: 1,
        color: st.color,
        shape: st.shape,
        size: st.size,
        stroke: 'white',
        strokeWidth: 0.8,
      },
      encoding: { x, y },
    };
  });
  return {
    $schema: SCHEMA,
    title: { text: titleLines(fig.title) },
    config: CONFIG,
    vconcat: [
      {
        width: PLOT_WIDTH,
        height: PLOT_HEIGHT,
        // Drawing order: measured lines in input order, bounds over them, markers over every line.
        layer: [...measuredIdx.map(lineLayer), ...referenceIdx.map(lineLayer), ...markerLayers],
      },
      legendSpec(styles),
    ],
    // Built from plain records (axis plans, per-series layers); vega-lite's types cannot follow the construction.
  } as unknown as TopLevelSpec;
}

// ---- fit figures ------------------------------------------------------------------------------------------------

/** Geometric grid of m points from a to b (a, b > 0). */
function geomGrid(a: number, b: number, m: number): number[] {
  return Array.from({ length: m }, (_, i) => a * (b / a) ** (i / (m - 1)));
}

const FIT_COLORS = { measured: '#4e79a7', fit: '#e15759', predicted: '#59a14f' } as const;

export function fitSpec(fig: FitFigure): TopLevelSpec {
  const f = fig.fit;
  const pts = fig.points.filter(([x, y]) => x > 0 && y > 0 && Number.isFinite(x) && Number.isFinite(y));
  const xs = pts.map((p) => p[0]);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const grid = geomGrid(lo, hi === lo ? lo * 2 : hi, 40);
  const centreY = f.intercept + f.slope * f.meanLogX;
  const band = grid
    .map((x) => {
      const b = confidenceBand(f, x);
      return {
        x,
        lo: b.lo,
        mid: b.mid,
        hi: b.hi,
        predicted: Math.exp(centreY + fig.predictedSlope * (Math.log(x) - f.meanLogX)),
      };
    })
    .filter((b) => [b.lo, b.mid, b.hi, b.predicted].every((v) => Number.isFinite(v) && v > 0));
  const fmt = (v: number): string => String(Number(v.toPrecision(3)));
  const fitName = `fit: slope ${fmt(f.slope)}, ${Math.round(100 * f.confidence)}% CI [${fmt(f.slopeLo)}, ${fmt(f.slopeHi)}]`;
  const predName = `predicted slope ${fmt(fig.predictedSlope)}`;
  const styles: SeriesStyle[] = [
    { name: 'measured', color: FIT_COLORS.measured, dash: null, width: 0, shape: 'circle', size: 50 },
    { name: fitName, color: FIT_COLORS.fit, dash: [], width: 2, shape: null, size: 0, band: { opacity: 0.18 } },
    { name: predName, color: FIT_COLORS.predicted, dash: [6, 4], width: 1.6, shape: null, size: 0 },
  ];
  const x = axisEncoding('x', fig.x.label, axisPlan([...xs, ...band.map((b) => b.x)], true, 'x', fig.x.integer));
  const yValues = [...pts.map((p) => p[1]), ...band.flatMap((b) => [b.lo, b.hi, b.predicted])];
  const yPlan = axisPlan(yValues, true, 'y', fig.y.integer);
  const y = (field: string): Record<string, unknown> => ({ ...axisEncoding(field, fig.y.label, yPlan) });
  return {
    $schema: SCHEMA,
    title: { text: titleLines(fig.title) },
    config: CONFIG,
    vconcat: [
      {
        width: PLOT_WIDTH,
        height: PLOT_HEIGHT,
        layer: [
          {
            data: { values: band },
            mark: { type: 'area', opacity: 0.18, color: FIT_COLORS.fit },
            encoding: { x, y: y('lo'), y2: { field: 'hi' } },
          },
          {
            data: { values: band },
            mark: { type: 'line', strokeWidth: 2, color: FIT_COLORS.fit },
            encoding: { x, y: y('mid') },
          },
          {
            data: { values: band },
            mark: { type: 'line', strokeDash: [6, 4], strokeWidth: 1.6, color: FIT_COLORS.predicted },
            encoding: { x, y: y('predicted') },
          },
          {
            data: { values: pts.map(([px, py]) => ({ x: px, y: py })) },
            mark: {
              type: 'point',
              filled: true,
              opacity: 0.85,
              size: 50,
              color: FIT_COLORS.measured,
              stroke: 'white',
              strokeWidth: 0.8,
            },
            encoding: { x, y: y('y') },
          },
        ],
      },
      legendSpec(styles),
    ],
  } as unknown as TopLevelSpec;
}

export function vegaLiteSpec(fig: FigureSpec): TopLevelSpec {
  return fig.kind === 'line' ? lineSpec(fig) : fitSpec(fig);
}

/** A headless vega view of a figure (renderer 'none': no canvas, no DOM); finalize it when done. */
export function figureView(fig: FigureSpec): vega.View {
  return new vega.View(vega.parse(compile(vegaLiteSpec(fig)).spec), { renderer: 'none' });
}

/** SVG text of a figure. */
export async function renderSvg(fig: FigureSpec): Promise<string> {
  const view = figureView(fig);
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** PNG bytes of an SVG at 2× (crisp on high-density screens), text in DejaVu Sans when installed. */
export function svgToPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    font:
      FONT_FILES.length > 0
        ? { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT, sansSerifFamily: FONT }
        : { loadSystemFonts: true },
    background: 'white',
  });
  return resvg.render().asPng();
}

export interface RenderedFigure {
  readonly svg: string;
  readonly png: Uint8Array;
  /** The figure spec (all plotted data) plus what was dropped from log axes. */
  readonly data: { readonly figure: FigureSpec; readonly droppedPoints: number };
}

export async function renderFigureFiles(fig: FigureSpec): Promise<RenderedFigure> {
  const svg = await renderSvg(fig);
  const droppedPoints =
    fig.kind === 'line'
      ? lineRows(fig).dropped
      : fig.points.length - fig.points.filter(([x, y]) => x > 0 && y > 0).length;
  return { svg, png: svgToPng(svg), data: { figure: fig, droppedPoints } };
}
