// Region codes (GB/T 2260) the kiosk recognises in the first six digits of an identity number.
//
// Choice (documented in docs/idcard.md): a compact table, not the full 3,000-row national list.
// - Every province-level code, plus 81/82/83 (Hong Kong, Macau, Taiwan residence permits, which use
//   810000/820000/830000) and 71 (Taiwan, as GB/T 2260 lists it).
// - For Hubei (42), the kiosk's home province, every current prefecture and county code (2024 edition), plus
//   the former prefectures (地区) that existed before the 1990s reorganisations.
// A person keeps the number issued at first registration for life, so abolished county codes still appear on
// valid cards. The rule therefore checks the province everywhere, and the prefecture inside Hubei; the county
// table is used to name a Hubei county, not to reject a number whose county was merged or renamed.

export const provinces: Readonly<Record<string, string>> = {
  '11': '北京市', '12': '天津市', '13': '河北省', '14': '山西省', '15': '内蒙古自治区',
  '21': '辽宁省', '22': '吉林省', '23': '黑龙江省',
  '31': '上海市', '32': '江苏省', '33': '浙江省', '34': '安徽省', '35': '福建省', '36': '江西省', '37': '山东省',
  '41': '河南省', '42': '湖北省', '43': '湖南省', '44': '广东省', '45': '广西壮族自治区', '46': '海南省',
  '50': '重庆市', '51': '四川省', '52': '贵州省', '53': '云南省', '54': '西藏自治区',
  '61': '陕西省', '62': '甘肃省', '63': '青海省', '64': '宁夏回族自治区', '65': '新疆维吾尔自治区',
  '71': '台湾省', '81': '香港特别行政区', '82': '澳门特别行政区', '83': '台湾地区（居住证）',
};

/** Hubei prefecture-level codes (first four digits): current ones and the former 地区 of older editions. */
export const hubeiPrefectures: Readonly<Record<string, string>> = {
  '4201': '武汉市', '4202': '黄石市', '4203': '十堰市', '4205': '宜昌市', '4206': '襄阳市', '4207': '鄂州市',
  '4208': '荆门市', '4209': '孝感市', '4210': '荆州市', '4211': '黄冈市', '4212': '咸宁市', '4213': '随州市',
  '4228': '恩施土家族苗族自治州', '4290': '省直辖县级行政单位',
  // Former prefectures (abolished or renamed 1983–2000); people registered there keep these codes.
  '4221': '黄冈地区（旧）', '4222': '孝感地区（旧）', '4223': '咸宁地区（旧）', '4224': '荆州地区（旧）',
  '4225': '郧阳地区（旧）', '4226': '宜昌地区（旧）', '4227': '襄阳地区（旧）',
};

/** Hubei county-level codes, GB/T 2260 2024 edition. */
export const hubeiCounties: Readonly<Record<string, string>> = {
  '420102': '江岸区', '420103': '江汉区', '420104': '硚口区', '420105': '汉阳区', '420106': '武昌区', '420107': '青山区',
  '420111': '洪山区', '420112': '东西湖区', '420113': '汉南区', '420114': '蔡甸区', '420115': '江夏区', '420116': '黄陂区',
  '420117': '新洲区',
  '420202': '黄石港区', '420203': '西塞山区', '420204': '下陆区', '420205': '铁山区', '420222': '阳新县', '420281': '大冶市',
  '420302': '茅箭区', '420303': '张湾区', '420304': '郧阳区', '420322': '郧西县', '420323': '竹山县', '420324': '竹溪县',
  '420325': '房县', '420381': '丹江口市',
  '420502': '西陵区', '420503': '伍家岗区', '420504': '点军区', '420505': '猇亭区', '420506': '夷陵区', '420525': '远安县',
  '420526': '兴山县', '420527': '秭归县', '420528': '长阳土家族自治县', '420529': '五峰土家族自治县', '420581': '宜都市',
  '420582': '当阳市', '420583': '枝江市',
  '420602': '襄城区', '420606': '樊城区', '420607': '襄州区', '420624': '南漳县', '420625': '谷城县', '420626': '保康县',
  '420682': '老河口市', '420683': '枣阳市', '420684': '宜城市',
  '420702': '梁子湖区', '420703': '华容区', '420704': '鄂城区',
  '420802': '东宝区', '420804': '掇刀区', '420822': '沙洋县', '420881': '钟祥市', '420882': '京山市',
  '420902': '孝南区', '420921': '孝昌县', '420922': '大悟县', '420923': '云梦县', '420981': '应城市', '420982': '安陆市',
  '420984': '汉川市',
  '421002': '沙市区', '421003': '荆州区', '421022': '公安县', '421024': '江陵县', '421081': '石首市', '421083': '洪湖市',
  '421087': '松滋市', '421088': '监利市',
  '421102': '黄州区', '421121': '团风县', '421122': '红安县', '421123': '罗田县', '421124': '英山县', '421125': '浠水县',
  '421126': '蕲春县', '421127': '黄梅县', '421181': '麻城市', '421182': '武穴市',
  '421202': '咸安区', '421221': '嘉鱼县', '421222': '通城县', '421223': '崇阳县', '421224': '通山县', '421281': '赤壁市',
  '421303': '曾都区', '421321': '随县', '421381': '广水市',
  '422801': '恩施市', '422802': '利川市', '422822': '建始县', '422823': '巴东县', '422825': '宣恩县', '422826': '咸丰县',
  '422827': '来凤县', '422828': '鹤峰县',
  '429004': '仙桃市', '429005': '潜江市', '429006': '天门市', '429021': '神农架林区',
};

export interface RegionInfo {
  province: string;
  /** Hubei only: the prefecture (or former prefecture). */
  prefecture?: string;
  /** Hubei only, when the county is in the current table. */
  county?: string;
}

/** Names a six-digit region code, or returns null when the kiosk does not recognise it (see the rule above). */
export function lookupRegion(code: string): RegionInfo | null {
  if (!/^\d{6}$/.test(code)) return null;
  const province = provinces[code.slice(0, 2)];
  if (!province) return null;
  if (code.startsWith('42')) {
    const prefecture = hubeiPrefectures[code.slice(0, 4)];
    if (!prefecture) return null;
    const county = hubeiCounties[code];
    return county ? { province, prefecture, county } : { province, prefecture };
  }
  return { province };
}

export const isKnownRegion = (code: string): boolean => lookupRegion(code) !== null;
