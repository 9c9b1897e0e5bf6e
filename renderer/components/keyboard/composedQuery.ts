// The text being typed on the keyboard as a search query, letters still being composed included.
import { pinyin } from 'pinyin-pro';

/**
 * The chosen text, the letters being typed, or — when there are both — the text in pinyin followed by the
 * letters ("社保" + "ka" → "shebaoka"): the catalogue search compares hanzi with hanzi and letters with pinyin.
 */
export function composedQuery(committed: string, buffer: string): string {
  const letters = buffer.replace(/'/g, '').toLowerCase();
  if (letters === '') return committed;
  if (committed === '') return letters;
  const spelled = pinyin(committed, { toneType: 'none', type: 'array', v: true }).join('').toLowerCase().replace(/\s+/g, '');
  return `${spelled}${letters}`;
}
