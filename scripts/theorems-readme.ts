/**
 * `npm run theorems:readme`: writes theorems/README.md, the index of the registry (theorems/index.ts). The text is
 * a pure function of the registry's metadata (no check is run), so theorems/registry.spec.ts can regenerate it and
 * fail when the committed file disagrees.
 */
import { realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { theorems } from '../theorems/index.ts';
import type { TheoremMeta } from '../theorems/types.ts';
import { groupTitle, provenanceLabel } from '../src/report/claim.ts';
import { claimSource, escapeCell, formula, markdownTable } from '../src/report/markdown.ts';

export const README_PATH: string = join(dirname(dirname(fileURLToPath(import.meta.url))), 'theorems', 'README.md');

/** The README text for a list of theorem metadata, in registry order. */
export function renderTheoremsReadme(metas: readonly TheoremMeta[]): string {
  const rows = metas.map((m) => [
    `\`${m.id}\``,
    formula(m.statement),
    escapeCell(claimSource(m)),
    m.kind,
    provenanceLabel(m.provenance),
    `[${escapeCell(m.file.replace(/^theorems\//, ''))}](${m.file.replace(/^theorems\//, '')})`,
    m.status === 'known-gap' ? `⚠️ known gap: ${escapeCell(m.gap ?? '')}` : 'checked',
  ]);
  const groups = [...new Set(metas.map((m) => m.group))];
  return [
    '# theorems/',
    '',
    'Generated from the registry (`theorems/index.ts`) by `npm run theorems:readme`; do not edit by hand.',
    '`theorems/registry.spec.ts` fails when this file and the registry disagree, or when a theorem has no `.spec.ts`',
    'beside it. How to add a theorem: [`_template.ts`](_template.ts). The checked numbers are in [`../reports/`](../reports/README.md).',
    '',
    `${metas.length} claim${metas.length === 1 ? '' : 's'} in ${groups.length} group${groups.length === 1 ? '' : 's'} (${groups.map(groupTitle).join(', ')}).`,
    '',
    markdownTable(['id', 'claim', 'paper and theorem', 'kind', 'provenance', 'file', 'status'], rows),
    '',
    "Provenance (docs/theory.md §0.1): [P] the paper's own statement; [D] derived and checked numerically here; [R]",
    'reconstruction. [D]/[R] claims are named "derived form of …" / "reconstructed form of …".',
    '',
  ].join('\n');
}

const invoked = process.argv[1];
if (invoked !== undefined && realpathSync(invoked) === realpathSync(fileURLToPath(import.meta.url))) {
  writeFileSync(README_PATH, renderTheoremsReadme(theorems.map((t) => t.meta)));
  console.log(`wrote ${relative(process.cwd(), README_PATH)} (${theorems.length} theorems)`);
}
