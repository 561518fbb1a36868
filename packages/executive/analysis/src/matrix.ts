// Small dense matrices (a fit has a dozen parameters): plain arrays of rows.

export type Matrix = number[][]

export const zeros = (rows: number, cols: number): Matrix => Array.from({ length: rows }, () => new Array(cols).fill(0))

/** The lower Cholesky factor L of a symmetric positive-definite A (A = L·Lᵀ), or null if A is not. */
export function cholesky(a: Matrix): Matrix | null {
  const n = a.length
  const l = zeros(n, n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i]![j]!
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!
      if (i === j) {
        if (!(sum > 0)) return null
        l[i]![i] = Math.sqrt(sum)
      } else {
        l[i]![j] = sum / l[j]![j]!
      }
    }
  }
  return l
}

/** Solves L·Lᵀ·x = b. */
export function choleskySolve(l: Matrix, b: readonly number[]): number[] {
  const n = l.length
  const y = new Array<number>(n).fill(0)
  for (let i = 0; i < n; i++) {
    let sum = b[i]!
    for (let k = 0; k < i; k++) sum -= l[i]![k]! * y[k]!
    y[i] = sum / l[i]![i]!
  }
  const x = new Array<number>(n).fill(0)
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i]!
    for (let k = i + 1; k < n; k++) sum -= l[k]![i]! * x[k]!
    x[i] = sum / l[i]![i]!
  }
  return x
}

/** The inverse of a symmetric positive-definite matrix, or null if it is singular. */
export function inverseSpd(a: Matrix): Matrix | null {
  const l = cholesky(a)
  if (!l) return null
  const n = a.length
  const inverse = zeros(n, n)
  for (let j = 0; j < n; j++) {
    const column = choleskySolve(
      l,
      Array.from({ length: n }, (_, i) => (i === j ? 1 : 0)),
    )
    for (let i = 0; i < n; i++) inverse[i]![j] = column[i]!
  }
  return inverse
}

/** xᵀ·A·x. */
export function quadraticForm(a: Matrix, x: readonly number[]): number {
  let sum = 0
  for (let i = 0; i < x.length; i++) for (let j = 0; j < x.length; j++) sum += x[i]! * a[i]![j]! * x[j]!
  return sum
}

/** A·B. */
export function multiply(a: Matrix, b: Matrix): Matrix {
  const out = zeros(a.length, b[0]?.length ?? 0)
  for (let i = 0; i < a.length; i++) {
    for (let k = 0; k < b.length; k++) {
      const aik = a[i]![k]!
      if (aik === 0) continue
      for (let j = 0; j < out[i]!.length; j++) out[i]![j]! += aik * b[k]![j]!
    }
  }
  return out
}
