/**
 * beer: BEER [Zhao, Li, Li, Richtárik, Chi 2022] (src/algorithms/beer.ts, docs/theory.md §A3.2), decentralised: n
 * agents on a graph, each keeping x_i, compressed copies h_i and g_i, a gradient tracker v_i and its last draw, and
 * sending C(x_i⁺ − h_i) and C(v_i⁺ − g_i) to its neighbours every round. There is no master: the run's x is the
 * agents' average x̄, where ∇f is evaluated.
 *
 * How BEER's two step sizes map onto the registry. BEER has a learning rate η and a consensus step γ (the paper's
 * names). The registry's γ — `--gamma`, what `theory*k` would scale and what the batteries draw as a fraction of
 * 1/L_max — is the step size every other method takes along its gradient estimate, and in BEER that is η: the
 * average moves exactly by x̄⁺ = x̄ − η v̄ (docs/theory.md §A3.2 [D]). So the registry's γ is BEER's η, and BEER's own
 * γ is the hyperparameter `consensusStep` (--consensus-step, symbol γ_c), in (0, 1], default 0.1. Why 0.1: the
 * compressed gossip's stability shrinks with α. In trial runs for this choice (rings of 4–16 agents, top-k, exact
 * gradients, η = 1/(2L); not a test) γ_c = 0.1 was stable down to α = 0.01 (top-1 of d = 100), where 0.2 diverged,
 * and α = 1/400 needed 0.05; docs/momentum-table.md found 0.1 stable and 0.5 unstable on the complete graph at
 * α = 1/10. The authors' runs use γ from 0.01 to 0.8 (§A3.2 table). Lower it for harsher compression.
 *
 * The graph: a ring with Metropolis weights (src/algorithms/mixing.ts ringMixing, W = (I + P + Pᵀ)/3 for n ≥ 3),
 * built for the problem's n. Why: BEER is a method for sparse graphs, and the authors' a9a experiment runs a cycle of
 * 10 agents (§A3.2 table), for which their code's W = (A + I)/(deg + 1) is this W; the ring is the sparsest connected
 * regular graph, so the consensus error that distinguishes BEER from a centralised method is visible (on the complete
 * graph, beer.ts's library default, one gossip step with γ = 1 averages exactly). For n ≤ 3 the ring is the complete
 * graph. Other graphs are a library call away: beer({ …, mixing: W }).
 *
 * Relabelling: the agents are tied to their ring neighbours by index, so relabelling the agents' data changes the run
 * unless the permutation is a symmetry of the ring (the facts say so: topology 'graph'; beer.test.ts checks that
 * permuting W with the data restores it).
 * No theory step: docs/theory.md §A3.2 did not recover BEER's step-size theorem; `--gamma theory` says so.
 */
import type { Compressor } from '../../compressors/types.ts';
import { norm2sq } from '../../linalg/vector.ts';
import { beer, type BeerState } from '../beer.ts';
import { RANDOMNESS, UPLINK_COMPRESSOR } from '../common-hyperparameters.ts';
import { defineMethod } from '../method-definition.ts';
import { nodeVectors } from '../method-facts.ts';
import { ringMixing } from '../mixing.ts';
import { noTheoryStep } from '../theory-step.ts';
import { requireStepSize, type Randomness } from '../validate.ts';

export interface BeerHyperparameters {
  readonly compressor: Compressor;
  readonly randomness?: Randomness;
  /** BEER's consensus step γ ∈ (0, 1] (the paper's γ); when absent, 0.1. */
  readonly consensusStep?: number;
}

/** The graph the registry's BEER runs on, for the problem's n. */
export const BEER_GRAPH = ringMixing;

/** γ_c when none is given (header). */
const DEFAULT_CONSENSUS_STEP = 0.1;

/** (1/n) Σ_i ‖x_i − x̄‖², the agents' disagreement. */
function consensusError(state: BeerState): number {
  let s = 0;
  for (const xi of state.xi) s += norm2sq(xi.map((v, j) => v - state.x[j]));
  return s / state.xi.length;
}

export const beerMethod = defineMethod<BeerHyperparameters, BeerState>({
  id: 'beer',
  summary:
    'BEER: decentralised, compressed gossip of x_i and gradient trackers v_i on a ring; the registry’s γ is its η',
  hyperparameters: {
    compressor: UPLINK_COMPRESSOR,
    randomness: RANDOMNESS,
    consensusStep: {
      kind: 'number',
      required: false,
      default: DEFAULT_CONSENSUS_STEP,
      symbol: 'γ_c',
      doc: "BEER's consensus step (the paper's γ; --gamma is its learning rate η)",
      range: { min: 0, max: 1, minOpen: true },
    },
  },
  build: (params) => {
    const { gamma: eta, consensusStep, ...rest } = params;
    // The registry's γ is BEER's η: refused in the registry's words, as every method refuses its γ.
    requireStepSize('beer', eta);
    return { ...beer({ ...rest, eta, gamma: consensusStep ?? DEFAULT_CONSENSUS_STEP, mixing: BEER_GRAPH }), params };
  },
  theoryStep: () =>
    noTheoryStep(
      'no theory step in docs/theory.md §A3.2, which did not recover BEER’s step-size theorem (the authors’ runs tune η, with consensus steps from 0.01 to 0.8)',
    ),
  facts: {
    nodeVectors: [
      nodeVectors('x_i', 'xi'),
      nodeVectors('h_i', 'hi'),
      nodeVectors('v_i', 'vi'),
      nodeVectors('g_i', 'gi'),
      nodeVectors('ĝ_i(x_i)', 'gradPrev'),
    ],
    // No master: x = x̄ is computed from the x_i each round, not kept from messages.
    aggregate: null,
    // H⁰ = G⁰ = 0 are known to all: nothing is sent at round 0; then two compressed messages per agent and round.
    initMessage: 'none',
    roundMessage: 'compressed',
    messagesPerRound: 2,
    participation: { kind: 'all' },
    downlink: { kind: 'unbilled' },
    topology: { kind: 'graph', mixing: BEER_GRAPH.matrix },
    describeState: (state) => ({ graph: BEER_GRAPH.name, consensusError: consensusError(state) }),
  },
});
