// A starting value for a mailing address from the address printed on the ID card (户籍 address): the
// divisions it names are picked, the rest becomes the street line. Only a suggestion (prefillMode 'suggest'):
// the resident often lives elsewhere and changes it.
import { childrenOf, provinces, type Division } from '../../../src/domain/divisions';
import { suggestPostalCode, type MailingAddress } from '../../../src/domain/validation';

/** 湖北省 → [湖北省, 湖北]: cards sometimes omit the suffix (武汉 instead of 武汉市). */
function namesOf(d: Division): string[] {
  const full = d.name['zh-CN'];
  const short = full.replace(/(壮族|回族|维吾尔)?(自治区|自治州|特别行政区|省|市|区|县)$/, '');
  return short !== full && [...short].length >= 2 ? [full, short] : [full];
}

function take(text: string, candidates: readonly Division[]): { division: Division; rest: string } | undefined {
  for (const division of candidates) {
    const name = namesOf(division).find((n) => text.startsWith(n));
    if (name) return { division, rest: text.slice(name.length) };
  }
  return undefined;
}

/** The card address as picker choices plus a street line; undefined when it names no known province. */
export function addressFromCardText(cardAddress: string): MailingAddress | undefined {
  const text = cardAddress.replace(/\s+/g, '');
  const province = take(text, provinces());
  if (!province) return undefined;
  const city = take(province.rest, childrenOf(province.division.code));
  const district = city ? take(city.rest, childrenOf(city.division.code)) : undefined;
  const deepest = district ?? city ?? province;
  const postalCode = suggestPostalCode(district?.division.code ?? city?.division.code ?? null);
  return {
    provinceCode: province.division.code,
    cityCode: city?.division.code ?? null,
    districtCode: district?.division.code ?? null,
    detail: deepest.rest,
    ...(postalCode ? { postalCode } : {}),
  };
}
