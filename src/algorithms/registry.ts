/**
 * The single list of methods (optax's registry idea): every test battery, the CLI and the reports iterate it.
 * Ids are kebab-case; hyperparameters are named after the paper symbols. Aliases that differ only in the oracle
 * (sgd = gd, compressed-sgd = compressed-gd, ef21-sgd = ef21) are separate entries because reports name them so.
 */
import type { Compressor } from '../compressors/types.ts';
import type { ReadonlyVector } from '../linalg/vector.ts';
import type { Problem } from '../problems/types.ts';
import type { Algorithm, MethodState } from './types.ts';
import { compressedGd } from './compressed-gd.ts';
import { ef14 } from './ef14.ts';
import { ef21 } from './ef21.ts';
import { ef21Bc } from './ef21-bc.ts';
import { ef21Hb } from './ef21-hb.ts';
import { ef21Pp } from './ef21-pp.ts';
import { ef21Sgd2m } from './ef21-sgd2m.ts';
import { ef21SgdIdeal } from './ef21-sgd-ideal.ts';
import { ef21Sgdm } from './ef21-sgdm.ts';
import { ef21SgdmIdeal } from './ef21-sgdm-ideal.ts';
import { ef21W } from './ef21-w.ts';
import { gd } from './gd.ts';
import { ef21AmStepSize, ef21PpStepSize, ef21Sgd2mStepSize, ef21SgdmStepSize, ef21SgdStepSize, ef21StepSize } from './step-sizes.ts';
import type { Randomness } from './validate.ts';

/** The union of every method's hyperparameters; each entry says which it takes. */
export interface MethodParams {
  readonly gamma: number;
  readonly compressor?: Compressor;
  /** EF21-BC's downlink compressor C_M. */
  readonly masterCompressor?: Compressor;
  readonly eta?: number;
  readonly p?: number;
  readonly bInit?: number;
  readonly x0?: ReadonlyVector;
  readonly randomness?: Randomness;
}

export type Hyperparameter = Exclude<keyof MethodParams, 'x0'>;

export interface TheoryStepSize {
  readonly gamma: number;
  /** Where the rule comes from, with its docs/theory.md tag, for reports. */
  readonly source: string;
}

export interface MethodEntry {
  readonly id: string;
  readonly summary: string;
  /** The hyperparameters the method takes (x0 is always accepted). */
  readonly hyperparameters: readonly Hyperparameter[];
  /** The theory step size for this problem and these hyperparameters; a RangeError when docs/theory.md has none. */
  theoryStepSize(problem: Pick<Problem, 'L' | 'Li'>, params: Omit<MethodParams, 'gamma'>): TheoryStepSize;
  build(params: MethodParams): Algorithm<unknown, MethodState>;
}

function need<T>(id: string, value: T | undefined, name: string): T {
  if (value === undefined) throw new RangeError(`${id}: missing hyperparameter ${name}`);
  return value;
}

function alphaOf(id: string, params: Omit<MethodParams, 'gamma'>): number {
  const c = need(id, params.compressor, 'compressor');
  if (c.contract.kind !== 'contractive') throw new RangeError(`${id}: the theory step size needs a contractive compressor, got ${c.name}`);
  return c.contract.alpha;
}

const noTheory = (id: string) => (): TheoryStepSize => {
  throw new RangeError(`${id}: docs/theory.md gives no step size for this method; pass a number`);
};

const CORE: readonly Hyperparameter[] = ['gamma', 'compressor', 'randomness'];

function entry(e: Omit<MethodEntry, 'build'> & { make(params: MethodParams): Algorithm<unknown, MethodState> }): MethodEntry {
  const allowed = new Set<string>([...e.hyperparameters, 'x0']);
  return {
    id: e.id,
    summary: e.summary,
    hyperparameters: e.hyperparameters,
    theoryStepSize: e.theoryStepSize,
    build(params: MethodParams): Algorithm<unknown, MethodState> {
      for (const [k, v] of Object.entries(params)) {
        if (v !== undefined && !allowed.has(k)) throw new RangeError(`${e.id}: does not take ${k} (takes ${e.hyperparameters.join(', ')})`);
      }
      return e.make(params);
    },
  };
}

