;; FastCDC boundary finder (normalized chunking, 32-bit gear hash). See docs/chunking.md.
;; Hand-written; assembled by scripts/generate-wasm.ts into fastcdc-wasm.generated.ts.
;;
;; Memory layout (owned by the host, src/chunker/wasm-scanner.ts):
;;   [0, 1024)      gear table: 256 little-endian u32, written by the host at start-up
;;   [1024, ...)    input bytes: a scratch window, or the ring that a hashing worker thread
;;                  reads chunks from directly (hence shared memory; see src/chunk-stream.ts)
;;
;; State carried across calls (so boundaries do not depend on how input is split):
;;   $pos  bytes already in the current chunk
;;   $h    gear hash of the current chunk (0 at byte minSize of every chunk)
;;
;; A cut follows the byte at chunk position p (minSize <= p < maxSize) when the hash after that
;; byte has its top log2(avg)+2 bits zero (p < avgSize) or top log2(avg)-2 bits zero (p >=
;; avgSize). "Top k bits zero" is tested as one unsigned compare: h < 2^(32-k) (the threshold).
;; Must give exactly the cuts of src/chunker/reference-scanner.ts (property-tested).
(module
  (memory (export "memory") 17 1040 shared)
  (global $pos (mut i32) (i32.const 0))
  (global $h (mut i32) (i32.const 0))
  (global $min (mut i32) (i32.const 0))
  (global $avg (mut i32) (i32.const 0))
  (global $max (mut i32) (i32.const 0))
  (global $thrS (mut i32) (i32.const 0))
  (global $thrL (mut i32) (i32.const 0))

  ;; Sets the size parameters and thresholds, and starts a new chunk.
  (func (export "configure") (param $min i32) (param $avg i32) (param $max i32) (param $thrS i32) (param $thrL i32)
    (global.set $min (local.get $min))
    (global.set $avg (local.get $avg))
    (global.set $max (local.get $max))
    (global.set $thrS (local.get $thrS))
    (global.set $thrL (local.get $thrL))
    (global.set $pos (i32.const 0))
    (global.set $h (i32.const 0)))

  ;; Starts a new chunk (drops any partial state).
  (func (export "reset")
    (global.set $pos (i32.const 0))
    (global.set $h (i32.const 0)))

  ;; Rolls the gear hash over memory[$p, $lim) until it drops below $thr. Returns the address
  ;; just past that byte (and zeroes $h for the next chunk), or 0 when there is none ($h then
  ;; covers the whole range). The window starts at 1024, so 0 is never a real address.
  (func $roll (param $p i32) (param $lim i32) (param $thr i32) (result i32)
    (local $h i32) (local $lim8 i32)
    (local.set $h (global.get $h))
    (block $cut
      ;; Unrolled by 8 (byte offsets as load immediates, one loop test per 8 bytes). Measured on a
      ;; par with the one-byte loop here: the h = 2h + g dependency chain is the limit, not overhead.
      (if (i32.ge_u (i32.sub (local.get $lim) (local.get $p)) (i32.const 8))
        (then
          (local.set $lim8 (i32.sub (local.get $lim) (i32.const 7)))
          (loop $fast
          (local.set $h (i32.add (i32.shl (local.get $h) (i32.const 1))
            (i32.load (i32.shl (i32.load8_u offset=0 (local.get $p)) (i32.const 2)))))
          (if (i32.lt_u (local.get $h) (local.get $thr))
            (then (local.set $p (i32.add (local.get $p) (i32.const 1))) (br $cut)))
          (local.set $h (i32.add (i32.shl (local.get $h) (i32.const 1))
            (i32.load (i32.shl (i32.load8_u offset=1 (local.get $p)) (i32.const 2)))))
          (if (i32.lt_u (local.get $h) (local.get $thr))
            (then (local.set $p (i32.add (local.get $p) (i32.const 2))) (br $cut)))
          (local.set $h (i32.add (i32.shl (local.get $h) (i32.const 1))
            (i32.load (i32.shl (i32.load8_u offset=2 (local.get $p)) (i32.const 2)))))
          (if (i32.lt_u (local.get $h) (local.get $thr))
            (then (local.set $p (i32.add (local.get $p) (i32.const 3))) (br $cut)))
          (local.set $h (i32.add (i32.shl (local.get $h) (i32.const 1))
            (i32.load (i32.shl (i32.load8_u offset=3 (local.get $p)) (i32.const 2)))))
          (if (i32.lt_u (local.get $h) (local.get $thr))
            (then (local.set $p (i32.add (local.get $p) (i32.const 4))) (br $cut)))
          (local.set $h (i32.add (i32.shl (local.get $h) (i32.const 1))
            (i32.load (i32.shl (i32.load8_u offset=4 (local.get $p)) (i32.const 2)))))
          (if (i32.lt_u (local.get $h) (local.get $thr))
            (then (local.set $p (i32.add (local.get $p) (i32.const 5))) (br $cut)))
          (local.set $h (i32.add (i32.shl (local.get $h) (i32.const 1))
            (i32.load (i32.shl (i32.load8_u offset=5 (local.get $p)) (i32.const 2)))))
          (if (i32.lt_u (local.get $h) (local.get $thr))
            (then (local.set $p (i32.add (local.get $p) (i32.const 6))) (br $cut)))
          (local.set $h (i32.add (i32.shl (local.get $h) (i32.const 1))
            (i32.load (i32.shl (i32.load8_u offset=6 (local.get $p)) (i32.const 2)))))
          (if (i32.lt_u (local.get $h) (local.get $thr))
            (then (local.set $p (i32.add (local.get $p) (i32.const 7))) (br $cut)))
          (local.set $h (i32.add (i32.shl (local.get $h) (i32.const 1))
            (i32.load (i32.shl (i32.load8_u offset=7 (local.get $p)) (i32.const 2)))))
          (if (i32.lt_u (local.get $h) (local.get $thr))
            (then (local.set $p (i32.add (local.get $p) (i32.const 8))) (br $cut)))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (br_if $fast (i32.lt_u (local.get $p) (local.get $lim8))))))
      ;; The last 0..7 bytes, one at a time.
      (block $end
        (loop $slow
          (br_if $end (i32.ge_u (local.get $p) (local.get $lim)))
          (local.set $h (i32.add (i32.shl (local.get $h) (i32.const 1))
            (i32.load (i32.shl (i32.load8_u (local.get $p)) (i32.const 2)))))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br_if $cut (i32.lt_u (local.get $h) (local.get $thr)))
          (br $slow)))
      (global.set $h (local.get $h))
      (return (i32.const 0)))
    (global.set $h (i32.const 0))
    (local.get $p))

  ;; Scans memory[$p, $end). Returns the address just past the first cut point and starts a
  ;; new chunk there, or returns -1 when [$p, $end) holds no cut (the state then covers it).
  (func (export "find") (param $p i32) (param $end i32) (result i32)
    (local $pos i32) (local $n i32) (local $cut i32)
    (local.set $pos (global.get $pos))

    ;; Phase 1: bytes before $min are never a cut point, so they are skipped unhashed.
    (if (i32.lt_u (local.get $pos) (global.get $min))
      (then
        (local.set $n (i32.sub (global.get $min) (local.get $pos)))
        (if (i32.gt_u (local.get $n) (i32.sub (local.get $end) (local.get $p)))
          (then (local.set $n (i32.sub (local.get $end) (local.get $p)))))
        (local.set $p (i32.add (local.get $p) (local.get $n)))
        (local.set $pos (i32.add (local.get $pos) (local.get $n)))
        (if (i32.lt_u (local.get $pos) (global.get $min))
          (then
            (global.set $pos (local.get $pos))
            (return (i32.const -1))))))

    ;; Phase 2: below $avg, the stricter threshold (normalized chunking).
    (if (i32.lt_u (local.get $pos) (global.get $avg))
      (then
        (local.set $n (i32.sub (global.get $avg) (local.get $pos)))
        (if (i32.gt_u (local.get $n) (i32.sub (local.get $end) (local.get $p)))
          (then (local.set $n (i32.sub (local.get $end) (local.get $p)))))
        (local.set $cut (call $roll (local.get $p) (i32.add (local.get $p) (local.get $n)) (global.get $thrS)))
        (if (local.get $cut)
          (then
            (global.set $pos (i32.const 0))
            (return (local.get $cut))))
        (local.set $p (i32.add (local.get $p) (local.get $n)))
        (local.set $pos (i32.add (local.get $pos) (local.get $n)))
        (if (i32.lt_u (local.get $pos) (global.get $avg))
          (then
            (global.set $pos (local.get $pos))
            (return (i32.const -1))))))

    ;; Phase 3: from $avg up to $max, the looser threshold; a cut is forced at $max.
    (local.set $n (i32.sub (global.get $max) (local.get $pos)))
    (if (i32.gt_u (local.get $n) (i32.sub (local.get $end) (local.get $p)))
      (then (local.set $n (i32.sub (local.get $end) (local.get $p)))))
    (local.set $cut (call $roll (local.get $p) (i32.add (local.get $p) (local.get $n)) (global.get $thrL)))
    (if (local.get $cut)
      (then
        (global.set $pos (i32.const 0))
        (return (local.get $cut))))
    (local.set $p (i32.add (local.get $p) (local.get $n)))
    (local.set $pos (i32.add (local.get $pos) (local.get $n)))
    (if (i32.ge_u (local.get $pos) (global.get $max))
      (then
        (global.set $pos (i32.const 0))
        (global.set $h (i32.const 0))
        (return (local.get $p))))
    (global.set $pos (local.get $pos))
    (i32.const -1)))
