/**
 * A candidate's continuous coordinates as one decision vector, and back: every search space encodes by
 * concatenating its vectors in a fixed order and decodes by reading consecutive slices in the same order.
 */

/**
 * The vectors one after another, as the climber's decision vector.
 * @example
 * concatenate([Float64Array.of(1, 2), Float64Array.of(3)]);
 * // returns Float64Array [1, 2, 3]
 */
export function concatenate(parts: readonly ArrayLike<number>[]): Float64Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Float64Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Reads z in consecutive slices of the given lengths (fresh arrays), in the order `concatenate` wrote them.
 * @example
 * const take = slices(Float64Array.of(1, 2, 3));
 * [take(2), take(1)];
 * // returns [Float64Array [1, 2], Float64Array [3]]
 */
export function slices(z: Float64Array): (length: number) => Float64Array {
  let o = 0;
  return (length: number): Float64Array => {
    const v = z.slice(o, o + length);
    o += length;
    return v;
  };
}
