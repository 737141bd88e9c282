/**
 * A user-written compressor, exactly as someone who has never read efcheck's code would write it: no imports,
 * a default export with a name, a declared contract and a compress function. Check it with
 *
 *   npm run efcheck -- compressor examples/my-top-k.ts
 *
 * Top-k keeps the k = max(1, ⌊d/4⌋) entries of largest magnitude (ties: lower index) and is contractive with
 * α = k/d: ‖C(x) − x‖² ≤ (1 − k/d)‖x‖², with equality when all |x_j| are equal [Stich et al. 2018, Lemma A.1].
 */
const keep = (d: number): number => Math.max(1, Math.floor(d / 4));

export default {
  name: 'my-top-k',
  contract: { kind: 'contractive', alpha: (d: number) => keep(d) / d },
  compress(x: Float64Array): Float64Array {
    const d = x.length;
    const k = keep(d);
    // Indices by decreasing magnitude; the stable sort keeps the lower index first among ties.
    const order = Array.from({ length: d }, (_, j) => j).sort((a, b) => Math.abs(x[b]) - Math.abs(x[a]));
    const out = new Float64Array(d);
    for (let i = 0; i < k; i++) out[order[i]] = x[order[i]];
    return out;
  },
};
