/**
 * The registry: every theorem and experiment the report runs, in report order (grouped as in GROUPS of
 * src/report/claim.ts). Append new theorems here; then run `npm run theorems:readme` to regenerate
 * theorems/README.md (theorems/registry.spec.ts fails until README and registry agree, and when an entry has no
 * `.spec.ts` beside its file). Only src/cli and scripts/ import this file.
 */
import type { Theorem } from './types.ts';
import { theorem as compressorCatalogue } from './compressors/compressor-catalogue.ts';
import { theorem as theoryStepSizes } from './implementation/theory-step-sizes.ts';
import { theorem as topKBestKTerm } from './total-error/top-k-best-k-term.ts';
import { theorem as naiveCompressionDiverges } from './divergence-and-ef/naive-compression-diverges.ts';
import { theorem as ef14CorrectedIterate } from './divergence-and-ef/ef14-corrected-iterate.ts';
import { theorem as independentVsShared } from './independent-compression/independent-vs-shared.ts';
import { theorem as permKVariance } from './independent-compression/perm-k-variance.ts';
import { theorem as dianaLinearConvergence } from './unbiased-compression/diana-linear-convergence.ts';
import { theorem as dianaLyapunov } from './unbiased-compression/diana-lyapunov.ts';
import { theorem as adianaIndependentVsShared } from './unbiased-compression/adiana-independent-vs-shared.ts';
import { theorem as adianaRoundsVsKappa } from './unbiased-compression/adiana-rounds-vs-kappa.ts';
import { theorem as adianaRoundsVsOmega } from './unbiased-compression/adiana-rounds-vs-omega.ts';
import { theorem as adianaTotalCommunication } from './unbiased-compression/adiana-total-communication.ts';
import { theorem as sharedCompressionLowerBound } from './unbiased-compression/shared-compression-lower-bound.ts';
import { theorem as hardThresholdTotalError } from './total-error/hard-threshold-total-error.ts';
import { theorem as efSgdAbsoluteBound } from './total-error/ef-sgd-absolute-bound.ts';
import { theorem as thm1Ef21SgdIdealLowerBound } from './ef21-sgdm/thm1-ef21-sgd-ideal-lower-bound.ts';
import { theorem as thm2Ef21SgdmLyapunov } from './ef21-sgdm/thm2-ef21-sgdm-lyapunov.ts';
import { theorem as thm3Ef21Sgd2mLyapunov } from './ef21-sgdm/thm3-ef21-sgd2m-lyapunov.ts';
import { theorem as ef21SgdmIdealFloor } from './ef21-sgdm/ef21-sgdm-ideal-floor.ts';
import { theorem as ef21Lyapunov } from './ef21/ef21-lyapunov.ts';
import { theorem as ef21Rate } from './ef21/ef21-rate.ts';
import { theorem as ef21Pl } from './ef21/ef21-pl.ts';
import { theorem as ef21Am } from './ef21/ef21-am.ts';
import { theorem as ef21Pp } from './ef21/ef21-pp.ts';
import { theorem as ef21Bc } from './ef21/ef21-bc.ts';
import { theorem as ef21Hb } from './ef21/ef21-hb.ts';
import { theorem as ef21SgdNeighbourhood } from './ef21/ef21-sgd-neighbourhood.ts';
import { theorem as ef21wLyapunov } from './ef21-w/ef21w-lyapunov.ts';
import { theorem as ef21wStepGain } from './ef21-w/ef21w-step-gain.ts';
import { theorem as efTight } from './tight/ef-tight.ts';
import { theorem as ef21Tight } from './tight/ef21-tight.ts';
import { theorem as ef21TightWorkers } from './tight/ef21-tight-workers.ts';
import { theorem as mnistIncreasingBatch } from './experiments/mnist-increasing-batch.ts';
import { theorem as mnistImprovingWithN } from './experiments/mnist-improving-with-n.ts';
import { theorem as ef21VsEf21wSteps } from './experiments/ef21-vs-ef21w-steps.ts';
import { theorem as sgdmErrorVsN } from './rate-scaling/sgdm-error-vs-n.ts';
import { theorem as ef21IterationsVsAlpha } from './rate-scaling/ef21-iterations-vs-alpha.ts';
import { theorem as batchVsEpsilon } from './rate-scaling/batch-vs-epsilon.ts';
import { theorem as compressedSgdIterationsVsD } from './saddles/compressed-sgd-iterations-vs-d.ts';
import { theorem as compressedSgdCommunicationVsD } from './saddles/compressed-sgd-communication-vs-d.ts';
import { theorem as batchFreeAtBatchOne } from './momentum-table/batch-free-at-batch-one.ts';
import { theorem as ef14WithoutBoundedGradients } from './momentum-table/ef14-without-bounded-gradients.ts';

export const theorems: readonly Theorem[] = [
  compressorCatalogue,
  theoryStepSizes,
  ef21Lyapunov,
  ef21Rate,
  ef21Pl,
  ef21Am,
  ef21Pp,
  ef21Bc,
  ef21Hb,
  ef21SgdNeighbourhood,
  thm1Ef21SgdIdealLowerBound,
  thm2Ef21SgdmLyapunov,
  thm3Ef21Sgd2mLyapunov,
  ef21SgdmIdealFloor,
  ef21wLyapunov,
  ef21wStepGain,
  efTight,
  ef21Tight,
  ef21TightWorkers,
  naiveCompressionDiverges,
  ef14CorrectedIterate,
  independentVsShared,
  permKVariance,
  dianaLinearConvergence,
  dianaLyapunov,
  adianaIndependentVsShared,
  adianaRoundsVsKappa,
  adianaRoundsVsOmega,
  adianaTotalCommunication,
  sharedCompressionLowerBound,
  compressedSgdIterationsVsD,
  compressedSgdCommunicationVsD,
  batchFreeAtBatchOne,
  ef14WithoutBoundedGradients,
  topKBestKTerm,
  hardThresholdTotalError,
  efSgdAbsoluteBound,
  sgdmErrorVsN,
  ef21IterationsVsAlpha,
  batchVsEpsilon,
  mnistIncreasingBatch,
  mnistImprovingWithN,
  ef21VsEf21wSteps,
];
