// Finding a service on the kiosk: search by hanzi (简 or 繁), full pinyin, pinyin initials or English, and
// (browsing is in catalogBrowse.ts). Runs anywhere (pinyin-pro is pure JS). The index is built once
// per catalogue version; a search is a few string comparisons per item, fast enough on every keystroke.
import { match, pinyin } from 'pinyin-pro';
import { toTraditional } from '../i18n/hant';
import { isOffered } from './catalogBrowse';
import type { Catalog, KioskCapability, ServiceItem } from './catalog';
import type { MetroCityCode } from './divisions';

/** How well a query matched: the whole text, its beginning, or somewhere inside (always at a syllable/word start for pinyin and English). */
export type MatchRank = 'exact' | 'prefix' | 'contains';
/** What matched: the item's name (any language) or one of its everyday keywords. */
export type MatchSource = 'name' | 'keyword';

export interface SearchHit {
  item: ServiceItem;
  rank: MatchRank;
  matchedOn: MatchSource;
}

export interface SearchOptions {
  /** Only items handled in this city. Default: all cities. */
  city?: MetroCityCode;
  /** Only items the kiosk can do this for. Default: any. */
  kiosk?: readonly KioskCapability[];
  /** At most this many hits. Default 50. */
  limit?: number;
}

/** Longer queries are cut to this many characters: no service name is longer, and it bounds the work per keystroke. */
export const maxQueryLength = 64;

const rankOrder: Record<MatchRank, number> = { exact: 0, prefix: 1, contains: 2 };

interface PinyinForm {
  /** Syllables joined, e.g. "yidijiuyibeian" (ü written v). */
  full: string;
  /** Offsets in `full` where a syllable starts. */
  starts: number[];
  /** First letters, e.g. "ydjyba". */
  initials: string;
}
interface Term {
  source: MatchSource;
  /** Simplified text (for pinyin-pro's mixed matching). */
  hanzi: string;
  /** Lower-cased texts compared with a hanzi query: Simplified and Traditional. */
  texts: string[];
  pinyin?: PinyinForm;
  /** Lower-cased English words, for name terms. */
  english?: string;
}
interface Entry {
  item: ServiceItem;
  order: number;
  terms: Term[];
}

