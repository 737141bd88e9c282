/**
 * The registry: every theorem and experiment the report runs, in report order (grouped as in GROUPS of
 * src/report/claim.ts). Append new theorems here; then run `npm run theorems:readme` to regenerate
 * theorems/README.md (theorems/registry.spec.ts fails until README and registry agree, and when an entry has no
 * `.spec.ts` beside its file). Only src/cli and scripts/ import this file.
 */
import type { Theorem } from './types.ts';
import { theorem as topKBestKTerm } from './total-error/top-k-best-k-term.ts';

export const theorems: readonly Theorem[] = [topKBestKTerm];
