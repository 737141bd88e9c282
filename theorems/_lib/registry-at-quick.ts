/**
 * The registry-wide spec of every claim's check() (the one place these are asserted; a claim's own spec tests what
 * is specific to it — a transcribed constant, a teeth mutation, a named counterexample):
 * - at the quick budget every judged check behaves as the theory says: the 'holds' checks pass and every teeth
 *   companion finds its violation (no fail, no inconclusive);
 * - a claim that passes states its power (src/report/claim.ts powerStatement: m*, teeth that fire, a Monte Carlo
 *   test that can see a violation the size of its bound, an exponent resolved to better than ±0.5): a pass that
 *   could not have failed is not a pass (docs/adversary.md, "How power is stated");
 * - check() is a function of its seed: the same seed gives the same result bit for bit, and another seed another
 *   result (a check that ignored its seed would draw the same instances forever). Re-running every claim would
 *   double the suite's cost, so each run re-runs DETERMINISM_SAMPLE claims picked by the seed: over CI runs every
 *   claim is drawn (the report's own test re-runs a claim too, and the worker-pool test compares whole reports).
 * theorems/checks-at-quick-{1,2}.spec.ts declare it, each for half of the registry.
 * The seed is the fresh one CI draws (fast-check's, printed by vitest.setup.ts), as in src/report/report.test.ts: each
 * run is a new draw of every check, teeth included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { powerStatement, powerText } from '../../src/report/claim.ts';
import { replayCommand } from '../../src/report/verdict.ts';
import { theorems } from '../index.ts';

const seed = Math.abs(fc.readConfigureGlobal().seed ?? 1) % 1_000_000_000;
const DETERMINISM_SAMPLE = 2;

/** DETERMINISM_SAMPLE registry indices, a function of the seed only. */
function sampledIndices(n: number): Set<number> {
  const picked = new Set<number>();
  let state = seed;
  while (picked.size < Math.min(DETERMINISM_SAMPLE, n)) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    picked.add(state % n);
  }
  return picked;
}
const resampled = sampledIndices(theorems.length);

/**
 * Declares the spec for the claims whose registry index is `part` modulo `parts`: the registry is split over spec
 * files only so that vitest's workers share the cost (one file of every claim was the suite's long pole).
 */
export function describeRegistryAtQuick(part: number, parts: number): void {
  describe(`registered claims ${part + 1} of every ${parts} at the quick budget (seed ${seed})`, () => {
    theorems.forEach((t, index) => {
      if (index % parts !== part) return;
      const rerun = resampled.has(index);
      it(`${t.meta.id}: passes and states its power${rerun ? ', and is deterministic in its seed' : ''}`, async () => {
        const a = await t.check(seed, 'quick');
        const wrong = a.verdicts
          .filter((v) => v.status === 'fail' || v.status === 'inconclusive')
          .map((v) => `${v.check}: ${v.status} (${v.expectation}) — replay: ${v.replay}`);
        expect(wrong, wrong.join('\n')).toEqual([]);
        for (const v of a.verdicts) {
          expect(v.id, v.check).toBe(t.meta.id);
          expect(v.replay, v.check).toBe(replayCommand(t.meta.id, seed, 'quick'));
          if (v.status === 'observed')
            expect(v.observedBecause ?? '', `${v.check}: an observed verdict says what power it lacks`).not.toBe('');
        }
        const judged = a.verdicts.filter((v) => v.status !== 'observed');
        if (judged.length > 0) {
          const power = powerStatement(a);
          expect(power.detects.length, `${t.meta.id} passes but states no power: ${powerText(power)}`).toBeGreaterThan(
            0,
          );
        }
        if (!rerun) return;
        const b = await t.check(seed, 'quick');
        expect(JSON.stringify(b), 'the same seed must give the same result').toBe(JSON.stringify(a));
        const c = await t.check(seed + 1, 'quick');
        expect(JSON.stringify(c), 'another seed must give another result').not.toBe(JSON.stringify(a));
      });
    });
  });
}
