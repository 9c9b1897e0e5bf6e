// UUIDv7 (RFC 9562 §5.7): 48-bit Unix milliseconds, then random bits. An application's id is generated on the
// kiosk before anything is stored, so it is the idempotency key the hub deduplicates on (ODK's instanceID rule).
// Time-ordered ids keep the outbox index and the hub's primary key append-mostly.
//
// Monotonic within one generator (RFC 9562 §6.2 method 1): when several ids are made in the same millisecond,
// or the clock steps back, the 12-bit `rand_a` field is used as a counter so ids still sort in creation order.
// Uniqueness never depends on the counter: 62 more bits are random for every id.

export interface UuidV7Options {
  /** Milliseconds since the Unix epoch (default `Date.now`). */
  now?: () => number;
  /** Fills a buffer with random bytes (default `crypto.getRandomValues`). */
  randomBytes?: (buffer: Uint8Array) => Uint8Array;
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** Returns a generator of UUIDv7 strings; keep one per process so the counter can order ids made in one ms. */
export function createUuidV7(options: UuidV7Options = {}): () => string {
  const now = options.now ?? (() => Date.now());
  const randomBytes = options.randomBytes ?? ((buffer: Uint8Array) => crypto.getRandomValues(buffer));
  let lastMs = -1;
  let counter = 0;

  return () => {
    let ms = Math.floor(now());
    const bytes = randomBytes(new Uint8Array(16));
    if (ms <= lastMs) {
      // Same millisecond, or the clock stepped back: stay on the last timestamp and count up.
      ms = lastMs;
      counter += 1;
      if (counter > 0xfff) {
        // 4096 ids in one millisecond: borrow the next millisecond rather than lose the order.
        ms = lastMs + 1;
        counter = 0;
      }
    } else {
      // A fresh millisecond: start the counter at a random point in its lower half, leaving room to count.
      counter = ((bytes[6] ?? 0) & 0x07) * 256 + (bytes[7] ?? 0);
    }
    lastMs = ms;

    // 48-bit big-endian timestamp; split because bitwise operators are 32-bit.
    const high = Math.floor(ms / 2 ** 16);
    bytes[0] = (high >>> 24) & 0xff;
    bytes[1] = (high >>> 16) & 0xff;
    bytes[2] = (high >>> 8) & 0xff;
    bytes[3] = high & 0xff;
    bytes[4] = (ms >>> 8) & 0xff;
    bytes[5] = ms & 0xff;
    bytes[6] = 0x70 | ((counter >>> 8) & 0x0f); // version 7
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f); // variant 10

    const h = hex(bytes);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
}

const uuidV7Pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const isUuidV7 = (value: string): boolean => uuidV7Pattern.test(value);

/** The millisecond timestamp inside a UUIDv7. */
export function uuidV7Time(id: string): number {
  if (!isUuidV7(id)) throw new RangeError('not a UUIDv7');
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
