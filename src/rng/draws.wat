;; The statistics stream's bulk draws (src/rng/rng.ts: Rng.multinomial, Rng.shufflePrefix) in
;; WebAssembly. The source of src/rng/_draws_wasm.ts: `deno run -A scripts/build_wasm.ts` writes
;; it, and tests/wasm_modules_test.ts checks that it is this file's build.
;;
;; Memory (imported, one per draw array): bytes 0..15 hold the xoshiro128** state s0..s3
;; (int32, little-endian), the Int32 array starts at byte 16. Each draw is Rng.int(bound) for a
;; bound ≤ 2^21 (the caller keeps larger bounds in JS): Lemire's multiply-and-reject, x·bound as
;; a 64-bit product, redrawn while its low word is below 2^32 mod bound — the same outputs from
;; the same state as the JS method, 2–3× as fast (no doubles, no Math.floor).
(module
  (import "env" "memory" (memory 1))

  ;; One xoshiro128** step (xoshiro128.ts): from (s0, s1, s2, s3), the output
  ;; x = rotl(s1·5, 7)·9 and the next state; V8 inlines it into the loops below.
  (func $step (param $s0 i32) (param $s1 i32) (param $s2 i32) (param $s3 i32)
    (result i32 i32 i32 i32 i32)
    (local $t i32)
    (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
    (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
    (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
    (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9))
    (i32.xor (local.get $s0) (local.get $s3))
    (i32.xor (local.get $s1) (local.get $s2))
    (i32.xor (local.get $s2) (local.get $t))
    (i32.rotl (local.get $s3) (i32.const 11)))

  ;; `count` times: array[int(n)] += 1 (1 ≤ n ≤ 2^21, the array's length).
  (func (export "multinomial") (param $n i32) (param $count i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $x i32) (local $m i64) (local $i i32) (local $threshold i32) (local $p i32)
    (local.set $s0 (i32.load (i32.const 0)))
    (local.set $s1 (i32.load (i32.const 4)))
    (local.set $s2 (i32.load (i32.const 8)))
    (local.set $s3 (i32.load (i32.const 12)))
    ;; 2^32 mod n, below n: a low word below it is below n too
    (local.set $threshold (i32.rem_u (i32.sub (i32.const 0) (local.get $n)) (local.get $n)))
    (block $done
      (br_if $done (i32.eqz (local.get $count)))
      (loop $next
        (loop $retry
          (call $step (local.get $s0) (local.get $s1) (local.get $s2) (local.get $s3))
          (local.set $s3) (local.set $s2) (local.set $s1) (local.set $s0) (local.set $x)
          (local.set $m
            (i64.mul (i64.extend_i32_u (local.get $x)) (i64.extend_i32_u (local.get $n))))
          (br_if $retry (i32.lt_u (i32.wrap_i64 (local.get $m)) (local.get $threshold))))
        (local.set $p (i32.add (i32.const 16)
          (i32.shl (i32.wrap_i64 (i64.shr_u (local.get $m) (i64.const 32))) (i32.const 2))))
        (i32.store (local.get $p) (i32.add (i32.load (local.get $p)) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $i) (local.get $count)))))
    (i32.store (i32.const 0) (local.get $s0))
    (i32.store (i32.const 4) (local.get $s1))
    (i32.store (i32.const 8) (local.get $s2))
    (i32.store (i32.const 12) (local.get $s3)))

  ;; Partial Fisher–Yates over the array's first n entries (n ≤ 2^21): for i < count,
  ;; j = i + int(n − i), then array[i] and array[j] swap.
  (func (export "shuffle") (param $n i32) (param $count i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $x i32) (local $m i64) (local $i i32) (local $bound i32)
    (local $p i32) (local $q i32) (local $v i32)
    (local.set $s0 (i32.load (i32.const 0)))
    (local.set $s1 (i32.load (i32.const 4)))
    (local.set $s2 (i32.load (i32.const 8)))
    (local.set $s3 (i32.load (i32.const 12)))
    (block $done
      (br_if $done (i32.eqz (local.get $count)))
      (loop $next
        (local.set $bound (i32.sub (local.get $n) (local.get $i)))
        (loop $retry
          (call $step (local.get $s0) (local.get $s1) (local.get $s2) (local.get $s3))
          (local.set $s3) (local.set $s2) (local.set $s1) (local.set $s0) (local.set $x)
          (local.set $m
            (i64.mul (i64.extend_i32_u (local.get $x)) (i64.extend_i32_u (local.get $bound))))
          ;; the bound changes every draw: 2^32 mod bound only when the low word is below it
          (br_if $retry (i32.and
            (i32.lt_u (i32.wrap_i64 (local.get $m)) (local.get $bound))
            (i32.lt_u (i32.wrap_i64 (local.get $m))
              (i32.rem_u (i32.sub (i32.const 0) (local.get $bound)) (local.get $bound))))))
        (local.set $p (i32.add (i32.const 16) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $q (i32.add (local.get $p)
          (i32.shl (i32.wrap_i64 (i64.shr_u (local.get $m) (i64.const 32))) (i32.const 2))))
        (local.set $v (i32.load (local.get $p)))
        (i32.store (local.get $p) (i32.load (local.get $q)))
        (i32.store (local.get $q) (local.get $v))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $i) (local.get $count)))))
    (i32.store (i32.const 0) (local.get $s0))
    (i32.store (i32.const 4) (local.get $s1))
    (i32.store (i32.const 8) (local.get $s2))
    (i32.store (i32.const 12) (local.get $s3))))
