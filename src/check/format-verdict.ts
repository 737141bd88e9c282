/**
 * Verdicts as text for the terminal: what was declared, what was tried (and, under the range rule, which norms the
 * contract was judged on), the worst ratio against the bound, and on failure the counterexample with its interval
 * and the replay command.
 */
import type { Contract } from '../compressors/types.ts';
import type { CheckSubject, CompressorFamily, CompressorVerdict } from './types.ts';

const parameterOf = (c: Contract): string =>
  c.kind === 'contractive'
    ? `alpha = ${c.alpha}`
    : c.kind === 'unbiased'
      ? `omega = ${c.omega}`
      : `deltaSq = ${c.deltaSq}`;

/** 'contractive, alpha = 0.25 at d=4; alpha = 0.25 at d=1000' (the parameter at the smallest and largest d tried). */
export function describeContract(family: CompressorFamily, subject: CheckSubject, dims: readonly number[]): string {
  return describeContractAt(
    subject.contract.kind,
    (d) => family.at(d).contract,
    dims.length === 0 ? [subject.dim] : dims,
  );
}

/** The same from the contract at each d (undefined or a throw: not known there), for a verdict built without the family. */
export function describeContractAt(
  kind: Contract['kind'],
  contractAt: (d: number) => Contract | undefined,
  dims: readonly number[],
): string {
  const sorted = [...dims].sort((a, b) => a - b);
  const picks = sorted.length === 0 ? [] : [...new Set([sorted[0], sorted[sorted.length - 1]])];
  const parts = picks.map((d) => {
    try {
      const c = contractAt(d);
      if (c !== undefined) return `${parameterOf(c)} at d=${d}`;
    } catch {
      // a declaration that throws at d is reported as undefined there
    }
    return `(undefined at d=${d})`;
  });
  return parts.length === 0 ? kind : `${kind}, ${parts.join('; ')}`;
}

const num = (v: number): string =>
  Object.is(v, -0)
    ? '-0'
    : Number.isInteger(v) || Math.abs(v) >= 1e-3
      ? String(Number(v.toPrecision(6)))
      : v.toExponential(3);

/** A vector for one line: all of it when short, else its head, tail and non-zero count. */
export function formatVector(x: readonly number[]): string {
  const show = (v: number): string => (Object.is(v, -0) ? '-0' : String(v));
  if (x.length <= 12) return `[${x.map(show).join(', ')}]`;
  let nnz = 0;
  for (const v of x) if (v !== 0) nnz++;
  return `[${x.slice(0, 6).map(show).join(', ')}, …, ${x.slice(-3).map(show).join(', ')}] (d=${x.length}, ${nnz} non-zero)`;
}

/** The verdict as a few lines of text (no colour codes, so it reads the same in a log file). */
export function formatVerdict(v: CompressorVerdict): string {
  const lines: string[] = [];
  const t = v.tried;
  const dimText =
    t.dimensions.length <= 8
      ? t.dimensions.join(', ')
      : `${t.dimensions[0]}…${t.dimensions[t.dimensions.length - 1]} (${t.dimensions.length} distinct)`;
  if (v.status === 'pass') {
    lines.push(`PASS ${v.name}: no violation found (z = ${v.z}, effort ${v.effort})`);
  } else {
    const f = v.failure;
    if (f === undefined) throw new Error(`${v.name}: a failing verdict carries no failure`);
    lines.push(`FAIL ${v.name}: ${f.kind} — ${f.message}`);
    lines.push(`  counterexample (d=${f.d}): x = ${formatVector(f.x)}`);
    if (f.ratio !== undefined) {
      const r = f.ratio;
      const ci = r.method === 'monte-carlo' ? ` [${num(r.low)}, ${num(r.high)}] at z=${v.z}` : '';
      lines.push(`  ratio ${num(r.estimate)}${ci} (${r.method}, ${r.samples} samples) against bound ${num(r.bound)}`);
    }
  }
  lines.push(`  contract: ${v.contract}`);
  lines.push(
    `  tried: ${t.inputs} inputs (${t.exactInputs} exact), d ∈ {${dimText}}, ${t.samples} compress calls, ${t.climbSteps} climbing steps`,
  );
  if (v.range !== undefined) {
    const n = v.range.overflow + v.range.underflow;
    lines.push(`  note: ${v.range.note} (${n} input${n === 1 ? '' : 's'} set aside; --strict-range fails on them)`);
  }
  if (v.worst !== undefined && v.status === 'pass') {
    const w = v.worst;
    const ci = w.method === 'monte-carlo' ? ` [${num(w.low)}, ${num(w.high)}]` : '';
    lines.push(
      `  worst ratio: ${num(w.estimate)}${ci} (${w.method}) vs bound ${num(w.bound)}, tightness ${num(w.tightness)}, at d=${w.d} x = ${formatVector(w.x)}`,
    );
  }
  lines.push(
    `  seed ${v.seed}, ${(v.elapsedMs / 1000).toFixed(1)} s${v.replay === undefined ? '' : ` · replay: ${v.replay}`}`,
  );
  return lines.join('\n');
}
