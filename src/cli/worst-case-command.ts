/**
 * `efcheck worst-case <claim-id> [--multiplier m] [--kappa K --delta D] [--seed N] [--effort …] [--json]`: the
 * adversary's worst case for a registered inequality claim at γ = m·γ_theory, and its critical multiplier m*
 * (the smallest multiplier in [1, 16] at which it finds a violation, shrunk). Tight claims take κ and δ and also
 * print ρ, the closed-form worst V⁺/V. Exit codes: 0 no violation at m, 1 a violation at m (printed, with the
 * replay command), 2 bad usage (unknown claim, a claim without an adversary, bad numbers).
 */
import { randomInt } from 'node:crypto';
import type { Command } from 'commander';
import { theorems } from '../../theorems/index.ts';
import { adversarySizes } from '../../theorems/_lib/power.ts';
import type { Theorem, WorstCaseParams } from '../../theorems/types.ts';
import { criticalMultiplier } from '../adversary/critical-multiplier.ts';
import { worstCase } from '../adversary/worst-case.ts';
import { BUDGETS, type Budget } from '../report/claim.ts';
import { foldIn, key } from '../rng/key.ts';

export interface WorstCaseOptions {
  readonly multiplier?: string;
  readonly kappa?: string;
  readonly delta?: string;
  readonly seed?: string;
  readonly effort: string;
  readonly json?: boolean;
}

class UsageError extends Error {}

function positive(name: string, text: string, check: (v: number) => boolean, rule: string): number {
  const v = Number(text);
  if (!(text.trim() !== '' && Number.isFinite(v) && check(v)))
    throw new UsageError(`--${name} must be ${rule}, got '${text}'`);
  return v;
}

function findClaim(id: string): Theorem {
  const t = theorems.find((x) => x.meta.id === id);
  const searchable = theorems.filter((x) => x.adversary !== undefined).map((x) => x.meta.id);
  if (t === undefined)
    throw new UsageError(`unknown claim '${id}'; claims with an adversary: ${searchable.join(', ')}`);
  if (t.adversary === undefined)
    throw new UsageError(
      `claim '${id}' is not a one-step inequality the adversary searches; claims with one: ${searchable.join(', ')}`,
    );
  return t;
}

function replayOf(
  id: string,
  o: { multiplier: number; params: WorstCaseParams; seed: number; effort: Budget },
): string {
  const parts = [`npm run efcheck -- worst-case ${id}`];
  if (o.multiplier !== 1) parts.push(`--multiplier ${o.multiplier}`);
  if (o.params.kappa !== undefined) parts.push(`--kappa ${o.params.kappa}`);
  if (o.params.delta !== undefined) parts.push(`--delta ${o.params.delta}`);
  parts.push(`--seed ${o.seed}`);
  if (o.effort !== 'default') parts.push(`--effort ${o.effort}`);
  return parts.join(' ');
}

