/**
 * A fixed-size set of chunk indices, one bit per chunk of a manifest (bit i of byte i >> 3,
 * most significant bit first, as BitTorrent's bitfield). Shared by the scheduler and the wire codec.
 */
export class Bitfield {
  readonly size: number
  readonly bytes: Uint8Array
  #count = 0

  constructor(size: number, bytes?: Uint8Array) {
    if (!Number.isInteger(size) || size < 0)
      throw new RangeError(`bitfield size must be a non-negative integer: ${size}`)
    this.size = size
    const length = Bitfield.byteLength(size)
    if (bytes !== undefined) {
      if (bytes.length !== length)
        throw new RangeError(`bitfield of ${size} bits needs ${length} bytes, got ${bytes.length}`)
      this.bytes = new Uint8Array(bytes)
      // Spare bits past `size` must be zero, so two equal sets always encode to equal bytes.
      const spare = length * 8 - size
      if (spare > 0 && (this.bytes[length - 1] & ((1 << spare) - 1)) !== 0) {
        throw new RangeError('bitfield has bits set past its size')
      }
      for (const b of this.bytes) this.#count += popcount(b)
    } else {
      this.bytes = new Uint8Array(length)
    }
  }

  /** Bytes needed for `size` bits. */
  static byteLength(size: number): number {
    return Math.ceil(size / 8)
  }

  /** A bitfield with every bit set. */
  static full(size: number): Bitfield {
    const field = new Bitfield(size)
    for (let i = 0; i < size; i++) field.set(i)
    return field
  }

  /** Number of bits set. */
  get count(): number {
    return this.#count
  }

  get complete(): boolean {
    return this.#count === this.size
  }

  has(index: number): boolean {
    if (index < 0 || index >= this.size) return false
    return (this.bytes[index >> 3] & (0x80 >> (index & 7))) !== 0
  }

  /** Sets a bit; returns true when it was not set before. */
  set(index: number): boolean {
    this.#check(index)
    const mask = 0x80 >> (index & 7)
    if ((this.bytes[index >> 3] & mask) !== 0) return false
    this.bytes[index >> 3] |= mask
    this.#count++
    return true
  }

  /** Clears a bit; returns true when it was set before. */
  clear(index: number): boolean {
    this.#check(index)
    const mask = 0x80 >> (index & 7)
    if ((this.bytes[index >> 3] & mask) === 0) return false
    this.bytes[index >> 3] &= ~mask
    this.#count--
    return true
  }

  #check(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new RangeError(`chunk index ${index} is outside 0..${this.size - 1}`)
    }
  }
}

function popcount(b: number): number {
  let n = 0
  while (b) {
    b &= b - 1
    n++
  }
  return n
}
