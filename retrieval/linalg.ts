/**
 * The little dense linear algebra LSA needs: a seeded Gaussian generator, Gram-Schmidt
 * orthonormalisation, and a Jacobi eigensolver for small symmetric matrices. Matrices are
 * row-major Float64Arrays; everything is deterministic for a given seed.
 */

/** mulberry32: tiny, seedable, good enough for random projections. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussianMatrix(rows: number, cols: number, seed: number): Float64Array {
  const rnd = seededRandom(seed);
  const m = new Float64Array(rows * cols);
  for (let i = 0; i < m.length; i++) {
    const u = Math.max(rnd(), 1e-12);
    m[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
  }
  return m;
}

/**
 * Orthonormalises the k columns of an n×k matrix in place (modified Gram-Schmidt, twice for
 * stability). The work runs on a column-major copy, so every inner loop reads contiguous memory
 * (the row-major loops strode k doubles a step and dominated the fit at 26 000 passages).
 */
export function orthonormalise(m: Float64Array, n: number, k: number): void {
  const t = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) t[c * n + i] = m[i * k + c]!;
  for (let pass = 0; pass < 2; pass++) {
    for (let c = 0; c < k; c++) {
      const oc = c * n;
      for (let p = 0; p < c; p++) {
        const op = p * n;
        let dot = 0;
        for (let i = 0; i < n; i++) dot += t[oc + i]! * t[op + i]!;
        for (let i = 0; i < n; i++) t[oc + i]! -= dot * t[op + i]!;
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += t[oc + i]! ** 2;
      norm = Math.sqrt(norm);
      // A rank-deficient column becomes zero rather than noise.
      const inv = norm > 1e-10 ? 1 / norm : 0;
      for (let i = 0; i < n; i++) t[oc + i]! *= inv;
    }
  }
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) m[i * k + c] = t[c * n + i]!;
}

/** Qᵀ·(A·Q) for Q (n×k) and AQ (n×k): the k×k projection of A. */
export function projectSymmetric(q: Float64Array, aq: Float64Array, n: number, k: number): Float64Array {
  const b = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < k; r++) {
      const qir = q[i * k + r]!;
      if (qir === 0) continue;
      for (let c = 0; c < k; c++) b[r * k + c]! += qir * aq[i * k + c]!;
    }
  }
  // Symmetrise away rounding asymmetry before Jacobi.
  for (let r = 0; r < k; r++) for (let c = r + 1; c < k; c++) b[r * k + c] = b[c * k + r] = (b[r * k + c]! + b[c * k + r]!) / 2;
  return b;
}

/** Cyclic Jacobi eigendecomposition of a symmetric k×k matrix: eigenvalues descending, vectors as columns. */
export function symmetricEigen(input: Float64Array, k: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(input);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += a[p * k + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * k + q]! - a[p * k + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p]!;
          const arq = a[r * k + q]!;
          a[r * k + p] = c * arp - s * arq;
          a[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r]!;
          const aqr = a[q * k + r]!;
          a[p * k + r] = c * apr - s * aqr;
          a[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p]!;
          const vrq = v[r * k + q]!;
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((x, y) => a[y * k + y]! - a[x * k + x]! || x - y);
  const values = Float64Array.from(order, (i) => a[i * k + i]!);
  const vectors = new Float64Array(k * k);
  order.forEach((src, dst) => {
    for (let r = 0; r < k; r++) vectors[r * k + dst] = v[r * k + src]!;
  });
  return { values, vectors };
}
