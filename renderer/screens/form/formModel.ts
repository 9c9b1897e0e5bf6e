// The form screen's small rules: which keyboard a field gets, what a locked field shows, date typing.
// Pure (no React), so the integrator's tests can use them too.
import type { IdentityCard } from '../../../src/domain/card';
import type { FormField } from '../../../src/domain/catalog';
import { maskIdNumber } from '../../../src/domain/mask';
import { defaultTextMaxLength, type FieldValue, type MailingAddress } from '../../../src/domain/validation';
import type { KeyboardMode } from '../../components/keyboard/OnScreenKeyboard';

/** What the docked keyboard is typing into: a field, or a part of an address field. */
export interface KeyboardTarget {
  fieldId: string;
  part?: 'detail' | 'postalCode';
}
export const targetKey = (t: KeyboardTarget): string => (t.part ? `${t.fieldId}-${t.part}` : t.fieldId);

export interface KeyboardConfig {
  mode: KeyboardMode;
  allowModes: readonly KeyboardMode[];
  maxLength: number;
  numericX: boolean;
}

const textModes: readonly KeyboardMode[] = ['pinyin', 'latin', 'numeric'];
const numeric = (maxLength: number, numericX = false): KeyboardConfig => ({ mode: 'numeric', allowModes: ['numeric'], maxLength, numericX });

/** Longest street line: the whole address (GB/T 39046) is at most 100 characters, divisions included. */
const detailMaxLength = 80;

export function keyboardFor(field: FormField, part?: KeyboardTarget['part']): KeyboardConfig {
  if (part === 'postalCode') return numeric(6);
  if (part === 'detail') return { mode: 'pinyin', allowModes: textModes, maxLength: detailMaxLength, numericX: false };
  switch (field.kind) {
    case 'phone':
      return numeric(11);
    case 'idNumber':
      return numeric(18, true);
    case 'number':
      return numeric(field.maxLength ?? 30);
    case 'date':
      return numeric(8); // digits only; shown as YYYY-MM-DD
    default:
      return { mode: 'pinyin', allowModes: textModes, maxLength: field.maxLength ?? defaultTextMaxLength, numericX: false };
  }
}

/** Read-only because the card is the source of truth: a card was read and the field is locked to it. */
export const isLockedToCard = (field: FormField, card: IdentityCard | null): boolean =>
  card !== null && field.prefillFrom !== undefined && (field.prefillMode ?? 'locked') === 'locked';

/** What a locked field shows: the resident's own data in full, except the ID number (masked, DESIGN.md §7). */
export function lockedDisplay(field: FormField, value: FieldValue | undefined, card: IdentityCard): string {
  const raw = typeof value === 'string' && value !== '' ? value : field.prefillFrom ? String(card[field.prefillFrom]) : '';
  return field.kind === 'idNumber' || field.prefillFrom === 'idNumber' ? maskIdNumber(raw) : raw;
}

/** "19900307" → "1990-03-07"; partial input keeps its dashes as it grows ("199003" → "1990-03"). */
export function formatDateDigits(digits: string): string {
  const d = digits.replace(/\D/g, '').slice(0, 8);
  return [d.slice(0, 4), d.slice(4, 6), d.slice(6, 8)].filter((s) => s !== '').join('-');
}
export const dateDigits = (value: string): string => value.replace(/\D/g, '').slice(0, 8);

/** The next `count` calendar days from `today` (YYYY-MM-DD), today included. */
export function nextDays(today: string, count: number): string[] {
  const start = Date.parse(`${today}T00:00:00Z`);
  if (Number.isNaN(start)) return [];
  return Array.from({ length: count }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

export const emptyAddress = (): MailingAddress => ({ provinceCode: '', cityCode: null, districtCode: null, detail: '' });
export const asAddress = (value: FieldValue | undefined): MailingAddress => (typeof value === 'object' && value !== null ? value : emptyAddress());
export const asText = (value: FieldValue | undefined): string => (typeof value === 'string' ? value : '');
