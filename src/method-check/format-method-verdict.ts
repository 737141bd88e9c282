/**
 * A MethodVerdict as the lines `efcheck method` prints: the status and the claim, what was searched, the worst case
 * (or the counterexample with both sides and the parameters), m*, and the replay command.
 */
import type { MethodVerdict, MethodWitness } from './method-verdict.ts';

const short = (v: number): string => String(Number(v.toPrecision(10)));

function sidesLine(w: MethodWitness): string {
  const noise = w.noise === 0 ? '' : `, noise = ${short(w.noise)}`;
  return `lhs E Φ(step(state)) = ${short(w.lhs)}, rhs Φ(state) − decrease${noise === '' ? '' : ' + noise'} = ${short(w.rhs)} (Φ = ${short(w.phi)}, decrease = ${short(w.decrease)}${noise}; ${w.outcomes} outcome${w.outcomes === 1 ? '' : 's'} of the step enumerated)`;
}

/**
 * @example
 * formatMethodVerdict(verdict).split('\n')[0];
 * // returns 'PASS my-ef21: no violation found (class contractive, effort default)'
 */
export function formatMethodVerdict(v: MethodVerdict): string {
  const tail = `  seed ${v.seed}, effort ${v.effort}, ${v.evaluations} evaluations, ${v.seconds.toFixed(1)} s · replay: ${v.replay}`;
  if (v.status === 'pass') {
    const w = v.worst;
    const m =
      v.criticalMultiplier === null
        ? `  m*: no violation up to ${v.below}×gamma: the rule is conservative by at least ${v.below}× on the searched class`
        : `  m* ∈ (${(v.below ?? 1).toPrecision(4)}, ${v.criticalMultiplier.toPrecision(4)}]: the smallest step multiplier with a violation${v.atCritical === null ? '' : ` (shrunk to n = ${v.atCritical.n}, d = ${v.atCritical.d})`}`;
    return [
      `PASS ${v.method}: no violation found (class ${v.class}, effort ${v.effort})`,
      `  claim: ${v.claim}`,
      `  searched: ${v.searched}`,
      w === null
        ? '  worst case: none'
        : `  worst ratio 1 + (lhs − rhs)/scale at γ = gamma: ${short(v.worstRatio)} at n = ${w.n}, d = ${w.d}: ${sidesLine(w)}`,
      m,
      tail,
    ].join('\n');
  }
  const f = v.failure;
  if (f === null) return `FAIL ${v.method}\n${tail}`;
  if (f.kind === 'violation' && v.worst !== null) {
    const w = v.worst;
    return [
      `FAIL ${v.method}: ${f.message}`,
      `  claim: ${v.claim}`,
      `  ${sidesLine(w)}`,
      `  parameters: ${JSON.stringify(w.params)}`,
      `  counterexample (shrunk): ${JSON.stringify(w.instance)}`,
      tail,
    ].join('\n');
  }
  return [
    `FAIL ${v.method}: ${f.message}`,
    `  a defect of the module (${f.kind} in ${f.call ?? 'the search'}), found while checking ${v.claim}`,
    `  input: ${f.instance === null ? 'none recorded' : JSON.stringify(f.instance)}`,
    tail,
  ].join('\n');
}
