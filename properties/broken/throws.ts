/** Throwing: a block compressor that only handles d divisible by 4 and throws otherwise. */
export default {
  name: 'broken: block compressor needing d % 4 = 0',
  contract: { kind: 'contractive', alpha: 0.25 },
  compress(x: Float64Array): Float64Array {
    const d = x.length;
    if (d % 4 !== 0) throw new RangeError(`block-4: need d divisible by 4, got d=${d}`);
    const out = new Float64Array(d);
    // keep the largest entry of each block of 4: contractive with α = 1/4
    for (let b = 0; b < d; b += 4) {
      let best = b;
      for (let j = b + 1; j < b + 4; j++) if (Math.abs(x[j]) > Math.abs(x[best])) best = j;
      out[best] = x[best];
    }
    return out;
  },
};
