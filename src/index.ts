/**
 * efcheck's public surface: re-exports only (optax's __init__ pattern). The CLI (src/cli) and the theorem
 * registry (theorems/) are not part of it; `efcheck/contracts` adds `assertCompressorContract` for vitest suites.
 */
export * from './linalg/vector.ts';
export * from './linalg/norms.ts';
export { key, split, foldIn, keyToString, type Key } from './rng/key.ts';
export * from './rng/sample.ts';

export * from './compressors/types.ts';
export { identity } from './compressors/identity.ts';
export { topK } from './compressors/top-k.ts';
export { randK } from './compressors/rand-k.ts';
export { bernoulliSparsifier } from './compressors/bernoulli.ts';
export { natural } from './compressors/natural.ts';
export { qsgd } from './compressors/qsgd.ts';
export { naturalDithering, naturalDitheringOmega } from './compressors/natural-dithering.ts';
export { terngrad } from './compressors/terngrad.ts';
export { scaledSign } from './compressors/scaled-sign.ts';
export { hardThreshold } from './compressors/hard-threshold.ts';
export { asContractive, scaleBy } from './compressors/scaled.ts';
export { compose } from './compressors/compose.ts';
export { permK, permKMoments, type CorrelatedCompressor } from './compressors/perm-k.ts';
export {
  compressorRegistry,
  parseCompressorSpec,
  type CompressorEntry,
  type SpecParams,
} from './compressors/registry.ts';

export * from './problems/types.ts';
export { diagonalQuadratic } from './problems/diagonal-quadratic.ts';
export { denseQuadratic, parseQuadraticJson } from './problems/dense-quadratic.ts';
export { leastSquares } from './problems/least-squares.ts';
export { logisticRegression } from './problems/logistic-regression.ts';
export { softmaxRegression } from './problems/softmax-regression.ts';
export { beznosikovInstance } from './problems/beznosikov.ts';
export { theorem1Instance } from './problems/theorem1-instance.ts';
export { readLibsvm } from './data/libsvm.ts';
export { loadMnist } from './data/mnist.ts';
export { partition } from './data/partition.ts';

export * from './oracles/types.ts';
export { exactOracle } from './oracles/exact.ts';
export { gaussianOracle } from './oracles/gaussian.ts';
export { threePointOracle } from './oracles/three-point.ts';
export { minibatchOracle } from './oracles/minibatch.ts';
export { batchGradI } from './oracles/batch-average.ts';

export * from './algorithms/types.ts';
export { methods, methodEntry, buildMethod, type MethodEntry, type MethodParams } from './algorithms/registry.ts';
export { paramsOf, type MethodDefinition } from './algorithms/method-definition.ts';
export type { TheoryStep, TheoryStepSize } from './algorithms/theory-step.ts';
export { trajectory, type Trajectory, type TrajectoryOptions } from './algorithms/run.ts';
export * from './algorithms/step-sizes.ts';

export { checkCompressor, type CheckTarget } from './check/check-compressor.ts';
export { checkFamily, type CheckOptions } from './check/check-family.ts';
export { compressorFamily, subjectOf } from './check/compressor-family.ts';
export { specFamily, catalogueFamilies } from './check/catalogue.ts';
export { formatVerdict } from './check/format-verdict.ts';
export type {
  CompressorVerdict,
  Failure,
  FailureKind,
  RatioEstimate,
  Effort,
  CompressorFamily,
} from './check/types.ts';
export { loadUserModule, ModuleShapeError, type UserCompressor, type UserContract } from './check/user-module.ts';

export { checkMethod, DEFAULT_CALL_TIMEOUT_MS, type CheckMethodOptions } from './method-check/check-method.ts';
export { formatMethodVerdict } from './method-check/format-method-verdict.ts';
export type { MethodVerdict, MethodWitness, MethodFailure } from './method-check/method-verdict.ts';
export type { MethodEffort } from './method-check/method-effort.ts';
export type {
  UserMethod,
  CompressorClass,
  ProblemConstants,
  MethodConstants,
  MethodParams as UserMethodParams,
  MethodState as UserMethodState,
  MethodProblem as UserMethodProblem,
  StepContext as UserStepContext,
} from './method-check/user-method.ts';
