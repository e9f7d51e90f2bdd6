;; The WebAssembly SIMD GEMM of bpnet's "wasm" kernel, written by hand (assembled by
;; scripts/build-wasm.mjs into gemm-wasm.ts). The caller copies the operands into memory as they
;; are stored (a memcpy each); the transposes are folded into the reads, so no JavaScript loop
;; touches an element:
;;
;;   packBn / packBt: op(B) (k × n) into panels of 8 columns, from B stored k × n or n × k
;;   mm:              C (m × n) ← alpha · op(A) · op(B) (+ C when beta ≠ 0)
;;   biasAct:         Z ← Z + b per row, A ← g(Z) for the activations without exp (opcodes of
;;                    the activation records: 0 linear, 1 relu, 2 leaky-relu)
;;   actBack:         out ← G ⊙ g′(Z) for the same activations
;;   sumRows:         out[j] ← alpha · Σᵢ X[i, j] (the bias gradient)
;;   update:          one optimizer step (opcodes of the optimizer records: 0 sgd, 1 momentum,
;;                    2 nesterov, 3 adam), as optimizers.ts writes it
;;
;; Pointers are byte offsets. op(A)[i, p] is read at pA + i·sI + p·sP (sI = 4k, sP = 4 for A;
;; sI = 4, sP = 4m for Aᵀ). Packed B: panel j holds op(B)[p, 8j .. 8j+7] at byte (j·k + p)·32, zero
;; beyond n, so the inner loop reads both operands sequentially. One register tile is 4 rows × 8
;; columns = 8 f32x4 accumulators, few enough for the 16 SIMD registers of x86-64 (and of most ARM
;; cores' NEON): the loop runs without spilling. A row of op(A) is broadcast by v128.load32_splat
;; (one load, no shuffle: the shuffle ports stay free for the adds).
(module
  (memory (export "memory") 1)

  ;; op(B)[p, j+q] = B[p·n + j + q]: two vector loads per row of a full panel.
  (func (export "packBn") (param $src i32) (param $k i32) (param $n i32) (param $dst i32)
    (local $j i32) (local $p i32) (local $q i32) (local $s i32) (local $rowBytes i32) (local $cols i32)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 2)))
    (block $done
      (loop $panels
        (br_if $done (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $cols (i32.sub (local.get $n) (local.get $j)))
        (local.set $s (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $p (i32.const 0))
        (if (i32.ge_u (local.get $cols) (i32.const 8))
          (then
            (block $full
              (loop $rows
                (br_if $full (i32.ge_u (local.get $p) (local.get $k)))
                (v128.store (local.get $dst) (v128.load (local.get $s)))
                (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $s)))
                (local.set $s (i32.add (local.get $s) (local.get $rowBytes)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $rows))))
          (else
            (block $edge
              (loop $rows
                (br_if $edge (i32.ge_u (local.get $p) (local.get $k)))
                (v128.store (local.get $dst) (v128.const i32x4 0 0 0 0))
                (v128.store offset=16 (local.get $dst) (v128.const i32x4 0 0 0 0))
                (local.set $q (i32.const 0))
                (block $qDone
                  (loop $qs
                    (br_if $qDone (i32.ge_u (local.get $q) (local.get $cols)))
                    (f32.store (i32.add (local.get $dst) (i32.shl (local.get $q) (i32.const 2)))
                      (f32.load (i32.add (local.get $s) (i32.shl (local.get $q) (i32.const 2)))))
                    (local.set $q (i32.add (local.get $q) (i32.const 1)))
                    (br $qs)))
                (local.set $s (i32.add (local.get $s) (local.get $rowBytes)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $rows)))))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $panels))))

  ;; op(B)[p, j+q] = B[(j+q)·k + p]: 8 rows of B read 4 numbers at a time and transposed in
  ;; registers (two 4×4 transposes, 16 shuffles per 32 numbers).
  (func (export "packBt") (param $src i32) (param $k i32) (param $n i32) (param $dst i32)
    (local $j i32) (local $p i32) (local $q i32) (local $rowBytes i32) (local $rows i32) (local $d i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32) (local $r4 i32) (local $r5 i32) (local $r6 i32) (local $r7 i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $y0 v128) (local $y1 v128) (local $y2 v128) (local $y3 v128)
    (local.set $rowBytes (i32.shl (local.get $k) (i32.const 2)))
    (block $done
      (loop $panels
        (br_if $done (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $rows (i32.sub (local.get $n) (local.get $j)))
        (local.set $r0 (i32.add (local.get $src) (i32.mul (local.get $j) (local.get $rowBytes))))
        (local.set $p (i32.const 0))
        (if (i32.ge_u (local.get $rows) (i32.const 8))
          (then
            (local.set $r1 (i32.add (local.get $r0) (local.get $rowBytes)))
            (local.set $r2 (i32.add (local.get $r1) (local.get $rowBytes)))
            (local.set $r3 (i32.add (local.get $r2) (local.get $rowBytes)))
            (local.set $r4 (i32.add (local.get $r3) (local.get $rowBytes)))
            (local.set $r5 (i32.add (local.get $r4) (local.get $rowBytes)))
            (local.set $r6 (i32.add (local.get $r5) (local.get $rowBytes)))
            (local.set $r7 (i32.add (local.get $r6) (local.get $rowBytes)))
            (block $quads
              (loop $quad
                (br_if $quads (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $k)))
                ;; rows j..j+3 → columns 0..3 of rows p..p+3 of the panel
                (local.set $v0 (v128.load (local.get $r0))) (local.set $v1 (v128.load (local.get $r1)))
                (local.set $v2 (v128.load (local.get $r2))) (local.set $v3 (v128.load (local.get $r3)))
                (local.set $x0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v0) (local.get $v1)))
                (local.set $x1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v0) (local.get $v1)))
                (local.set $x2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v2) (local.get $v3)))
                (local.set $x3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v2) (local.get $v3)))
                (v128.store (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $x0) (local.get $x2)))
                (v128.store offset=32 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $x0) (local.get $x2)))
                (v128.store offset=64 (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $x1) (local.get $x3)))
                (v128.store offset=96 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $x1) (local.get $x3)))
                ;; rows j+4..j+7 → columns 4..7
                (local.set $v0 (v128.load (local.get $r4))) (local.set $v1 (v128.load (local.get $r5)))
                (local.set $v2 (v128.load (local.get $r6))) (local.set $v3 (v128.load (local.get $r7)))
                (local.set $y0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v0) (local.get $v1)))
                (local.set $y1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v0) (local.get $v1)))
                (local.set $y2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v2) (local.get $v3)))
                (local.set $y3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v2) (local.get $v3)))
                (v128.store offset=16 (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $y0) (local.get $y2)))
                (v128.store offset=48 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $y0) (local.get $y2)))
                (v128.store offset=80 (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $y1) (local.get $y3)))
                (v128.store offset=112 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $y1) (local.get $y3)))
                (local.set $r0 (i32.add (local.get $r0) (i32.const 16))) (local.set $r1 (i32.add (local.get $r1) (i32.const 16)))
                (local.set $r2 (i32.add (local.get $r2) (i32.const 16))) (local.set $r3 (i32.add (local.get $r3) (i32.const 16)))
                (local.set $r4 (i32.add (local.get $r4) (i32.const 16))) (local.set $r5 (i32.add (local.get $r5) (i32.const 16)))
                (local.set $r6 (i32.add (local.get $r6) (i32.const 16))) (local.set $r7 (i32.add (local.get $r7) (i32.const 16)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 128)))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (br $quad)))))
        ;; The panel's rows left (the last k mod 4 of a full panel, all k of an edge panel) one
        ;; number at a time, zero beyond n.
        (if (i32.gt_u (local.get $rows) (i32.const 8)) (then (local.set $rows (i32.const 8))))
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $p) (local.get $k)))
            (local.set $q (i32.const 0))
            (block $qDone
              (loop $qs
                (br_if $qDone (i32.ge_u (local.get $q) (i32.const 8)))
                (local.set $d (i32.add (local.get $dst) (i32.shl (local.get $q) (i32.const 2))))
                (if (i32.lt_u (local.get $q) (local.get $rows))
                  (then (f32.store (local.get $d) (f32.load (i32.add (local.get $src)
                    (i32.shl (i32.add (i32.mul (i32.add (local.get $j) (local.get $q)) (local.get $k)) (local.get $p)) (i32.const 2))))))
                  (else (f32.store (local.get $d) (f32.const 0))))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (br $qs)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $tail)))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $panels))))

  ;; C (m × n, row stride 4n bytes) ← alpha · op(A) · op(B) (+ C when beta ≠ 0); tmp: 128 bytes of
  ;; scratch for the tiles at the bottom and right edges. Rows of a tile beyond m repeat row m − 1
  ;; (computed, never stored), so nothing is read outside op(A).
  (func (export "mm")
    (param $pA i32) (param $sI i32) (param $sP i32) (param $pB i32) (param $pC i32)
    (param $m i32) (param $n i32) (param $k i32) (param $alpha f32) (param $beta i32) (param $tmp i32)
    (local $i i32) (local $j i32) (local $ldc i32) (local $panelBytes i32) (local $last i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $b i32) (local $bEnd i32) (local $c i32)
    (local $rows i32) (local $cols i32) (local $r i32) (local $q i32) (local $t i32) (local $x f32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $s v128)
    (local.set $ldc (i32.shl (local.get $n) (i32.const 2)))
    (local.set $panelBytes (i32.shl (local.get $k) (i32.const 5)))
    (local.set $last (i32.add (local.get $pA) (i32.mul (i32.sub (local.get $m) (i32.const 1)) (local.get $sI))))
    (block $rowsDone
      (loop $rowTiles
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $rows (i32.sub (local.get $m) (local.get $i)))
        (if (i32.gt_u (local.get $rows) (i32.const 4)) (then (local.set $rows (i32.const 4))))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $colTiles
            (br_if $colsDone (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0))
            (local.set $c10 (v128.const i32x4 0 0 0 0)) (local.set $c11 (v128.const i32x4 0 0 0 0))
            (local.set $c20 (v128.const i32x4 0 0 0 0)) (local.set $c21 (v128.const i32x4 0 0 0 0))
            (local.set $c30 (v128.const i32x4 0 0 0 0)) (local.set $c31 (v128.const i32x4 0 0 0 0))
            ;; a0..a3 walk rows i..i+3 of op(A) (clamped to the last row); b walks panel j/8.
            (local.set $a0 (i32.add (local.get $pA) (i32.mul (local.get $i) (local.get $sI))))
            (local.set $a1 (select (i32.add (local.get $a0) (local.get $sI)) (local.get $last) (i32.gt_u (local.get $rows) (i32.const 1))))
            (local.set $a2 (select (i32.add (local.get $a1) (local.get $sI)) (local.get $last) (i32.gt_u (local.get $rows) (i32.const 2))))
            (local.set $a3 (select (i32.add (local.get $a2) (local.get $sI)) (local.get $last) (i32.gt_u (local.get $rows) (i32.const 3))))
            (local.set $b (i32.add (local.get $pB) (i32.mul (i32.shr_u (local.get $j) (i32.const 3)) (local.get $panelBytes))))
            (local.set $bEnd (i32.add (local.get $b) (local.get $panelBytes)))
            (block $kDone
              (loop $inner
                (br_if $kDone (i32.ge_u (local.get $b) (local.get $bEnd)))
                (local.set $b0 (v128.load (local.get $b)))
                (local.set $b1 (v128.load offset=16 (local.get $b)))
                (local.set $s (v128.load32_splat (local.get $a0)))
                (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $s) (local.get $b0))))
                (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $s) (local.get $b1))))
                (local.set $s (v128.load32_splat (local.get $a1)))
                (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $s) (local.get $b0))))
                (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $s) (local.get $b1))))
                (local.set $s (v128.load32_splat (local.get $a2)))
                (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $s) (local.get $b0))))
                (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $s) (local.get $b1))))
                (local.set $s (v128.load32_splat (local.get $a3)))
                (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $s) (local.get $b0))))
                (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $s) (local.get $b1))))
                (local.set $a0 (i32.add (local.get $a0) (local.get $sP)))
                (local.set $a1 (i32.add (local.get $a1) (local.get $sP)))
                (local.set $a2 (i32.add (local.get $a2) (local.get $sP)))
                (local.set $a3 (i32.add (local.get $a3) (local.get $sP)))
                (local.set $b (i32.add (local.get $b) (i32.const 32)))
                (br $inner)))
            (if (f32.ne (local.get $alpha) (f32.const 1))
              (then
                (local.set $s (f32x4.splat (local.get $alpha)))
                (local.set $c00 (f32x4.mul (local.get $c00) (local.get $s))) (local.set $c01 (f32x4.mul (local.get $c01) (local.get $s)))
                (local.set $c10 (f32x4.mul (local.get $c10) (local.get $s))) (local.set $c11 (f32x4.mul (local.get $c11) (local.get $s)))
                (local.set $c20 (f32x4.mul (local.get $c20) (local.get $s))) (local.set $c21 (f32x4.mul (local.get $c21) (local.get $s)))
                (local.set $c30 (f32x4.mul (local.get $c30) (local.get $s))) (local.set $c31 (f32x4.mul (local.get $c31) (local.get $s)))))
            (local.set $c (i32.add (local.get $pC) (i32.add (i32.mul (local.get $i) (local.get $ldc)) (i32.shl (local.get $j) (i32.const 2)))))
            (if (i32.and (i32.eq (local.get $rows) (i32.const 4)) (i32.le_u (i32.add (local.get $j) (i32.const 8)) (local.get $n)))
              (then
                ;; A whole tile: straight into C.
                (if (local.get $beta)
                  (then
                    (local.set $t (local.get $c))
                    (local.set $c00 (f32x4.add (local.get $c00) (v128.load (local.get $t))))
                    (local.set $c01 (f32x4.add (local.get $c01) (v128.load offset=16 (local.get $t))))
                    (local.set $t (i32.add (local.get $t) (local.get $ldc)))
                    (local.set $c10 (f32x4.add (local.get $c10) (v128.load (local.get $t))))
                    (local.set $c11 (f32x4.add (local.get $c11) (v128.load offset=16 (local.get $t))))
                    (local.set $t (i32.add (local.get $t) (local.get $ldc)))
                    (local.set $c20 (f32x4.add (local.get $c20) (v128.load (local.get $t))))
                    (local.set $c21 (f32x4.add (local.get $c21) (v128.load offset=16 (local.get $t))))
                    (local.set $t (i32.add (local.get $t) (local.get $ldc)))
                    (local.set $c30 (f32x4.add (local.get $c30) (v128.load (local.get $t))))
                    (local.set $c31 (f32x4.add (local.get $c31) (v128.load offset=16 (local.get $t))))))
                (v128.store (local.get $c) (local.get $c00)) (v128.store offset=16 (local.get $c) (local.get $c01))
                (local.set $c (i32.add (local.get $c) (local.get $ldc)))
                (v128.store (local.get $c) (local.get $c10)) (v128.store offset=16 (local.get $c) (local.get $c11))
                (local.set $c (i32.add (local.get $c) (local.get $ldc)))
                (v128.store (local.get $c) (local.get $c20)) (v128.store offset=16 (local.get $c) (local.get $c21))
                (local.set $c (i32.add (local.get $c) (local.get $ldc)))
                (v128.store (local.get $c) (local.get $c30)) (v128.store offset=16 (local.get $c) (local.get $c31)))
              (else
                ;; An edge tile: through tmp, then the rows × cols numbers that are inside C.
                (v128.store (local.get $tmp) (local.get $c00)) (v128.store offset=16 (local.get $tmp) (local.get $c01))
                (v128.store offset=32 (local.get $tmp) (local.get $c10)) (v128.store offset=48 (local.get $tmp) (local.get $c11))
                (v128.store offset=64 (local.get $tmp) (local.get $c20)) (v128.store offset=80 (local.get $tmp) (local.get $c21))
                (v128.store offset=96 (local.get $tmp) (local.get $c30)) (v128.store offset=112 (local.get $tmp) (local.get $c31))
                (local.set $cols (i32.sub (local.get $n) (local.get $j)))
                (if (i32.gt_u (local.get $cols) (i32.const 8)) (then (local.set $cols (i32.const 8))))
                (local.set $r (i32.const 0))
                (block $rDone
                  (loop $rs
                    (br_if $rDone (i32.ge_u (local.get $r) (local.get $rows)))
                    (local.set $q (i32.const 0))
                    (block $qDone
                      (loop $qs
                        (br_if $qDone (i32.ge_u (local.get $q) (local.get $cols)))
                        (local.set $t (i32.add (local.get $c) (i32.shl (local.get $q) (i32.const 2))))
                        (local.set $x (f32.load (i32.add (local.get $tmp)
                          (i32.shl (i32.add (i32.shl (local.get $r) (i32.const 3)) (local.get $q)) (i32.const 2)))))
                        (if (local.get $beta) (then (local.set $x (f32.add (local.get $x) (f32.load (local.get $t))))))
                        (f32.store (local.get $t) (local.get $x))
                        (local.set $q (i32.add (local.get $q) (i32.const 1)))
                        (br $qs)))
                    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
                    (local.set $r (i32.add (local.get $r) (i32.const 1)))
                    (br $rs)))))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $colTiles)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rowTiles))))
  ;; g(z) for opcodes 0 (z), 1 (z > 0 ? z : 0), 2 (z > 0 ? z : slope·z); a NaN takes the "else" side
  ;; as in JavaScript.
  (func $act (param $z v128) (param $op i32) (param $slope v128) (result v128)
    (if (result v128) (i32.eqz (local.get $op))
      (then (local.get $z))
      (else
        (v128.bitselect (local.get $z)
          (if (result v128) (i32.eq (local.get $op) (i32.const 1))
            (then (v128.const i32x4 0 0 0 0))
            (else (f32x4.mul (local.get $z) (local.get $slope))))
          (f32x4.gt (local.get $z) (v128.const i32x4 0 0 0 0))))))

  ;; g′(z) for the same opcodes: 1, or (z > 0 ? 1 : 0), or (z > 0 ? 1 : slope).
  (func $dact (param $z v128) (param $op i32) (param $slope v128) (result v128)
    (if (result v128) (i32.eqz (local.get $op))
      (then (f32x4.splat (f32.const 1)))
      (else
        (v128.bitselect (f32x4.splat (f32.const 1))
          (if (result v128) (i32.eq (local.get $op) (i32.const 1))
            (then (v128.const i32x4 0 0 0 0))
            (else (local.get $slope)))
          (f32x4.gt (local.get $z) (v128.const i32x4 0 0 0 0))))))

  ;; Z (rows × cols) ← Z + b in every row, A ← g(Z). Vectors of 4 along each row, the rest one by one.
  (func (export "biasAct") (param $z i32) (param $b i32) (param $a i32) (param $rows i32) (param $cols i32) (param $op i32) (param $slope f32)
    (local $i i32) (local $j i32) (local $sl v128) (local $v v128) (local $x f32) (local $vecEnd i32)
    (local.set $sl (f32x4.splat (local.get $slope)))
    (local.set $vecEnd (i32.and (local.get $cols) (i32.const -4)))
    (block $done
      (loop $rowLoop
        (br_if $done (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $j (i32.const 0))
        (block $vDone
          (loop $vs
            (br_if $vDone (i32.ge_u (local.get $j) (local.get $vecEnd)))
            (local.set $v (f32x4.add (v128.load (local.get $z)) (v128.load (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))))
            (v128.store (local.get $z) (local.get $v))
            (v128.store (local.get $a) (call $act (local.get $v) (local.get $op) (local.get $sl)))
            (local.set $z (i32.add (local.get $z) (i32.const 16)))
            (local.set $a (i32.add (local.get $a) (i32.const 16)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $vs)))
        (block $sDone
          (loop $ss
            (br_if $sDone (i32.ge_u (local.get $j) (local.get $cols)))
            (local.set $v (f32x4.splat (f32.add (f32.load (local.get $z)) (f32.load (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2)))))))
            (f32.store (local.get $z) (f32x4.extract_lane 0 (local.get $v)))
            (f32.store (local.get $a) (f32x4.extract_lane 0 (call $act (local.get $v) (local.get $op) (local.get $sl))))
            (local.set $z (i32.add (local.get $z) (i32.const 4)))
            (local.set $a (i32.add (local.get $a) (i32.const 4)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $ss)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rowLoop))))

  ;; out ← G ⊙ g′(Z) over n numbers.
  (func (export "actBack") (param $g i32) (param $z i32) (param $out i32) (param $n i32) (param $op i32) (param $slope f32)
    (local $i i32) (local $sl v128) (local $vecEnd i32)
    (local.set $sl (f32x4.splat (local.get $slope)))
    (local.set $vecEnd (i32.and (local.get $n) (i32.const -4)))
    (block $vDone
      (loop $vs
        (br_if $vDone (i32.ge_u (local.get $i) (local.get $vecEnd)))
        (v128.store (local.get $out) (f32x4.mul (v128.load (local.get $g)) (call $dact (v128.load (local.get $z)) (local.get $op) (local.get $sl))))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $z (i32.add (local.get $z) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $vs)))
    (block $sDone
      (loop $ss
        (br_if $sDone (i32.ge_u (local.get $i) (local.get $n)))
        (f32.store (local.get $out) (f32.mul (f32.load (local.get $g))
          (f32x4.extract_lane 0 (call $dact (f32x4.splat (f32.load (local.get $z))) (local.get $op) (local.get $sl)))))
        (local.set $g (i32.add (local.get $g) (i32.const 4)))
        (local.set $z (i32.add (local.get $z) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $ss))))

  ;; One step of an optimizer over n parameters p with gradients g and buffers v (momentum's
  ;; velocity, adam's m) and s (adam's second moment); n is a multiple of 4 (the caller pads).
  ;; c1, c2: adam's bias corrections 1 − β₁ᵗ, 1 − β₂ᵗ.
  (func (export "update") (param $rule i32) (param $p i32) (param $g i32) (param $v i32) (param $s i32) (param $n i32)
    (param $lr f32) (param $mu f32) (param $b1 f32) (param $b2 f32) (param $eps f32) (param $c1 f32) (param $c2 f32)
    (local $end i32) (local $LR v128) (local $MU v128) (local $B1 v128) (local $B2 v128) (local $E v128) (local $C1 v128) (local $C2 v128)
    (local $G v128) (local $V v128) (local $S v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $LR (f32x4.splat (local.get $lr))) (local.set $MU (f32x4.splat (local.get $mu)))
    (local.set $B1 (f32x4.splat (local.get $b1))) (local.set $B2 (f32x4.splat (local.get $b2)))
    (local.set $E (f32x4.splat (local.get $eps)))
    (local.set $C1 (f32x4.splat (local.get $c1))) (local.set $C2 (f32x4.splat (local.get $c2)))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $G (v128.load (local.get $g)))
        (block $next
          (if (i32.eqz (local.get $rule))
            (then
              ;; sgd: p ← p − η·g
              (v128.store (local.get $p) (f32x4.sub (v128.load (local.get $p)) (f32x4.mul (local.get $LR) (local.get $G))))
              (br $next)))
          (if (i32.le_u (local.get $rule) (i32.const 2))
            (then
              ;; v ← μ·v − η·g;  p ← p + v (momentum) or p + μ·v − η·g (nesterov)
              (local.set $V (f32x4.sub (f32x4.mul (local.get $MU) (v128.load (local.get $v))) (f32x4.mul (local.get $LR) (local.get $G))))
              (v128.store (local.get $v) (local.get $V))
              (if (i32.eq (local.get $rule) (i32.const 2))
                (then (local.set $V (f32x4.sub (f32x4.mul (local.get $MU) (local.get $V)) (f32x4.mul (local.get $LR) (local.get $G))))))
              (v128.store (local.get $p) (f32x4.add (v128.load (local.get $p)) (local.get $V)))
              (br $next)))
          ;; adam: m ← β₁m + (1−β₁)g;  s ← β₂s + (1−β₂)g²;  p ← p − η·(m/c1) / (√(s/c2) + ε)
          (local.set $V (f32x4.add (f32x4.mul (local.get $B1) (v128.load (local.get $v)))
            (f32x4.mul (f32x4.sub (f32x4.splat (f32.const 1)) (local.get $B1)) (local.get $G))))
          (local.set $S (f32x4.add (f32x4.mul (local.get $B2) (v128.load (local.get $s)))
            (f32x4.mul (f32x4.mul (f32x4.sub (f32x4.splat (f32.const 1)) (local.get $B2)) (local.get $G)) (local.get $G))))
          (v128.store (local.get $v) (local.get $V))
          (v128.store (local.get $s) (local.get $S))
          (v128.store (local.get $p) (f32x4.sub (v128.load (local.get $p))
            (f32x4.div (f32x4.mul (local.get $LR) (f32x4.div (local.get $V) (local.get $C1)))
              (f32x4.add (f32x4.sqrt (f32x4.div (local.get $S) (local.get $C2))) (local.get $E))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (br $step))))

  ;; out[j] ← alpha · Σᵢ X[i, j] for X rows × cols; out has room for cols rounded up to 4.
  (func (export "sumRows") (param $x i32) (param $rows i32) (param $cols i32) (param $alpha f32) (param $out i32)
    (local $i i32) (local $j i32) (local $vecEnd i32) (local $o i32) (local $al v128)
    (local.set $vecEnd (i32.and (local.get $cols) (i32.const -4)))
    (local.set $al (f32x4.splat (local.get $alpha)))
    ;; zero, then add row by row (the order the reference adds in), then scale
    (local.set $j (i32.const 0))
    (block $zDone (loop $zs
      (br_if $zDone (i32.ge_u (local.get $j) (local.get $cols)))
      (v128.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2))) (v128.const i32x4 0 0 0 0))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $zs)))
    (block $done (loop $rowLoop
      (br_if $done (i32.ge_u (local.get $i) (local.get $rows)))
      (local.set $o (local.get $out))
      (local.set $j (i32.const 0))
      (block $vDone (loop $vs
        (br_if $vDone (i32.ge_u (local.get $j) (local.get $vecEnd)))
        (v128.store (local.get $o) (f32x4.add (v128.load (local.get $o)) (v128.load (local.get $x))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $vs)))
      (block $sDone (loop $ss
        (br_if $sDone (i32.ge_u (local.get $j) (local.get $cols)))
        (f32.store (local.get $o) (f32.add (f32.load (local.get $o)) (f32.load (local.get $x))))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $ss)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rowLoop)))
    (if (f32.ne (local.get $alpha) (f32.const 1))
      (then
        (local.set $j (i32.const 0))
        (block $aDone (loop $as
          (br_if $aDone (i32.ge_u (local.get $j) (local.get $cols)))
          (local.set $o (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2))))
          (v128.store (local.get $o) (f32x4.mul (v128.load (local.get $o)) (local.get $al)))
          (local.set $j (i32.add (local.get $j) (i32.const 4)))
          (br $as))))))
)
