import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { readLibsvm } from '../data/libsvm.ts';
import { partition } from '../data/partition.ts';
import { norm2sq } from '../linalg/vector.ts';
import { logisticRegression } from '../problems/logistic-regression.ts';
import { gradient, objective } from '../problems/types.ts';
import type { NamedHyperparameter } from '../algorithms/hyperparameter-schema.ts';
import { methods } from '../algorithms/registry.ts';
import { buildProgram, main } from './main.ts';
import { hyperparameterFlag, hyperparameterOptions, registerRunCommand, type RunReport } from './run-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'efcheck-run-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

// 12 rows, 5 features, labels {0, 1}: the EF21 authors' ±1 mapping applies (docs/theory.md §3.9).
const TRAIN = [
  '1 1:0.5 2:-1.2 4:0.3',
  '0 2:0.7 3:1.1',
  '1 1:-0.4 5:0.9',
  '0 1:1.3 3:-0.2 4:0.8',
  '1 2:0.1 5:-1.5',
  '0 3:0.6 4:-0.9 5:0.2',
  '1 1:0.9 2:0.4',
  '0 4:1.4 5:0.3',
  '1 1:-1.1 3:0.5 5:0.7',
  '0 2:-0.8 4:0.1',
  '1 3:1.2 5:-0.6',
  '0 1:0.2 2:0.3 3:-0.7 4:0.5 5:0.9',
].join('\n');
const train = file('train.libsvm', `${TRAIN}\n`);
const x0File = file('x0.json', JSON.stringify([0.3, -0.2, 0.1, 0, 0.5]));

/**
 * `efcheck <args>` in-process: through main() once the lead has registered `run` there, else through a fresh
 * program with the same error handling as main().
 */
