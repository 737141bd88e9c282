/**
 * NaN outputs: scaled sign (‖x‖₁/d)·sign(x) with the sign computed as x_j/|x_j|, which is 0/0 = NaN at every
 * exact zero entry. Declared contractive with α = 1/d [Karimireddy et al. 2019; docs/theory.md §1.1 row 12].
 */
export default {
  name: 'broken: scaled sign via x/|x|',
  contract: { kind: 'contractive', alpha: (d: number) => 1 / d },
  compress(x: Float64Array): Float64Array {
    let l1 = 0;
    for (const t of x) l1 += Math.abs(t);
    return Float64Array.from(x, (t) => (l1 / x.length) * (t / Math.abs(t)));
  },
};
