/**
 * Text widths in DejaVu Sans from its advance widths (src/report/dejavu-widths.ts).
 *
 * Why: without a canvas, vega estimates every string as 0.8·fontSize per character, about a third wider than DejaVu
 * Sans really sets it. Long titles and legend labels then stretch the SVG canvas far past the drawn text (canvases
 * twice the plot's width, half empty), and wrapping or overlap decisions made on such estimates are wrong. The
 * widths are data in the repository, so the layout is the same on every machine. Kerning is ignored: it moves a
 * line of text by well under a character.
 */
import { BOLD, REGULAR } from './dejavu-widths.ts';

const UNITS_PER_EM = 2048;

function widthTable(rows: readonly (readonly [number, readonly number[]])[]): Map<number, number> {
  const table = new Map<number, number>();
  for (const [first, widths] of rows) {
    for (let i = 0; i < widths.length; i++) table.set(first + i, widths[i] / UNITS_PER_EM);
  }
  return table;
}

const regularWidths = widthTable(REGULAR);
const boldWidths = widthTable(BOLD);

/**
 * Width in px of one line of text set in DejaVu Sans.
 * @example
 * textWidth('0000', 10) > 20 && textWidth('0000', 10) < 30;
 * // returns true (a DejaVu digit is 0.636 em)
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  const table = bold ? boldWidths : regularWidths;
  let em = 0;
  for (const ch of text) {
    // Characters outside the table fall back to another font in resvg; 0.6 em is a typical sans-serif advance.
    em += table.get(ch.codePointAt(0) ?? 0x20) ?? (bold ? 0.65 : 0.6);
  }
  return em * fontSize;
}

/**
 * Greedy word wrap of `text` into lines no wider than `maxWidth` px (a single word longer than that gets a line
 * of its own, unbroken).
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const candidate = line === '' ? w : `${line} ${w}`;
    if (line !== '' && textWidth(candidate, fontSize, bold) > maxWidth) {
      lines.push(line);
      line = w;
    } else line = candidate;
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
}

interface VegaTextItem {
  readonly fontSize?: number | string;
  readonly fontWeight?: number | string;
}

/** vega's textMetrics.width signature: the item (font size, weight) and the text. */
export function vegaTextWidth(item: VegaTextItem, text: unknown): number {
  const size = item.fontSize === undefined ? 11 : Number(item.fontSize) || 0;
  const weight = item.fontWeight;
  const bold =
    weight === 'bold' ||
    weight === 'bolder' ||
    (typeof weight === 'number' && weight >= 600) ||
    (typeof weight === 'string' && Number(weight) >= 600);
  return textWidth(text === null || text === undefined ? '' : String(text).trim(), size, bold);
}
