// Administrative division codes (GB/T 2260, levels 1–3) for the mailing-address pickers and the "1+8" city
// browse. Runs anywhere. Facts from shared/specs/domain.md §5 (NBS data via modood, cut-off 2022-10-31).
//
// What is complete (hasCompleteChildren):
// - all 34 province-level units (names and codes; no cities below them except Hubei);
// - all 17 prefecture-level units of 湖北 (420000), with 仙桃/潜江/天门/神农架 shown as cities as domain.md §6.4 asks;
// - every county-level unit of the nine "1+8" cities.
// Not included: districts of the other eight Hubei prefectures and of other provinces (the picker lets the
// resident type the rest), township/street codes (statistical, change yearly), 421171 龙感湖管理区 (not GB/T 2260).
// Never use this table to reject an ID number: ID numbers keep the code valid at issue time (domain.md §5).
import { toTraditional } from '../i18n/hant';
import type { Locale } from '../i18n/locales';

/** The nine cities of the Wuhan metropolitan area ("1+8"), in the order of the 2021 agreement. */
export const metroCityCodes = ['420100', '420200', '420700', '421100', '420900', '421200', '429004', '429006', '429005'] as const;
export type MetroCityCode = (typeof metroCityCodes)[number];
export const isMetroCityCode = (code: string): code is MetroCityCode => (metroCityCodes as readonly string[]).includes(code);

export type DivisionLevel = 'province' | 'city' | 'district';
export interface Division {
  /** 6-digit GB/T 2260 code. */
  code: string;
  name: Record<Locale, string>;
  level: DivisionLevel;
  /** Code of the enclosing unit; null for provinces. */
  parent: string | null;
  /** A postal code to prefill (editable; third-party data, domain.md §5). Absent when unknown or not unique. */
  postalCode?: string;
}

export const hubeiCode = '420000';

// [code, 简体名, English]
const provinceRows: readonly (readonly [string, string, string])[] = [
  ['110000', '北京市', 'Beijing'], ['120000', '天津市', 'Tianjin'], ['130000', '河北省', 'Hebei'], ['140000', '山西省', 'Shanxi'],
  ['150000', '内蒙古自治区', 'Inner Mongolia'], ['210000', '辽宁省', 'Liaoning'], ['220000', '吉林省', 'Jilin'],
  ['230000', '黑龙江省', 'Heilongjiang'], ['310000', '上海市', 'Shanghai'], ['320000', '江苏省', 'Jiangsu'], ['330000', '浙江省', 'Zhejiang'],
  ['340000', '安徽省', 'Anhui'], ['350000', '福建省', 'Fujian'], ['360000', '江西省', 'Jiangxi'], ['370000', '山东省', 'Shandong'],
  ['410000', '河南省', 'Henan'], ['420000', '湖北省', 'Hubei'], ['430000', '湖南省', 'Hunan'], ['440000', '广东省', 'Guangdong'],
  ['450000', '广西壮族自治区', 'Guangxi'], ['460000', '海南省', 'Hainan'], ['500000', '重庆市', 'Chongqing'], ['510000', '四川省', 'Sichuan'],
  ['520000', '贵州省', 'Guizhou'], ['530000', '云南省', 'Yunnan'], ['540000', '西藏自治区', 'Xizang (Tibet)'], ['610000', '陕西省', 'Shaanxi'],
  ['620000', '甘肃省', 'Gansu'], ['630000', '青海省', 'Qinghai'], ['640000', '宁夏回族自治区', 'Ningxia'], ['650000', '新疆维吾尔自治区', 'Xinjiang'],
  ['710000', '台湾省', 'Taiwan'], ['810000', '香港特别行政区', 'Hong Kong'], ['820000', '澳门特别行政区', 'Macao'],
];

// Hubei's prefecture-level units: [code, 简体名, English, postal code of a county-level city without districts]
const hubeiCityRows: readonly (readonly [string, string, string, string?])[] = [
  ['420100', '武汉市', 'Wuhan'], ['420200', '黄石市', 'Huangshi'], ['420300', '十堰市', 'Shiyan'], ['420500', '宜昌市', 'Yichang'],
  ['420600', '襄阳市', 'Xiangyang'], ['420700', '鄂州市', 'Ezhou'], ['420800', '荆门市', 'Jingmen'], ['420900', '孝感市', 'Xiaogan'],
  ['421000', '荆州市', 'Jingzhou'], ['421100', '黄冈市', 'Huanggang'], ['421200', '咸宁市', 'Xianning'], ['421300', '随州市', 'Suizhou'],
  ['422800', '恩施土家族苗族自治州', 'Enshi Prefecture'], ['429004', '仙桃市', 'Xiantao', '433000'], ['429005', '潜江市', 'Qianjiang', '433100'],
  ['429006', '天门市', 'Tianmen', '431700'], ['429021', '神农架林区', 'Shennongjia Forestry District'],
];

