/**
 * What a method declares about its state and its messages, so that the CLI and the property batteries read facts
 * instead of testing method ids: which state fields hold the per-node vectors (g_i, h_i, v_i, u_i, e_i), how the
 * master aggregates the estimators, how the round-0 and later messages are billed (and how many per round), who
 * sends, whether the downlink is billed, whom the nodes talk to, and which fields `efcheck run` prints. Accessors are
 * functions of the method's own state type, so a consumer holding a state of that method reads them without casts.
 */
import type { ReadonlyVector } from '../linalg/vector.ts';
import type { MixingMatrix } from './mixing.ts';
import type { MethodState } from './types.ts';

/** A per-node vector field of the state: one vector per node. */
export interface NodeVectors<S> {
  /** The paper's symbol: 'g_i', 'v_i', 'u_i', 'e_i'. */
  readonly symbol: string;
  /** The state field that holds it. */
  readonly field: string;
  readonly read: (state: S) => readonly ReadonlyVector[];
}

/** A vector field of the state held by the master. */
export interface MasterVector<S> {
  readonly symbol: string;
  readonly field: string;
  readonly read: (state: S) => ReadonlyVector;
}

/** Node weights w_i held in the state (EF21-W). */
export interface NodeWeights<S> {
  readonly symbol: string;
  readonly field: string;
  readonly read: (state: S) => readonly number[];
}

/** The master keeps Σ_i w_i g_i of the nodes' estimators g_i (up to the rounding of a running sum of messages). */
export interface Aggregate<S> {
  readonly estimators: NodeVectors<S>;
  readonly master: MasterVector<S>;
  /** w_i = 1/n ('mean') or weights held in the state. */
  readonly weights: 'mean' | NodeWeights<S>;
}

/** Who sends in a round: every node, or a sample (then relabelling the nodes changes who joins, and the run). */
export type Participation<S> =
  | { readonly kind: 'all' }
  | { readonly kind: 'sampled'; readonly senders: (state: S) => readonly boolean[] };

/** Whether the master's broadcast is billed; when it is, the state's running totals. */
export type Downlink<S> =
  | { readonly kind: 'unbilled' }
  | { readonly kind: 'compressed'; readonly bits: (state: S) => number; readonly initBits: (state: S) => number };

/**
 * Whom a node's messages reach. 'star': the master (every method but BEER), so the nodes are exchangeable and
 * relabelling them relabels the run. 'graph': its neighbours in a graph fixed by node index, with the mixing matrix
 * W for n nodes (BEER): relabelling the nodes' data by π relabels the run only together with W (W'_{ij} =
 * W_{π(i)π(j)}), so with W as it is only for a π with W_{π(i)π(j)} = W_{ij} (an automorphism of the graph).
 */
export type Topology =
  | { readonly kind: 'star' }
  | { readonly kind: 'graph'; readonly mixing: (n: number) => MixingMatrix };

/** A value `efcheck run` can print as JSON. */
export type StateValue = number | string | boolean | readonly number[] | readonly boolean[];

export interface MethodFacts<S extends MethodState> {
  /** Every per-node vector field of the state, in the paper's symbols. */
  readonly nodeVectors: readonly NodeVectors<S>[];
  /** The master's aggregate of node estimators, or null when it keeps none (GD, DCGD, EF14: g is a mean of messages). */
  readonly aggregate: Aggregate<S> | null;
  /**
   * The round-0 uplink message: ∇f_i(x⁰) sent dense (d·64 bits), one compressed message, or nothing (DIANA and
   * ADIANA with h_i⁰ = 0, AGD: the first gradient is sent, and billed, in round 1).
   */
  readonly initMessage: 'dense' | 'compressed' | 'none';
  /** Every later round's uplink message. */
  readonly roundMessage: 'dense' | 'compressed';
  /**
   * How many such messages each sending node bills per round: 1 unless declared (ADIANA sends two compressed
   * vectors, C_i(∇f_i(x^k) − h_i) and C_i'(∇f_i(w^k) − h_i), and bills both; BEER two, C(x_i⁺ − h_i) and
   * C(v_i⁺ − g_i)); a function of the state when the count is the run's (NEOLITHIC's R = ⌈1/α⌉ pieces).
   */
  readonly messagesPerRound?: number | ((state: S) => number);
  readonly participation: Participation<S>;
  readonly downlink: Downlink<S>;
  /** Whom the nodes' messages reach; 'star' unless declared. */
  readonly topology?: Topology;
  /** The method's own state fields worth printing with a run's final state. */
  readonly describeState: (state: S) => Readonly<Record<string, StateValue>>;
}

/**
 * The accessor of a per-node vector field named `field`.
 * @example
 * nodeVectors('g_i', 'gi').read({ gi: [Float64Array.of(1)] });
 * // returns [Float64Array [1]]
 */
export function nodeVectors<K extends string>(
  symbol: string,
  field: K,
): NodeVectors<{ readonly [k in K]: readonly ReadonlyVector[] }> {
  return { symbol, field, read: (state) => state[field] };
}

/** The accessor of a master vector field named `field`. */
export function masterVector<K extends string>(
  symbol: string,
  field: K,
): MasterVector<{ readonly [k in K]: ReadonlyVector }> {
  return { symbol, field, read: (state) => state[field] };
}

/** The accessor of node weights held in a field named `field`. */
export function nodeWeights<K extends string>(
  symbol: string,
  field: K,
): NodeWeights<{ readonly [k in K]: readonly number[] }> {
  return { symbol, field, read: (state) => state[field] };
}

/** The messages per round a facts record declares for a state of its method (1 unless it says otherwise). */
export function messagesPerRound<S extends MethodState>(
  facts: Pick<MethodFacts<S>, 'messagesPerRound'>,
  state: S,
): number {
  const declared = facts.messagesPerRound ?? 1;
  return typeof declared === 'number' ? declared : declared(state);
}

/** The topology a facts record declares ('star' unless it says otherwise). */
export function topologyOf(facts: Pick<MethodFacts<MethodState>, 'topology'>): Topology {
  return facts.topology ?? { kind: 'star' };
}

/** Nothing method-specific to print. */
export const nothingToDescribe = (): Readonly<Record<string, StateValue>> => ({});

/** A state with EF21's estimators: g_i per node and the master's g. */
type EstimatorState = MethodState & { readonly gi: readonly ReadonlyVector[]; readonly g: ReadonlyVector };

/**
 * The facts most of the EF21 family shares: one estimator g_i per node, the master's g their plain mean, every node
 * in every round on a star, no downlink billed, nothing else to print. Only the round-0 message differs.
 */
export function meanOfEstimatorsFacts<S extends EstimatorState>(initMessage: 'dense' | 'compressed'): MethodFacts<S> {
  return {
    nodeVectors: [nodeVectors('g_i', 'gi')],
    aggregate: { estimators: nodeVectors('g_i', 'gi'), master: masterVector('g', 'g'), weights: 'mean' },
    initMessage,
    roundMessage: 'compressed',
    participation: { kind: 'all' },
    downlink: { kind: 'unbilled' },
    describeState: nothingToDescribe,
  };
}
