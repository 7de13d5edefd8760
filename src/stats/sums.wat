;; The bootstrap's resampled sums (src/stats/_resample.ts, `resampledSums`) in WebAssembly. The
;; source of src/stats/_sums_wasm.ts: `deno run -A scripts/build_wasm.ts` writes it, and
;; tests/wasm_modules_test.ts checks that it is this file's build.
;;
;; For a block of users and a batch of resamples: out(r, c) += Σ_i count_r(i) · x_c(i), each term
;; a product rounded to a double, then added to the sum in user order — the same operations, in
;; the same order, as a JS loop `s += count[i] * x[i]`, so the sums are the same to the bit. What
;; differs is what runs at once: two columns per f64x2 lane pair, four columns (one group) by four
;; resamples per pass, so that a user's group row is read once for four resamples and eight
;; independent sums hide the adder's latency; and the caller gives blocks of a few hundred users,
;; so that the rows and counts of a block stay in the L1 cache for the whole batch of resamples
;; (the columns are read from memory once per batch, not once per resample).
(module
  (import "env" "memory" (memory 1))

  ;; Users [i0, i1) of n. Columns in groups of four at $x: group g's row i is 4 f64 at
  ;; $x + 32·(g·n + i). Resamples' counts (i32) at $cnt: resample r's count of user i at
  ;; $cnt + 4·(r·n + i), r < $R (a multiple of 4). Sums (f64) at $acc: resample r's four of group
  ;; g at $acc + 32·(r·G + g), added to.
  (func (export "sums") (param $n i32) (param $i0 i32) (param $i1 i32) (param $G i32) (param $R i32)
    (param $x i32) (param $cnt i32) (param $acc i32)
    (local $g i32) (local $r i32) (local $p i32) (local $q i32) (local $qend i32)
    (local $a i32) (local $b i32) (local $d i32) (local $e i32)
    (local $rowStride i32) (local $accStride i32)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $x0 v128) (local $x1 v128)
    (local $a0 v128) (local $a1 v128) (local $b0 v128) (local $b1 v128)
    (local $d0 v128) (local $d1 v128) (local $e0 v128) (local $e1 v128)
    (local.set $rowStride (i32.shl (local.get $n) (i32.const 2)))
    (local.set $accStride (i32.shl (local.get $G) (i32.const 5)))
    (block $done
      (br_if $done (i32.or (i32.ge_u (local.get $i0) (local.get $i1))
        (i32.or (i32.eqz (local.get $G)) (i32.eqz (local.get $R)))))
      (loop $group
        (local.set $r (i32.const 0))
        (loop $quad
          ;; the sums of resamples r .. r+3 in group g
          (local.set $a (i32.add (local.get $acc)
            (i32.shl (i32.add (i32.mul (local.get $r) (local.get $G)) (local.get $g)) (i32.const 5))))
          (local.set $b (i32.add (local.get $a) (local.get $accStride)))
          (local.set $d (i32.add (local.get $b) (local.get $accStride)))
          (local.set $e (i32.add (local.get $d) (local.get $accStride)))
          (local.set $a0 (v128.load (local.get $a)))
          (local.set $a1 (v128.load offset=16 (local.get $a)))
          (local.set $b0 (v128.load (local.get $b)))
          (local.set $b1 (v128.load offset=16 (local.get $b)))
          (local.set $d0 (v128.load (local.get $d)))
          (local.set $d1 (v128.load offset=16 (local.get $d)))
          (local.set $e0 (v128.load (local.get $e)))
          (local.set $e1 (v128.load offset=16 (local.get $e)))
          (local.set $p (i32.add (local.get $x)
            (i32.shl (i32.add (i32.mul (local.get $g) (local.get $n)) (local.get $i0)) (i32.const 5))))
          (local.set $q (i32.add (local.get $cnt)
            (i32.shl (i32.add (i32.mul (local.get $r) (local.get $n)) (local.get $i0)) (i32.const 2))))
          (local.set $qend
            (i32.add (local.get $q) (i32.shl (i32.sub (local.get $i1) (local.get $i0)) (i32.const 2))))
          (loop $user
            (local.set $c0 (f64x2.splat (f64.convert_i32_s (i32.load (local.get $q)))))
            (local.set $c1 (f64x2.splat (f64.convert_i32_s
              (i32.load (i32.add (local.get $q) (local.get $rowStride))))))
            (local.set $c2 (f64x2.splat (f64.convert_i32_s
              (i32.load (i32.add (local.get $q) (i32.shl (local.get $rowStride) (i32.const 1)))))))
            (local.set $c3 (f64x2.splat (f64.convert_i32_s
              (i32.load (i32.add (local.get $q) (i32.mul (local.get $rowStride) (i32.const 3)))))))
            (local.set $x0 (v128.load (local.get $p)))
            (local.set $x1 (v128.load offset=16 (local.get $p)))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $c0) (local.get $x0))))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $c0) (local.get $x1))))
            (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $c1) (local.get $x0))))
            (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $c1) (local.get $x1))))
            (local.set $d0 (f64x2.add (local.get $d0) (f64x2.mul (local.get $c2) (local.get $x0))))
            (local.set $d1 (f64x2.add (local.get $d1) (f64x2.mul (local.get $c2) (local.get $x1))))
            (local.set $e0 (f64x2.add (local.get $e0) (f64x2.mul (local.get $c3) (local.get $x0))))
            (local.set $e1 (f64x2.add (local.get $e1) (f64x2.mul (local.get $c3) (local.get $x1))))
            (local.set $p (i32.add (local.get $p) (i32.const 32)))
            (local.set $q (i32.add (local.get $q) (i32.const 4)))
            (br_if $user (i32.lt_u (local.get $q) (local.get $qend))))
          (v128.store (local.get $a) (local.get $a0))
          (v128.store offset=16 (local.get $a) (local.get $a1))
          (v128.store (local.get $b) (local.get $b0))
          (v128.store offset=16 (local.get $b) (local.get $b1))
          (v128.store (local.get $d) (local.get $d0))
          (v128.store offset=16 (local.get $d) (local.get $d1))
          (v128.store (local.get $e) (local.get $e0))
          (v128.store offset=16 (local.get $e) (local.get $e1))
          (local.set $r (i32.add (local.get $r) (i32.const 4)))
          (br_if $quad (i32.lt_u (local.get $r) (local.get $R))))
        (local.set $g (i32.add (local.get $g) (i32.const 1)))
        (br_if $group (i32.lt_u (local.get $g) (local.get $G)))))))
