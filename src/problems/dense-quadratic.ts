/**
 * Dense quadratics f_i(x) = ½xᵀA_i x − b_iᵀx with A_i symmetric, possibly indefinite (docs/theory.md §0.4):
 *   L_i = ‖A_i‖₂,  L = ‖Ā‖₂ with Ā = (1/n)ΣA_i,  μ = λ_min(Ā) when Ā ≻ 0,
 *   f_inf = −½ b̄ᵀĀ⁻¹b̄ when Ā ≻ 0 (b̄ = mean b_i), −∞ when Ā has a negative eigenvalue.
 * Eigenvalues come from cyclic Jacobi (src/linalg/eigen.ts), accurate to a few ulps of ‖A‖₂, which is what
 * "exact" means here.
 */
import { symmetricEigen } from '../linalg/eigen.ts';
import type { ReadonlyVector, Vector } from '../linalg/vector.ts';
import type { Problem } from './types.ts';

export interface QuadraticNode {
  readonly A: readonly (readonly number[])[];
  readonly b: readonly number[];
}

/** Relative asymmetry tolerated (and averaged away): JSON round-trips of a symmetric matrix stay symmetric. */
const SYMMETRY_RTOL = 1e-12;

/**
 * @example
 * denseQuadratic([{ A: [[2, 1], [1, 2]], b: [1, 0] }]).L;
 * // returns 3 (to rounding)
 */
export function denseQuadratic(nodes: readonly QuadraticNode[]): Problem {
  const n = nodes.length;
  if (n < 1) throw new RangeError('dense-quadratic: need at least one node');
  const d = nodes[0].b.length;
  if (d < 1) throw new RangeError('dense-quadratic: node 0: b is empty, need d ≥ 1');
  const A: Float64Array[] = [];
  const B: Float64Array[] = [];
  nodes.forEach((node, i) => {
    if (node.b.length !== d)
      throw new RangeError(`dense-quadratic: node ${i}: b has length ${node.b.length}, expected ${d}`);
    if (node.A.length !== d)
      throw new RangeError(`dense-quadratic: node ${i}: A has ${node.A.length} rows, expected ${d}`);
    const a = new Float64Array(d * d);
    node.A.forEach((row, r) => {
      if (row.length !== d)
        throw new RangeError(`dense-quadratic: node ${i}: A row ${r} has length ${row.length}, expected ${d}`);
      row.forEach((v, c) => {
        if (!Number.isFinite(v))
          throw new RangeError(`dense-quadratic: node ${i}: A[${r}][${c}] is not a finite number`);
        a[r * d + c] = v;
      });
    });
    for (let r = 0; r < d; r++) {
      for (let c = r + 1; c < d; c++) {
        const u = a[r * d + c];
        const w = a[c * d + r];
        if (Math.abs(u - w) > SYMMETRY_RTOL * (Math.abs(u) + Math.abs(w))) {
          throw new RangeError(
            `dense-quadratic: node ${i}: A is not symmetric, A[${r}][${c}]=${u} but A[${c}][${r}]=${w}`,
          );
        }
        a[r * d + c] = a[c * d + r] = 0.5 * (u + w);
      }
    }
    node.b.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new RangeError(`dense-quadratic: node ${i}: b[${j}] is not a finite number`);
    });
    A.push(a);
    B.push(Float64Array.from(node.b));
  });

  const spectralNorm = (values: Float64Array): number => Math.max(Math.abs(values[0]), Math.abs(values[d - 1]));
  const Li = A.map((a) => spectralNorm(symmetricEigen({ order: d, data: a }).values));
  const aBar = new Float64Array(d * d);
  const bBar = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d * d; j++) aBar[j] += A[i][j] / n;
    for (let j = 0; j < d; j++) bBar[j] += B[i][j] / n;
  }
  const { values, vectors } = symmetricEigen({ order: d, data: aBar });
  const L = spectralNorm(values);
  // Eigenvalues within rounding of 0 leave the sign of λ_min (and so whether f is bounded) undecided.
  const tiny = 64 * Number.EPSILON * d * L;
  let fInf = -Infinity;
  let fInfExact = false;
  let mu: number | undefined;
  if (values[0] > tiny) {
    // x* = Σ_k (v_kᵀb̄/λ_k) v_k, f(x*) = −½ b̄ᵀx* = −½ Σ_k (v_kᵀb̄)²/λ_k.
    fInf = 0;
    for (let k = 0; k < d; k++) {
      let proj = 0;
      for (let j = 0; j < d; j++) proj += vectors[k][j] * bBar[j];
      fInf -= (0.5 * proj * proj) / values[k];
    }
    fInfExact = true;
    mu = values[0];
  } else if (values[0] < -tiny) {
    fInfExact = true; // a direction of negative curvature: f is unbounded below.
  }

  const check = (i: number, x: ReadonlyVector): void => {
    if (!(Number.isInteger(i) && i >= 0 && i < n))
      throw new RangeError(`dense-quadratic: need 0 ≤ i < n=${n}, got i=${i}`);
    if (x.length !== d) throw new RangeError(`dense-quadratic: x has length ${x.length}, expected d=${d}`);
  };
  const fI = (i: number, x: ReadonlyVector): number => {
    check(i, x);
    const a = A[i];
    const b = B[i];
    let s = 0;
    for (let r = 0; r < d; r++) {
      let ax = 0;
      for (let c = 0; c < d; c++) ax += a[r * d + c] * x[c];
      s += x[r] * (0.5 * ax - b[r]);
    }
    return s;
  };
  const gradI = (i: number, x: ReadonlyVector): Vector => {
    check(i, x);
    const a = A[i];
    const b = B[i];
    const out = new Float64Array(d);
    for (let r = 0; r < d; r++) {
      let ax = 0;
      for (let c = 0; c < d; c++) ax += a[r * d + c] * x[c];
      out[r] = ax - b[r];
    }
    return out;
  };
  return {
    name: `dense-quadratic(n=${n},d=${d})`,
    dim: d,
    n,
    fI,
    gradI,
    L,
    Li,
    fInf,
    fInfExact,
    ...(mu !== undefined ? { mu } : {}),
  };
}

