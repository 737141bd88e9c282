/**
 * The broken set: deliberately wrong compressors, each with the failure kinds the checker may report for it
 * (a checker that is only run on correct compressors is untested).
 */
import type { FailureKind } from '../../src/check/types.ts';
import type { UserCompressor } from '../../src/check/user-module.ts';
import biased from './biased.ts';
import fewerKept from './fewer-kept.ts';
import largeDimensions from './large-dimensions.ts';
import mathRandom from './math-random.ts';
import misScaled from './mis-scaled.ts';
import mutatesInput from './mutates-input.ts';
import nanOutputs from './nan-outputs.ts';
import throws from './throws.ts';
import ties from './ties.ts';
import tinyMagnitudes from './tiny-magnitudes.ts';
import understatedVariance from './understated-variance.ts';
import wrongLength from './wrong-length.ts';
import zeroEntries from './zero-entries.ts';

export interface BrokenCase {
  readonly file: string;
  readonly module: UserCompressor;
  /** Any of these is a correct diagnosis. */
  readonly expected: readonly FailureKind[];
}

const as = (m: { name: string; contract: unknown; compress: unknown }): UserCompressor => m as UserCompressor;

export const brokenSet: readonly BrokenCase[] = [
  { file: 'mis-scaled.ts', module: as(misScaled), expected: ['contract', 'bias'] },
  { file: 'biased.ts', module: as(biased), expected: ['bias'] },
  { file: 'understated-variance.ts', module: as(understatedVariance), expected: ['contract'] },
  { file: 'fewer-kept.ts', module: as(fewerKept), expected: ['contract'] },
  { file: 'ties.ts', module: as(ties), expected: ['contract'] },
  { file: 'zero-entries.ts', module: as(zeroEntries), expected: ['bias', 'contract'] },
  { file: 'tiny-magnitudes.ts', module: as(tinyMagnitudes), expected: ['contract', 'bias'] },
  { file: 'large-dimensions.ts', module: as(largeDimensions), expected: ['contract'] },
  { file: 'nan-outputs.ts', module: as(nanOutputs), expected: ['finiteness'] },
  { file: 'mutates-input.ts', module: as(mutatesInput), expected: ['purity'] },
  { file: 'math-random.ts', module: as(mathRandom), expected: ['reproducibility'] },
  { file: 'wrong-length.ts', module: as(wrongLength), expected: ['shape'] },
  { file: 'throws.ts', module: as(throws), expected: ['threw'] },
];
