/**
 * The known worst cases of the catalogue (docs/theory.md §1.1, column "attained at"), as unit-scale inputs at one
 * dimension. They are cheap and deterministic, so the checker tries them first: most under-declared contracts
 * fail on one of these before fast-check draws anything.
 */

export interface NamedInput {
  readonly label: string;
  readonly x: Float64Array;
}

const fill = (d: number, f: (j: number) => number): Float64Array => {
  const x = new Float64Array(d);
  for (let j = 0; j < d; j++) x[j] = f(j);
  return x;
};

/**
 * @example
 * worstCaseInputs(4).map((i) => i.label).includes('all-equal 4/3');
 * // returns true
 */
export function worstCaseInputs(d: number): NamedInput[] {
  const t = 1 / (Math.sqrt(d) + 1);
  const inputs: NamedInput[] = [
    // top-k α = k/d, QSGD s = 1 attains √d − 1 [docs/theory.md §1.1 rows 1, 9]
    { label: 'all-equal 1', x: fill(d, () => 1) },
    // natural compression ω = 1/8 at |t| = (4/3)·2^a [docs/theory.md §1.1 row 6]
    { label: 'all-equal 4/3', x: fill(d, () => 4 / 3) },
    { label: 'alternating ±4/3', x: fill(d, (j) => (j % 2 === 0 ? 4 / 3 : -4 / 3)) },
    // TernGrad ω = (√d − 1)/2 at (1, t, …, t), t = 1/(√d + 1) [docs/theory.md §1.1 row 11]
    { label: '(1, t, …, t), t = 1/(√d+1)', x: fill(d, (j) => (j === 0 ? 1 : t)) },
    // scaled sign α → 1/d at (1, ε, …, ε) [docs/theory.md §1.1 row 12]
    { label: '(1, ε, …, ε), ε = 2^-30', x: fill(d, (j) => (j === 0 ? 1 : 2 ** -30)) },
    // one dominant entry at either end, the rest exactly zero (sparse; index-range bugs)
    { label: 'e_1', x: fill(d, (j) => (j === 0 ? 1 : 0)) },
    { label: 'e_d', x: fill(d, (j) => (j === d - 1 ? 1 : 0)) },
    // ties with zeros in between, and signed zeros
    { label: '(1, 0, 1, 0, …)', x: fill(d, (j) => (j % 2 === 0 ? 1 : 0)) },
    { label: '(1, −0, −1, −0, …)', x: fill(d, (j) => (j % 2 === 0 ? (j % 4 === 0 ? 1 : -1) : -0)) },
    // mass in the second half only (buffers sized for the first half)
    { label: 'second half 1', x: fill(d, (j) => (2 * j >= d ? 1 : 0)) },
    // geometric decay: distinct magnitudes spanning many binades
    { label: '2^-j', x: fill(d, (j) => 2 ** -(j % 1000)) },
  ];
  return inputs;
}

/** Inputs for an absolute contract ‖C(x) − x‖² ≤ deltaSq: all coordinates just below and at λ = sqrt(deltaSq/d). */
export function absoluteWorstCaseInputs(d: number, deltaSq: number): NamedInput[] {
  const lambda = deltaSq > 0 ? Math.sqrt(deltaSq / d) : 1;
  const below = lambda * (1 - 2 ** -30);
  return [
    // the hard threshold's supremum dλ² is approached by every coordinate → λ⁻ [docs/theory.md §1.1 row 14]
    { label: 'all-equal λ(1 − 2^-30)', x: fill(d, () => below) },
    { label: 'all-equal λ', x: fill(d, () => lambda) },
    { label: 'all-equal 2λ', x: fill(d, () => 2 * lambda) },
    { label: 'all-equal 1.5λ (catches a Δ² understated ≥ 2.25×)', x: fill(d, () => 1.5 * lambda) },
    { label: 'e_1·λ⁻', x: fill(d, (j) => (j === 0 ? below : 0)) },
    { label: 'alternating ±λ⁻', x: fill(d, (j) => (j % 2 === 0 ? below : -below)) },
  ];
}
