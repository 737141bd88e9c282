/**
 * Bounded gradients on batch-free-at-batch-one's instance [D]: EF14-SGD's BG and NEOLITHIC's BGS assumptions
 * (docs/theory.md §5.5, §A3.1) hold there, so every row of the complexity table runs inside its own assumptions.
 */
import type { Dataset } from '../../../src/data/dataset.ts';

/**
 * The BG constant [D]: ‖∇f_ij(x)‖ ≤ ‖a_j‖ + ‖∇r(x)‖ ≤ max_j ‖a_j‖ + λ·9√d/(8√3), since the logistic part of ∇f_ij
 * is −y σ(−y a_jᵀx) a_j with σ ∈ (0, 1), and each ∇_k r = 2λx_k/(1 + x_k²)² has |·| ≤ 2λ·max_t t/(1 + t²)² =
 * 2λ·(1/√3)/(4/3)² = λ·9/(8√3), attained at t = 1/√3.
 */
export function boundedGradientConstant(data: Dataset, lambda: number): number {
  let maxNorm = 0;
  for (let r = 0; r < data.m; r++) {
    let s = 0;
    for (let e = data.rowPtr[r]; e < data.rowPtr[r + 1]; e++) s += data.values[e] ** 2;
    maxNorm = Math.max(maxNorm, Math.sqrt(s));
  }
  return maxNorm + (lambda * 9 * Math.sqrt(data.dim)) / (8 * Math.sqrt(3));
}
