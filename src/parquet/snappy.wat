;; Snappy block decompression (src/parquet/snappy.ts) in WebAssembly. The source of
;; src/parquet/_snappy_wasm.ts: `deno run -A scripts/build_wasm.ts` writes it, and
;; tests/wasm_modules_test.ts checks that it is this file's build.
;;
;; Memory (imported): the caller puts the compressed elements (after the length varint) at
;; [src, send) and gets the output at [dst, dend); dend − dst is the declared length. Returns
;; the bytes written, or −1 when an element runs past the input or the output, or a copy reaches
;; before the output's start. Literals and non-overlapping copies are one memory.copy each; a
;; copy from fewer bytes back than its length repeats a pattern and goes byte by byte.
(module
  (import "env" "memory" (memory 1))

  (func (export "decompress") (param $s i32) (param $send i32) (param $d i32) (param $dend i32)
    (result i32)
    (local $o i32) (local $tag i32) (local $len i32) (local $off i32) (local $nb i32)
    (local $from i32) (local $stop i32)
    (local.set $o (local.get $d))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $s) (local.get $send)))
        (local.set $tag (i32.load8_u (local.get $s)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (if (i32.eqz (i32.and (local.get $tag) (i32.const 3)))
          (then
            ;; literal: length − 1 in the tag's upper six bits, or in the next 1–4 bytes
            (local.set $len (i32.shr_u (local.get $tag) (i32.const 2)))
            (if (i32.ge_u (local.get $len) (i32.const 60))
              (then
                (local.set $nb (i32.sub (local.get $len) (i32.const 59)))
                (if (i32.gt_u (i32.add (local.get $s) (local.get $nb)) (local.get $send))
                  (then (return (i32.const -1))))
                (local.set $len (i32.load8_u (local.get $s)))
                (if (i32.ge_u (local.get $nb) (i32.const 2))
                  (then (local.set $len (i32.or (local.get $len)
                    (i32.shl (i32.load8_u offset=1 (local.get $s)) (i32.const 8))))))
                (if (i32.ge_u (local.get $nb) (i32.const 3))
                  (then (local.set $len (i32.or (local.get $len)
                    (i32.shl (i32.load8_u offset=2 (local.get $s)) (i32.const 16))))))
                (if (i32.ge_u (local.get $nb) (i32.const 4))
                  (then (local.set $len (i32.or (local.get $len)
                    (i32.shl (i32.load8_u offset=3 (local.get $s)) (i32.const 24))))))
                (local.set $s (i32.add (local.get $s) (local.get $nb)))))
            (local.set $len (i32.add (local.get $len) (i32.const 1)))
            ;; lengths near 2^32 wrap: compare against what is left instead of adding
            (if (i32.or
                  (i32.gt_u (local.get $len) (i32.sub (local.get $send) (local.get $s)))
                  (i32.gt_u (local.get $len) (i32.sub (local.get $dend) (local.get $o))))
              (then (return (i32.const -1))))
            (memory.copy (local.get $o) (local.get $s) (local.get $len))
            (local.set $s (i32.add (local.get $s) (local.get $len)))
            (local.set $o (i32.add (local.get $o) (local.get $len)))
            (br $next)))
        ;; copies: 1-byte (11 bits), 2-byte or 4-byte offsets
        (if (i32.eq (i32.and (local.get $tag) (i32.const 3)) (i32.const 1))
          (then
            (if (i32.ge_u (local.get $s) (local.get $send)) (then (return (i32.const -1))))
            (local.set $len (i32.add (i32.const 4)
              (i32.and (i32.shr_u (local.get $tag) (i32.const 2)) (i32.const 7))))
            (local.set $off (i32.or
              (i32.shl (i32.shr_u (local.get $tag) (i32.const 5)) (i32.const 8))
              (i32.load8_u (local.get $s))))
            (local.set $s (i32.add (local.get $s) (i32.const 1))))
          (else
            (local.set $len (i32.add (i32.shr_u (local.get $tag) (i32.const 2)) (i32.const 1)))
            (if (i32.eq (i32.and (local.get $tag) (i32.const 3)) (i32.const 2))
              (then
                (if (i32.gt_u (i32.add (local.get $s) (i32.const 2)) (local.get $send))
                  (then (return (i32.const -1))))
                (local.set $off (i32.load16_u (local.get $s)))
                (local.set $s (i32.add (local.get $s) (i32.const 2))))
              (else
                (if (i32.gt_u (i32.add (local.get $s) (i32.const 4)) (local.get $send))
                  (then (return (i32.const -1))))
                (local.set $off (i32.load (local.get $s)))
                (local.set $s (i32.add (local.get $s) (i32.const 4)))))))
        (if (i32.or
              (i32.or (i32.eqz (local.get $off))
                (i32.gt_u (local.get $off) (i32.sub (local.get $o) (local.get $d))))
              (i32.gt_u (local.get $len) (i32.sub (local.get $dend) (local.get $o))))
          (then (return (i32.const -1))))
        (local.set $from (i32.sub (local.get $o) (local.get $off)))
        (if (i32.ge_u (local.get $off) (local.get $len))
          (then
            (memory.copy (local.get $o) (local.get $from) (local.get $len))
            (local.set $o (i32.add (local.get $o) (local.get $len))))
          (else
            (local.set $stop (i32.add (local.get $o) (local.get $len)))
            (loop $byte
              (i32.store8 (local.get $o) (i32.load8_u (local.get $from)))
              (local.set $o (i32.add (local.get $o) (i32.const 1)))
              (local.set $from (i32.add (local.get $from) (i32.const 1)))
              (br_if $byte (i32.lt_u (local.get $o) (local.get $stop))))))
        (br $next)))
    (i32.sub (local.get $o) (local.get $d))))
