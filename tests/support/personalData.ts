// fast-check generators of the personal data a kiosk handles, in the shapes cards and forms give it: names
// (Chinese, with rare characters and the ethnic-name dot; Latin, capitalised as on foreigners' cards), ID
// numbers of every card type (resident 18-digit, HK/Macau/Taiwan residence permit 81/82/83, foreigner
// permanent residence 2023 18-char and the OLD 2017 15-char "3 letters + 12 digits"), travel-permit
// numbers, mobile phones with the separators people type, and addresses. Each value comes with the fragments
// that must never reach a log (shared/specs/idcard-reader.md §3, §6; src/domain/idNumber.ts).
import fc from 'fast-check';
import { computeCheckChar } from '../../src/domain/idNumber';

export interface PersonalValue {
  kind: 'chineseName' | 'latinName' | 'idNumber' | 'permitNumber' | 'phone' | 'address';
  value: string;
  /** Parts that identify the person; none may appear in a log line. */
  fragments: string[];
}

const hanzi = [...'张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏锺汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文丰伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰'];
const rare = ['𠮷', '㐂', '䶮', '𪚥', '堃', '犇', '淼'];
const char = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...hanzi) }, { weight: 1, arbitrary: fc.constantFrom(...rare) });
const hanziText = (min: number, max: number) => fc.array(char, { minLength: min, maxLength: max }).map((cs) => cs.join(''));

const chineseName = fc.oneof(hanziText(2, 4), fc.tuple(hanziText(2, 4), hanziText(2, 4)).map(([a, b]) => `${a}·${b}`));
const latinWord = fc.stringMatching(/^[A-Z][a-z]{1,9}$/);
const latinName = fc
  .tuple(latinWord, latinWord, fc.boolean())
  .map(([surname, given, upper]) => (upper ? `${surname.toUpperCase()}, ${given.toUpperCase()}` : `${given} ${surname}`));

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const birth = fc.date({ min: new Date('1920-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));
const withCheck = (first17: string) => first17 + computeCheckChar(first17)!;

const resident = fc.tuple(fc.constantFrom('420102', '420204', '429004', '110101', '440524'), birth, digits(3)).map(([r, b, s]) => withCheck(r + b + s));
const residencePermit = fc.tuple(fc.constantFrom('810000', '820000', '830000'), birth, digits(3)).map(([r, b, s]) => withCheck(r + b + s));
const foreigner2023 = fc.tuple(fc.constantFrom('11', '31', '42', '44'), digits(3), birth, digits(3), fc.constantFrom(...'0123456789X')).map(([p, c, b, s, x]) => `9${p}${c}${b}${s}${x}`);
const foreigner2017 = fc.tuple(fc.constantFrom('USA', 'GBR', 'FRA', 'JPN', 'KOR', 'DEU'), digits(12)).map(([c, d]) => c + d);
/** How people and readers write an ID number: as read, with a lower-case x, or spaced in groups. */
const spelled = (id: string) => fc.constantFrom(id, id.toLowerCase(), id.replace(/^(.{6})(.{8})(.*)$/, '$1 $2 $3'));
const idNumber = fc.oneof(resident, residencePermit, foreigner2023, foreigner2017).chain((id) =>
  spelled(id).map((value): PersonalValue => ({ kind: 'idNumber', value, fragments: [value, id, id.replace(/\D/g, '')] })),
);
const permitNumber = fc.oneof(digits(8).map((d) => `H${d}`), digits(8).map((d) => `M${d}`), digits(8)).map((value): PersonalValue => ({ kind: 'permitNumber', value, fragments: [value, value.replace(/\D/g, '')] }));

const mobile = fc.tuple(fc.constantFrom('3', '5', '7', '8', '9'), digits(9)).map(([a, rest]) => `1${a}${rest}`);
const phone = mobile.chain((m) =>
  fc
    .constantFrom(m, `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`, `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`, `+86 ${m}`, `(+86)${m}`)
    .map((value): PersonalValue => ({ kind: 'phone', value, fragments: [value, m, m.slice(3)] })),
);

const address = fc
  .tuple(fc.constantFrom('湖北省武汉市洪山区', '湖北省黄石市下陆区', '湖北省仙桃市', '香港特别行政区九龙'), hanziText(2, 4), fc.integer({ min: 1, max: 999 }), hanziText(0, 3))
  .map(([region, street, no, rest]): PersonalValue => {
    const value = `${region}${street}路${no}号${rest}`;
    return { kind: 'address', value, fragments: [value, region, `${street}路`] };
  });

export const personalValue: fc.Arbitrary<PersonalValue> = fc.oneof(
  chineseName.map((value): PersonalValue => ({ kind: 'chineseName', value, fragments: [value, ...[...value].filter((c) => c !== '·')] })),
  latinName.map((value): PersonalValue => ({ kind: 'latinName', value, fragments: [value, ...value.split(/[ ,]+/).filter((w) => w.length > 1)] })),
  idNumber,
  permitNumber,
  phone,
  address,
);
