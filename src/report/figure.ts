/**
 * Figures as data plus a plot description. Theorems return these; src/report/plot.ts renders them (vega-lite →
 * SVG, resvg → PNG) and writes the spec itself as the figure's JSON, so every plotted number can be re-plotted.
 */
import type { SlopeFit } from '../stats/log-log-fit.ts';

export interface Axis {
  readonly label: string;
  /** Log scale (values must then be positive; non-positive points are dropped and counted in the JSON). */
  readonly log?: boolean;
  /**
   * A count (rounds, iterations, nodes, batch size): ticks at integers only, labelled without decimals. Leave it
   * out to have it inferred: an axis whose every value is an integer is taken as a count.
   */
  readonly integer?: boolean;
}

export interface Series {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  /** Drawn as a thinner broken line, over the measured series and without markers: bounds, floors, predictions. */
  readonly reference?: boolean;
}

/** Line plot, one line per series (convergence curves, a floor against several n, error against k). */
export interface LineFigure {
  readonly kind: 'line';
  /** kebab-case, unique within its theorem; the file stem is `<theorem id>--<name>`. */
  readonly name: string;
  readonly title: string;
  readonly x: Axis;
  readonly y: Axis;
  readonly series: readonly Series[];
  /** One sentence shown under the figure. */
  readonly caption: string;
}

/** A log–log rate fit: points, fitted line with its 95% band, and the predicted slope through the data's centre. */
export interface FitFigure {
  readonly kind: 'fit';
  readonly name: string;
  readonly title: string;
  /** Both axes are log scales (the fit is in log–log space). */
  readonly x: Pick<Axis, 'label' | 'integer'>;
  readonly y: Pick<Axis, 'label' | 'integer'>;
  readonly points: readonly (readonly [number, number])[];
  readonly fit: SlopeFit;
  readonly predictedSlope: number;
  readonly caption: string;
}

export type FigureSpec = LineFigure | FitFigure;

/** A figure's file stem inside the figures folder. */
export function figureStem(theoremId: string, figure: Pick<FigureSpec, 'name'>): string {
  return `${theoremId}--${figure.name}`;
}
