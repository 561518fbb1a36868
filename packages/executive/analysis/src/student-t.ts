// Student's t distribution, for confidence intervals with few degrees of freedom (docs/twin.md#intervals).

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms: ~15 significant digits). */
function lnGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ]
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x)
  const z = x - 1
  let sum = c[0]!
  for (let i = 1; i < 9; i++) sum += c[i]! / (z + i)
  const t = z + 7.5
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum)
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  d = 1 / (Math.abs(d) < tiny ? tiny : d)
  let h = d
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m
    for (const num of [
      (m * (b - m) * x) / ((a + m2 - 1) * (a + m2)),
      (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1)),
    ]) {
      d = 1 + num * d
      d = 1 / (Math.abs(d) < tiny ? tiny : d)
      c = 1 + num / c
      if (Math.abs(c) < tiny) c = tiny
      h *= d * c
    }
    if (Math.abs(d * c - 1) < 1e-15) break
  }
  return h
}

/** The regularised incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x))
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a
  return 1 - (front * betaFraction(1 - x, b, a)) / b
}

/** P(|T| > t) for Student's t with `dof` degrees of freedom (any real dof > 0). */
export function twoSidedTailT(t: number, dof: number): number {
  return incompleteBeta(dof / (dof + t * t), dof / 2, 0.5)
}

/** The normal quantile of 0.975 and the like (Acklam's rational approximation, refined by one Newton step). */
function normalQuantile(p: number): number {
  // Only the upper tail is needed here (p ≥ 0.5).
  const q = Math.sqrt(-2 * Math.log(1 - p))
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ]
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416]
  const x =
    -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
  const tail = 0.5 * erfc(x / Math.SQRT2)
  return x + ((tail - (1 - p)) * Math.sqrt(2 * Math.PI)) / Math.exp((-x * x) / 2)
}

/** Complementary error function (Numerical Recipes' Chebyshev fit, |error| < 1.2e-7, enough for a Newton step). */
function erfc(x: number): number {
  const z = Math.abs(x)
  const t = 1 / (1 + 0.5 * z)
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    )
  return x >= 0 ? r : 2 - r
}

/**
 * The two-sided coverage factor of Student's t: the k with P(|T| ≤ k) = `level` for `dof` degrees of freedom
 * (12.71 at 1, 2.776 at 4, 1.960 at infinity for 95 %). `dof` may be fractional (Welch–Satterthwaite).
 */
export function coverageFactor(level: number, dof: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be inside (0, 1), got ${level}`)
  if (!(dof > 0)) return Number.POSITIVE_INFINITY
  if (!Number.isFinite(dof) || dof > 1e7) return normalQuantile(0.5 + level / 2)
  const tail = 1 - level
  let lo = 0
  let hi = 1
  while (twoSidedTailT(hi, dof) > tail) hi *= 2
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2
    if (twoSidedTailT(mid, dof) > tail) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}
