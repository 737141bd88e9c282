/** The report group of the unbiased-compression claims (GROUPS in src/report/claim.ts), in one place. */
import type { Group } from '../../types.ts';

export const UNBIASED_COMPRESSION_GROUP: Group = 'unbiased-compression';
