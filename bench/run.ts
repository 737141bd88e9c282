/**
 * `npm run bench [-- --out file.json] [--quick] [--methods ef21,ef21-sgdm] [--nodes 1,10,100] [--dims 1000,100000]
 *   [--target 0.5] [--reps 3] [--python python3] [--triad 16777216] [--triad-passes 10]`
 * Default: n ∈ {1, 10, 100} × d ∈ {10³, 10⁵, 10⁶} × {EF21, EF21-SGDM}, ~0.3 CPU-seconds per timed repetition,
 * median of 3 after one untimed repetition, about 3–4 minutes on 2 cores. Writes bench/results/<date>.json (or --out)
 * and prints a table.
 * Memory: n = 100 at d = 10⁶ is 0.8 GB per per-node vector set (g_i; EF21-SGDM also v_i); each side keeps the start
 * state, the current state and one round's temporaries, about 3–5 GB at the peak, and the two sides run one after
 * the other, never together.
 * Bandwidth: first a triad (bench/bandwidth.ts, 3 × 128 MiB, best of 10 passes, 3·8·N bytes per pass, no
 * write-allocate); then each row's minimum bytes per round (EF21 8·d·(6 + 2n), EF21-SGDM 8·d·(6 + 4n)), the bytes per
 * CPU second that efcheck's rate implies, and its share of the triad (efcheck's, then NumPy's).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { ADVERSARY_HEADER, adversaryBench, adversaryLine } from './adversary.ts';
import { measureTriad, PER_NODE_VECTORS, SHARED_VECTORS } from './bandwidth.ts';
import {
  machineFacts,
  runBench,
  type BenchMethod,
  type BenchOptions,
  type BenchReport,
  type BenchResult,
} from './harness.ts';

const list = (text: string): number[] => text.split(',').map((s) => Number(s.trim()));

function line(r: BenchResult): string {
  const fmt = (v: number | undefined): string =>
    v === undefined ? '—' : v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(3);
  const cells = [
    r.method.padEnd(9),
    String(r.n).padStart(4),
    r.d.toExponential(0).padStart(6),
    String(r.rounds).padStart(5),
    fmt(r.efcheck.roundsPerSecond).padStart(9),
    fmt(r.numpy?.roundsPerSecond).padStart(9),
    (r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`).padStart(7),
    (r.bandwidth === undefined ? '—' : (r.bandwidth.bytesPerRound / 1e6).toPrecision(3)).padStart(8),
    (r.bandwidth === undefined ? '—' : (r.bandwidth.efcheckBytesPerSecond / 1e9).toFixed(2)).padStart(6),
    (r.bandwidth === undefined ? '—' : r.bandwidth.efcheckOfTriad.toFixed(2)).padStart(6),
    (r.bandwidth?.numpyOfTriad == null ? '—' : r.bandwidth.numpyOfTriad.toFixed(2)).padStart(6),
    r.identical === null ? `numpy failed: ${r.numpyError ?? ''}` : r.identical ? 'bit-identical' : 'DIFFERENT x',
  ];
  return cells.join('  ');
}

export async function benchMain(argv: readonly string[]): Promise<BenchReport> {
  const program = new Command('bench')
    .option('--out <file>', 'where to write the JSON (default bench/results/<date>.json)')
    .option('--quick', 'a minute configuration (smoke test)')
    .option('--methods <list>', 'ef21,ef21-sgdm')
    .option('--nodes <list>', 'node counts, e.g. 1,10,100')
    .option('--dims <list>', 'dimensions, e.g. 1000,100000,1000000')
    .option('--target <seconds>', 'CPU seconds per timed repetition', '0.3')
    .option('--reps <r>', 'timed repetitions (median reported)', '3')
    .option('--warm <seconds>', 'CPU seconds of warm-up before sizing R', '0.2')
    .option('--python <exe>', 'python with numpy', 'python3')
    .option('--silent', 'no table on stdout')
    .option('--triad <N>', 'triad array length (default 2^24, 2^22 with --quick)')
    .option('--triad-passes <p>', 'timed triad passes (best reported; default 10, 3 with --quick)')
    .option('--no-adversary', 'skip the adversary section (its cost beside random sampling)')
    .parse(argv as string[], { from: 'user' });
  const o = program.opts<{
    out?: string;
    quick?: boolean;
    methods?: string;
    nodes?: string;
    dims?: string;
    target: string;
    reps: string;
    warm: string;
    python: string;
    silent?: boolean;
    adversary: boolean;
    triad?: string;
    triadPasses?: string;
  }>();
  const quick = o.quick === true;
  const triad = measureTriad(
    o.triad !== undefined ? Number(o.triad) : quick ? 1 << 22 : 1 << 24,
    o.triadPasses !== undefined ? Number(o.triadPasses) : quick ? 3 : 10,
  );
  if (o.silent !== true)
    console.log(
      `triad a = b + s·c, N = ${triad.length}, best of ${triad.passes}: ${(triad.bytesPerSecond / 1e9).toFixed(2)} GB/s ` +
        `per CPU second (${(triad.bytesPerWallSecond / 1e9).toFixed(2)} wall), 3·8·N bytes a pass, no write-allocate\n`,
    );
  const options: BenchOptions = {
    methods: (o.methods?.split(',') ?? ['ef21', 'ef21-sgdm']) as BenchMethod[],
    nodes: o.nodes !== undefined ? list(o.nodes) : quick ? [1, 3] : [1, 10, 100],
    dims: o.dims !== undefined ? list(o.dims) : quick ? [200] : [1e3, 1e5, 1e6],
    targetSeconds: quick ? 0.01 : Number(o.target),
    minRounds: quick ? 3 : 2,
    maxRounds: quick ? 20 : 5000,
    reps: Number(o.reps),
    warmSeconds: quick ? 0 : Number(o.warm),
    gamma: 0.01,
    eta: 0.1,
    python: o.python,
    triadBytesPerSecond: triad.bytesPerSecond,
    ...(o.silent === true ? {} : { onResult: (r: BenchResult) => console.log(line(r)) }),
  };
  for (const m of options.methods)
    if (m !== 'ef21' && m !== 'ef21-sgdm') throw new RangeError(`bench: unknown method '${m}' (ef21, ef21-sgdm)`);
  if (o.silent !== true)
    console.log(
      [
        'method   ',
        '   n',
        '     d',
        'round',
        ' efcheck/s',
        '  numpy/s',
        '  ratio',
        'MB/round',
        '  GB/s',
        '÷triad',
        'np÷tr.',
        'check',
      ].join('  '),
    );
  const results = runBench(options);
  if (o.adversary && o.silent !== true)
    console.log(
      `\nadversary vs random sampling, same evaluations (V⁺/(ρV) − 1: 0 is the known worst case)\n${ADVERSARY_HEADER}`,
    );
  const adversary = o.adversary ? adversaryBench(quick ? [2_000] : undefined) : [];
  if (o.silent !== true) for (const r of adversary) console.log(adversaryLine(r));
  const date = new Date().toISOString().slice(0, 10);
  const report: BenchReport = {
    date,
    machine: machineFacts(options.python),
    settings: {
      problem: 'f_i(x) = ½Σ a_j x_j² − s_i Σ u_j x_j (bench/harness.ts), exact gradients, x⁰ = 0, g_i⁰ = ∇f_i(x⁰)',
      compressor: 'top-k, k = ⌈d/100⌉',
      gamma: options.gamma,
      eta: options.eta,
      targetSecondsPerRep: options.targetSeconds,
      warmSeconds: options.warmSeconds,
      reps: options.reps,
      statistic:
        'median over reps of rounds per CPU second (user + system; wall-clock rates are recorded too, but other load on a shared machine inflates them); each rep runs R rounds from the same start state, after one untimed rep on both sides (it takes the allocator’s growth); efcheck first warms up for warmSeconds of CPU (at least 2 rounds) and sizes R from a further warm batch, NumPy runs 2 warm-up rounds',
      ratio: 'efcheck rounds/s ÷ NumPy rounds/s (> 1: efcheck faster)',
      triad:
        'a[j] = b[j] + s·c[j] over three Float64Arrays of length N (bench/bandwidth.ts), one untimed pass then the best of `passes`; bytes = 3·8·N per pass (read b, read c, write a; write-allocate NOT counted), per CPU second like the round rates',
      bandwidth: {
        bytesPerRound:
          'minimum bytes one round moves, each vector read or written once per round, 8·d bytes each; EF21: 8·d·(6 + 2n), EF21-SGDM: 8·d·(6 + 4n); temporaries (∇f_i, target − g_i), the sparse messages (≤ 0.75 % of a node’s bytes) and write-allocate not counted',
        sharedVectors: SHARED_VECTORS,
        perNodeVectors: PER_NODE_VECTORS,
        efcheckBytesPerSecond: 'bytesPerRound × efcheck rounds per CPU second',
        efcheckOfTriad:
          'efcheckBytesPerSecond ÷ triad.bytesPerSecond (1 = the round streams its minimum bytes at triad speed; above 1 only when the working set fits in cache)',
        numpyOfTriad: 'the same for NumPy’s rounds per CPU second',
      },
    },
    triad,
    results,
    adversary,
  };
  const out = o.out ?? join(dirname(fileURLToPath(import.meta.url)), 'results', `${date}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  if (o.silent !== true) console.log(`wrote ${relative(process.cwd(), out) || out}`);
  return report;
}

const invoked = process.argv[1];
if (invoked !== undefined && fileURLToPath(import.meta.url) === invoked) {
  await benchMain(process.argv.slice(2));
}
