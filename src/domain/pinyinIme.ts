// The pinyin input method of the on-screen keyboard: letters in, ranked hanzi words and characters out.
// Pure and runs anywhere; it keeps nothing between calls (the keyboard owns the typed buffer, so ending a
// session wipes it with the component).
//
// A buffer such as "hubeisheng", "xian'ning" or "hbs" is read as a sequence of tokens: whole syllables,
// abbreviations (the initial of a syllable, "h" for hu, "zh" for zhong) and, at the very end, an unfinished
// syllable ("s" of sheng). An entry of the lexicon matches when its syllables match consecutive tokens from the
// start of the buffer; an apostrophe forces a syllable boundary.
//
// Ranking, best first:
//   1. a composed phrase for the whole buffer when no single entry spells it (湖北省武汉市 from two words);
//   2. entries spelling the whole buffer, by weight, halved for each abbreviated or unfinished syllable
//      (hbs → 湖北省; "ka" → 卡 开 看 … before the rare 喀);
//   4. entries spelling a beginning of the buffer that ends on a boundary of its best segmentation (先 and
//      西安 for "xianning"), longest first, then by weight;
//   5. other beginnings that still leave a readable rest (下 for "xianning"), longest first, then by weight.
import type { ImeLexicon } from './imeLexicon';

export interface ImeCandidate {
  /** The hanzi to append. */
  text: string;
  /** How many characters at the start of the buffer it replaces (always ≥ 1 and ≤ the buffer's length). */
  consumed: number;
}

export interface CandidateOptions {
  /** At most this many candidates. Default 8. */
  limit?: number;
  /** Skip this many (paging: "more" asks for the next page). Default 0. */
  offset?: number;
}

export interface Ime {
  /** Ranked candidates for a buffer of pinyin letters; never throws, [] when nothing matches. */
  candidates(buffer: string, options?: CandidateOptions): ImeCandidate[];
  /** Readings of the buffer as syllables: the greedy (longest-first) one first, then alternatives. */
  segment(buffer: string): string[][];
}

/** Letters beyond this many are ignored (no word is that long; it bounds the work per key press). */
export const maxImeBufferLength = 40;
/** The ranked list is cut after this many candidates; nobody pages further on a kiosk. */
export const maxImeCandidates = 300;
/** At most this many segmentations are considered (a buffer of repeated "xian" has exponentially many). */
const maxSegmentations = 32;
/** Weight factor for a character's secondary reading (长 read zhang ranks below 张 and 章). */
const secondaryReadingFactor = 0.6;

interface Entry {
  text: string;
  syllables: string[];
  weight: number;
}
interface Token {
  text: string;
  start: number;
  end: number;
  whole: boolean;
}

