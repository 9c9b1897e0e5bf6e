// The simulated reader's logic, without I/O: request in, reply frames out. Answers are byte-exact with the
// captured frames (vectors: idcard-short-responses.txt). Simulator choices where the real behaviour is not
// documented (spec §10), written down in docs/idcard.md:
// - select before find answers 81; read or 30 03 before select answers 41;
// - a card keeps answering 9F to find while it lies on the reader, also after it has been read;
// - placing a card while another lies there (setCard with a card) answers one find with 80 first (a lift-off);
// - 30 05 (chip management number, reply layout unknown) answers 21;
// - a failed read (fault err41/err31/badchecksum) needs find + select again, as on real readers.
import type { Command } from '../idcard/commands';
import { identifyRequest } from '../idcard/commands';
import { encodeResponse } from '../idcard/frame';
import type { RequestFrame } from '../idcard/frame';
import type { SimCard } from './idcardCard';
import { additionalAddressData, readReplyData } from './idcardCard';

/** SAM ID bytes from the public JNI file (vectors: idcard-samid.txt). */
export const SIM_SAM_ID = Uint8Array.of(0x05, 0x00, 0x01, 0x00, 0x70, 0xb6, 0x32, 0x01, 0x12, 0xcf, 0x0f, 0x00, 0xc1, 0x35, 0x34, 0x11);

export interface ResponderFaults {
  /** find always answers 80. */
  nocard?: boolean;
  /** The first N read replies of each card placement carry a wrong checksum. */
  badchecksum?: number;
  /** The first N reads of each placement answer 41 (read failed). */
  err41?: number;
  /** The first N reads of each placement answer 31 (card failed to authenticate the SAM). */
  err31?: number;
  /** 30 10 answers 21, as on a SAM without fingerprint support. */
  nofp?: boolean;
}

export type ResponderEvent = { type: 'baud'; baud: number } | { type: 'read'; ok: boolean };

export interface IdcardResponder {
  /** Reply frames (normally exactly one) for a well-formed request. */
  handle(request: RequestFrame): { frames: Uint8Array[]; event?: ResponderEvent };
  /** Answer to a request whose checksum failed (10) or whose length was wrong (11). */
  frameError(kind: 'checksum' | 'length'): Uint8Array;
  setCard(card: SimCard | null): void;
  readonly card: SimCard | null;
}

type CardState = 'absent' | 'present' | 'found' | 'selected';

export function createIdcardResponder(initial: SimCard | null, faults: ResponderFaults = {}): IdcardResponder {
  let card = initial;
  let state: CardState = card ? 'present' : 'absent';
  let liftOff = false;
  let reads = 0; // read attempts for the current placement

  const reply = (sw3: number, data: ArrayLike<number> = []) => ({ frames: [encodeResponse(sw3, data)] });

  function read(withFingerprint: boolean) {
    if (state !== 'selected' || !card) return { ...reply(0x41), event: { type: 'read', ok: false } as const };
    if (withFingerprint && faults.nofp) return reply(0x21);
    reads++;
    // Faults apply in turn per placement: first the 41s, then the 31s, then the corrupted replies.
    const after41 = faults.err41 ?? 0;
    const after31 = after41 + (faults.err31 ?? 0);
    const afterBad = after31 + (faults.badchecksum ?? 0);
    const failWith = reads <= after41 ? 0x41 : reads <= after31 ? 0x31 : null;
    if (failWith !== null) {
      state = 'present';
      return { ...reply(failWith), event: { type: 'read', ok: false } as const };
    }
    const frame = encodeResponse(0x90, readReplyData(card, withFingerprint));
    if (reads <= afterBad) {
      frame[frame.length - 1]! ^= 0x5a;
      state = 'present';
      return { frames: [frame], event: { type: 'read', ok: false } as const };
    }
    return { frames: [frame], event: { type: 'read', ok: true } as const };
  }

  function answer(c: Command) {
    switch (c.name) {
      case 'reset':
      case 'samStatus':
      case 'setMaxRf':
        return reply(0x90);
      case 'samId':
        return reply(0x90, SIM_SAM_ID);
      case 'setBaud':
        // Acknowledged at the old rate; the new rate applies from the next command (spec §2.10).
        return { ...reply(0x90), event: { type: 'baud', baud: c.baud } as const };
      case 'find':
        if (liftOff) {
          liftOff = false;
          return reply(0x80);
        }
        if (!card || faults.nocard) return reply(0x80);
        if (state === 'present') state = 'found';
        return reply(0x9f, [0, 0, 0, 0]);
      case 'select':
        if (state !== 'found' && state !== 'selected') return reply(0x81);
        state = 'selected';
        return reply(0x90, new Uint8Array(8));
      case 'readBase':
        return read(false);
      case 'readBaseFingerprint':
        return read(true);
      case 'readAdditionalAddress':
        if (state !== 'selected' || !card) return reply(0x41);
        return card.additionalAddress ? reply(0x90, additionalAddressData(card.additionalAddress)) : reply(0x91);
      case 'readChipNumber':
        return reply(0x21);
    }
  }

  return {
    handle(request) {
      const c = identifyRequest(request.cmd, request.para, request.data);
      return c ? answer(c) : reply(0x21);
    },
    frameError(kind) {
      return encodeResponse(kind === 'checksum' ? 0x10 : 0x11);
    },
    setCard(next) {
      liftOff = card !== null && next !== null && state !== 'absent';
      card = next;
      state = next ? 'present' : 'absent';
      reads = 0;
    },
    get card() {
      return card;
    },
  };
}
