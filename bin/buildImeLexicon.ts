// Regenerates the on-screen keyboard's pinyin lexicon (src/domain/imeLexicon.json). Node only (iconv-lite
// decodes GB2312 here; the kiosk only ever reads the JSON).
//
//   npx tsx bin/buildImeLexicon.ts           write imeLexicon.json
//   npx tsx bin/buildImeLexicon.ts --check   exit 1 if the committed file differs from what the inputs give
//
// Inputs: GB2312 level 1 (bytes B0A1–D7F9, the ~3,755 common hanzi), pinyin-pro readings, the curated lists
// of src/domain/imeLexiconSources.ts, every division name of src/domain/divisions.ts and the bundled
// catalogue's item names and keywords. Deterministic (no timestamps), so --check can run in CI; rerun it when
// the catalogue or the division table changes.
import iconv from 'iconv-lite';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pinyin } from 'pinyin-pro';
import { bundledCatalog } from '../src/domain/catalogData';
import type { Catalog } from '../src/domain/catalog';
import { childrenOf, hubeiCode, metroCityCodes, provinces, type Division } from '../src/domain/divisions';
import type { ImeLexicon } from '../src/domain/imeLexicon';
import { addressWords, commonWords, compoundSurnames, frequentChars, regionalChars, surnames } from '../src/domain/imeLexiconSources';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const lexiconPath = resolve(repoRoot, 'src/domain/imeLexicon.json');

const isHan = (s: string): boolean => /^\p{Script=Han}+$/u.test(s);
// Interjection readings (嗯 n/ng, 呣 m, 哼 hng…) would make "n" or "m" a whole syllable and derail the
// segmentation of ordinary input ("xianning" → xia|n|ning); these characters are not typed on a kiosk form.
const isUsableSyllable = (s: string): boolean => /^[a-z]+$/.test(s) && !/^(n|ng|m|hm|hng|r|ê)$/.test(s) && /[aeiouv]/.test(s);

/** The 3,755 characters of GB2312 level 1, in GB2312 order (which is by pinyin). */
export function gb2312Level1(): string[] {
  const chars: string[] = [];
  for (let hi = 0xb0; hi <= 0xd7; hi += 1) {
    for (let lo = 0xa1; lo <= (hi === 0xd7 ? 0xf9 : 0xfe); lo += 1) chars.push(iconv.decode(Buffer.from([hi, lo]), 'gb2312'));
  }
  return chars;
}

function readingsOf(char: string): string[] {
  return pinyin(char, { toneType: 'none', type: 'array', multiple: true, v: true }).filter(isUsableSyllable);
}
function wordSyllables(word: string, surname = false): string[] | undefined {
  const syllables = pinyin(word, { toneType: 'none', type: 'array', v: true, ...(surname ? { surname: 'head' as const } : {}) });
  return syllables.length === [...word].length && syllables.every(isUsableSyllable) ? syllables : undefined;
}

/** 湖北省 → 湖北, 江岸区 → 江岸, 恩施土家族苗族自治州 → 恩施: the short names residents say. */
function shortName(name: string): string | undefined {
  const short = name.replace(/(壮族|回族|维吾尔|土家族苗族)?(自治区|自治州|特别行政区|林区|省|市|区|县)$/, '');
  return short !== name && [...short].length >= 2 ? short : undefined;
}

interface WordSource {
  text: string;
  weight: number;
}

function domainWords(catalog: Catalog): WordSource[] {
  const out: WordSource[] = [];
  const add = (text: string, weight: number) => out.push({ text, weight: Math.max(1, Math.min(1000, Math.round(weight))) });
  const addDivision = (d: Division, weight: number) => {
    add(d.name['zh-CN'], weight);
    const short = shortName(d.name['zh-CN']);
    if (short) add(short, weight - 10);
  };
  const metro = new Set<string>(metroCityCodes);
  for (const p of provinces()) addDivision(p, p.code === hubeiCode ? 960 : 850);
  for (const city of childrenOf(hubeiCode)) {
    addDivision(city, metro.has(city.code) ? 950 : 820);
    for (const district of childrenOf(city.code)) addDivision(district, 800);
  }
  addressWords.forEach((w, i) => add(w, 900 - i));
  commonWords.forEach((w, i) => add(w, 860 - i / 2));
  for (const item of catalog.items) {
    item.keywords.forEach((k) => add(k, 700));
    for (const part of item.name['zh-CN'].split(/[（）()、，,与及]/)) if ([...part].length >= 2 && [...part].length <= 12) add(part, 600);
  }
  return out;
}

