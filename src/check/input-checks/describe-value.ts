/** Values, errors and numbers as the checker's one-line messages print them. */

/** A value's short description for one-line messages. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'object') {
    const ctor = (v as { constructor?: { name?: unknown } }).constructor;
    const name = typeof ctor?.name === 'string' ? ctor.name : 'object';
    const len = (v as { length?: unknown }).length;
    return typeof len === 'number' ? `${name}(${len})` : name;
  }
  return typeof v;
}

/** An error as one line: its class and message, never a stack. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message.split('\n')[0]}`;
  return `a non-Error value (${describeValue(e)}: ${String(e).split('\n')[0]})`;
}

/** An input or output entry exactly, -0 included (a sign flip at 0 is a real difference). */
export const fmt = (v: number): string => (Object.is(v, -0) ? '-0' : String(v));

/** Six significant digits for estimates and bounds (inputs are printed exactly, with fmt). */
export const short = (v: number): string => String(Number(v.toPrecision(6)));

/** The first index where a and b (of equal length) differ bit for bit, or -1 when they are the same bits. */
export function firstDifference(a: Float64Array, b: Float64Array): number {
  for (let j = 0; j < a.length; j++) if (!Object.is(a[j], b[j])) return j;
  return -1;
}
