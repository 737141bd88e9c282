/**
 * neolithic: NEOLITHIC [Huang, Chen, Yin, Yuan 2022] as Tyurin's implementation runs it (src/algorithms/neolithic.ts,
 * docs/theory.md §A3.1): each node sends C_R(e_i + ĝ_i), R = ⌈1/α⌉ rounds of its compressor on the residual, and keeps
 * what was not delivered in e_i; the server does the same with its own compressor and memory e before the step
 * x⁺ = x − γm. The registry's γ is that step.
 *
 * Hyperparameters: the nodes' compressor, which must be contractive (R is read off its α), its randomness across
 * nodes, and the server's inner compressor (--master-compressor; default none, the identity, as in the EF21-SGDM
 * experiments' configuration: then e stays 0). The round count R is not a hyperparameter: other values are
 * ablations (neolithic.ts `rounds`), not the method. Bills: nothing at round 0 (e_i⁰ = e⁰ = 0); every round each
 * node bills all R pieces of its message, R·K entries with top-k (≥ d: lossless, docs/theory.md §A3.1 [D]); the
 * server's broadcast is downlink and is not billed.
 * Theory step, a convention and no guarantee: docs/theory.md §A3.1 did not recover the paper's step sizes (the
 * experiments tune γ over powers of two). With the server's identity, NEOLITHIC is EF14 whose compressor is C_R, and
 * C_R contracts by α_R = 1 − (1 − α)^R (docs/theory.md §A3.1, D); so `--gamma theory` takes EF14's convention, EF21's
 * γ = 1/(L + L̃ξ(α_R)) (docs/theory.md §3.9). With a lossy server compressor there is no such reduction and it asks for γ.
 */
import type { Compressor } from '../../compressors/types.ts';
import { RANDOMNESS } from '../common-hyperparameters.ts';
import { defineMethod } from '../method-definition.ts';
import { nodeVectors } from '../method-facts.ts';
import { neolithic, type NeolithicState } from '../neolithic.ts';
import { neolithicRounds } from '../multi-round-compress.ts';
import { ef21StepSize, xi } from '../step-sizes.ts';
import { contractiveAlpha, noTheoryStep, theoryRule } from '../theory-step.ts';
import type { Randomness } from '../validate.ts';

export interface NeolithicHyperparameters {
  readonly compressor: Compressor;
  readonly randomness?: Randomness;
  /** The server's inner compressor of C_R^server; when absent, the identity (no server memory). */
  readonly masterCompressor?: Compressor;
}

export const neolithicMethod = defineMethod<NeolithicHyperparameters, NeolithicState>({
  id: 'neolithic',
  summary: 'NEOLITHIC (Tyurin’s code): R = ⌈1/α⌉ rounds of C on the residual per message, error memories e_i and e',
  hyperparameters: {
    compressor: {
      kind: 'compressor',
      link: 'uplink',
      required: true,
      contract: 'contractive',
      symbol: 'C',
      doc: "the nodes' compressor, contractive (R = ⌈1/α⌉ rounds of it per message)",
    },
    randomness: RANDOMNESS,
    masterCompressor: {
      kind: 'compressor',
      link: 'downlink',
      required: false,
      default: 'none',
      contract: 'contractive',
      symbol: 'C_server',
      doc: "the server's inner compressor, contractive, not billed (default none: the identity)",
    },
  },
  build: (params) => {
    const { masterCompressor, ...rest } = params;
    return {
      ...neolithic({ ...rest, ...(masterCompressor !== undefined ? { serverCompressor: masterCompressor } : {}) }),
      params,
    };
  },
  theoryStep: (problem, h) => {
    const alpha = contractiveAlpha(h.compressor, 'docs/theory.md §A3.1');
    if (typeof alpha !== 'number') return alpha;
    const server = h.masterCompressor?.contract;
    if (server !== undefined && !(server.kind === 'contractive' && server.alpha === 1))
      return noTheoryStep(
        'no theory step in docs/theory.md §A3.1 with a server compressor: NEOLITHIC’s step sizes were not recovered, and only with a lossless server compressor (α = 1) is it EF14 with C_R',
      );
    const rounds = neolithicRounds(alpha);
    const alphaR = 1 - (1 - alpha) ** rounds;
    return theoryRule(
      ef21StepSize(problem, alphaR),
      "EF14's convention (§3.9), EF21's γ = 1/(L + L̃ξ(α_R)) with α_R = 1 − (1 − α)^R, the contraction of C_R (docs/theory.md §A3.1, D); no NEOLITHIC guarantee",
      { alphaR, rounds, xi: xi(alphaR) },
    );
  },
  facts: {
    nodeVectors: [nodeVectors('e_i', 'ei')],
    // The server keeps its memory e, not an aggregate of the nodes' vectors: m = C_R(e + mean_i m_i).
    aggregate: null,
    initMessage: 'none',
    roundMessage: 'compressed',
    // All R = ⌈1/α⌉ compressed pieces of C_R(u_i), every round.
    messagesPerRound: (state) => state.rounds,
    participation: { kind: 'all' },
    downlink: { kind: 'unbilled' },
    describeState: (state) => ({ rounds: state.rounds }),
  },
});
