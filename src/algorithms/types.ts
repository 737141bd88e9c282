/**
 * A method is a factory over its hyperparameters returning a pair of pure functions (cf. optax's
 * GradientTransformation): init builds the state at round 0, step maps the state at round t to round t + 1.
 */
import type { Vector } from '../linalg/vector.ts';
import type { Key } from '../rng/key.ts';
import type { Oracle } from '../oracles/types.ts';

/** Fields every method's state has; methods add their own (g, g_i, v_i, u_i, e_i, …). */
export interface MethodState {
  /** Round number t. */
  readonly t: number;
  /** The master's iterate x^t. */
  readonly x: Vector;
  /** Bits each node has sent to the master in compressed rounds so far (mean over nodes; uplink). */
  readonly bitsPerNode: number;
  /** Bits of the initial uncompressed message per node, billed separately from the compressed rounds. */
  readonly initBitsPerNode: number;
}

export interface Algorithm<Params, State extends MethodState> {
  /** Parameterised, used verbatim in reports: 'ef21(γ=0.01,top-k(k=2,d=10))'. */
  readonly name: string;
  readonly params: Params;
  /** Round-0 state; `key` feeds stochastic initialisation (e.g. the B_init minibatch of EF21-SGDM). */
  init(oracle: Oracle, key: Key): State;
  /** Never mutates `state`; consumes `key` once. */
  step(state: State, oracle: Oracle, key: Key): State;
}
