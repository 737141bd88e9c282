import type { Contract } from '../../compressors/types.ts';
import { ContractDeclarationError } from '../types.ts';

/** The declared bound on the ratio's scale; a malformed declaration is the declarer's error, not a violation. */
export function ratioBound(c: Contract, name: string): number {
  switch (c.kind) {
    case 'contractive':
      if (!(typeof c.alpha === 'number' && c.alpha > 0 && c.alpha <= 1)) {
        throw new ContractDeclarationError(
          `${name}: contractive alpha must satisfy 0 < alpha ≤ 1, got ${String(c.alpha)}`,
        );
      }
      return 1 - c.alpha;
    case 'unbiased':
      if (!(typeof c.omega === 'number' && c.omega >= 0 && Number.isFinite(c.omega))) {
        throw new ContractDeclarationError(
          `${name}: unbiased omega must be a finite number ≥ 0, got ${String(c.omega)}`,
        );
      }
      return c.omega;
    case 'absolute':
      if (!(typeof c.deltaSq === 'number' && c.deltaSq >= 0 && Number.isFinite(c.deltaSq))) {
        throw new ContractDeclarationError(
          `${name}: absolute deltaSq must be a finite number ≥ 0, got ${String(c.deltaSq)}`,
        );
      }
      return 1;
    default:
      throw new ContractDeclarationError(`${name}: contract kind must be contractive, unbiased or absolute`);
  }
}
