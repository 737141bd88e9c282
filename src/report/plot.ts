/**
 * FigureSpec → vega-lite 6 spec → vega view (headless, renderer 'none') → SVG, and SVG → PNG with resvg. Text is
 * set in DejaVu Sans when the font is installed (/usr/share/fonts/truetype/dejavu), so SVG and PNG agree across
 * machines that have it; vega measures text without a canvas, which is deterministic.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { confidenceBand } from '../stats/log-log-fit.ts';
import type { FigureSpec, FitFigure, LineFigure } from './figure.ts';

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => `${FONT_DIR}/${f}`).filter((f) => existsSync(f));
const FONT = FONT_FILES.length > 0 ? 'DejaVu Sans' : 'sans-serif';
const WIDTH = 520;
const HEIGHT = 320;
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

const CONFIG = {
  font: FONT,
  background: 'white',
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e6e6e6' },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: 'bottom', direction: 'vertical', labelLimit: 480 },
  title: { fontSize: 14, anchor: 'start' },
} as const;

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
      const ok = Number.isFinite(x) && Number.isFinite(y) && (fig.x.log !== true || x > 0) && (fig.y.log !== true || y > 0);
      if (ok) rows.push({ series: s.name, x, y, reference: s.reference === true });
      else dropped++;
    }
  }
  return { rows, dropped };
}

function scale(log: boolean | undefined): { type: 'log' } | { zero: false } {
  return log === true ? { type: 'log' } : { zero: false };
}

export function lineSpec(fig: LineFigure): TopLevelSpec {
  const { rows } = lineRows(fig);
  const x = { field: 'x', type: 'quantitative', title: fig.x.label, scale: scale(fig.x.log) } as const;
  const y = { field: 'y', type: 'quantitative', title: fig.y.label, scale: scale(fig.y.log) } as const;
  // One color scale over every series (measured and reference) so the legend lists each line once, in input order.
  const color = { field: 'series', type: 'nominal', title: null, sort: fig.series.map((s) => s.name) } as const;
  // Markers help a reader find sparse points; on long trajectories they only bloat the SVG (MBs) and hide the line.
  const longest = fig.series.reduce((m, s) => Math.max(m, s.points.length), 0);
  const point = longest <= 60;
  return {
    $schema: SCHEMA,
    title: fig.title,
    width: WIDTH,
    height: HEIGHT,
    config: CONFIG,
    data: { values: rows },
    layer: [
      { transform: [{ filter: 'datum.reference === false' }], mark: { type: 'line', point, strokeWidth: 2 }, encoding: { x, y, color } },
      { transform: [{ filter: 'datum.reference === true' }], mark: { type: 'line', strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { x, y, color } },
    ],
  } as TopLevelSpec;
}

/** Geometric grid of m points from a to b (a, b > 0). */
function geomGrid(a: number, b: number, m: number): number[] {
  return Array.from({ length: m }, (_, i) => a * (b / a) ** (i / (m - 1)));
}

export function fitSpec(fig: FitFigure): TopLevelSpec {
  const f = fig.fit;
  const pts = fig.points.filter(([x, y]) => x > 0 && y > 0 && Number.isFinite(x) && Number.isFinite(y));
  const xs = pts.map((p) => p[0]);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const grid = geomGrid(lo, hi === lo ? lo * 2 : hi, 40);
  const centreY = f.intercept + f.slope * f.meanLogX;
  const band = grid.map((x) => {
    const b = confidenceBand(f, x);
    return { x, lo: b.lo, mid: b.mid, hi: b.hi, predicted: Math.exp(centreY + fig.predictedSlope * (Math.log(x) - f.meanLogX)) };
  });
  const fmt = (v: number): string => String(Number(v.toPrecision(3)));
  const fitName = `fit: slope ${fmt(f.slope)}, ${Math.round(100 * f.confidence)}% CI [${fmt(f.slopeLo)}, ${fmt(f.slopeHi)}]`;
  const predName = `predicted slope ${fmt(fig.predictedSlope)}`;
  const x = { field: 'x', type: 'quantitative', title: fig.x.label, scale: { type: 'log' } } as const;
  const yScale = { type: 'log' } as const;
  const domain = ['measured', fitName, predName];
  const colorOf = (name: string): { datum: string; type: 'nominal'; title: null; scale: { domain: string[]; range: string[] } } => ({
    datum: name,
    type: 'nominal',
    title: null,
    scale: { domain, range: ['#1f77b4', '#d62728', '#2ca02c'] },
  });
  return {
    $schema: SCHEMA,
    title: fig.title,
    width: WIDTH,
    height: HEIGHT,
    config: CONFIG,
    layer: [
      {
        data: { values: band },
        mark: { type: 'area', opacity: 0.18, color: '#d62728' },
        encoding: { x, y: { field: 'lo', type: 'quantitative', scale: yScale, title: fig.y.label }, y2: { field: 'hi' } },
      },
      { data: { values: band }, mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: { field: 'mid', type: 'quantitative', scale: yScale }, color: colorOf(fitName) } },
      {
        data: { values: band },
        mark: { type: 'line', strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { x, y: { field: 'predicted', type: 'quantitative', scale: yScale }, color: colorOf(predName) },
      },
      {
        data: { values: pts.map(([px, py]) => ({ x: px, y: py })) },
        mark: { type: 'point', filled: true, size: 50 },
        encoding: { x, y: { field: 'y', type: 'quantitative', scale: yScale }, color: colorOf('measured') },
      },
    ],
  } as TopLevelSpec;
}

export function vegaLiteSpec(fig: FigureSpec): TopLevelSpec {
  return fig.kind === 'line' ? lineSpec(fig) : fitSpec(fig);
}

/** SVG text of a figure (headless vega; no canvas, no DOM). */
export async function renderSvg(fig: FigureSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(vegaLiteSpec(fig)).spec), { renderer: 'none' });
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
    font: FONT_FILES.length > 0 ? { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT, sansSerifFamily: FONT } : { loadSystemFonts: true },
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
  const droppedPoints = fig.kind === 'line' ? lineRows(fig).dropped : fig.points.length - fig.points.filter(([x, y]) => x > 0 && y > 0).length;
  return { svg, png: svgToPng(svg), data: { figure: fig, droppedPoints } };
}
