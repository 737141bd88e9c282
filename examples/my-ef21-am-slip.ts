/**
 * A slip a researcher could make: EF21 (examples/my-ef21.ts) with the arithmetic mean L_AM = (1/n)ΣL_i in the step,
 * γ = 1/(L + L_AM ξ(α)) (ξ, θ as there), but still Theorem 1's unweighted Lyapunov function
 *   Φ = f − f_inf + (γ/(2θ))(1/n)Σ‖g_i − ∇f_i(x)‖².
 * L_AM ≤ L̃, so the step is larger than Theorem 1 allows [Richtárik, Sokolov, Fatkhullin 2021]. The larger step is
 * provable only with the weighted Φ^AM of Richtárik, Gasanov, Burlachenko (2024, Thm 3), whose node weights L_AM/L_i
 * pay for it; with the unweighted Φ the adversary finds heterogeneous instances where one step increases Φ:
 *
 *   npm run efcheck -- method examples/my-ef21-am-slip.ts   # exit 1, with the counterexample
 */
import ef21, { theta, xi } from './my-ef21.ts';

// Everything as in my-ef21.ts (the step, Φ, the decrease) but the step size: L_AM where Theorem 1 has L̃.
export default {
  ...ef21,
  name: 'my-ef21-am-slip',
  parameters: (c: { L: number; lAM: number; alpha: number }) => ({
    gamma: 1 / (c.L + c.lAM * xi(c.alpha)),
    theta: theta(c.alpha),
  }),
};