async function efcheck(args: readonly string[]): Promise<number> {
  if (buildProgram().commands.some((c) => c.name() === 'run')) return main(args);
  const program = new Command('efcheck').exitOverride();
  registerRunCommand(program);
  try {
    await program.parseAsync(args as string[], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
}

/** Runs with --out into a fresh file; returns the exit code, the parsed JSON, its text and stderr lines. */
async function runToFile(
  args: readonly string[],
  out = join(dir, 'run.json'),
): Promise<{ code: number; report: RunReport; text: string; stderr: string[] }> {
  rmSync(out, { force: true });
  const stderr: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void stderr.push(a.join(' ')));
  const code = await efcheck(['run', ...args, '--out', out]);
  const text = code === 0 ? readFileSync(out, 'utf8') : '{}';
  return { code, report: JSON.parse(text) as RunReport, text, stderr };
}

describe('efcheck run', () => {
  it('runs the documented example and writes a complete, well-formed JSON report', async () => {
    const args = [
      '--method',
      'ef21',
      '--compressor',
      'top-k:k=2',
      '--problem',
      'logreg',
      '--data',
      train,
      '--lambda',
      '0.1',
      '--nodes',
      '4',
      '--x0',
      x0File,
      '--stepsize',
      'theory',
      '--steps',
      '30',
      '--seed',
      '1',
    ];
    const { code, report: r, stderr } = await runToFile(args);
    expect(code).toBe(0);
    expect(stderr).toEqual([]);
    const T = 30;
    const d = 5;
    expect(r.rounds).toEqual(Array.from({ length: T + 1 }, (_, t) => t));
    for (const series of [r.gradNormSq, r.f, r.bitsPerNode]) expect(series).toHaveLength(T + 1);
    // Top-2 in d = 5: two 64-bit values and two ⌈log₂5⌉ = 3-bit indices per round; g_i⁰ is 5 dense values.
    expect(r.bitsPerNode).toEqual(r.rounds.map((t) => t * 2 * (64 + 3)));
    expect(r.initBitsPerNode).toBe(5 * 64);
    expect(r.x).toHaveLength(d);
    expect(r.diverged).toBeNull();
    expect(r.finalRound).toBe(T);
    expect(r.method).toEqual({
      id: 'ef21',
      name: expect.stringMatching(/^ef21\(γ=.*top-k\(k=2,d=5\)\)$/) as unknown as string,
    });
    expect(r.compressor?.contract).toEqual({ kind: 'contractive', alpha: 2 / 5 });
    expect(r.problem).toMatchObject({ kind: 'logreg', d, n: 4, data: train, partition: 'contiguous' });
    expect(r.seed).toBe(1);
    expect(r.command).toBe(`efcheck run ${args.join(' ')} --out ${join(dir, 'run.json')}`);

    // The problem the CLI built is the library's, started at x0: its t = 0 metrics match an independent build.
    const problem = logisticRegression(partition(readLibsvm(TRAIN, { labels: 'binary' }), 4), { lambda: 0.1 });
    const x0 = Float64Array.from([0.3, -0.2, 0.1, 0, 0.5]);
    expect(r.gradNormSq[0]).toBe(norm2sq(gradient(problem, x0)));
    expect(r.f[0]).toBe(objective(problem, x0));

    // Constants: L̃ and L_AM from the reported L_i; γ = 1/(L + L̃ξ(α)), ξ(α) = (√(1−α) + 1 − α)/α (docs/theory.md §0.2, §3.2).
    const c = r.constants as Record<string, number & number[]>;
    expect(c.Li).toEqual(problem.Li);
    expect(c.L).toBe(problem.L);
    const qm = Math.sqrt(c.Li.reduce((s, l) => s + l * l, 0) / 4);
    const am = c.Li.reduce((s, l) => s + l, 0) / 4;
    expect(Math.abs(c.lTilde - qm)).toBeLessThanOrEqual(1e-15 * qm);
    expect(Math.abs(c.lAM - am)).toBeLessThanOrEqual(1e-15 * am);
    const alpha = 0.4;
    const xiAlpha = (Math.sqrt(1 - alpha) + 1 - alpha) / alpha;
    const gamma = 1 / (c.L + qm * xiAlpha);
    expect(Math.abs(c.gamma - gamma)).toBeLessThanOrEqual(1e-14 * gamma);
    expect(c.gammaSource).toBe('theory');
    expect(c.lambda).toBe(0.1);
    expect(c.sigma).toBe(0);

    // EF21 Thm 1 with g_i⁰ = ∇f_i(x⁰) (G₀ = 0) and f_inf ≥ 0: (1/T)Σ_{t<T}‖∇f(x^t)‖² ≤ 2f(x⁰)/(γT) (docs/theory.md §3.2).
    const avg = r.gradNormSq.slice(0, T).reduce((s, v) => s + v, 0) / T;
    expect(avg).toBeLessThanOrEqual((2 * r.f[0]) / (c.gamma * T));
  });

  it('gives byte-identical output for the same seed, and a different trajectory for another seed', async () => {
    const args = (seed: string) => [
      '--method',
      'ef21-sgdm',
      '--eta',
      '0.3',
      '--compressor',
      'rand-k:k=2',
      '--problem',
      'logreg',
      '--data',
      train,
      '--nodes',
      '3',
      '--batch',
      '2',
      '--partition',
      'shuffled',
      '--gamma',
      '0.5',
      '--steps',
      '8',
      '--seed',
      seed,
    ];
    const a = await runToFile(args('7'));
    const b = await runToFile(args('7'));
    const c = await runToFile(args('8'));
    expect(a.code).toBe(0);
    expect(a.text).toBe(b.text);
    expect(c.report.gradNormSq).not.toEqual(a.report.gradNormSq);
    expect(a.report.oracle.name).toBe('minibatch(B=2,with replacement)');
    expect(a.report.constants.batch).toBe(2);
  });

  it('runs a JSON quadratic: one GD step from 0 lands on x¹ = γb, with the exact constants', async () => {
    // f(x) = ½xᵀdiag(2, 1)x − (1, 0)ᵀx: ∇f(0) = (−1, 0), x¹ = (γ, 0), f(x¹) = γ² − γ.
    const q = file(
      'q.json',
      JSON.stringify({
        nodes: [
          {
            A: [
              [2, 0],
              [0, 1],
            ],
            b: [1, 0],
          },
        ],
      }),
    );
    const { code, report: r } = await runToFile([
      '--method',
      'gd',
      '--problem',
      'quadratic',
      '--data',
      q,
      '--gamma',
      '0.25',
      '--steps',
      '1',
    ]);
    expect(code).toBe(0);
    expect(r.x).toEqual([0.25, 0]);
    expect(r.f).toEqual([0, 0.0625 - 0.25]);
    expect(r.gradNormSq).toEqual([1, 0.25]);
    expect(r.constants).toMatchObject({
      L: 2,
      Li: [2],
      mu: 1,
      fInf: -0.25,
      fInfExact: true,
      gamma: 0.25,
      gammaSource: 'given',
      gammaTheory: 0.5,
    });
    expect(r.bitsPerNode).toEqual([0, 128]);
  });

  it('reproduces naive compressed GD on the Beznosikov instance: x⁵ = (1 + 11γ/6)⁵ x⁰ (docs/theory.md §2.3)', async () => {
    const ones = file('ones.json', '[1, 1, 1]');
    const { code, report: r } = await runToFile([
      '--method',
      'compressed-gd',
      '--compressor',
      'top-k:k=1',
      '--problem',
      'beznosikov',
      '--x0',
      ones,
      '--gamma',
      '0.1',
      '--steps',
      '5',
    ]);
    expect(code).toBe(0);
    for (const v of r.x) expect(Math.abs(v - 2.320253795010288)).toBeLessThanOrEqual(1e-14 * 2.32);
    expect(r.constants).toMatchObject({ L: 103 / 6, Li: [34.5, 34.5, 34.5], gammaTheory: null });
  });

  it('stops a divergent run, names the round in the JSON and on stderr, and exits 0', async () => {
    const ones = file('ones3.json', '[1, 1, 1]');
    const {
      code,
      report: r,
      stderr,
    } = await runToFile([
      '--method',
      'compressed-gd',
      '--compressor',
      'top-k:k=1',
      '--problem',
      'beznosikov',
      '--x0',
      ones,
      '--gamma',
      '0.5',
      '--steps',
      '3000',
      '--record',
      '100',
    ]);
    expect(code).toBe(0);
    expect(r.diverged).not.toBeNull();
    const round = r.diverged?.round ?? -1;
    expect(round).toBeGreaterThan(0);
    expect(round).toBeLessThan(3000);
    expect(r.finalRound).toBe(round - 1);
    expect(stderr).toEqual([expect.stringContaining(`diverged at round ${round}`)]);
    // The kept x is the last finite one: (23/12)^t (1, 1, 1), each round rounding once or twice.
    const expected = (23 / 12) ** r.finalRound;
    for (const v of r.x)
      expect(Math.abs(v - expected)).toBeLessThanOrEqual(4 * Number.EPSILON * r.finalRound * expected);
  });

  it('runs the Theorem 1 instance with the three-point noise and writes JSON to stdout without --out', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
    const code = await efcheck([
      'run',
      '--method',
      'ef21-sgd-ideal',
      '--compressor',
      'top-k:k=1',
      '--problem',
      'theorem1',
      '--nodes',
      '2',
      '--noise',
      'three-point',
      '--sigma',
      '1',
      '--gamma',
      '0.1',
      '--steps',
      '4',
    ]);
    expect(code).toBe(0);
    const r = JSON.parse(lines.join('\n')) as RunReport;
    expect(r.oracle).toEqual({ name: 'three-point(σ=1)', sigma: 1, shared: false });
    expect(r.problem).toMatchObject({
      kind: 'theorem1',
      d: 2,
      n: 2,
      start: expect.stringContaining('§5.2') as unknown as string,
    });
    // The instance's own start x⁰ = (0, −1): ‖∇f(x⁰)‖² = L²‖x⁰‖² = 1, and the compressed noise keeps it off 0 (§5.2).
    expect(r.gradNormSq[0]).toBe(1);
    expect(r.gradNormSq.slice(1).every((v) => v > 0)).toBe(true);
  });

  it('starts the Theorem 1 instance where EF21-SGD-ideal stalls: with γ = 1/L one node sits at ‖∇f‖² = ‖Top1(ξ)‖² = 6/7σ² for good', async () => {
    // x¹ = x⁰ − (∇f(x⁰) + Top1(ξ⁰)) = −Top1(ξ⁰) for L = 1, and so on: every Top1 of a three-point ξ has norm² 4c² = 6/7
    // (c² = 3σ²/14, docs/theory.md §5.2 table: the limit 0.857 at n = 1, γ = 1), whatever x was. No run converges.
    const { code, report: r } = await runToFile([
      '--method',
      'ef21-sgd-ideal',
      '--compressor',
      'top-k:k=1',
      '--problem',
      'theorem1',
      '--noise',
      'three-point',
      '--sigma',
      '1',
      '--gamma',
      '1',
      '--steps',
      '50',
    ]);
    expect(code).toBe(0);
    expect(r.gradNormSq[0]).toBe(1);
    for (const v of r.gradNormSq.slice(1)) expect(Math.abs(v - 6 / 7)).toBeLessThanOrEqual(4 * Number.EPSILON);
  });

  it('starts the Beznosikov instance at (1, 1, 1): naive compressed GD diverges from it and EF21 at its theory step converges', async () => {
    // x⁵ = (1 + 11γ/6)⁵ (1, 1, 1) with no --x0 (docs/theory.md §2.3); from x⁰ = 0 = x* neither method would move.
    const naive = await runToFile([
      '--method',
      'compressed-gd',
      '--compressor',
      'top-k:k=1',
      '--problem',
      'beznosikov',
      '--gamma',
      '0.1',
      '--steps',
      '5',
    ]);
    expect(naive.code).toBe(0);
    expect(naive.report.problem.start).toContain('§2.3');
    for (const v of naive.report.x) expect(Math.abs(v - 2.320253795010288)).toBeLessThanOrEqual(1e-14 * 2.32);
    // The contrast of §2.3: EF21 with γ = 1/(L + L̃ξ(1/3)) = 0.005859 reaches ‖∇f‖ ≈ 2e−9 in 3000 steps.
    const ef21 = await runToFile([
      '--method',
      'ef21',
      '--compressor',
      'top-k:k=1',
      '--problem',
      'beznosikov',
      '--steps',
      '3000',
      '--record',
      '1000',
    ]);
    expect(ef21.code).toBe(0);
    expect(ef21.report.constants.gammaTheory).toBeCloseTo(0.005859, 6);
    expect(ef21.report.gradNormSq[0]).toBeGreaterThan(1);
    expect(ef21.report.gradNormSq.at(-1)).toBeLessThan(1e-16);
  });

  /** A value inside a declared range: its closed upper end, else its middle (an integer range: its least value). */
  const inside = (s: NamedHyperparameter): string =>
    s.kind === 'compressor'
      ? s.link === 'uplink'
        ? 'top-k:k=1'
        : 'top-k:k=2'
      : s.kind === 'randomness'
        ? 'independent'
        : String(
            s.integer === true ? s.range.min : s.range.maxOpen === true ? (s.range.min + s.range.max) / 2 : s.range.max,
          );

  it('--gamma theory (the default) runs every method that has a theory step, and for the others says in one line what is missing', async () => {
    const ran: string[] = [];
    for (const m of methods) {
      const hyper = m.schema.filter((s) => s.required).flatMap((s) => [hyperparameterFlag(s.name), inside(s)]);
      const {
        code,
        report: r,
        stderr,
      } = await runToFile(['--method', m.id, ...hyper, '--problem', 'beznosikov', '--steps', '2']);
      if (code === 0) {
        expect(r.constants.gammaSource, m.id).toBe('theory');
        expect(r.constants.gamma, m.id).toBe(r.constants.gammaTheory);
        ran.push(m.id);
        continue;
      }
      expect(code, m.id).toBe(2);
      expect(stderr, m.id).toHaveLength(1);
      // No rule in docs/theory.md, or (DIANA, ADIANA) a rule that needs the ω of an unbiased compressor, not top-k's α:
      // then the hyperparameters the rule would have set are named too.
      const setsAlpha = m.schema.some(
        (s) => s.name === 'alpha' && s.kind === 'number' && !s.required && s.default === 'theory',
      );
      const why = setsAlpha
        ? 'the theory step \\(docs/theory\\.md §A\\d\\.\\d\\) needs the ω of an unbiased compressor'
        : 'no theory step in docs/theory\\.md §A?\\d\\.\\d';
      expect(stderr[0], m.id).toMatch(
        new RegExp(
          `^efcheck run: ${m.id}: ${why}[^\\n]*; pass --gamma <number>${setsAlpha ? '(, | and ).*--alpha <α>.*' : ''}$`,
        ),
      );
    }
    expect(ran).toEqual([
      'gd',
      'sgd',
      'ef14',
      'ef21',
      'ef21-sgd',
      'ef21-sgdm',
      'ef21-sgd2m',
      'ef21-w',
      'ef21-pp',
      'ef21-bc',
      'ef21-hb',
      'agd',
      'neolithic',
    ]);
  });

  it('--gamma theory with an unbiased compressor names its contractive view, and running with that view gives the same step as top-k of the same α', async () => {
    for (const [id, extra] of [
      ['ef21-sgdm', ['--eta', '0.5']],
      ['ef21-pp', ['--p', '0.5']],
      ['ef21', []],
    ] as const) {
      const args = ['--method', id, ...extra, '--problem', 'beznosikov', '--steps', '2'];
      const unbiased = await runToFile([...args, '--compressor', 'rand-k:k=1,scaled']);
      expect(unbiased.code, id).toBe(2);
      expect(unbiased.stderr[0], id).toContain(`${id}: the theory step (docs/theory.md §`);
      expect(unbiased.stderr[0], id).toContain('rand-k(k=1,d=3,scaled) is unbiased (ω = 2); pass --gamma <number>');
      expect(unbiased.stderr[0], id).toContain(
        "or --compressor 'contractive(rand-k:k=1,scaled)' (its contractive view C/(ω + 1), α = 0.3333333333333333, docs/theory.md §1.1 row 15)",
      );
      // The suggested flag runs, and its α = 1/(ω + 1) = 1/3 is top-1's in d = 3: the same theory step.
      const view = await runToFile([...args, '--compressor', 'contractive(rand-k:k=1,scaled)']);
      const top1 = await runToFile([...args, '--compressor', 'top-k:k=1']);
      expect(view.code, id).toBe(0);
      expect(view.report.constants.gammaTheory, id).toBe(top1.report.constants.gammaTheory);
      // A number needs no theory step: the unbiased compressor itself runs.
      expect((await runToFile([...args, '--compressor', 'rand-k:k=1,scaled', '--gamma', '0.001'])).code, id).toBe(0);
    }
  });

  it('runs NEOLITHIC and BEER with a step given (BEER has no theory step): a default run converges, the bills are R·K entries and two messages', async () => {
    // NEOLITHIC, top-2 in d = 3: R = ⌈3/2⌉ = 2 pieces of (64 + 2) bits per node and round; lossless, so it is GD.
    const neo = await runToFile([
      '--method',
      'neolithic',
      '--compressor',
      'top-k:k=2',
      '--problem',
      'quadratic',
      '--data',
      stronglyConvex,
      '--gamma',
      '0.3',
      '--steps',
      '400',
      '--record',
      '200',
    ]);
    expect(neo.code).toBe(0);
    expect(neo.stderr).toEqual([]);
    expect(neo.report.bitsPerNode).toEqual([0, 200, 400].map((t) => t * 2 * 2 * (64 + 2)));
    expect(neo.report.initBitsPerNode).toBe(0);
    expect(neo.report.state).toEqual({ rounds: 2 });
    // Its theory step, EF14's convention at α_R = 1 − (1/3)² (docs/theory.md §A3.1), is reported beside the given γ.
    expect(neo.report.constants).toMatchObject({ gamma: 0.3, gammaSource: 'given', alpha: 2 / 3 });
    expect(neo.report.constants.gammaTheory).toBeGreaterThan(0);
    expect(neo.report.gradNormSq[2]).toBeLessThan(1e-20 * neo.report.gradNormSq[0]);
    // BEER on the default ring of 4 agents with the default consensus step 0.1; --gamma is its η.
    const beerRun = await runToFile([
      '--method',
      'beer',
      '--compressor',
      'top-k:k=1',
      '--problem',
      'quadratic',
      '--data',
      stronglyConvex,
      '--gamma',
      '0.15',
      '--steps',
      '3000',
      '--record',
      '1500',
    ]);
    expect(beerRun.code).toBe(0);
    expect(beerRun.stderr).toEqual([]);
    expect(beerRun.report.method.name).toBe('beer(η=0.15,γ=0.1,top-k(k=1,d=3),W=ring)');
    expect(beerRun.report.constants).toMatchObject({ gamma: 0.15, consensusStep: 0.1, gammaSource: 'given' });
    expect(beerRun.report.bitsPerNode).toEqual([0, 1500, 3000].map((t) => t * 2 * (64 + 2)));
    expect(beerRun.report.state).toMatchObject({ graph: 'ring' });
    expect(beerRun.report.diverged).toBeNull();
    expect(beerRun.report.gradNormSq[2]).toBeLessThan(1e-12 * beerRun.report.gradNormSq[0]);
    expect(beerRun.report.state.consensusError).toBeLessThan(1e-12);
    const other = await runToFile([
      '--method',
      'beer',
      '--compressor',
      'top-k:k=1',
      '--problem',
      'quadratic',
      '--data',
      stronglyConvex,
      '--gamma',
      '0.15',
      '--consensus-step',
      '0.5',
      '--steps',
      '2',
    ]);
    expect(other.report.method.name).toBe('beer(η=0.15,γ=0.5,top-k(k=1,d=3),W=ring)');
  });

  it("prints what the method declares about its state: EF21-BC's downlink totals, EF21-W's weights, EF21-PP's last senders", async () => {
    const bc = await runToFile([
      '--method',
      'ef21-bc',
      '--compressor',
      'top-k:k=1',
      '--master-compressor',
      'top-k:k=2',
      '--problem',
      'beznosikov',
      '--gamma',
      '0.001',
      '--steps',
      '3',
    ]);
    expect(bc.code).toBe(0);
    // Top-2 in d = 3: two 64-bit values and two ⌈log₂3⌉ = 2-bit indices per broadcast; g⁰ is 3 dense values.
    expect(bc.report).toMatchObject({ downlinkBits: 3 * 2 * (64 + 2), initDownlinkBits: 3 * 64, state: {} });
    expect(bc.report.masterCompressor?.name).toBe('top-k(k=2,d=3)');
    expect(bc.report.constants).toMatchObject({ alpha: 1 / 3, master_alpha: 2 / 3, randomness: 'independent' });
    const w = await runToFile([
      '--method',
      'ef21-w',
      '--compressor',
      'top-k:k=1',
      '--problem',
      'beznosikov',
      '--steps',
      '1',
    ]);
    expect(w.report.state).toEqual({ weights: [1 / 3, 1 / 3, 1 / 3] });
    expect(w.report).not.toHaveProperty('downlinkBits');
    const pp = await runToFile([
      '--method',
      'ef21-pp',
      '--p',
      '0.5',
      '--compressor',
      'top-k:k=1',
      '--problem',
      'beznosikov',
      '--steps',
      '4',
    ]);
    expect(pp.report.state.participated).toHaveLength(3);
    expect(pp.report.constants).toMatchObject({ p: 0.5, xi: expect.any(Number) as unknown as number });
  });

  it('has one flag per hyperparameter any method declares, described from the schemas, none shadowing a flag of its own', () => {
    const options = hyperparameterOptions();
    const names = new Set(methods.flatMap((m) => m.schema.map((s) => s.name)));
    expect(options.map((o) => o.flags.split(' ')[0])).toEqual([...names].map(hyperparameterFlag));
    expect(options.map((o) => o.flags)).toEqual(
      expect.arrayContaining([
        '--compressor <spec>',
        '--master-compressor <spec>',
        '--eta <η>',
        '--p <p>',
        '--b-init <B_init>',
        '--randomness <mode>',
        '--mu <μ>',
        '--alpha <α>',
      ]),
    );
    const eta = options.find((o) => o.flags.startsWith('--eta'))?.description ?? '';
    expect(eta).toContain('momentum weight, η ∈ (0, 1] (ef21-sgdm, ef21-sgd2m)');
    expect(eta).toContain('heavy-ball weight, η ∈ [0, 1) (ef21-hb)');
    const mu = options.find((o) => o.flags.startsWith('--mu'))?.description ?? '';
    expect(mu).toBe(
      "strong convexity of f the method is tuned for, μ ∈ (0, ∞) (default: the theory step's, the problem's μ) (adiana, agd)",
    );
    const p = options.find((o) => o.flags.startsWith('--p '))?.description ?? '';
    expect(p).toContain('participation probability, p ∈ (0, 1] (ef21-pp)');
    expect(p).toContain(
      "probability that the anchor w moves, p ∈ (0, 1] (default: the theory step's, min{1, max{α/2, (α/2)(√(n/(32ω)) − 1)}}, 1 if ω = 0) (adiana)",
    );
  });

  // A strongly convex quadratic, n = 4 nodes in d = 3 (every A_i ≻ 0, different b_i): the JSON problem knows μ = λ_min(Ā).
  const stronglyConvex = file(
    'strongly-convex.json',
    JSON.stringify({
      nodes: [
        {
          A: [
            [2, 0.3, 0],
            [0.3, 1, 0],
            [0, 0, 0.5],
          ],
          b: [1, 0, -1],
        },
        {
          A: [
            [1, 0, 0],
            [0, 3, 0.2],
            [0, 0.2, 0.2],
          ],
          b: [0, 1, 1],
        },
        {
          A: [
            [0.5, 0, 0],
            [0, 0.5, 0],
            [0, 0, 1.5],
          ],
          b: [-1, 2, 0],
        },
        {
          A: [
            [1, 0.1, 0.1],
            [0.1, 1, 0.1],
            [0.1, 0.1, 1],
          ],
          b: [0.5, 0.5, 0.5],
        },
      ],
    }),
  );

  it('runs diana, adiana and agd with no step or hyperparameter flag: the theory parameters, converging on a strongly convex quadratic', async () => {
    const randOne = 64 + 2; // rand-1 in d = 3: one 64-bit value and a ⌈log₂3⌉ = 2-bit index
    const cases = [
      {
        id: 'diana',
        flags: ['--compressor', 'rand-k:k=1,scaled'],
        steps: 1000,
        perRound: randOne,
        fromTheory: 'alpha',
      },
      // Two messages per node and round, both billed; the published η is small (docs/theory.md §A1.5).
      {
        id: 'adiana',
        flags: ['--compressor', 'rand-k:k=1,scaled'],
        steps: 3000,
        perRound: 2 * randOne,
        fromTheory: 'mu, alpha, p',
      },
      { id: 'agd', flags: [], steps: 200, perRound: 3 * 64, fromTheory: 'mu' },
    ];
    for (const c of cases) {
      const {
        code,
        report: r,
        stderr,
      } = await runToFile([
        '--method',
        c.id,
        ...c.flags,
        '--problem',
        'quadratic',
        '--data',
        stronglyConvex,
        '--steps',
        String(c.steps),
        '--record',
        String(c.steps / 2),
      ]);
      expect(code, c.id).toBe(0);
      expect(stderr, c.id).toEqual([]);
      const k = r.constants;
      expect(k.gammaSource, c.id).toBe('theory');
      expect(k.gamma, c.id).toBe(k.gammaTheory);
      expect(k.fromTheory, c.id).toBe(c.fromTheory);
      expect(r.initBitsPerNode, c.id).toBe(0);
      expect(r.bitsPerNode, c.id).toEqual([0, c.steps / 2, c.steps].map((t) => t * c.perRound));
      expect(r.diverged, c.id).toBeNull();
      expect(r.gradNormSq[2], c.id).toBeLessThan(1e-20 * r.gradNormSq[0]);
    }
    const diana = (
      await runToFile([
        '--method',
        'diana',
        '--compressor',
        'rand-k:k=1,scaled',
        '--problem',
        'quadratic',
        '--data',
        stronglyConvex,
        '--steps',
        '1',
      ])
    ).report;
    // ω = 2: α = 1/3, γ = 1/(L + 6ωL_max/n); the problem knows μ, so the derivation's M and ρ are recorded.
    expect(diana.constants).toMatchObject({
      omega: 2,
      alpha: 1 / 3,
      M: 6,
      gammaTheorySource: expect.stringContaining('docs/theory.md §A2.3') as unknown as string,
    });
    const Lmax = Math.max(...(diana.constants.Li as number[]));
    expect(
      Math.abs((diana.constants.gamma as number) - 1 / ((diana.constants.L as number) + 3 * Lmax)),
    ).toBeLessThanOrEqual(1e-15);
    const adiana = (
      await runToFile([
        '--method',
        'adiana',
        '--compressor',
        'rand-k:k=1,scaled',
        '--problem',
        'quadratic',
        '--data',
        stronglyConvex,
        '--steps',
        '1',
      ])
    ).report;
    // The registry's γ is ADIANA's η; μ is the method's and the problem's, recorded under both names.
    expect(adiana.method.name).toMatch(/^adiana\(η=0\.00259189,θ1=.*,θ2=0\.5,p=0\.166667,rand-k\(k=1,d=3,scaled\)\)$/);
    expect(adiana.constants.mu).toBe(adiana.constants.problem_mu);
    expect(adiana.constants).toMatchObject({ alpha: 1 / 3, p: 1 / 6, Lmax: 3.0142135623730955 });
  });

  it('--gamma theory/2 halves ADIANA’s η (its coupling follows by the rule) and AGD’s γ (its momentum follows)', async () => {
    for (const [id, flags] of [
      ['adiana', ['--compressor', 'rand-k:k=1,scaled']],
      ['agd', []],
    ] as const) {
      const args = ['--method', id, ...flags, '--problem', 'quadratic', '--data', stronglyConvex, '--steps', '1'];
      const full = (await runToFile(args)).report;
      const half = (await runToFile([...args, '--gamma', 'theory/2'])).report;
      expect(half.constants.gamma, id).toBe((full.constants.gammaTheory as number) / 2);
      expect(half.constants.gammaSource, id).toBe('theory/2');
      expect(half.method.name, id).not.toBe(full.method.name);
    }
  });

  it('a constant the theory step needs and the problem lacks: one line naming it and the flag, exit 2; with the flag the run goes', async () => {
    for (const id of ['agd', 'adiana']) {
      const flags = id === 'adiana' ? ['--compressor', 'rand-k:k=1,scaled'] : [];
      const args = ['--method', id, ...flags, '--problem', 'logreg', '--data', train, '--nodes', '4', '--steps', '3'];
      const { code, stderr } = await runToFile(args);
      expect(code, id).toBe(2);
      expect(stderr, id).toEqual([
        expect.stringMatching(
          new RegExp(
            `^efcheck run: ${id}: the theory step \\(docs/theory\\.md §[0-9A.]+\\) needs the strong convexity μ of f, and logreg\\(n=4,d=5,m=12,λ=0\\.1\\) does not know it; pass --mu <μ>$`,
          ),
        ),
      ]);
      // A number for γ does not help: μ enters the method itself.
      expect((await runToFile([...args, '--gamma', '0.01'])).stderr[0], id).toContain('pass --mu <μ>');
      const given = await runToFile([...args, '--mu', '0.05']);
      expect(given.code, id).toBe(0);
      expect(given.report.constants.mu, id).toBe(0.05);
      expect(given.report.constants, id).not.toHaveProperty('problem_mu');
    }
    // DIANA's rule needs ω: top-k has none, so both γ and α must be given.
    const bez = ['--method', 'diana', '--compressor', 'top-k:k=1', '--problem', 'beznosikov', '--steps', '3'];
    const none = await runToFile(bez);
    expect(none.code).toBe(2);
    expect(none.stderr).toEqual([
      'efcheck run: diana: the theory step (docs/theory.md §A2.3) needs the ω of an unbiased compressor, and top-k(k=1,d=3) is contractive (α = 0.3333333333333333, not unbiased); pass --gamma <number> and --alpha <α>',
    ]);
    expect((await runToFile([...bez, '--gamma', '0.001'])).stderr).toEqual([
      expect.stringMatching(/; pass --alpha <α>$/),
    ]);
    const manual = await runToFile([...bez, '--gamma', '0.001', '--alpha', '0.5']);
    expect(manual.code).toBe(0);
    // DIANA's α and top-k's α are both recorded: the compressor's under compressor_alpha.
    expect(manual.report.constants).toMatchObject({
      alpha: 0.5,
      compressor_alpha: 1 / 3,
      gammaSource: 'given',
      gammaTheory: null,
    });
    expect(manual.report.constants).not.toHaveProperty('fromTheory');
  });

  it('loads MNIST digits for logreg as even-vs-odd and records the sample count', async () => {
    const { code, report: r } = await runToFile([
      '--method',
      'ef21',
      '--compressor',
      'top-k:k=0.01',
      '--problem',
      'logreg',
      '--data',
      'mnist',
      '--samples',
      '60',
      '--nodes',
      '3',
      '--steps',
      '2',
    ]);
    expect(code).toBe(0);
    expect(r.problem).toMatchObject({ d: 784, n: 3, samples: 60, data: 'mnist' });
    expect(r.compressor?.name).toBe('top-k(k=8,d=784)');
  });

  const bad: readonly (readonly [string, readonly string[], string])[] = [
    [
      'a malformed LIBSVM line, with its number',
      [
        '--problem',
        'logreg',
        '--data',
        file('bad.libsvm', '1 1:0.5\n\n0 2:x\n'),
        '--method',
        'ef21',
        '--compressor',
        'top-k:k=1',
        '--steps',
        '1',
      ],
      'line 3: expected index:value',
    ],
    [
      'a dimension mismatch between quadratic nodes',
      [
        '--problem',
        'quadratic',
        '--data',
        file('mis.json', '{"nodes":[{"A":[[1]],"b":[0]},{"A":[[1,0],[0,1]],"b":[0,0]}]}'),
        '--method',
        'gd',
        '--steps',
        '1',
      ],
      'node 1: b has length 2',
    ],
    [
      'an x0 of the wrong length',
      ['--problem', 'logreg', '--data', train, '--x0', file('x3.json', '[1,2,3]'), '--method', 'gd', '--steps', '1'],
      'has length 3, but the problem has d=5',
    ],
    [
      'k > d',
      ['--problem', 'beznosikov', '--method', 'ef21', '--compressor', 'top-k:k=4', '--steps', '1'],
      'got k=4, d=3',
    ],
    ['γ ≤ 0', ['--problem', 'beznosikov', '--method', 'gd', '--gamma', '0', '--steps', '1'], "--gamma '0'"],
    [
      'an unknown method, listing the known ones',
      ['--problem', 'beznosikov', '--method', 'ef22', '--steps', '1'],
      'known: gd, sgd',
    ],
    [
      'an unknown compressor, listing the known ones',
      ['--problem', 'beznosikov', '--method', 'ef21', '--compressor', 'topk:k=1', '--steps', '1'],
      "unknown compressor 'topk'; known: identity, top-k",
    ],
    [
      'a missing flag the method needs',
      ['--problem', 'beznosikov', '--method', 'ef21-sgdm', '--compressor', 'top-k:k=1', '--steps', '1'],
      'ef21-sgdm needs --eta',
    ],
    [
      'a flag the method does not take',
      ['--problem', 'beznosikov', '--method', 'gd', '--eta', '0.5', '--steps', '1'],
      'gd does not take --eta',
    ],
    [
      'a theory step size for a method without one',
      ['--problem', 'beznosikov', '--method', 'compressed-gd', '--compressor', 'top-k:k=1', '--steps', '1'],
      'compressed-gd: no theory step in docs/theory.md §2.3',
    ],
    [
      'a theory step for EF21-BC with an unbiased master compressor, naming the section and the hyperparameter',
      [
        '--problem',
        'beznosikov',
        '--method',
        'ef21-bc',
        '--compressor',
        'top-k:k=1',
        '--master-compressor',
        'rand-k:k=1,scaled',
        '--steps',
        '1',
      ],
      'ef21-bc: the theory step (docs/theory.md §3.6) needs the α of a contractive compressor',
    ],
    [
      'a theory step for EF21-SGD-ideal, with the range of γ its theorem covers',
      ['--problem', 'theorem1', '--method', 'ef21-sgd-ideal', '--compressor', 'top-k:k=1', '--steps', '1'],
      'holds for every γ ∈ (0, 1/L] = (0, 1]; pass --gamma <number>',
    ],
    [
      'a hyperparameter outside its declared range, naming the flag',
      ['--problem', 'beznosikov', '--method', 'ef21-sgdm', '--eta', '1.5', '--compressor', 'top-k:k=1', '--steps', '1'],
      '--eta 1.5: ef21-sgdm needs η ∈ (0, 1]',
    ],
    [
      'a heavy-ball weight of 1',
      [
        '--problem',
        'beznosikov',
        '--method',
        'ef21-hb',
        '--eta',
        '1',
        '--compressor',
        'top-k:k=1',
        '--gamma',
        '0.1',
        '--steps',
        '1',
      ],
      '--eta 1: ef21-hb needs η ∈ [0, 1)',
    ],
    [
      'a non-integer B_init',
      [
        '--problem',
        'beznosikov',
        '--method',
        'ef21-sgdm',
        '--eta',
        '0.5',
        '--b-init',
        '1.5',
        '--compressor',
        'top-k:k=1',
        '--steps',
        '1',
      ],
      "--b-init must be an integer ≥ 1, got '1.5'",
    ],
    [
      'a bad randomness mode',
      [
        '--problem',
        'beznosikov',
        '--method',
        'ef21',
        '--randomness',
        'per-node',
        '--compressor',
        'top-k:k=1',
        '--steps',
        '1',
      ],
      "--randomness must be independent or shared, got 'per-node'",
    ],
    [
      'a missing master compressor',
      ['--problem', 'beznosikov', '--method', 'ef21-bc', '--compressor', 'top-k:k=1', '--steps', '1'],
      "ef21-bc needs --master-compressor (e.g. 'top-k:k=2')",
    ],
    [
      'more nodes than rows',
      ['--problem', 'logreg', '--data', train, '--nodes', '13', '--method', 'gd', '--steps', '1'],
      'need at least one row per node',
    ],
    [
      'a minibatch on a problem that is not a finite sum',
      ['--problem', 'beznosikov', '--method', 'sgd', '--batch', '2', '--steps', '1'],
      '--batch needs a finite-sum problem',
    ],
    ['a missing --steps', ['--problem', 'beznosikov', '--method', 'gd'], '--steps is required'],
    ['an unknown method before a missing --problem', ['--method', 'nope'], "unknown method 'nope'; known: gd, sgd"],
    [
      'an unknown method before a missing --steps and an unknown problem',
      ['--method', 'nope', '--problem', 'rosenbrock'],
      "unknown method 'nope'",
    ],
    [
      'an unknown problem',
      ['--problem', 'rosenbrock', '--method', 'gd', '--steps', '1'],
      "unknown problem 'rosenbrock'",
    ],
    [
      'a missing data file',
      ['--problem', 'logreg', '--data', join(dir, 'absent.libsvm'), '--method', 'gd', '--steps', '1'],
      'cannot read (no such file)',
    ],
    [
      'a μ that is not positive',
      ['--problem', 'beznosikov', '--method', 'agd', '--mu', '0', '--steps', '1'],
      '--mu 0: agd needs μ ∈ (0, ∞)',
    ],
    [
      'a μ above L, for the theory step',
      ['--problem', 'beznosikov', '--method', 'agd', '--mu', '100', '--steps', '1'],
      'agd: the theory step (docs/theory.md §6.2) needs 0 < μ ≤ L, got μ = 100',
    ],
    [
      'a DIANA shift step outside [0, 1]',
      [
        '--problem',
        'beznosikov',
        '--method',
        'diana',
        '--compressor',
        'rand-k:k=1,scaled',
        '--alpha',
        '1.5',
        '--steps',
        '1',
      ],
      '--alpha 1.5: diana needs α ∈ [0, 1]',
    ],
    [
      'a DIANA shift step beyond the derivation, for the theory step',
      [
        '--problem',
        'beznosikov',
        '--method',
        'diana',
        '--compressor',
        'rand-k:k=1,scaled',
        '--alpha',
        '0.9',
        '--steps',
        '1',
      ],
      'assumes 0 < α ≤ 1/(1 + ω) = 0.3333333333333333 (ω = 2), got α = 0.9; pass --gamma <number>',
    ],
    [
      'a compressor for AGD',
      ['--problem', 'beznosikov', '--method', 'agd', '--compressor', 'top-k:k=1', '--steps', '1'],
      'agd does not take --compressor (it takes --gamma, --mu)',
    ],
    [
      'a theory step for NEOLITHIC with a lossy server compressor, naming the section and the flag',
      [
        '--problem',
        'beznosikov',
        '--method',
        'neolithic',
        '--compressor',
        'top-k:k=1',
        '--master-compressor',
        'top-k:k=1',
        '--steps',
        '1',
      ],
      'neolithic: no theory step in docs/theory.md §A3.1 with a server compressor: NEOLITHIC’s step sizes were not recovered, and only with a lossless server compressor (α = 1) is it EF14 with C_R; pass --gamma <number>',
    ],
    [
      'a theory step for BEER, naming the section and the flag',
      ['--problem', 'beznosikov', '--method', 'beer', '--compressor', 'top-k:k=1', '--steps', '1'],
      'beer: no theory step in docs/theory.md §A3.2, which did not recover BEER’s step-size theorem',
    ],
    [
      'an unbiased compressor for NEOLITHIC, naming its contractive view',
      [
        '--problem',
        'beznosikov',
        '--method',
        'neolithic',
        '--compressor',
        'rand-k:k=1,scaled',
        '--gamma',
        '0.01',
        '--steps',
        '1',
      ],
      "--compressor 'rand-k:k=1,scaled': neolithic needs a contractive compressor, and rand-k(k=1,d=3,scaled) is unbiased (ω = 2); use 'contractive(rand-k:k=1,scaled)' (its contractive view C/(ω + 1), α = 0.3333333333333333, docs/theory.md §1.1 row 15)",
    ],
    [
      'a BEER consensus step outside (0, 1]',
      [
        '--problem',
        'beznosikov',
        '--method',
        'beer',
        '--compressor',
        'top-k:k=1',
        '--gamma',
        '0.01',
        '--consensus-step',
        '1.5',
        '--steps',
        '1',
      ],
      '--consensus-step 1.5: beer needs γ_c ∈ (0, 1]',
    ],
    [
      'a consensus step for a method without a graph',
      [
        '--problem',
        'beznosikov',
        '--method',
        'ef21',
        '--compressor',
        'top-k:k=1',
        '--consensus-step',
        '0.5',
        '--steps',
        '1',
      ],
      'ef21 does not take --consensus-step',
    ],
  ];
  for (const [what, args, message] of bad) {
    it(`rejects ${what} with one line on stderr and exit 2`, async () => {
      const { code, stderr } = await runToFile(args);
      expect(code).toBe(2);
      expect(stderr).toHaveLength(1);
      expect(stderr[0]).not.toContain('\n');
      expect(stderr[0]).toMatch(/^efcheck run: /);
      expect(stderr[0]).toContain(message);
    });
  }
});
