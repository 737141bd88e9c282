/**
 * The four methods of the EF21-SGDM poster's experiments (docs/theory.md §5.6), as mnist-increasing-batch and
 * mnist-improving-with-n run them: EF14-SGD, EF21-SGD, and the two momentum methods at one untuned η.
 */
import type { MethodSpec } from './tuned-runs.ts';

export function posterMethods(eta: number): readonly MethodSpec[] {
  return [
    { id: 'ef14', label: 'EF14-SGD', params: {} },
    { id: 'ef21-sgd', label: 'EF21-SGD', params: {} },
    { id: 'ef21-sgdm', label: `EF21-SGDM (η=${eta})`, params: { eta } },
    { id: 'ef21-sgd2m', label: `EF21-SGD2M (η=${eta})`, params: { eta } },
  ];
}
