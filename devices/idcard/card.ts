// From the decoded text block to the kiosk's IdentityCard (src/domain/card.ts). Anything that breaks the
// layout's rules (an impossible date, a number with letters, an empty name) is a CardDataError, so the
// reader session treats the read as corrupted and reads again; a well-formed number that fails GB 11643 is
// delivered with idNumberValid: false, never trusted silently.
import type { IdentityCard } from '../../src/domain/card';
import { checkForeignResidenceNumber, checkIdNumber, compactDateToIso } from '../../src/domain/idNumber';
import { CardDataError } from './cardDataError';
import { nationName } from './nations';
import type { DecodedText } from './textBlock';
import { decodeTextBlock, hasControlChars } from './textBlock';

/** "长期": no expiry (7F 95 1F 67). */
export const NO_EXPIRY = '长期';

/** Fields a card type has beyond IdentityCard; kept off the bridge, available to the host and the CLI. */
export interface CardExtras {
  layout: DecodedText['layout'];
  /** hkmotw: 通行证号码 and 签发次数. */
  passNumber?: string;
  issueCount?: string;
  /** foreigner: both names, GB/T 2659 alpha-3 nationality, card version / renewal count. */
  englishName?: string;
  chineseName?: string;
  country?: string;
  cardVersion?: string;
}

export interface DecodedCard {
  card: IdentityCard;
  extras: CardExtras;
}

export interface DecodeOptions {
  /** Bytes in the photo block (opaque WLT; kept only as a count here). */
  photoBytes: number;
  /** Today in China `YYYY-MM-DD` for the "birth date not in the future" rule (default: by the system clock). */
  today?: string;
}

function date(value: string, field: string): string {
  const iso = compactDateToIso(value);
  if (!iso) throw new CardDataError(field, `${field} is not a YYYYMMDD date`);
  return iso;
}

function expiry(value: string): string | null {
  return value === NO_EXPIRY ? null : date(value, 'validTo');
}

function sexOf(code: string): IdentityCard['sex'] {
  if (!/^\d$/.test(code)) throw new CardDataError('sex', 'sex is not a one-digit code');
  return code === '1' ? 'male' : code === '2' ? 'female' : 'unknown';
}

function required(value: string, field: string): string {
  if (value === '' || hasControlChars(value)) throw new CardDataError(field, `${field} is empty or has control characters`);
  return value;
}

function optionalText(value: string, field: string): string {
  if (hasControlChars(value)) throw new CardDataError(field, `${field} has control characters`);
  return value;
}

export function cardFromText(decoded: DecodedText, options: DecodeOptions): DecodedCard {
  const photoBytes = options.photoBytes;
  switch (decoded.layout) {
    case 'resident':
    case 'hkmotw': {
      const f = decoded.fields;
      const idNumber = required(f.idNumber, 'idNumber');
      if (!/^\d{17}[\dX]$/.test(idNumber)) throw new CardDataError('idNumber', 'idNumber is not 17 digits and a check character');
      const sex = sexOf(f.sex);
      const birthDate = date(f.birth, 'birth');
      const resident = decoded.layout === 'resident';
      const nation = decoded.layout === 'resident' ? decoded.fields.nation : '';
      if (resident && !/^\d{2}$/.test(nation)) throw new CardDataError('nation', 'nation is not a two-digit code');
      const card: IdentityCard = {
        cardType: resident ? 'resident' : 'hkmotw',
        name: required(f.name, 'name'),
        sex,
        nation,
        nationName: resident ? nationName(nation) : '',
        birthDate,
        address: optionalText(f.address, 'address'),
        idNumber,
        issuer: optionalText(f.issuer, 'issuer'),
        validFrom: date(f.validFrom, 'validFrom'),
        validTo: expiry(f.validTo),
        idNumberValid: checkIdNumber(idNumber, { birthDate, sex, today: options.today }).valid,
        photoBytes,
      };
      const extras: CardExtras =
        decoded.layout === 'hkmotw'
          ? { layout: 'hkmotw', passNumber: optionalText(decoded.fields.passNumber, 'passNumber'), issueCount: optionalText(decoded.fields.issueCount, 'issueCount') }
          : { layout: 'resident' };
      return { card, extras };
    }
    case 'foreigner2017':
    case 'foreigner2023': {
      const is2017 = decoded.layout === 'foreigner2017';
      const f = decoded.fields;
      const englishName = is2017
        ? optionalText(decoded.fields.englishName, 'englishName')
        : optionalText(decoded.fields.englishName, 'englishName');
      const chineseName = optionalText(f.chineseName, 'chineseName');
      const idNumber = required(f.idNumber, 'idNumber');
      if (!/^[0-9A-Z]+$/.test(idNumber)) throw new CardDataError('idNumber', 'idNumber has characters other than digits and capitals');
      const country = optionalText(f.country, 'country');
      const card: IdentityCard = {
        cardType: 'foreigner',
        // The Chinese name is what forms and receipts use; cards without one fall back to the English name.
        name: required(chineseName || englishName, 'name'),
        sex: sexOf(f.sex),
        nation: '',
        // Foreigner cards have no 民族; the nationality code (GB/T 2659 alpha-3) is the closest field.
        nationName: country,
        birthDate: date(f.birth, 'birth'),
        address: '',
        idNumber,
        issuer: is2017 ? optionalText(decoded.fields.authorityCode, 'authorityCode') : '',
        validFrom: date(f.validFrom, 'validFrom'),
        validTo: expiry(f.validTo),
        idNumberValid: checkForeignResidenceNumber(idNumber, is2017 ? '2017' : '2023').valid,
        photoBytes,
      };
      const cardVersion = is2017 ? decoded.fields.cardVersion : decoded.fields.renewalCount;
      return { card, extras: { layout: decoded.layout, englishName, chineseName, country, cardVersion } };
    }
  }
}

export const decodeCard = (text: Uint8Array, options: DecodeOptions): DecodedCard => cardFromText(decodeTextBlock(text), options);
