export type { AveragedPoint } from './averaged-points'
export { AVERAGE_SUFFIX, averagedPoints, pooledSpread, rawParameterOf, spreadOfMean } from './averaged-points'
export { chamberReadingErrors, chamberReadingNoise, chamberSetpoints, nearestSetpoint } from './chamber-noise'
export type { ComparedRun, ResultComparison, RunComparison } from './compare-runs'
export { COMPARE_LEVEL, compareRuns } from './compare-runs'
export type { Curve, CurveAxis, CurveAxisKey, CurvePoint, CurveSeries, MatchedPoint } from './curves'
export { overlayCurves } from './curves'
export type { FitParameter, GroupFit, LeastSquaresFit, LeastSquaresProblem, ObservationGroup } from './least-squares'
export { FitSingularError, fitLeastSquares } from './least-squares'
export type { ResultNoise } from './result-noise'
export { resultNoise } from './result-noise'
export type { RunData } from './run-data'
export { loadRunData } from './run-data'
export type { Regression, Uncertainty } from './statistics'
export {
  combineUncertainties,
  expandedUncertainty,
  linearRegression,
  mean,
  parabolaResidualSd,
  sampleVariance,
} from './statistics'
export { coverageFactor } from './student-t'
