;; The WebAssembly SIMD GEMM of bpnet's "wasm" kernel, written by hand (assembled by
;; scripts/build-wasm.mjs into gemm-wasm.ts).
;;
;;   mm: C (mp × np) = A (mp × k) · B (k × np)
;;
;; A is row-major; B is packed in panels of 8 columns (panel j holds B[p, 8j .. 8j+7] at
;; byte (j·k + p)·32), so the inner loop reads both operands sequentially. mp is a multiple of 4
;; and np of 8 (the caller pads with zeros); the pointers are byte offsets into memory.
;; One register tile is 4 rows × 8 columns = 8 f32x4 accumulators, few enough for the 16 SIMD
;; registers of x86-64 (and of most ARM cores' NEON), so the loop runs without spilling.
(module
  (memory (export "memory") 1)
  (func (export "mm")
    (param $pA i32) (param $pB i32) (param $pC i32) (param $mp i32) (param $np i32) (param $k i32)
    (local $i i32) (local $j i32) (local $rowBytes i32) (local $cRow i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $b i32) (local $bEnd i32) (local $c i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $s v128)
    (local.set $rowBytes (i32.shl (local.get $k) (i32.const 2)))
    (local.set $cRow (i32.shl (local.get $np) (i32.const 2)))
    (local.set $i (i32.const 0))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $mp)))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_u (i32.shl (local.get $j) (i32.const 3)) (local.get $np)))
            (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0))
            (local.set $c10 (v128.const i32x4 0 0 0 0)) (local.set $c11 (v128.const i32x4 0 0 0 0))
            (local.set $c20 (v128.const i32x4 0 0 0 0)) (local.set $c21 (v128.const i32x4 0 0 0 0))
            (local.set $c30 (v128.const i32x4 0 0 0 0)) (local.set $c31 (v128.const i32x4 0 0 0 0))
            ;; a0..a3 walk rows i..i+3 of A; b walks panel j of B.
            (local.set $a0 (i32.add (local.get $pA) (i32.mul (local.get $i) (local.get $rowBytes))))
            (local.set $a1 (i32.add (local.get $a0) (local.get $rowBytes)))
            (local.set $a2 (i32.add (local.get $a1) (local.get $rowBytes)))
            (local.set $a3 (i32.add (local.get $a2) (local.get $rowBytes)))
            (local.set $b (i32.add (local.get $pB) (i32.mul (local.get $j) (i32.shl (local.get $rowBytes) (i32.const 3)))))
            (local.set $bEnd (i32.add (local.get $b) (i32.shl (local.get $rowBytes) (i32.const 3))))
            (block $kDone
              (loop $inner
                (br_if $kDone (i32.ge_u (local.get $b) (local.get $bEnd)))
                (local.set $b0 (v128.load (local.get $b)))
                (local.set $b1 (v128.load offset=16 (local.get $b)))
                (local.set $s (f32x4.splat (f32.load (local.get $a0))))
                (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $s) (local.get $b0))))
                (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $s) (local.get $b1))))
                (local.set $s (f32x4.splat (f32.load (local.get $a1))))
                (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $s) (local.get $b0))))
                (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $s) (local.get $b1))))
                (local.set $s (f32x4.splat (f32.load (local.get $a2))))
                (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $s) (local.get $b0))))
                (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $s) (local.get $b1))))
                (local.set $s (f32x4.splat (f32.load (local.get $a3))))
                (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $s) (local.get $b0))))
                (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $s) (local.get $b1))))
                (local.set $a0 (i32.add (local.get $a0) (i32.const 4)))
                (local.set $a1 (i32.add (local.get $a1) (i32.const 4)))
                (local.set $a2 (i32.add (local.get $a2) (i32.const 4)))
                (local.set $a3 (i32.add (local.get $a3) (i32.const 4)))
                (local.set $b (i32.add (local.get $b) (i32.const 32)))
                (br $inner)))
            ;; C[i .. i+3, 8j .. 8j+7] ← the tile
            (local.set $c (i32.add (local.get $pC)
              (i32.add (i32.mul (local.get $i) (local.get $cRow)) (i32.shl (local.get $j) (i32.const 5)))))
            (v128.store (local.get $c) (local.get $c00)) (v128.store offset=16 (local.get $c) (local.get $c01))
            (local.set $c (i32.add (local.get $c) (local.get $cRow)))
            (v128.store (local.get $c) (local.get $c10)) (v128.store offset=16 (local.get $c) (local.get $c11))
            (local.set $c (i32.add (local.get $c) (local.get $cRow)))
            (v128.store (local.get $c) (local.get $c20)) (v128.store offset=16 (local.get $c) (local.get $c21))
            (local.set $c (i32.add (local.get $c) (local.get $cRow)))
            (v128.store (local.get $c) (local.get $c30)) (v128.store offset=16 (local.get $c) (local.get $c31))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows)))))
