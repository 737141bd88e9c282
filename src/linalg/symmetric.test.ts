import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { symmetricFromUpper, upperLength } from './symmetric.ts';

describe('symmetric matrices from their upper triangle', () => {
  test.prop([
    fc.integer({ min: 1, max: 5 }).chain((d) =>
      fc.tuple(
        fc.constant(d),
        fc.array(fc.double({ noNaN: true, min: -10, max: 10 }), {
          minLength: upperLength(d),
          maxLength: upperLength(d),
        }),
        fc.double({ noNaN: true, min: -1, max: 1 }),
      ),
    ),
  ])('is symmetric, holds every upper entry once, and adds the shift to the diagonal only', ([d, u, shift]) => {
    const A = symmetricFromUpper(Float64Array.from(u), d, shift);
    let o = 0;
    for (let r = 0; r < d; r++) {
      for (let c = r; c < d; c++) {
        expect(A[r * d + c]).toBe(A[c * d + r]);
        expect(A[r * d + c]).toBe(r === c ? u[o] + shift : u[o]);
        o++;
      }
    }
  });
});
