/**
 * Dense vectors and the kernels every method is built from: plain loops over Float64Array (stdlib-js style).
 * Functions named without `Into` are pure and return fresh arrays; `…Into(out, …)` kernels write only to `out`
 * and exist so that a pure caller can build its own fresh result without one allocation per operation.
 */

export type Vector = Float64Array;

/** What a callee may read but never write: no index assignment, no .fill(), no .set(). Float64Array fits it. */
export interface ReadonlyVector extends Iterable<number> {
  readonly length: number;
  readonly [i: number]: number;
}

/**
 * @example
 * zeros(3);
 * // returns Float64Array [0, 0, 0]
 */
export function zeros(d: number): Vector {
  return new Float64Array(d);
}

/** A fresh copy (also turns a ReadonlyVector or number[] into a Vector). */
export function copy(x: ReadonlyVector): Vector {
  const d = x.length;
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) out[j] = x[j];
  return out;
}

function sameLength(name: string, x: ReadonlyVector, y: ReadonlyVector): void {
  if (x.length !== y.length) throw new RangeError(`${name}: length mismatch, ${x.length} vs ${y.length}`);
}

/**
 * a·x + y, fresh.
 * @example
 * axpy(2, Float64Array.of(1, 2), Float64Array.of(1, 1));
 * // returns Float64Array [3, 5]
 */
export function axpy(a: number, x: ReadonlyVector, y: ReadonlyVector): Vector {
  sameLength('axpy', x, y);
  const d = x.length;
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) out[j] = a * x[j] + y[j];
  return out;
}

/** out ← out + a·x. Writes only to out. */
export function axpyInto(out: Vector, a: number, x: ReadonlyVector): Vector {
  const d = out.length;
  for (let j = 0; j < d; j++) out[j] += a * x[j];
  return out;
}

/** x + y, fresh. */
export function add(x: ReadonlyVector, y: ReadonlyVector): Vector {
  return axpy(1, x, y);
}

/**
 * x − y, fresh.
 * @example
 * sub(Float64Array.of(3, 1), Float64Array.of(1, 1));
 * // returns Float64Array [2, 0]
 */
export function sub(x: ReadonlyVector, y: ReadonlyVector): Vector {
  sameLength('sub', x, y);
  const d = x.length;
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) out[j] = x[j] - y[j];
  return out;
}

/** a·x, fresh. */
export function scale(a: number, x: ReadonlyVector): Vector {
  const d = x.length;
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) out[j] = a * x[j];
  return out;
}

/** a·x + b·y, fresh (the momentum update (1−η)v + η·g in one pass). */
export function lincomb(a: number, x: ReadonlyVector, b: number, y: ReadonlyVector): Vector {
  sameLength('lincomb', x, y);
  const d = x.length;
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) out[j] = a * x[j] + b * y[j];
  return out;
}

/**
 * @example
 * dot(Float64Array.of(1, 2), Float64Array.of(3, 4));
 * // returns 11
 */
export function dot(x: ReadonlyVector, y: ReadonlyVector): number {
  sameLength('dot', x, y);
  let s = 0;
  for (let j = 0; j < x.length; j++) s += x[j] * y[j];
  return s;
}

/** ‖x‖², plain sum of squares: fast; use norms.ts where magnitudes may under- or overflow. */
export function norm2sq(x: ReadonlyVector): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) s += x[j] * x[j];
  return s;
}

/** ‖x − y‖² without allocating. */
export function dist2sq(x: ReadonlyVector, y: ReadonlyVector): number {
  sameLength('dist2sq', x, y);
  let s = 0;
  for (let j = 0; j < x.length; j++) {
    const u = x[j] - y[j];
    s += u * u;
  }
  return s;
}

/**
 * (1/n)Σ x_i, fresh.
 * @example
 * mean([Float64Array.of(1, 2), Float64Array.of(3, 4)]);
 * // returns Float64Array [2, 3]
 */
export function mean(xs: readonly ReadonlyVector[]): Vector {
  if (xs.length === 0) throw new RangeError('mean: need at least one vector');
  const d = xs[0].length;
  const out = new Float64Array(d);
  for (const x of xs) {
    sameLength('mean', x, out);
    for (let j = 0; j < d; j++) out[j] += x[j];
  }
  const inv = 1 / xs.length;
  for (let j = 0; j < d; j++) out[j] *= inv;
  return out;
}

/** Σ_i w_i x_i, fresh. */
export function weightedSum(ws: readonly number[], xs: readonly ReadonlyVector[]): Vector {
  if (xs.length === 0 || ws.length !== xs.length)
    throw new RangeError(`weightedSum: ${ws.length} weights for ${xs.length} vectors`);
  const d = xs[0].length;
  const out = new Float64Array(d);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const w = ws[i];
    for (let j = 0; j < d; j++) out[j] += w * x[j];
  }
  return out;
}

/** True when every entry is finite (no NaN, no ±∞). */
export function allFinite(x: ReadonlyVector): boolean {
  for (let j = 0; j < x.length; j++) if (!Number.isFinite(x[j])) return false;
  return true;
}

/** Number of non-zero entries. */
export function nnz(x: ReadonlyVector): number {
  let c = 0;
  for (let j = 0; j < x.length; j++) if (x[j] !== 0) c++;
  return c;
}

/** Bitwise equality of two vectors (NaN equals NaN, +0 and −0 differ), for purity and determinism checks. */
export function sameBits(x: ReadonlyVector, y: ReadonlyVector): boolean {
  if (x.length !== y.length) return false;
  for (let j = 0; j < x.length; j++) if (!Object.is(x[j], y[j])) return false;
  return true;
}
