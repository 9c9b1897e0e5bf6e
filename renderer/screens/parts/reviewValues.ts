// What the review screen shows for each answer: the words of a choice, a readable address, and personal
// data masked the way receipts mask it (src/domain/mask.ts).
import type { FormField } from '../../../src/domain/catalog';
import { formatDivisionPath } from '../../../src/domain/divisions';
import { maskAddressDetail, maskIdNumber, maskName, maskPhone } from '../../../src/domain/mask';
import type { FieldValue } from '../../../src/domain/validation';
import type { Locale } from '../../../src/i18n/locales';

/** Name and ID number come from the card and are listed once, from the card, not again as form fields. */
export const isShownFromCard = (field: FormField): boolean =>
  (field.prefillFrom === 'name' || field.prefillFrom === 'idNumber') && field.prefillMode !== 'suggest';

/** A free-text field that holds a person's name (申请人姓名, 配偶姓名, 收件人…): masked like one. */
const holdsName = (field: FormField): boolean => field.prefillFrom === 'name' || /name|recipient/i.test(field.id);

/** The text to show for an answer, or null when the resident left an optional field empty. */
export function displayValue(field: FormField, value: FieldValue | undefined, locale: Locale): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'string') {
    const deepest = value.districtCode ?? value.cityCode ?? value.provinceCode;
    const path = deepest ? formatDivisionPath(deepest, locale) : '';
    const detail = maskAddressDetail(value.detail);
    const postal = value.postalCode ? ` (${value.postalCode})` : '';
    return `${locale === 'en' ? [detail, path].filter(Boolean).join(', ') : `${path}${detail}`}${postal}`;
  }
  const text = value.trim();
  if (text === '') return null;
  switch (field.kind) {
    case 'phone':
      return maskPhone(text);
    case 'idNumber':
      return maskIdNumber(text);
    case 'choice':
      return field.options?.find((o) => o.value === text)?.label[locale] ?? text;
    case 'date':
      // A birth date read from the card is personal; the year is enough to recognise it.
      return field.prefillFrom === 'birthDate' ? `${text.slice(0, 4)}-**-**` : text;
    case 'text':
      if (holdsName(field)) return maskName(text);
      if (field.prefillFrom === 'address') return maskAddressDetail(text);
      return text;
    case 'number':
    case 'address':
      return text;
  }
}
