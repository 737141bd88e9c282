/**
 * Two runs' iterates compared coordinate by coordinate: x^t_j of one against x^t_j of the other. Rounding made at
 * round s persists, so the scale of round t is the running sum Σ_{s≤t}(|a_s| + |b_s|) (docs/design.md §3).
 */
import type { MethodState } from '../../../src/algorithms/types.ts';
import type { Trial } from '../../types.ts';

export function sameIterates(
  a: { readonly states?: readonly MethodState[] },
  b: { readonly states?: readonly MethodState[] },
  d: number,
): Trial[] {
  const out: Trial[] = [];
  const sa = a.states ?? [];
  const sb = b.states ?? [];
  const running = new Float64Array(d);
  for (let t = 0; t < Math.min(sa.length, sb.length); t++) {
    for (let j = 0; j < d; j++) {
      running[j] += Math.abs(sa[t].x[j]) + Math.abs(sb[t].x[j]);
      out.push({ lhs: sa[t].x[j], rhs: sb[t].x[j], scale: running[j], instance: { t, j } });
    }
  }
  return out;
}