export async function runWorstCaseCommand(id: string, opts: WorstCaseOptions): Promise<number> {
  try {
    const claim = findClaim(id);
    if (!(BUDGETS as readonly string[]).includes(opts.effort))
      throw new UsageError(`--effort must be one of ${BUDGETS.join(', ')}, got '${opts.effort}'`);
    const effort = opts.effort as Budget;
    const multiplier =
      opts.multiplier === undefined
        ? 1
        : positive('multiplier', opts.multiplier, (v) => v > 0 && v <= 1e6, 'a number in (0, 1e6]');
    const seed =
      opts.seed === undefined
        ? randomInt(0x80000000)
        : positive('seed', opts.seed, (v) => Number.isSafeInteger(v) && v >= 0, 'a non-negative integer');
    const tight = claim.adversary?.rho !== undefined;
    if (!tight && (opts.kappa !== undefined || opts.delta !== undefined))
      throw new UsageError(
        `--kappa and --delta apply to the tight claims only (${theorems
          .filter((t) => t.adversary?.rho !== undefined)
          .map((t) => t.meta.id)
          .join(', ')})`,
      );
    const params: WorstCaseParams = {
      ...(opts.kappa === undefined
        ? {}
        : { kappa: positive('kappa', opts.kappa, (v) => v > 1 && v <= 1e8, 'a number in (1, 1e8]') }),
      ...(opts.delta === undefined
        ? {}
        : { delta: positive('delta', opts.delta, (v) => v > 0 && v < 1, 'a number in (0, 1)') }),
    };
    const adversary = claim.adversary;
    if (adversary === undefined) throw new UsageError(`claim '${id}' has no adversary`);
    const space = adversary.space(params);
    const sizes = adversarySizes(effort);
    const worst = worstCase(space, multiplier, foldIn(key(seed), 0), sizes);
    const critical = criticalMultiplier(space, foldIn(key(seed), 1), sizes, [worst.candidate]);
    const rho = adversary.rho?.(params);
    const replay = replayOf(id, { multiplier, params, seed, effort });
    const result = {
      claim: id,
      seed,
      effort,
      multiplier,
      ...params,
      searched: space.description,
      ...(rho === undefined ? {} : { rho, worst: rho * worst.ratio }),
      worstRatio: worst.ratio,
      violated: worst.violated,
      sides: worst.sides,
      instance: space.json(worst.candidate),
      criticalMultiplier: critical.multiplier,
      below: critical.below,
      counterexample:
        critical.counterexample === null
          ? null
          : {
              ...space.size(critical.counterexample.candidate),
              ratio: critical.counterexample.ratio,
              instance: space.json(critical.counterexample.candidate),
            },
      evaluations: worst.evaluations + critical.evaluations,
      replay,
    };
    if (opts.json === true) console.log(JSON.stringify(result, null, 2));
    else {
      const lines = [
        `${worst.violated ? 'VIOLATED' : 'HOLDS'} ${id} at γ = ${multiplier}·γ_theory${params.kappa !== undefined || params.delta !== undefined || tight ? ` (κ = ${params.kappa ?? 10}, δ = ${params.delta ?? 0.5})` : ''}`,
        `  searched: ${space.description}`,
        rho === undefined
          ? `  worst ratio 1 + (lhs − rhs)/scale: ${worst.ratio} (lhs ${worst.sides.lhs}, rhs ${worst.sides.rhs})`
          : `  ρ (closed form) ${rho}; worst V⁺/V found ${rho * worst.ratio} (V⁺/(ρV) − 1 = ${(worst.ratio - 1).toExponential(3)})`,
        `  worst case: ${JSON.stringify(result.instance)}`,
        critical.multiplier === null
          ? `  m*: no violation up to ${critical.below}×: the theory's step is conservative by at least ${critical.below}× on the searched class`
          : `  m* ∈ (${critical.below.toPrecision(4)}, ${critical.multiplier.toPrecision(4)}]: the smallest step multiplier with a violation, shrunk to n = ${result.counterexample?.n}, d = ${result.counterexample?.d}: ${JSON.stringify(result.counterexample?.instance)}`,
        `  seed ${seed}, effort ${effort}, ${result.evaluations} evaluations · replay: ${replay}`,
      ];
      console.log(lines.join('\n'));
    }
    return worst.violated ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof RangeError) {
      console.error(`efcheck worst-case: ${e.message}`);
      if (opts.json === true) console.log(JSON.stringify({ status: 'error', claim: id, error: e.message }));
      return 2;
    }
    throw e;
  }
}

export function registerWorstCaseCommand(program: Command): void {
  program
    .command('worst-case')
    .description(
      "the adversary's worst case for a registered inequality claim, and its critical step multiplier m* (exit 0 holds, 1 violated, 2 bad usage)",
    )
    .argument('<claim-id>', "a registered claim with an adversary, e.g. 'ef21-tight'")
    .option('--multiplier <m>', 'step multiplier: γ = m·γ_theory (default 1)')
    .option('--kappa <K>', 'condition number L/μ (tight claims; default 10)')
    .option('--delta <D>', 'compressor parameter δ ∈ (0, 1) (tight claims; default 0.5)')
    .option('--seed <n>', 'seed of the search (printed; replays it exactly); default: fresh')
    .option('--effort <level>', `search size: ${BUDGETS.join(' | ')}`, 'default')
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      '\nExamples:\n  npm run efcheck -- worst-case ef21-tight --kappa 100 --delta 0.1 --seed 1\n  npm run efcheck -- worst-case ef21-lyapunov --multiplier 2 --json',
    )
    .action(async (id: string, opts: WorstCaseOptions) => {
      process.exitCode = await runWorstCaseCommand(id, opts);
    });
}
