;; FastCDC boundary finder (normalized chunking, 32-bit gear hash). See docs/chunking.md.
;;
;; Memory layout (owned by the host, src/chunker/wasm-scanner.ts):
;;   [0, 1024)      gear table: 256 little-endian u32, written by the host at start-up
;;   [1024, ...)    scratch window the host copies input bytes into
;;
;; State carried across calls (so boundaries do not depend on how input is split):
;;   $pos  bytes already in the current chunk
;;   $h    gear hash of the current chunk (reset to 0 at every chunk start)
;;
;; Must give exactly the same cuts as src/chunker/reference-scanner.ts (property-tested).
(module
  (memory (export "memory") 17)
  (global $pos (mut i32) (i32.const 0))
  (global $h (mut i32) (i32.const 0))
  (global $min (mut i32) (i32.const 0))
  (global $avg (mut i32) (i32.const 0))
  (global $max (mut i32) (i32.const 0))
  (global $maskS (mut i32) (i32.const 0))
  (global $maskL (mut i32) (i32.const 0))

  ;; Sets the size parameters and starts a new chunk.
  (func (export "configure") (param $min i32) (param $avg i32) (param $max i32) (param $maskS i32) (param $maskL i32)
    (global.set $min (local.get $min))
    (global.set $avg (local.get $avg))
    (global.set $max (local.get $max))
    (global.set $maskS (local.get $maskS))
    (global.set $maskL (local.get $maskL))
    (global.set $pos (i32.const 0))
    (global.set $h (i32.const 0)))

  ;; Starts a new chunk (drops any partial state).
  (func (export "reset")
    (global.set $pos (i32.const 0))
    (global.set $h (i32.const 0)))

  ;; Scans memory[$p, $end). Returns the address just past the first cut point and starts a
  ;; new chunk there, or returns -1 when [$p, $end) holds no cut (state then covers it all).
  (func (export "find") (param $p i32) (param $end i32) (result i32)
    (local $h i32) (local $pos i32) (local $lim i32) (local $n i32) (local $mask i32)
    (local.set $h (global.get $h))
    (local.set $pos (global.get $pos))

    ;; Phase 1: the first $min bytes of a chunk are never a cut point, so they are skipped unhashed.
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

    ;; Phase 2: below the average size, the stricter mask (normalized chunking).
    (if (i32.lt_u (local.get $pos) (global.get $avg))
      (then
        (local.set $n (i32.sub (global.get $avg) (local.get $pos)))
        (if (i32.gt_u (local.get $n) (i32.sub (local.get $end) (local.get $p)))
          (then (local.set $n (i32.sub (local.get $end) (local.get $p)))))
        (local.set $lim (i32.add (local.get $p) (local.get $n)))
        (local.set $pos (i32.add (local.get $pos) (local.get $n)))
        (local.set $mask (global.get $maskS))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $p) (local.get $lim)))
            (local.set $h
              (i32.add
                (i32.shl (local.get $h) (i32.const 1))
                (i32.load (i32.shl (i32.load8_u (local.get $p)) (i32.const 2)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (if (i32.eqz (i32.and (local.get $h) (local.get $mask)))
              (then
                (global.set $pos (i32.const 0))
                (global.set $h (i32.const 0))
                (return (local.get $p))))
            (br $next)))
        (if (i32.lt_u (local.get $pos) (global.get $avg))
          (then
            (global.set $pos (local.get $pos))
            (global.set $h (local.get $h))
            (return (i32.const -1))))))

    ;; Phase 3: from the average size up to $max, the looser mask; a cut is forced at $max.
    (local.set $n (i32.sub (global.get $max) (local.get $pos)))
    (if (i32.gt_u (local.get $n) (i32.sub (local.get $end) (local.get $p)))
      (then (local.set $n (i32.sub (local.get $end) (local.get $p)))))
    (local.set $lim (i32.add (local.get $p) (local.get $n)))
    (local.set $pos (i32.add (local.get $pos) (local.get $n)))
    (local.set $mask (global.get $maskL))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $lim)))
        (local.set $h
          (i32.add
            (i32.shl (local.get $h) (i32.const 1))
            (i32.load (i32.shl (i32.load8_u (local.get $p)) (i32.const 2)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (if (i32.eqz (i32.and (local.get $h) (local.get $mask)))
          (then
            (global.set $pos (i32.const 0))
            (global.set $h (i32.const 0))
            (return (local.get $p))))
        (br $next)))
    (if (i32.ge_u (local.get $pos) (global.get $max))
      (then
        (global.set $pos (i32.const 0))
        (global.set $h (i32.const 0))
        (return (local.get $p))))
    (global.set $pos (local.get $pos))
    (global.set $h (local.get $h))
    (i32.const -1)))
