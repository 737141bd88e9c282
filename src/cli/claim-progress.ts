/**
 * What `efcheck report` shows while claims run: on a terminal, a bar with the claims finished, an ETA and the
 * claims running right now (several with --jobs), and the one-line outcomes once it stops; elsewhere (CI logs), one
 * line per finished claim as it finishes; nothing in tests.
 */
import cliProgress, { type GenericFormatter } from 'cli-progress';
import type { ClaimMeta } from '../report/claim.ts';
import type { ItemOutcome } from '../report/run-item.ts';
import { summarizeVerdicts } from '../report/verdict.ts';

export type ProgressMode = 'bar' | 'lines' | 'silent';

export interface ClaimProgress {
  onItemStart(meta: ClaimMeta, index: number, total: number): void;
  onItemDone(outcome: ItemOutcome, done: number, total: number): void;
  /** Ends the bar and prints the outcomes it held back. */
  stop(): void;
}

/** `[3/28] ✓ ef21-pl (4/4 pass) 1.52 s`: numbered in finishing order. */
export function outcomeLine(o: ItemOutcome, done: number, total: number): string {
  const s = summarizeVerdicts(o.result.verdicts);
  const mark = s.fail > 0 ? '✗' : s.inconclusive > 0 ? '?' : '✓';
  const counts =
    o.result.verdicts.length === 0
      ? 'measured'
      : `${s.pass}/${s.total - s.observed} pass${s.fail > 0 ? `, ${s.fail} FAIL` : ''}${s.observed > 0 ? `, ${s.observed} observed` : ''}`;
  return `[${done + 1}/${total}] ${mark} ${o.meta.id} (${counts}) ${o.seconds.toFixed(2)} s`;
}

/** 7s, 4m05s, 2h10m. */
function duration(seconds: number): string {
  const t = Math.round(seconds);
  if (t < 60) return `${t}s`;
  if (t < 3600) return `${Math.floor(t / 60)}m${String(t % 60).padStart(2, '0')}s`;
  return `${Math.floor(t / 3600)}h${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}m`;
}

/** Projected from the claims finished so far, counting down between them; unknown until the first finishes. */
function eta(startedAt: number, lastDoneAt: number, done: number, total: number, now: number): string {
  if (done === 0) return '…';
  return duration(Math.max(0, (((lastDoneAt - startedAt) / done) * total - (now - startedAt)) / 1000));
}

export function claimProgress(mode: ProgressMode, total: number): ClaimProgress {
  if (mode === 'silent') return { onItemStart: () => {}, onItemDone: () => {}, stop: () => {} };
  const running = new Set<string>();
  const startedAt = Date.now();
  let lastDoneAt = startedAt;
  const list = (): { running: string } => ({ running: [...running].join(', ') });
  if (mode === 'lines') {
    return {
      onItemStart: (meta) => void running.add(meta.id),
      onItemDone: (o, done, n) => {
        running.delete(o.meta.id);
        lastDoneAt = Date.now();
        const tail =
          done + 1 < n
            ? ` | ETA ${eta(startedAt, lastDoneAt, done + 1, n, lastDoneAt)}${running.size > 0 ? `, running: ${list().running}` : ''}`
            : '';
        console.log(outcomeLine(o, done, n) + tail);
      },
      stop: () => {},
    };
  }
  const lines: string[] = [];
  // Claims differ in cost by orders of magnitude, so the ETA firms up only as they finish.
  const format: GenericFormatter = (options, params, payload: { running: string }) => {
    const now = Date.now();
    const bar = cliProgress.Format.BarFormat(params.progress, options);
    return `report ${bar} ${params.value}/${params.total} | ${duration((now - startedAt) / 1000)} elapsed, ETA ${eta(startedAt, lastDoneAt, params.value, params.total, now)} | running: ${payload.running}`;
  };
  const bar = new cliProgress.SingleBar({ format, hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(total, 0, list());
  return {
    onItemStart: (meta) => {
      running.add(meta.id);
      bar.update(list());
    },
    onItemDone: (o, done, n) => {
      running.delete(o.meta.id);
      lastDoneAt = Date.now();
      lines.push(outcomeLine(o, done, n));
      bar.increment(1, list());
    },
    stop: () => {
      bar.stop();
      for (const l of lines) console.log(l);
    },
  };
}
