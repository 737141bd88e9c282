/**
 * Maximises a function of a real vector by a (1+1) evolution strategy with the one-fifth success rule [Rechenberg
 * 1973; Auger & Hansen 2011, "Theory of evolution strategies"], alternating isotropic and single-coordinate moves:
 * isotropic moves find the basin, coordinate moves settle boundary maxima (a curvature pinned at μ or L) that an
 * isotropic step keeps overshooting. Step sizes are relative to the vector's RMS size, so the search is scale-free.
 *
 * NaN values count as −∞: a candidate the inequality cannot be evaluated at (V = 0, say) is never climbed into.
 */
import { generator, type Key } from '../rng/key.ts';

export interface ClimbResult {
  readonly z: Float64Array;
  readonly value: number;
  readonly evaluations: number;
}

const value = (f: (z: Float64Array) => number, z: Float64Array): number => {
  const v = f(z);
  return Number.isNaN(v) ? -Infinity : v;
};

/**
 * Climbs from `start` for `evaluations` calls of f. Pure: the start is not modified, randomness comes from `k`.
 * @example
 * climb((z) => -((z[0] - 3) ** 2), Float64Array.of(0), key(1), 400).z[0];
 * // returns ≈ 3 (to ~1e-6)
 */
export function climb(f: (z: Float64Array) => number, start: Float64Array, k: Key, evaluations: number): ClimbResult {
  const explored = explore(f, start, k, Math.ceil(0.6 * evaluations));
  return polish(f, explored, evaluations);
}

/** The (1+1)-ES phase: finds the basin. */
function explore(f: (z: Float64Array) => number, start: Float64Array, k: Key, evaluations: number): ClimbResult {
  const g = generator(k);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - g.double())) * Math.cos(2 * Math.PI * g.double());
  const dim = start.length;
  let z = Float64Array.from(start);
  let best = value(f, z);
  let spent = 1;
  const rms = rmsOf(z);
  // One step size per move kind; each adapts by the one-fifth rule (×2 on success, ×2^(−1/4) on failure).
  let sigmaIso = 0.3;
  const sigmaCoord = new Float64Array(dim).fill(0.3);
  const trial = new Float64Array(dim);
  while (spent < evaluations && dim > 0) {
    const coordinate = spent % 2 === 0;
    const j = coordinate ? Math.floor(g.double() * dim) : -1;
    trial.set(z);
    if (coordinate) trial[j] += sigmaCoord[j] * rms * normal();
    else for (let q = 0; q < dim; q++) trial[q] += (sigmaIso * rms * normal()) / Math.sqrt(dim);
    const v = value(f, trial);
    spent++;
    const success = v > best;
    if (success) {
      best = v;
      z = Float64Array.from(trial);
    }
    const factor = success ? 2 : 2 ** -0.25;
    if (coordinate) sigmaCoord[j] = Math.min(1, Math.max(1e-15, sigmaCoord[j] * factor));
    else sigmaIso = Math.min(1, Math.max(1e-15, sigmaIso * factor));
  }
  return { z, value: best, evaluations: spent };
}

function rmsOf(z: Float64Array): number {
  let s = 0;
  for (let j = 0; j < z.length; j++) s += z[j] * z[j];
  return Math.sqrt(s / Math.max(1, z.length)) || 1;
}

/** Forward-difference gradient of f at z (f(z) = fz); non-finite probes count as a zero slope. */
function gradientAt(f: (z: Float64Array) => number, z: Float64Array, fz: number, out: Float64Array): void {
  const scale = 1e-3 * rmsOf(z);
  const probe = Float64Array.from(z);
  for (let j = 0; j < z.length; j++) {
    const h = 1e-7 * Math.max(Math.abs(z[j]), scale);
    probe[j] = z[j] + h;
    const v = value(f, probe);
    out[j] = Number.isFinite(v) ? (v - fz) / h : 0;
    probe[j] = z[j];
  }
}

/**
 * The polishing phase: BFGS ascent [Nocedal & Wright 2006, Alg. 6.1] on forward-difference gradients with a
 * backtracking line search, until the budget is spent or no step improves. The ES phase finds the basin; this
 * takes a smooth maximum to rounding even where the landscape is ill-conditioned (κ = 100 makes it so), which a
 * tight claim's lower side needs.
 */
function polish(f: (z: Float64Array) => number, from: ClimbResult, evaluations: number): ClimbResult {
  const dim = from.z.length;
  let z = Float64Array.from(from.z);
  let best = from.value;
  let spent = from.evaluations;
  if (!Number.isFinite(best) || dim === 0) return { z, value: best, evaluations: spent };
  // H approximates the inverse of the negated Hessian; start from the identity scaled to the vector's size.
  const H = new Float64Array(dim * dim);
  const resetH = (): void => {
    H.fill(0);
    for (let j = 0; j < dim; j++) H[j * dim + j] = 1;
  };
  resetH();
  const g = new Float64Array(dim);
  const gNext = new Float64Array(dim);
  const dir = new Float64Array(dim);
  const trial = new Float64Array(dim);
  if (spent + dim > evaluations) return { z, value: best, evaluations: spent };
  gradientAt(f, z, best, g);
  spent += dim;
  let first = true;
  while (spent + dim + 1 <= evaluations) {
    let slope = 0;
    for (let r = 0; r < dim; r++) {
      let t = 0;
      for (let c = 0; c < dim; c++) t += H[r * dim + c] * g[c];
      dir[r] = t;
      slope += t * g[r];
    }
    if (!(slope > 0)) {
      if (first) break;
      resetH();
      first = true;
      continue;
    }
    // The first step is capped at 1e-3 of the vector's size; later ones start at the quasi-Newton step.
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += dir[j] * dir[j];
    let step = first ? Math.min(1, (1e-3 * rmsOf(z) * Math.sqrt(dim)) / Math.sqrt(norm)) : 1;
    let accepted = false;
    while (spent < evaluations && step > 1e-20) {
      for (let j = 0; j < dim; j++) trial[j] = z[j] + step * dir[j];
      const v = value(f, trial);
      spent++;
      if (v > best) {
        accepted = true;
        best = v;
        break;
      }
      step /= 4;
    }
    if (!accepted) {
      if (first) break;
      resetH();
      first = true;
      continue;
    }
    const next = Float64Array.from(trial);
    if (spent + dim > evaluations) {
      z = next;
      break;
    }
    gradientAt(f, next, best, gNext);
    spent += dim;
    // BFGS update with s = Δz, y = −Δg (ascent on f is descent on −f).
    const sv = new Float64Array(dim);
    const yv = new Float64Array(dim);
    let sy = 0;
    for (let j = 0; j < dim; j++) {
      sv[j] = next[j] - z[j];
      yv[j] = g[j] - gNext[j];
      sy += sv[j] * yv[j];
    }
    z = next;
    g.set(gNext);
    first = false;
    if (!(sy > 1e-300)) {
      resetH();
      first = true;
      continue;
    }
    const Hy = new Float64Array(dim);
    let yHy = 0;
    for (let r = 0; r < dim; r++) {
      let t = 0;
      for (let c = 0; c < dim; c++) t += H[r * dim + c] * yv[c];
      Hy[r] = t;
      yHy += yv[r] * t;
    }
    const rho = 1 / sy;
    for (let r = 0; r < dim; r++) {
      for (let c = 0; c < dim; c++) {
        H[r * dim + c] += -rho * (Hy[r] * sv[c] + sv[r] * Hy[c]) + (rho * rho * yHy + rho) * sv[r] * sv[c];
      }
    }
  }
  return { z, value: best, evaluations: spent };
}
