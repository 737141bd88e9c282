/**
 * adiana: ADIANA [Li, Kovalev, Qian, Richtárik 2020, Alg. 1] (src/algorithms/adiana.ts), accelerated DIANA; each
 * node sends two compressed vectors per round, both billed.
 *
 * How its seven knobs map onto the registry's single γ. ADIANA has α, η, θ1, θ2, β, γ and p, tied together by the
 * published rule (FedNL-Public, docs/theory.md §A1.3; adiana-parameters.ts) and by joint constraints
 * (θ1 + θ2 ≤ 1): free as separate hyperparameters they would each need a value, and most combinations are no
 * method anyone analysed. So:
 *   - the registry's γ is ADIANA's gradient step η (y⁺ = x − ηg): the one step size of the method, the knob
 *     docs/unbiased-compression.md's experiment tunes, and what `--gamma theory*k` scales;
 *   - θ1, θ2, β and ADIANA's own γ (the z-step) follow η by the published rule (adianaCoupling: θ2 = 1/2,
 *     θ1 = min{1/4, sqrt(ημ/p)}, γ = η/(2(θ1 + ημ)), β = 1 − γμ), so a scaled or hand-picked η keeps the coupling
 *     the rule ties to it, and every η > 0 gives valid knobs;
 *   - μ (which the coupling reads), α and p are hyperparameters whose default is the theory step's: the problem's
 *     μ, α = 1/(1 + ω) and p from ω and n by the rule. The theory step's γ is the rule's η, with L = max_i L_i [R].
 * The theory step needs an unbiased compressor (ω; the identity has ω = 0) and μ; on a problem that does not know μ
 * it says so and names --mu. The Nesterov reduction (θ2 = 0, adiana-parameters.ts nesterovParameters) is not this
 * rule: it is checked on the factories (adiana.test.ts, properties/algorithms/metamorphic.spec.ts).
 * The registry runs the published init h_i⁰ = 0; adiana.ts's shiftInit 'gradient' stays a library option.
 */
import type { Compressor } from '../../compressors/types.ts';
import { adianaCoupling, adianaParameters, adianaStep } from '../adiana-parameters.ts';
import { adiana, type AdianaState } from '../adiana.ts';
import { RANDOMNESS, SHIFT_STEP, STRONG_CONVEXITY, UPLINK_COMPRESSOR } from '../common-hyperparameters.ts';
import { defineMethod, theoryHyperparameter } from '../method-definition.ts';
import { masterVector, nodeVectors, nothingToDescribe } from '../method-facts.ts';
import { strongConvexity, theoryNodes, theoryRule, unbiasedOmega } from '../theory-step.ts';
import { requireProbability, requireStepSize, type Randomness } from '../validate.ts';

export interface AdianaHyperparameters {
  readonly compressor: Compressor;
  readonly randomness?: Randomness;
  /** μ the coupling is tuned for; when absent, the problem's (theory step). */
  readonly mu?: number;
  /** Shift step α; when absent, 1/(1 + ω) (theory step). */
  readonly alpha?: number;
  /** Probability that the anchor w moves; when absent, the rule's p(ω, n) (theory step). */
  readonly p?: number;
}

const WHERE = 'docs/theory.md §A1.3';

export const adianaMethod = defineMethod<AdianaHyperparameters, AdianaState>({
  id: 'adiana',
  summary: 'ADIANA: accelerated DIANA, two compressed messages per node and round; the registry’s γ is its η',
  hyperparameters: {
    compressor: UPLINK_COMPRESSOR,
    randomness: RANDOMNESS,
    mu: STRONG_CONVEXITY,
    alpha: SHIFT_STEP,
    p: {
      kind: 'number',
      required: false,
      default: 'theory',
      rule: 'min{1, max{α/2, (α/2)(√(n/(32ω)) − 1)}}, 1 if ω = 0',
      symbol: 'p',
      doc: 'probability that the anchor w moves',
      range: { min: 0, max: 1, minOpen: true },
    },
  },
  build: (params) => {
    const { gamma: eta, compressor, randomness, x0 } = params;
    requireStepSize('adiana', eta);
    const mu = theoryHyperparameter('adiana', 'mu', params.mu);
    if (!(mu > 0 && Number.isFinite(mu))) throw new RangeError(`adiana: need μ > 0, got μ=${mu}`);
    const p = theoryHyperparameter('adiana', 'p', params.p);
    requireProbability('adiana', p);
    const alpha = theoryHyperparameter('adiana', 'alpha', params.alpha);
    const alg = adiana({
      alpha,
      eta,
      p,
      ...adianaCoupling(eta, mu, p),
      compressor,
      ...(randomness !== undefined ? { randomness } : {}),
      ...(x0 !== undefined ? { x0 } : {}),
    });
    return { ...alg, params };
  },
  theoryStep: (problem, h) => {
    const omega = unbiasedOmega(h.compressor, WHERE);
    if (typeof omega !== 'number') return omega;
    const mu = strongConvexity(problem, h.mu, WHERE);
    if (typeof mu !== 'number') return mu;
    const n = theoryNodes(problem);
    const L = Math.max(...problem.Li);
    const rule = adianaParameters({ L, mu, omega, n });
    // A given p changes η (the rule's η is a function of p); a given α does not.
    const eta = h.p === undefined ? rule.eta : adianaStep({ L, omega, n }, h.p);
    return theoryRule(
      eta,
      `η = min{1/(2L), n/(64ωL(2p(ω + 1) + 1)²)} with L = max_i L_i, α = 1/(1 + ω), p, θ1, θ2, γ, β by the published rule (${WHERE}, P code)`,
      { omega, Lmax: L },
      {
        ...(h.mu === undefined ? { mu } : {}),
        ...(h.alpha === undefined ? { alpha: rule.alpha } : {}),
        ...(h.p === undefined ? { p: rule.p } : {}),
      },
    );
  },
  facts: {
    nodeVectors: [nodeVectors('h_i', 'hi')],
    aggregate: { estimators: nodeVectors('h_i', 'hi'), master: masterVector('h', 'h'), weights: 'mean' },
    initMessage: 'none',
    roundMessage: 'compressed',
    // m_i = C_i(∇f_i(x^k) − h_i) and c_i = C_i'(∇f_i(w^k) − h_i): two compressed vectors per node and round.
    messagesPerRound: 2,
    participation: { kind: 'all' },
    downlink: { kind: 'unbilled' },
    describeState: nothingToDescribe,
  },
});