/**
 * The CLI's `--problem quadratic --data problem.json`: `{"nodes":[{"A":[[…]],"b":[…]}, …]}`. Every error is one
 * line naming the node (and row) at fault.
 */
export function parseQuadraticJson(text: string): Problem {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new RangeError(`quadratic json: not valid JSON (${(e as Error).message})`);
  }
  const isNumberArray = (v: unknown): v is number[] => Array.isArray(v) && v.every((u) => typeof u === 'number');
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { nodes?: unknown }).nodes)) {
    throw new RangeError('quadratic json: expected an object {"nodes": [{"A": [[…]], "b": […]}, …]}');
  }
  const raw = (doc as { nodes: unknown[] }).nodes;
  if (raw.length === 0) throw new RangeError('quadratic json: "nodes" is empty');
  const nodes: QuadraticNode[] = raw.map((node, i) => {
    if (typeof node !== 'object' || node === null) throw new RangeError(`quadratic json: node ${i} is not an object`);
    const { A, b } = node as { A?: unknown; b?: unknown };
    if (!isNumberArray(b)) throw new RangeError(`quadratic json: node ${i}: "b" must be an array of numbers`);
    if (!Array.isArray(A)) throw new RangeError(`quadratic json: node ${i}: "A" must be an array of rows`);
    A.forEach((row, r) => {
      if (!isNumberArray(row))
        throw new RangeError(`quadratic json: node ${i}: A row ${r} must be an array of numbers`);
    });
    return { A: A as number[][], b };
  });
  const d = nodes[0].b.length;
  nodes.forEach((node, i) => {
    if (node.b.length !== d)
      throw new RangeError(`quadratic json: node ${i}: b has length ${node.b.length}, but node 0 has d=${d}`);
  });
  try {
    return denseQuadratic(nodes);
  } catch (e) {
    throw new RangeError(`quadratic json: ${(e as Error).message.replace(/^dense-quadratic: /, '')}`);
  }
}
