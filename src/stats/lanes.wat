;; The half-sampling's lane counts (src/stats/concentration_bootstrap.ts, `countLanes`) in
;; WebAssembly. The source of src/stats/_lanes_wasm.ts: `deno run -A scripts/build_wasm.ts` writes
;; it, and tests/wasm_modules_test.ts checks that it is this file's build.
;;
;; Eight replicates at once: user u's mask byte holds bit r when u is drawn in replicate r. For
;; item i, every member's byte is looked up in SPREAD (two 32-bit words per byte value, one bit
;; per byte of the words), and the words are added: bytes of `lo` count replicates 0–3 and bytes
;; of `hi` replicates 4–7. Emptied into the item's eight counts every 255 members, before a byte
;; can overflow. Integer sums: the same counts as counting replicate by replicate; 2× the JS loop
;; (1.2 against 2.4 ns per member on 166k users' lists), which V8 compiles with bounds checks.
(module
  (import "env" "memory" (memory 1))
  ;; Items [0, nItems): offsets (i32, nItems + 1) at $off and members (i32, user rows) at $mem,
  ;; the users' mask bytes at $mask, SPREAD (u32, 512) at $spread; counts out: 8 arrays of nItems
  ;; i32 at $out, replicate r's at $out + 4·r·nItems.
  (func (export "lanes") (param $nItems i32) (param $off i32) (param $mem i32) (param $mask i32)
    (param $spread i32) (param $out i32)
    (local $i i32) (local $p i32) (local $end i32) (local $stop i32) (local $lo i32) (local $hi i32)
    (local $m i32) (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $c4 i32) (local $c5 i32) (local $c6 i32) (local $c7 i32) (local $o i32) (local $stride i32)
    (local.set $stride (i32.shl (local.get $nItems) (i32.const 2)))
    (block $done
      (br_if $done (i32.eqz (local.get $nItems)))
      (loop $item
        (local.set $p (i32.load (i32.add (local.get $off) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $end (i32.load offset=4 (i32.add (local.get $off) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $c0 (i32.const 0)) (local.set $c1 (i32.const 0)) (local.set $c2 (i32.const 0)) (local.set $c3 (i32.const 0))
        (local.set $c4 (i32.const 0)) (local.set $c5 (i32.const 0)) (local.set $c6 (i32.const 0)) (local.set $c7 (i32.const 0))
        (block $items_done
          (br_if $items_done (i32.ge_u (local.get $p) (local.get $end)))
          (loop $block
            (local.set $stop (select (local.get $end) (i32.add (local.get $p) (i32.const 255))
              (i32.lt_u (i32.sub (local.get $end) (local.get $p)) (i32.const 255))))
            (local.set $lo (i32.const 0)) (local.set $hi (i32.const 0))
            (loop $visit
              (local.set $m (i32.add (local.get $spread) (i32.shl
                (i32.load8_u (i32.add (local.get $mask)
                  (i32.load (i32.add (local.get $mem) (i32.shl (local.get $p) (i32.const 2))))))
                (i32.const 3))))
              (local.set $lo (i32.add (local.get $lo) (i32.load (local.get $m))))
              (local.set $hi (i32.add (local.get $hi) (i32.load offset=4 (local.get $m))))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br_if $visit (i32.lt_u (local.get $p) (local.get $stop))))
            (local.set $c0 (i32.add (local.get $c0) (i32.and (local.get $lo) (i32.const 255))))
            (local.set $c1 (i32.add (local.get $c1) (i32.and (i32.shr_u (local.get $lo) (i32.const 8)) (i32.const 255))))
            (local.set $c2 (i32.add (local.get $c2) (i32.and (i32.shr_u (local.get $lo) (i32.const 16)) (i32.const 255))))
            (local.set $c3 (i32.add (local.get $c3) (i32.shr_u (local.get $lo) (i32.const 24))))
            (local.set $c4 (i32.add (local.get $c4) (i32.and (local.get $hi) (i32.const 255))))
            (local.set $c5 (i32.add (local.get $c5) (i32.and (i32.shr_u (local.get $hi) (i32.const 8)) (i32.const 255))))
            (local.set $c6 (i32.add (local.get $c6) (i32.and (i32.shr_u (local.get $hi) (i32.const 16)) (i32.const 255))))
            (local.set $c7 (i32.add (local.get $c7) (i32.shr_u (local.get $hi) (i32.const 24))))
            (br_if $block (i32.lt_u (local.get $p) (local.get $end)))))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))))
        (i32.store (local.get $o) (local.get $c0))
        (local.set $o (i32.add (local.get $o) (local.get $stride))) (i32.store (local.get $o) (local.get $c1))
        (local.set $o (i32.add (local.get $o) (local.get $stride))) (i32.store (local.get $o) (local.get $c2))
        (local.set $o (i32.add (local.get $o) (local.get $stride))) (i32.store (local.get $o) (local.get $c3))
        (local.set $o (i32.add (local.get $o) (local.get $stride))) (i32.store (local.get $o) (local.get $c4))
        (local.set $o (i32.add (local.get $o) (local.get $stride))) (i32.store (local.get $o) (local.get $c5))
        (local.set $o (i32.add (local.get $o) (local.get $stride))) (i32.store (local.get $o) (local.get $c6))
        (local.set $o (i32.add (local.get $o) (local.get $stride))) (i32.store (local.get $o) (local.get $c7))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $item (i32.lt_u (local.get $i) (local.get $nItems)))))))