const hasHan = (s: string): boolean => /\p{Script=Han}/u.test(s);
const normalizeLatin = (s: string): string => s.toLowerCase().replace(/ü/g, 'v').replace(/[\s'’·-]+/g, '');

function pinyinForm(text: string): PinyinForm | undefined {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', v: true, nonZh: 'removed' }).filter((s) => /^[a-z]+$/.test(s));
  if (syllables.length === 0) return undefined;
  const starts: number[] = [];
  let offset = 0;
  for (const s of syllables) {
    starts.push(offset);
    offset += s.length;
  }
  return { full: syllables.join(''), starts, initials: syllables.map((s) => s[0]).join('') };
}

function rankIn(haystack: string, needle: string, starts?: readonly number[]): MatchRank | undefined {
  if (haystack === needle) return 'exact';
  if (haystack.startsWith(needle)) return 'prefix';
  if (starts ? starts.some((at) => at > 0 && haystack.startsWith(needle, at)) : haystack.includes(needle)) return 'contains';
  return undefined;
}

/**
 * Two letters inside a name are mostly chance ("yb" in 失业保险 shi-Ye-Bao, or in 检验标志): they count only at
 * the start. From three letters on, initials anywhere are what the resident meant ("ydjy" in …异地就医备案).
 */
const rankInitials = (initials: string, latin: string): MatchRank | undefined => {
  const rank = rankIn(initials, latin);
  return rank === 'contains' && latin.length < 3 ? undefined : rank;
};

const better = (a: MatchRank | undefined, b: MatchRank | undefined): MatchRank | undefined =>
  a === undefined ? b : b === undefined ? a : rankOrder[a] <= rankOrder[b] ? a : b;

function rankTerm(term: Term, query: string, latin: string): MatchRank | undefined {
  if (hasHan(query)) {
    const q = query.toLowerCase().replace(/\s+/g, '');
    return term.texts.reduce<MatchRank | undefined>((best, text) => better(best, rankIn(text, q)), undefined);
  }
  if (latin === '') return undefined;
  let best: MatchRank | undefined;
  if (term.pinyin) {
    best = better(rankIn(term.pinyin.full, latin, term.pinyin.starts), rankInitials(term.pinyin.initials, latin));
    if (best === undefined && /^[a-z]+$/.test(latin)) {
      // Mixed forms ("yidjy", "ydjiuyi") and other readings of polyphones: pinyin-pro tries them all.
      const hit = match(term.hanzi, latin, { precision: 'start', continuous: true, v: true });
      if (hit && hit.length > 0) best = hit[0] === 0 && hit.length === term.pinyin.starts.length ? 'exact' : hit[0] === 0 ? 'prefix' : latin.length < 3 ? undefined : 'contains';
    }
  }
  if (term.english !== undefined) {
    const words = term.english.split(/[^a-z0-9]+/).filter(Boolean);
    const joined = words.join('');
    const starts: number[] = [];
    words.reduce((at, w) => (starts.push(at), at + w.length), 0);
    best = better(best, rankIn(joined, latin, starts));
  }
  return best;
}

function termsOf(item: ServiceItem): Term[] {
  const name: Term = {
    source: 'name',
    hanzi: item.name['zh-CN'],
    texts: [item.name['zh-CN'], item.name['zh-TW']],
    english: item.name.en.toLowerCase(),
  };
  const nameForm = pinyinForm(item.name['zh-CN']);
  if (nameForm) name.pinyin = nameForm;
  const keywords = item.keywords.map((k): Term => {
    const term: Term = { source: 'keyword', hanzi: k, texts: [k.toLowerCase(), toTraditional(k).toLowerCase()] };
    const form = pinyinForm(k);
    if (form) term.pinyin = form;
    return term;
  });
  return [name, ...keywords];
}

export interface CatalogSearch {
  /**
   * Items matching `query`, best first: exact before prefix before contains; at equal rank a name match before a
   * keyword match, then shorter names, then catalogue order. Never throws; an empty or unusable query gives [].
   */
  search(query: string, options?: SearchOptions): SearchHit[];
}

/** Builds the search index for a catalogue (or any list of items). */
export function createCatalogSearch(catalog: Catalog | readonly ServiceItem[]): CatalogSearch {
  const items = 'items' in catalog ? catalog.items : catalog;
  const entries: Entry[] = items.map((item, order) => ({ item, order, terms: termsOf(item) }));
  return {
    search(rawQuery, options = {}) {
      const query = typeof rawQuery === 'string' ? [...rawQuery.trim()].slice(0, maxQueryLength).join('') : '';
      const latin = normalizeLatin(query);
      if (query === '' || (!hasHan(query) && latin === '')) return [];
      const scored: { hit: SearchHit; order: number }[] = [];
      for (const entry of entries) {
        if (!isOffered(entry.item, options)) continue;
        let hit: SearchHit | undefined;
        for (const term of entry.terms) {
          let rank: MatchRank | undefined;
          try {
            rank = rankTerm(term, query, latin);
          } catch {
            rank = undefined; // a query pinyin-pro cannot handle simply does not match
          }
          if (rank && (!hit || rankOrder[rank] < rankOrder[hit.rank])) hit = { item: entry.item, rank, matchedOn: term.source };
        }
        if (hit) scored.push({ hit, order: entry.order });
      }
      scored.sort(
        (a, b) =>
          rankOrder[a.hit.rank] - rankOrder[b.hit.rank] ||
          Number(a.hit.matchedOn === 'keyword') - Number(b.hit.matchedOn === 'keyword') ||
          a.hit.item.name['zh-CN'].length - b.hit.item.name['zh-CN'].length ||
          a.order - b.order,
      );
      return scored.slice(0, Math.max(0, options.limit ?? 50)).map((s) => s.hit);
    },
  };
}

