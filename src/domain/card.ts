// What an identity card read gives the kiosk, whatever the card type. Shared by the reader driver, the bridge,
// the CLI (`kioskctl card read --json` prints exactly these keys) and the resident flow.
import { z } from 'zod';

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const cardTypes = ['resident', 'hkmotw', 'foreigner'] as const;
export type CardType = (typeof cardTypes)[number];

export const identityCardSchema = z.object({
  cardType: z.enum(cardTypes),
  name: z.string().min(1),
  sex: z.enum(['male', 'female', 'unknown']),
  /** Two-digit nation code for resident cards (e.g. "01" 汉); empty for cards without one. */
  nation: z.string(),
  nationName: z.string(),
  birthDate: isoDateSchema,
  address: z.string(),
  idNumber: z.string().min(1),
  issuer: z.string(),
  validFrom: isoDateSchema,
  /** null for "长期" (no expiry). */
  validTo: isoDateSchema.nullable(),
  /** False when the number fails the GB 11643 check digit, the birth date or the region code. */
  idNumberValid: z.boolean(),
  photoBytes: z.number().int().nonnegative(),
});
export type IdentityCard = z.infer<typeof identityCardSchema>;
