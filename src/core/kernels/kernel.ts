/**
 * The kernel layer: every heavy operation of training goes through this small interface, so the
 * float64 reference and the fast float32 paths share every line above it (layers, network,
 * optimizers, training loop). All matrices are flat, row-major typed arrays; in a mini-batch each
 * row is one sample, so a layer's weighted inputs are Z (rows × units) = A_prev (rows × inputs) · Wᵀ.
 */
import type { ActivationName } from '../activations.ts';
import type { LossName } from '../losses.ts';
import type { OptimizerName, UpdateContext } from '../optimizers.ts';
import type { DType, Float } from '../tensor.ts';

/** The operations training needs, on flat row-major typed arrays of one dtype: GEMM, bias + activation, their backward, loss and δ, column sums, axpy. */
export interface Kernel {
  /** Registry name, e.g. "reference". */
  readonly name: string;
  readonly dtype: DType;

  /** A zero-filled array of this kernel's dtype. */
  alloc(length: number): Float;

  /**
   * General matrix multiply: C (m×n) ← alpha · op(A) · op(B) + beta · C,
   * where op(A) is m×k (A is stored k×m when transA) and op(B) is k×n (B stored n×k when transB).
   * beta is 0 (overwrite C) or 1 (accumulate into C).
   */
  gemm(
    transA: boolean, transB: boolean, m: number, n: number, k: number,
    alpha: number, A: Float, B: Float, beta: 0 | 1, C: Float,
  ): void;

  /** Forward of a dense layer after the product: Z ← Z + b (b added to every row), A ← g(Z). */
  biasActivate(Z: Float, b: Float, A: Float, rows: number, cols: number, activation: ActivationName): void;

  /** Backward through an elementwise activation: out ← G ⊙ g′(Z) (A = g(Z) given). Not softmax. */
  activationBackward(G: Float, Z: Float, A: Float, out: Float, rows: number, cols: number, activation: ActivationName): void;

  /**
   * Loss of the output layer and its delta δ_L = ∂loss/∂z, per sample (not divided by the batch size).
   * Uses the fused rule δ = a − y for softmax + cross-entropy and sigmoid + binary cross-entropy.
   * Returns the loss summed over the rows.
   */
  outputDelta(
    Z: Float, A: Float, Y: Float, delta: Float, rows: number, cols: number,
    activation: ActivationName, loss: LossName,
  ): number;

  /** Loss summed over rows, without computing a delta (evaluation). */
  lossSum(Z: Float, A: Float, Y: Float, rows: number, cols: number, activation: ActivationName, loss: LossName): number;

  /** out[j] ← alpha · Σᵢ X[i, j]  (column sums; the bias gradient). */
  sumRows(X: Float, rows: number, cols: number, alpha: number, out: Float): void;

  /** y ← y + alpha · x over n elements. */
  axpy(n: number, alpha: number, x: Float, y: Float): void;

  /**
   * Gathers a mini-batch: dst row r ← src row order[start + r], for `rows` rows of `cols` numbers.
   * src may be bytes (image pixels), each standing for `values[byte]` (a table of 256, e.g.
   * byte/255): the training loop then never holds the whole data set as floats.
   */
  gather(src: Float | Uint8Array, cols: number, order: Uint32Array, start: number, rows: number, dst: Float, values?: Float32Array): void;

  /**
   * One optimizer step over all of p, fused into one pass: p ← rule(p, g) with the rule's buffers
   * (none for sgd; v for momentum and nesterov; m and s for adam), updated in place. The reference
   * runs the record's own loop (optimizers.ts); native runs the record's opcode in one SIMD pass.
   */
  update(rule: OptimizerName, p: Float, g: Float, buffers: readonly Float[], c: UpdateContext): void;
}