// County-level units of the 1+8 cities: [code, 简体名, English, postal code]
const districtRows: readonly (readonly [string, string, string, string])[] = [
  ['420102', '江岸区', "Jiang'an District", '430014'], ['420103', '江汉区', 'Jianghan District', '430021'],
  ['420104', '硚口区', 'Qiaokou District', '430033'], ['420105', '汉阳区', 'Hanyang District', '430050'],
  ['420106', '武昌区', 'Wuchang District', '430061'], ['420107', '青山区', 'Qingshan District', '430080'],
  ['420111', '洪山区', 'Hongshan District', '430070'], ['420112', '东西湖区', 'Dongxihu District', '430040'],
  ['420113', '汉南区', 'Hannan District', '430090'], ['420114', '蔡甸区', 'Caidian District', '430100'],
  ['420115', '江夏区', 'Jiangxia District', '430200'], ['420116', '黄陂区', 'Huangpi District', '432200'],
  ['420117', '新洲区', 'Xinzhou District', '431400'],
  ['420202', '黄石港区', 'Huangshigang District', '435000'], ['420203', '西塞山区', 'Xisaishan District', '435001'],
  ['420204', '下陆区', 'Xialu District', '435005'], ['420205', '铁山区', 'Tieshan District', '435006'],
  ['420222', '阳新县', 'Yangxin County', '435200'], ['420281', '大冶市', 'Daye City', '435100'],
  ['420702', '梁子湖区', 'Liangzihu District', '436064'], ['420703', '华容区', 'Huarong District', '436030'],
  ['420704', '鄂城区', 'Echeng District', '436000'],
  ['420902', '孝南区', 'Xiaonan District', '432100'], ['420921', '孝昌县', 'Xiaochang County', '432900'],
  ['420922', '大悟县', 'Dawu County', '432800'], ['420923', '云梦县', 'Yunmeng County', '432500'],
  ['420981', '应城市', 'Yingcheng City', '432400'], ['420982', '安陆市', 'Anlu City', '432600'],
  ['420984', '汉川市', 'Hanchuan City', '432300'],
  ['421102', '黄州区', 'Huangzhou District', '438000'], ['421121', '团风县', 'Tuanfeng County', '438800'],
  ['421122', '红安县', "Hong'an County", '438401'], ['421123', '罗田县', 'Luotian County', '438600'],
  ['421124', '英山县', 'Yingshan County', '438700'], ['421125', '浠水县', 'Xishui County', '438200'],
  ['421126', '蕲春县', 'Qichun County', '435300'], ['421127', '黄梅县', 'Huangmei County', '435500'],
  ['421181', '麻城市', 'Macheng City', '438300'], ['421182', '武穴市', 'Wuxue City', '435400'],
  ['421202', '咸安区', "Xian'an District", '437000'], ['421221', '嘉鱼县', 'Jiayu County', '437200'],
  ['421222', '通城县', 'Tongcheng County', '437400'], ['421223', '崇阳县', 'Chongyang County', '437500'],
  ['421224', '通山县', 'Tongshan County', '437600'], ['421281', '赤壁市', 'Chibi City', '437300'],
];

const names = (zh: string, en: string): Record<Locale, string> => ({ 'zh-CN': zh, 'zh-TW': toTraditional(zh), en });

const all: Division[] = [
  ...provinceRows.map(([code, zh, en]): Division => ({ code, name: names(zh, en), level: 'province', parent: null })),
  ...hubeiCityRows.map(([code, zh, en, postalCode]): Division => ({
    code, name: names(zh, en), level: 'city', parent: hubeiCode, ...(postalCode ? { postalCode } : {}),
  })),
  ...districtRows.map(([code, zh, en, postalCode]): Division => ({
    code, name: names(zh, en), level: 'district', parent: `${code.slice(0, 4)}00`, postalCode,
  })),
];
const byCode = new Map(all.map((d) => [d.code, d]));
const children = new Map<string, Division[]>();
for (const d of all) if (d.parent) children.set(d.parent, [...(children.get(d.parent) ?? []), d]);

/** Units whose children in this table are all there are. */
const complete = new Set<string>([hubeiCode, ...metroCityCodes]);

/** The unit with this code, or undefined when it is not in the table (which does not make the code wrong). */
export const getDivision = (code: string): Division | undefined => byCode.get(code);

/** Every province-level unit, in code order. */
export const provinces = (): Division[] => all.filter((d) => d.level === 'province');

/** The units directly under `code` (empty when none are listed; see {@link hasCompleteChildren}). */
export const childrenOf = (code: string): Division[] => children.get(code) ?? [];

/**
 * True when {@link childrenOf} lists every unit under `code`. When false, the address picker must let the
 * resident type that level instead of forcing a choice.
 */
export const hasCompleteChildren = (code: string): boolean => complete.has(code);

/** True for a city with no districts below it (仙桃, 潜江, 天门, 神农架): it is itself the county-level unit. */
export const isCountyLevelCity = (code: string): boolean => code.startsWith('4290');

/** The nine metro cities as divisions, in agreement order. */
export const metroCities = (): Division[] => metroCityCodes.map((code) => byCode.get(code)).filter((d): d is Division => d !== undefined);

/** Province → city → district for a known code (shorter for higher levels); empty for an unknown code. */
export function divisionPath(code: string): Division[] {
  const path: Division[] = [];
  for (let d = byCode.get(code); d; d = d.parent ? byCode.get(d.parent) : undefined) path.unshift(d);
  return path;
}

/** The path as one line, largest first in Chinese (湖北省黄冈市黄州区), smallest first in English. */
export function formatDivisionPath(code: string, locale: Locale): string {
  const parts = divisionPath(code).map((d) => d.name[locale]);
  return locale === 'en' ? parts.reverse().join(', ') : parts.join('');
}