const gdTheory = (p: Pick<Problem, 'L'>): TheoryStepSize => ({
  gamma: 1 / p.L,
  source: 'γ = 1/L, descent lemma (L1) (docs/theory.md §0.3, D)',
});

export const methods: readonly MethodEntry[] = [
  entry({ id: 'gd', summary: 'distributed gradient descent, uncompressed', hyperparameters: ['gamma'], theoryStepSize: gdTheory, make: (p) => gd(p) }),
  entry({ id: 'sgd', summary: 'distributed SGD (gd with a stochastic oracle)', hyperparameters: ['gamma'], theoryStepSize: gdTheory, make: (p) => gd(p) }),
  ...(['compressed-gd', 'compressed-sgd'] as const).map((id) =>
    entry({
      id,
      summary: id === 'compressed-gd' ? 'naive compressed GD (DCGD): x⁺ = x − γ mean C(∇f_i(x)); diverges with top-k' : 'naive compressed SGD (DCGD with a stochastic oracle)',
      hyperparameters: CORE,
      theoryStepSize: noTheory(id),
      make: (p) => compressedGd({ ...p, compressor: need(id, p.compressor, 'compressor') }),
    }),
  ),
  entry({
    id: 'ef14',
    summary: 'classic error feedback (Seide et al. 2014), gradient-unit memory e_i',
    hyperparameters: CORE,
    theoryStepSize: (pr, p) => ({ gamma: ef21StepSize(pr, alphaOf('ef14', p)), source: "EF21's γ = 1/(L + L̃ξ(α)), as the EF21 authors' EF14 script uses (docs/theory.md §3.9, P); no EF14 guarantee" }),
    make: (p) => ef14({ ...p, compressor: need('ef14', p.compressor, 'compressor') }),
  }),
  ...(['ef21', 'ef21-sgd'] as const).map((id) =>
    entry({
      id,
      summary: id === 'ef21' ? 'EF21: g_i⁺ = g_i + C(∇f_i(x⁺) − g_i)' : 'EF21-SGD: EF21 with a stochastic oracle',
      hyperparameters: CORE,
      theoryStepSize: (pr, p) =>
        id === 'ef21'
          ? { gamma: ef21StepSize(pr, alphaOf(id, p)), source: 'γ = 1/(L + L̃ξ(α)), EF21 Thm 1 (docs/theory.md §3.2, M/D)' }
          : { gamma: ef21SgdStepSize(pr, alphaOf(id, p)), source: 'γ = 1/(L + √10·L̃/α), derived form (docs/theory.md §3.4, D)' },
      make: (p) => ef21({ ...p, compressor: need(id, p.compressor, 'compressor') }),
    }),
  ),
  entry({
    id: 'ef21-sgd-ideal',
    summary: 'EF21-SGD-ideal: g_i = ∇f_i + C(ĝ_i − ∇f_i) (thought experiment of Thm 1)',
    hyperparameters: CORE,
    theoryStepSize: noTheory('ef21-sgd-ideal'),
    make: (p) => ef21SgdIdeal({ ...p, compressor: need('ef21-sgd-ideal', p.compressor, 'compressor') }),
  }),
  entry({
    id: 'ef21-sgdm-ideal',
    summary: 'EF21-SGDM-ideal: g_i = ∇f_i + C(η(ĝ_i − ∇f_i))',
    hyperparameters: [...CORE, 'eta'],
    theoryStepSize: noTheory('ef21-sgdm-ideal'),
    make: (p) => ef21SgdmIdeal({ ...p, compressor: need('ef21-sgdm-ideal', p.compressor, 'compressor'), eta: need('ef21-sgdm-ideal', p.eta, 'eta') }),
  }),
  entry({
    id: 'ef21-sgdm',
    summary: 'EF21-SGDM (Alg. 1): momentum v_i, compress v_i − g_i',
    hyperparameters: [...CORE, 'eta', 'bInit'],
    theoryStepSize: (pr, p) => ({
      gamma: ef21SgdmStepSize(pr, alphaOf('ef21-sgdm', p), need('ef21-sgdm', p.eta, 'eta')),
      source: 'γ = min{α/(10L̃), η/(3L)}, derived form of Thm 2 (docs/theory.md §5.3, D)',
    }),
    make: (p) => ef21Sgdm({ ...p, compressor: need('ef21-sgdm', p.compressor, 'compressor'), eta: need('ef21-sgdm', p.eta, 'eta') }),
  }),
  entry({
    id: 'ef21-sgd2m',
    summary: 'EF21-SGD2M: double momentum v_i, u_i, compress u_i − g_i',
    hyperparameters: [...CORE, 'eta', 'bInit'],
    theoryStepSize: (pr, p) => ({
      gamma: ef21Sgd2mStepSize(pr, alphaOf('ef21-sgd2m', p), need('ef21-sgd2m', p.eta, 'eta')),
      source: 'γ = min{α/(20L̃), η/(10L)}, derived form of Thm 3 (docs/theory.md §5.4, D)',
    }),
    make: (p) => ef21Sgd2m({ ...p, compressor: need('ef21-sgd2m', p.compressor, 'compressor'), eta: need('ef21-sgd2m', p.eta, 'eta') }),
  }),
  entry({
    id: 'ef21-w',
    summary: 'EF21-W: weights w_i = L_i/ΣL_j, g = Σ w_i g_i',
    hyperparameters: CORE,
    theoryStepSize: (pr, p) => ({ gamma: ef21AmStepSize(pr, alphaOf('ef21-w', p)), source: 'γ = 1/(L + L_AM ξ(α)), EF21-W Thm 2 (docs/theory.md §4.2, M/D)' }),
    make: (p) => ef21W({ ...p, compressor: need('ef21-w', p.compressor, 'compressor') }),
  }),
  entry({
    id: 'ef21-pp',
    summary: 'EF21-PP: each node participates independently with probability p',
    hyperparameters: [...CORE, 'p'],
    theoryStepSize: (pr, p) => ({
      gamma: ef21PpStepSize(pr, alphaOf('ef21-pp', p), need('ef21-pp', p.p, 'p')),
      source: 'γ = 1/(L + L̃ξ(pα)), derived form (docs/theory.md §3.5, D)',
    }),
    make: (p) => ef21Pp({ ...p, compressor: need('ef21-pp', p.compressor, 'compressor'), p: need('ef21-pp', p.p, 'p') }),
  }),
  entry({
    id: 'ef21-bc',
    summary: 'EF21-BC: worker compressor C_w uplink, master compressor C_M downlink',
    hyperparameters: [...CORE, 'masterCompressor'],
    theoryStepSize: noTheory('ef21-bc'),
    make: (p) =>
      ef21Bc({ ...p, compressor: need('ef21-bc', p.compressor, 'compressor'), masterCompressor: need('ef21-bc', p.masterCompressor, 'masterCompressor') }),
  }),
  entry({
    id: 'ef21-hb',
    summary: 'EF21-HB: heavy-ball momentum η ∈ [0, 1) at the master',
    hyperparameters: [...CORE, 'eta'],
    theoryStepSize: noTheory('ef21-hb'),
    make: (p) => ef21Hb({ ...p, compressor: need('ef21-hb', p.compressor, 'compressor'), eta: need('ef21-hb', p.eta, 'eta') }),
  }),
];

/** The entry for an id, or a RangeError listing the known ids. */
export function methodEntry(id: string): MethodEntry {
  const e = methods.find((m) => m.id === id);
  if (e === undefined) throw new RangeError(`unknown method '${id}'; known: ${methods.map((m) => m.id).join(', ')}`);
  return e;
}

/**
 * @example
 * buildMethod('ef21', { gamma: 0.1, compressor: topK(10, 2) }).name;
 * // returns 'ef21(γ=0.1,top-k(k=2,d=10))'
 */
export function buildMethod(id: string, params: MethodParams): Algorithm<unknown, MethodState> {
  return methodEntry(id).build(params);
}
