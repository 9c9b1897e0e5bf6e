// Rules for what a resident types into a generated form: mobile phone, mailing address, and every field kind
// of catalog.ts. Runs anywhere. Errors are i18n message references (key + params), never text, so the screen
// shows them in the resident's language. Validation never changes the values it is given: a mistake costs the
// resident nothing they typed; normalised values are returned separately for submission.
import type { MessageRef } from '../i18n';
import type { FormField } from './catalog';
import { childrenOf, formatDivisionPath, getDivision, hasCompleteChildren } from './divisions';
import { checkIdNumber } from './idNumber';

/** A mailing address as the pickers and the street line produce it (domain.md §6.4). */
export interface MailingAddress {
  /** Province-level code (6 digits). */
  provinceCode: string;
  /** City code; null where the table lists no cities for the province (the street line then carries the rest). */
  cityCode: string | null;
  /** District code; null for 仙桃/潜江/天门/神农架 and where no districts are listed. */
  districtCode: string | null;
  /** Street, estate, building and door number (or, outside the table, everything below the last chosen level). */
  detail: string;
  /** Six digits; optional (prefilled from the district when known). */
  postalCode?: string;
}

export type FieldValue = string | MailingAddress;
export type FormValues = Record<string, FieldValue | undefined>;
/** The part of an address a message is about, so the screen can show it next to the right picker. */
export type AddressPart = 'province' | 'city' | 'district' | 'detail' | 'postalCode';
export type FieldError = MessageRef & { part?: AddressPart };

export type Checked<T> = { ok: true; value: T } | { ok: false; error: FieldError };

/** GB/T 39046 通讯地址 an..100: the whole address, division names included. */
export const maxAddressLength = 100;
/** Shortest street line that can still name a road and a number (e.g. "江汉路1号"). */
export const minAddressDetailLength = 4;
/** Default maximum length of a free-text field without its own maxLength. */
export const defaultTextMaxLength = 100;

const length = (s: string): number => [...s].length;
// Control characters, emoji and other pictographs, private-use and unassigned code points cannot be printed or
// stored safely (GB18030 receipts, national data exchange).
const unusable = /[\p{Cc}\p{Cs}\p{Co}\p{Cn}\p{So}]/u;
const fail = (key: FieldError['key'], params?: FieldError['params'], part?: AddressPart): { ok: false; error: FieldError } => ({
  ok: false,
  error: { key, ...(params ? { params } : {}), ...(part ? { part } : {}) },
});

/** Digits of a phone number with spaces, dashes, brackets and a +86 / 0086 country prefix removed. */
export function normalizePhone(raw: string): string {
  const compact = raw.replace(/[\s\-()（）]/g, '');
  const prefix = /^(\+86|0086)/.exec(compact);
  return prefix ? compact.slice(prefix[0].length) : compact;
}

/** A mainland mobile number: 11 digits, 1 then 3–9 (domain.md §6.2; no segment lists, they go stale). */
export function checkPhone(raw: string): Checked<string> {
  const phone = normalizePhone(raw);
  if (phone === '') return fail('validation.required');
  if (!/^\d+$/.test(phone)) return fail('validation.phone.notDigits');
  if (phone.length !== 11) return fail('validation.phone.length', { length: phone.length });
  if (!/^1[3-9]\d{9}$/.test(phone)) return fail('validation.phone.format');
  return { ok: true, value: phone };
}

/** Exactly six digits (GB/T 39046 邮政编码 n6). */
export function checkPostalCode(raw: string): Checked<string> {
  const code = raw.replace(/\s/g, '');
  return /^\d{6}$/.test(code) ? { ok: true, value: code } : fail('validation.postalCode', undefined, 'postalCode');
}

/** The postal code to prefill for a chosen division (district, or a county-level city), if the table has one. */
export const suggestPostalCode = (code: string | null): string | undefined => (code ? getDivision(code)?.postalCode : undefined);

/** The address on one line, largest unit first, as printed and sent (Simplified Chinese). */
export function formatAddress(address: MailingAddress): string {
  const deepest = address.districtCode ?? address.cityCode ?? address.provinceCode;
  return `${formatDivisionPath(deepest, 'zh-CN')}${address.detail.trim()}`;
}

/**
 * Checks the pickers against the division table and the street line. A level is required exactly when the
 * table lists every unit at that level under the chosen parent; otherwise the resident types it.
 */
export function checkAddress(address: MailingAddress): Checked<MailingAddress> {
  const province = getDivision(address.provinceCode);
  if (address.provinceCode === '') return fail('validation.address.province', undefined, 'province');
  if (province?.level !== 'province') return fail('validation.address.unknownDivision', undefined, 'province');
  let cityCode: string | null = null;
  let districtCode: string | null = null;
  if (hasCompleteChildren(province.code)) {
    if (!address.cityCode) return fail('validation.address.city', undefined, 'city');
    if (!childrenOf(province.code).some((c) => c.code === address.cityCode)) return fail('validation.address.unknownDivision', undefined, 'city');
    cityCode = address.cityCode;
    const districts = childrenOf(cityCode);
    if (hasCompleteChildren(cityCode) && districts.length > 0) {
      if (!address.districtCode) return fail('validation.address.district', undefined, 'district');
      if (!districts.some((d) => d.code === address.districtCode)) return fail('validation.address.unknownDivision', undefined, 'district');
      districtCode = address.districtCode;
    }
  }
  const detail = address.detail.trim().replace(/\s+/g, ' ');
  if (detail === '') return fail('validation.address.detailRequired', undefined, 'detail');
  if (unusable.test(detail)) return fail('validation.invalidCharacters', undefined, 'detail');
  if (length(detail) < minAddressDetailLength) return fail('validation.address.detailTooShort', undefined, 'detail');
  const normalized: MailingAddress = { provinceCode: province.code, cityCode, districtCode, detail };
  if (length(formatAddress(normalized)) > maxAddressLength) return fail('validation.address.tooLong', { max: maxAddressLength }, 'detail');
  if (address.postalCode !== undefined && address.postalCode.trim() !== '') {
    const postal = checkPostalCode(address.postalCode);
    if (!postal.ok) return postal;
    normalized.postalCode = postal.value;
  }
  return { ok: true, value: normalized };
}