const initials = ['zh', 'ch', 'sh', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h', 'j', 'q', 'x', 'r', 'z', 'c', 's', 'y', 'w'];
/** Length of a syllable's initial (zh = 2, b = 1; a vowel-initial syllable counts its first letter). */
const initialLength = (syllable: string): number => initials.find((i) => syllable.startsWith(i))?.length ?? 1;
const isConsonant = (c: string | undefined): boolean => c !== undefined && /^[b-df-hj-np-tv-z]$/.test(c) && c !== 'v';

/** Lower case, ü as v, cut at the first character that is not a letter or an apostrophe (and at the maximum). */
function normalize(buffer: string): string {
  const lower = (typeof buffer === 'string' ? buffer : '').slice(0, maxImeBufferLength).toLowerCase().replace(/ü/g, 'v');
  const valid = /^[a-z']*/.exec(lower);
  return valid ? valid[0] : '';
}

const partialCount = (reading: readonly Token[]): number => reading.filter((t) => !t.whole).length;

const skipApostrophes = (text: string, at: number): number => {
  let p = at;
  while (text[p] === "'") p += 1;
  return p;
};

export function createIme(lexicon: ImeLexicon): Ime {
  const entries: Entry[] = [];
  const total = [...lexicon.charRank].length;
  const rank = new Map<string, number>();
  [...lexicon.charRank].forEach((c, i) => rank.set(c, i));
  const charWeight = (c: string): number => 1000 * (1 - (rank.get(c) ?? total) / (total + 1));
  const syllables = new Set<string>();
  for (const [syllable, chars] of Object.entries(lexicon.chars)) {
    syllables.add(syllable);
    const [primary = '', secondary = ''] = chars.split('|');
    for (const c of primary) entries.push({ text: c, syllables: [syllable], weight: charWeight(c) });
    for (const c of secondary) entries.push({ text: c, syllables: [syllable], weight: charWeight(c) * secondaryReadingFactor });
  }
  for (const [text, spelled, weight] of lexicon.words) {
    const parts = spelled.split(' ');
    parts.forEach((s) => syllables.add(s));
    entries.push({ text, syllables: parts, weight });
  }
  const prefixes = new Set<string>();
  for (const s of syllables) for (let i = 1; i <= s.length; i += 1) prefixes.add(s.slice(0, i));
  const abbreviations = new Set<string>([...syllables].flatMap((s) => [s.slice(0, 1), s.slice(0, initialLength(s))]));
  const longestSyllable = Math.max(1, ...[...syllables].map((s) => s.length));
  const byFirstLetter = new Map<string, Entry[]>();
  for (const e of entries) {
    const first = e.syllables[0]?.[0] ?? '';
    byFirstLetter.set(first, [...(byFirstLetter.get(first) ?? []), e]);
  }

  /** The tokens that may start at `p` (p is not an apostrophe), each with whether the rest can still be read. */
  function tokensAt(text: string, p: number): Token[] {
    const out: Token[] = [];
    for (let length = Math.min(longestSyllable, text.length - p); length >= 1; length -= 1) {
      const piece = text.slice(p, p + length);
      if (piece.includes("'")) continue;
      const end = p + length;
      const atBreak = end === text.length || text[end] === "'";
      if (syllables.has(piece)) out.push({ text: piece, start: p, end, whole: true });
      else if (atBreak && prefixes.has(piece)) out.push({ text: piece, start: p, end, whole: false });
      else if (abbreviations.has(piece) && isConsonant(text[end])) out.push({ text: piece, start: p, end, whole: false });
    }
    return out;
  }

  /** readable[p]: the buffer from p on can be read as tokens. */
  function readability(text: string): boolean[] {
    const readable = new Array<boolean>(text.length + 1).fill(false);
    readable[text.length] = true;
    for (let p = text.length - 1; p >= 0; p -= 1) {
      readable[p] = text[p] === "'" ? readable[p + 1]! : tokensAt(text, p).some((t) => readable[skipApostrophes(text, t.end)]);
    }
    return readable;
  }

  /** Token sequences reading the whole text, longest tokens tried first (so the first one is the greedy reading). */
  function segmentations(text: string, readable: boolean[]): Token[][] {
    const found: Token[][] = [];
    const walk = (p: number, path: Token[]) => {
      if (found.length >= maxSegmentations) return;
      const at = skipApostrophes(text, p);
      if (at >= text.length) {
        if (path.length > 0) found.push(path);
        return;
      }
      for (const token of tokensAt(text, at)) if (readable[skipApostrophes(text, token.end)]) walk(token.end, [...path, token]);
    };
    walk(0, []);
    return found.map((s, i) => ({ s, i })).sort((a, b) => partialCount(a.s) - partialCount(b.s) || a.i - b.i).map((x) => x.s);
  }

  /** End positions where `entry` can stop when matched from `start`, each with its fewest non-whole syllables. */
  function matchEntry(entry: Entry, text: string, start: number): Map<number, number> {
    const ends = new Map<number, number>();
    const walk = (i: number, at: number, partial: number) => {
      const p = skipApostrophes(text, at);
      if (i === entry.syllables.length) {
        const best = ends.get(p);
        if (best === undefined || partial < best) ends.set(p, partial);
        return;
      }
      if (p >= text.length) return;
      const s = entry.syllables[i]!;
      if (text.startsWith(s, p)) walk(i + 1, p + s.length, partial);
      for (let length = 1; length < s.length && p + length <= text.length; length += 1) {
        if (text[p + length - 1] !== s[length - 1]) break;
        const end = p + length;
        const atBreak = end === text.length || text[end] === "'";
        if (atBreak || (length <= initialLength(s) && isConsonant(text[end]))) walk(i + 1, end, partial + 1);
      }
    };
    walk(0, start, 0);
    return ends;
  }

  /** Entries spelling text[start..end) with whole syllables, as (end → best entry) for the composed phrase. */
  function wholeMatchesFrom(text: string, start: number): Map<number, Entry> {
    const best = new Map<number, Entry>();
    for (const entry of byFirstLetter.get(text[start] ?? '') ?? []) {
      for (const [end, partial] of matchEntry(entry, text, start)) {
        if (partial > 0) continue;
        const known = best.get(end);
        if (!known || entry.weight > known.weight) best.set(end, entry);
      }
    }
    return best;
  }

  /** The fewest entries (then the heaviest) spelling the whole text with whole syllables, if any. */
  function compose(text: string, from: number, readable: boolean[]): string | undefined {
    const plan = new Map<number, { pieces: number; weight: number; text: string }>();
    plan.set(text.length, { pieces: 0, weight: 0, text: '' });
    for (let p = text.length - 1; p >= from; p -= 1) {
      if (text[p] === "'" || !readable[p]) continue;
      let best: { pieces: number; weight: number; text: string } | undefined;
      for (const [end, entry] of wholeMatchesFrom(text, p)) {
        const rest = plan.get(end);
        if (!rest) continue;
        const option = { pieces: rest.pieces + 1, weight: rest.weight + entry.weight, text: entry.text + rest.text };
        if (!best || option.pieces < best.pieces || (option.pieces === best.pieces && option.weight > best.weight)) best = option;
      }
      if (best) plan.set(p, best);
    }
    const whole = plan.get(from);
    return whole && whole.pieces > 1 ? whole.text : undefined;
  }

  function rankedCandidates(buffer: string): ImeCandidate[] {
    const text = normalize(buffer);
    const start = skipApostrophes(text, 0);
    const end = text.replace(/'+$/, '').length;
    if (start >= end) return [];
    const core = text.slice(0, end);
    const readable = readability(core);
    // Boundaries of every best reading (fewest abbreviations): xian|ning and xi|an|ning both count for "xianning".
    const readings = segmentations(core, readable);
    const fewest = Math.min(...readings.map(partialCount));
    const boundaries = new Set(readings.filter((r) => partialCount(r) === fewest).flatMap((r) => r.map((t) => skipApostrophes(core, t.end))));
    const consumedAt = (p: number) => skipApostrophes(text, p);

    type Scored = { text: string; consumed: number; tier: number; partial: number; weight: number };
    const scored: Scored[] = [];
    for (const entry of byFirstLetter.get(core[start] ?? '') ?? []) {
      for (const [stop, partial] of matchEntry(entry, core, start)) {
        // A whole-buffer match loses half its weight per abbreviated or unfinished syllable: "ka" offers 卡 first,
        // then 开 and 看 (unfinished kai, kan) before the rare 喀; "zh" offers characters before z|h phrases.
        if (stop >= end) scored.push({ text: entry.text, consumed: consumedAt(end), tier: 2, partial, weight: entry.weight / 2 ** partial });
        else if (readable[stop]) scored.push({ text: entry.text, consumed: consumedAt(stop), tier: boundaries.has(stop) ? 4 : 5, partial, weight: entry.weight });
      }
    }
    if (!scored.some((s) => s.tier === 2 && s.partial === 0)) {
      const phrase = compose(core, start, readable);
      if (phrase) scored.push({ text: phrase, consumed: consumedAt(end), tier: 1, partial: 0, weight: 0 });
    }
    scored.sort(
      (a, b) =>
        a.tier - b.tier ||
        (a.tier >= 4 ? b.consumed - a.consumed : 0) ||
        (a.tier >= 4 ? a.partial - b.partial : 0) ||
        b.weight - a.weight ||
        (a.text < b.text ? -1 : a.text > b.text ? 1 : 0),
    );
    const seen = new Set<string>();
    const out: ImeCandidate[] = [];
    for (const s of scored) {
      if (seen.has(s.text)) continue;
      seen.add(s.text);
      out.push({ text: s.text, consumed: Math.min(s.consumed, buffer.length) });
      if (out.length >= maxImeCandidates) break;
    }
    return out;
  }

  return {
    candidates(buffer, options = {}) {
      const offset = Math.max(0, Math.floor(options.offset ?? 0));
      const limit = Math.max(0, Math.floor(options.limit ?? 8));
      try {
        return rankedCandidates(buffer).slice(offset, offset + limit);
      } catch {
        return []; // a lexicon or buffer this code did not foresee must not break typing
      }
    },
    segment(buffer) {
      const text = normalize(buffer).replace(/'+$/, '');
      return segmentations(text, readability(text)).map((s) => s.map((t) => t.text));
    },
  };
}
