import type { ScaleFree } from './scale-free.ts';

/**
 * Per-coordinate Welford accumulators for e_j = C(x)_j/s − u_j, the projection ⟨e, u⟩ and the ratio R, and the
 * largest R with the sample it came from (absolute contracts bound every sample). Plain arrays of length d: no
 * allocation per sample.
 */
export class Moments {
  n = 0;
  readonly meanE: Float64Array;
  readonly m2E: Float64Array;
  meanP = 0;
  m2P = 0;
  meanR = 0;
  m2R = 0;
  maxR = 0;
  maxRAt = -1;
  constructor(d: number) {
    this.meanE = new Float64Array(d);
    this.m2E = new Float64Array(d);
  }

  /** Adds out = C(x) at sample index (-1: the call at foldIn(key, 0) that the determinism check made). */
  add(f: ScaleFree, out: Float64Array, index: number): void {
    const n = ++this.n;
    let e2 = 0;
    let p = 0;
    for (let j = 0; j < f.d; j++) {
      const ej = out[j] / f.s - f.u[j];
      e2 += ej * ej;
      p += ej * f.u[j];
      const delta = ej - this.meanE[j];
      this.meanE[j] += delta / n;
      this.m2E[j] += delta * (ej - this.meanE[j]);
    }
    const r = e2 / f.norm;
    const dr = r - this.meanR;
    this.meanR += dr / n;
    this.m2R += dr * (r - this.meanR);
    const dp = p - this.meanP;
    this.meanP += dp / n;
    this.m2P += dp * (p - this.meanP);
    if (r > this.maxR) {
      this.maxR = r;
      this.maxRAt = index;
    }
  }
}