/** Context a check needs from outside: "today" in China as YYYY-MM-DD (`chinaToday(clock)` of ./clock). */
export interface ValidationContext {
  today: string;
}

const isRealDate = (iso: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
};

const isEmpty = (value: FieldValue | undefined): boolean =>
  value === undefined || (typeof value === 'string' ? value.trim() === '' : value.provinceCode === '' && value.detail.trim() === '');

/** Checks one visible field. Returns the value as it should be submitted (trimmed, upper-cased X, digits only…). */
export function checkField(field: FormField, value: FieldValue | undefined, context: ValidationContext): Checked<FieldValue | undefined> {
  if (isEmpty(value)) {
    if (!field.required) return { ok: true, value: undefined };
    return fail(field.kind === 'choice' ? 'validation.choiceRequired' : field.kind === 'address' ? 'validation.address.province' : 'validation.required', undefined, field.kind === 'address' ? 'province' : undefined);
  }
  if (field.kind === 'address') {
    return typeof value === 'object' && value !== null ? checkAddress(value) : fail('validation.address.province', undefined, 'province');
  }
  if (typeof value !== 'string') return fail('validation.required');
  const text = value.trim();
  switch (field.kind) {
    case 'phone':
      return checkPhone(text);
    case 'choice':
      return field.options?.some((o) => o.value === text) ? { ok: true, value: text } : fail('validation.choiceInvalid');
    case 'date': {
      if (!isRealDate(text)) return fail('validation.date.invalid');
      if (field.dateRange === 'past' && text > context.today) return fail('validation.date.mustBePast');
      if (field.dateRange === 'future' && text < context.today) return fail('validation.date.mustBeFuture');
      return { ok: true, value: text };
    }
    case 'idNumber': {
      const id = text.replace(/\s/g, '').toUpperCase();
      if (id.length !== 18) return fail('validation.idNumber.length');
      const check = checkIdNumber(id, { today: context.today });
      if (check.problems.includes('format')) return fail('validation.idNumber.format');
      if (check.problems.includes('birthDate')) return fail('validation.idNumber.birthDate');
      if (check.problems.includes('checkDigit')) return fail('validation.idNumber.checksum');
      // An unknown region code is not an error: numbers keep the code valid when they were issued (domain.md §5).
      return { ok: true, value: id };
    }
    case 'number': {
      const digits = text.replace(/\s/g, '');
      if (!/^\d+$/.test(digits)) return fail('validation.number.notNumber');
      if (field.minLength !== undefined && digits.length < field.minLength) return fail('validation.tooShort', { min: field.minLength });
      if (field.maxLength !== undefined && digits.length > field.maxLength) return fail('validation.tooLong', { max: field.maxLength, length: digits.length });
      const n = Number(digits);
      if (field.min !== undefined && n < field.min) return fail('validation.number.min', { min: field.min });
      if (field.max !== undefined && n > field.max) return fail('validation.number.max', { max: field.max });
      return { ok: true, value: digits };
    }
    case 'text': {
      if (unusable.test(text)) return fail('validation.invalidCharacters');
      const max = field.maxLength ?? defaultTextMaxLength;
      if (length(text) > max) return fail('validation.tooLong', { max, length: length(text) });
      if (field.minLength !== undefined && length(text) < field.minLength) return fail('validation.tooShort', { min: field.minLength });
      return { ok: true, value: text };
    }
  }
}

/** True when a field is shown: it has no condition, or the controlling choice currently has the named value. */
export const isFieldVisible = (field: FormField, values: FormValues): boolean =>
  !field.visibleWhen || values[field.visibleWhen.field] === field.visibleWhen.equals;

export interface FormCheck {
  ok: boolean;
  /** Error per visible field id; hidden fields are never checked. */
  errors: Record<string, FieldError>;
  /** 'validation.form.hasErrors' with the count, or null when everything is fine. */
  summary: MessageRef | null;
  /** Normalised values of the visible, non-empty fields (what to submit); only meaningful when ok. */
  values: Record<string, FieldValue>;
}

/** Checks every visible field of a form. */
export function checkForm(fields: readonly FormField[], values: FormValues, context: ValidationContext): FormCheck {
  const errors: Record<string, FieldError> = {};
  const normalized: Record<string, FieldValue> = {};
  for (const field of fields) {
    if (!isFieldVisible(field, values)) continue;
    const result = checkField(field, values[field.id], context);
    if (!result.ok) errors[field.id] = result.error;
    else if (result.value !== undefined) normalized[field.id] = result.value;
  }
  const count = Object.keys(errors).length;
  return { ok: count === 0, errors, summary: count === 0 ? null : { key: 'validation.form.hasErrors', params: { count } }, values: normalized };
}
