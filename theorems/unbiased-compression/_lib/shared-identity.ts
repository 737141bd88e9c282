/**
 * Claim (i) of adiana-independent-vs-shared, pathwise: rand-k with one subset for every node is one linear map, so
 * the mean of the nodes' messages is the message of the mean, and ADIANA on n nodes with shared randomness takes the
 * very steps of ADIANA on the one-node problem f = (1/n)Σ f_i — same key, same subsets, same coin (He, Huang, Yuan
 * 2023; docs/theory.md §6.1; docs/unbiased-compression.md). Both runs are src/algorithms/adiana.ts.
 */
import type { AdianaParameters } from '../../../src/algorithms/adiana-parameters.ts';
import { adiana } from '../../../src/algorithms/adiana.ts';
import { trajectory } from '../../../src/algorithms/run.ts';
import { randK } from '../../../src/compressors/rand-k.ts';
import { dist2sq, norm2sq } from '../../../src/linalg/vector.ts';
import { exactOracle } from '../../../src/oracles/exact.ts';
import type { Problem } from '../../../src/problems/types.ts';
import type { Key } from '../../../src/rng/key.ts';
import type { Trial } from '../../types.ts';
import type { ConditionedInstance } from './conditioned-instance.ts';

/**
 * ‖x^t(n nodes, shared) − x^t(one node on f)‖² for t = 0…rounds, against 0 at the scale ‖x^t‖² + ‖x⁰‖² + ‖x*‖².
 * `oneNode` is f = (1/n)Σ f_i of the instance; `k` is rand-k's k.
 */
export function sharedIdentityTrials(
  inst: ConditionedInstance,
  oneNode: Problem,
  params: AdianaParameters,
  k: number,
  rounds: number,
  runKey: Key,
): Trial[] {
  const n = inst.problem.n;
  const C = randK(inst.problem.dim, k, { scaled: true });
  const alg = adiana({ ...params, compressor: C, x0: inst.x0, randomness: 'shared' });
  const many = trajectory(alg, exactOracle(inst.problem), rounds, runKey, { keepStates: true }).states ?? [];
  const one = trajectory(alg, exactOracle(oneNode), rounds, runKey, { keepStates: true }).states ?? [];
  const scale0 = norm2sq(inst.x0) + norm2sq(inst.xStar);
  return Array.from({ length: rounds + 1 }, (_, t) => ({
    lhs: dist2sq(many[t].x, one[t].x),
    rhs: 0,
    scale: norm2sq(one[t].x) + scale0,
    instance: { n, t },
  }));
}
