// Scripted cards for the ID-card simulator: JSON files (devices/sim/cards/*.json) holding the text-block
// fields exactly as a card stores them (YYYYMMDD dates, sex and nation codes, "长期"), so the simulator's
// read replies are byte-exact. Synthetic people only.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { encodeReadReplyData } from '../idcard/replies';
import type { CardLayout } from '../idcard/textBlock';
import { encodeTextBlock } from '../idcard/textBlock';

const field = z.string();
const common = {
  /** Photo block: "wlt" = 1024 bytes opening with the real "WLf" container header (not decodable), "zero" = 1024 zero bytes as in the vectors (default "wlt"). */
  photo: z.enum(['wlt', 'zero']).default('wlt'),
  /** Fingerprint bytes answered to 30 10: 0, 512 or 1024 (default 0). */
  fingerprintBytes: z.union([z.literal(0), z.literal(512), z.literal(1024)]).default(0),
  /** Appended address answered to 30 03 (default none: the simulator answers 91). */
  additionalAddress: z.string().max(35).optional(),
};

export const simCardSchema = z.discriminatedUnion('layout', [
  z.object({
    layout: z.literal('resident'),
    fields: z.object({ name: field, sex: field, nation: field, birth: field, address: field, idNumber: field, issuer: field, validFrom: field, validTo: field }).strict(),
    ...common,
  }),
  z.object({
    layout: z.literal('hkmotw'),
    fields: z
      .object({ name: field, sex: field, birth: field, address: field, idNumber: field, issuer: field, validFrom: field, validTo: field, passNumber: field, issueCount: field })
      .strict(),
    ...common,
  }),
  z.object({
    layout: z.literal('foreigner2017'),
    fields: z
      .object({ englishName: field, sex: field, idNumber: field, country: field, chineseName: field, validFrom: field, validTo: field, birth: field, cardVersion: field, authorityCode: field })
      .strict(),
    ...common,
  }),
  z.object({
    layout: z.literal('foreigner2023'),
    fields: z
      .object({ chineseName: field, sex: field, renewalCount: field, birth: field, englishName1: field, idNumber: field, validFrom: field, validTo: field, englishName2: field, country: field, oldNumberLink: field })
      .partial({ oldNumberLink: true })
      .strict(),
    ...common,
  }),
]);
export type SimCard = z.output<typeof simCardSchema>;
export type SimCardInput = z.input<typeof simCardSchema>;

export class SimCardError extends Error {
  readonly code = 'sim_card_invalid';
}

export function parseSimCard(json: unknown, source = 'card'): SimCard {
  const parsed = simCardSchema.safeParse(json);
  if (!parsed.success) throw new SimCardError(`${source}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  try {
    encodeTextBlock(parsed.data.layout as CardLayout, parsed.data.fields);
  } catch (error) {
    throw new SimCardError(`${source}: ${(error as Error).message}`);
  }
  return parsed.data;
}

export function loadSimCard(file: string): SimCard {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SimCardError(`${file}: ${(error as Error).message}`);
  }
  return parseSimCard(json, file);
}

/** The "WLf\0" container header seen on two real photos (vectors: idcard-readbase-structure.txt). */
const wltHeader = [0x57, 0x4c, 0x66, 0x00, 0x7e, 0x00, 0x32, 0x00, 0x00, 0xff, 0x85, 0x1e, 0x51, 0x51, 0x51, 0x3e];

export function photoBlock(card: SimCard): Uint8Array {
  const photo = new Uint8Array(1024);
  if (card.photo === 'wlt') {
    photo.set(wltHeader);
    for (let i = wltHeader.length; i < photo.length; i++) photo[i] = (i * 31 + 7) & 0xff;
  }
  return photo;
}

export const textBlockOf = (card: SimCard): Uint8Array => encodeTextBlock(card.layout as CardLayout, card.fields);

/** Data of the read reply: 30 01 (withFingerprint false) or 30 10. */
export function readReplyData(card: SimCard, withFingerprint: boolean): Uint8Array {
  return encodeReadReplyData({
    text: textBlockOf(card),
    photo: photoBlock(card),
    fingerprint: withFingerprint ? new Uint8Array(card.fingerprintBytes) : null,
  });
}

export function additionalAddressData(address: string): Uint8Array {
  const out = new Uint8Array(70);
  for (let i = 0; i < 70; i += 2) out[i] = 0x20;
  for (let k = 0; k < address.length; k++) {
    const code = address.charCodeAt(k);
    out[2 * k] = code & 0xff;
    out[2 * k + 1] = code >> 8;
  }
  return out;
}