/** Builds the lexicon; pure apart from reading the bundled catalogue. */
export function buildImeLexicon(catalog: Catalog = bundledCatalog()): ImeLexicon {
  const level1 = gb2312Level1();
  const level1Index = new Map(level1.map((c, i) => [c, i]));
  const frequentIndex = new Map<string, number>();
  [...frequentChars].forEach((c, i) => frequentIndex.has(c) || frequentIndex.set(c, i));
  const surnameIndex = new Map<string, number>();
  [...surnames].forEach((c, i) => surnameIndex.has(c) || surnameIndex.set(c, i));

  const words = new Map<string, { syllables: string[]; weight: number }>();
  const domainUse = new Map<string, number>();
  const put = (text: string, weight: number, surname = false) => {
    if (!isHan(text)) return;
    const syllables = wordSyllables(text, surname);
    if (!syllables) return;
    const known = words.get(text);
    if (!known || known.weight < weight) words.set(text, { syllables, weight });
  };
  for (const { text, weight } of domainWords(catalog)) {
    put(text, weight);
    for (const c of text) domainUse.set(c, (domainUse.get(c) ?? 0) + 1);
  }
  compoundSurnames.forEach((s, i) => put(s, 560 - i, true));

  // Every character that can be typed: level 1, the curated ones, and those of the domain words (硚, 蕲, 浠…).
  const allChars = [...new Set([...level1, ...frequentChars, ...surnames, ...[...words.keys()].flatMap((w) => [...w])])].filter(isHan);
  const score = (c: string): number => {
    const frequent = frequentIndex.get(c);
    const inLevel1 = level1Index.get(c);
    if (regionalChars.includes(c)) return 4000;
    const base = frequent !== undefined ? 3000 - frequent : inLevel1 !== undefined ? 1000 - inLevel1 / 5 : 200;
    const surname = surnameIndex.get(c);
    // Surnames and domain characters get a nudge, not a leap: enough to put 王 before 往, not 何 before 和.
    return base + (surname !== undefined ? Math.max(20, 120 - surname) : 0) + Math.min(40, 4 * (domainUse.get(c) ?? 0));
  };
  const ranked = allChars.map((c) => ({ c, s: score(c) })).sort((a, b) => b.s - a.s || (a.c < b.c ? -1 : 1)).map((x) => x.c);

  const primary = new Map<string, string[]>();
  const secondary = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, syllable: string, c: string) => map.set(syllable, [...(map.get(syllable) ?? []), c]);
  for (const c of ranked) {
    const readings = readingsOf(c);
    const surnameReading = surnameIndex.has(c) ? wordSyllables(c, true)?.[0] : undefined;
    readings.forEach((r, i) => push(i === 0 || r === surnameReading ? primary : secondary, r, c));
    if (surnameReading && !readings.includes(surnameReading)) push(primary, surnameReading, c);
  }
  const chars: Record<string, string> = {};
  for (const syllable of [...new Set([...primary.keys(), ...secondary.keys()])].sort()) {
    const rest = secondary.get(syllable) ?? [];
    chars[syllable] = (primary.get(syllable) ?? []).join('') + (rest.length > 0 ? `|${rest.join('')}` : '');
  }
  const wordRows = [...words.entries()]
    .filter(([text]) => [...text].length > 1) // single characters come from `chars`, boosted by their domain use
    .map(([text, w]): [string, string, number] => [text, w.syllables.join(' '), w.weight])
    .sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : 1));
  return { version: 1, charRank: ranked.join(''), chars, words: wordRows };
}

/** The exact text imeLexicon.json must contain: compact, one word per line so a diff stays readable. */
export function renderImeLexicon(lexicon: ImeLexicon = buildImeLexicon()): string {
  const chars = Object.entries(lexicon.chars).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  return [
    `{"version":${lexicon.version},`,
    `"charRank":${JSON.stringify(lexicon.charRank)},`,
    `"chars":{\n${chars.join(',\n')}},`,
    `"words":[\n${lexicon.words.map((w) => JSON.stringify(w)).join(',\n')}]}`,
    '',
  ].join('\n');
}

function main(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { check: { type: 'boolean', default: false } } });
  const text = renderImeLexicon();
  if (values.check) {
    let current: string;
    try {
      current = readFileSync(lexiconPath, 'utf8');
    } catch {
      current = '';
    }
    if (current !== text) {
      console.error('src/domain/imeLexicon.json is stale: run npx tsx bin/buildImeLexicon.ts');
      return 1;
    }
    console.log('imeLexicon.json is up to date');
    return 0;
  }
  writeFileSync(lexiconPath, text);
  const lexicon: unknown = JSON.parse(text);
  const { words, charRank } = lexicon as ImeLexicon;
  console.log(`wrote ${lexiconPath}: ${[...charRank].length} characters, ${words.length} words, ${Buffer.byteLength(text)} bytes`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
