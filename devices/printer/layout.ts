// Width-aware layout: lines are measured in printer columns (ASCII 1, hanzi 2), never in UTF-16 code units,
// so nothing ever reaches the printer's own auto-wrap (which would leave a ragged receipt, spec §1.6).
// Input is sanitized text (./text): every character is printable and has a known width.
import { charColumns, textColumns } from './text';

// A line should not start with closing punctuation; the character before it moves down with it (kinsoku).
const noLineStart = new Set(Array.from('，。、；：？！）》」』】〕…,.;:?!)]}%'));
const isWordChar = (char: string) => /^[A-Za-z0-9@#&_+\-./:=?]$/.test(char);

/**
 * Splits one paragraph (no `\n`) into lines of at most `width` columns. ASCII words are kept whole when they
 * fit on a line of their own; hanzi break anywhere. A hanzi never straddles the edge: it moves to the next line.
 */
export function wrapText(paragraph: string, width: number): string[] {
  if (width < 2) throw new RangeError(`cannot lay out text in ${width} column(s)`);
  const chars = Array.from(paragraph);
  const lines: string[] = [];
  let line: string[] = [];
  let used = 0;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    const w = charColumns(char);
    if (used + w <= width) {
      line.push(char);
      used += w;
      continue;
    }
    if (char === ' ') {
      // The break itself: a space never starts the next line.
      lines.push(trimEnd(line.join('')));
      line = [];
      used = 0;
      continue;
    }
    // Where the next line should start: at the beginning of an ASCII word that would be cut, or one
    // character back when this one may not start a line (and then at the start of that character's word).
    let start = line.length;
    if (isWordChar(char) || (noLineStart.has(char) && line.length > 1)) {
      if (!isWordChar(char)) start--;
      if (isWordChar(line[start] ?? char)) while (start > 0 && isWordChar(line[start - 1] as string)) start--;
    }
    let end = i;
    while (isWordChar(char) && end < chars.length && isWordChar(chars[end] as string)) end++;
    const carried = textColumns(line.slice(start).join('')) + textColumns(chars.slice(i, Math.max(end, i + 1)).join(''));
    const carry = start > 0 && carried <= width ? line.splice(start) : [];
    lines.push(trimEnd(line.join('')));
    line = [...carry, char];
    used = textColumns(line.join(''));
    // A single hanzi wider than what is left of an over-long carried word: start clean.
    if (used > width) {
      lines.push(trimEnd(carry.join('')));
      line = [char];
      used = w;
    }
  }
  lines.push(trimEnd(line.join('')));
  return lines;
}

const trimEnd = (line: string) => line.replace(/ +$/, '');

/** Wraps text that may contain `\n` (hard breaks); an empty paragraph is an empty line. */
export function wrapParagraphs(text: string, width: number): string[] {
  return text.split('\n').flatMap((paragraph) => (paragraph === '' ? [''] : wrapText(paragraph, width)));
}

/** Pads with spaces to exactly `width` columns (text must already fit). */
export function padTo(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const pad = ' '.repeat(Math.max(0, width - textColumns(text)));
  return align === 'left' ? text + pad : pad + text;
}

export interface RowInput {
  label: string;
  value: string;
  valueAlign: 'left' | 'right';
}

/**
 * The label column of a group of consecutive rows: as wide as the widest label, but at most half the line,
 * so that values keep room. Labels wider than that wrap inside their column.
 */
export function labelColumnWidth(labels: string[], columns: number): number {
  const widest = Math.max(0, ...labels.map(textColumns));
  return Math.max(2, Math.min(widest, Math.floor(columns / 2)));
}

/** One label/value row as printed lines: label and value wrapped in their columns, side by side. */
export function layoutRow(row: RowInput, labelWidth: number, columns: number): string[] {
  const valueWidth = columns - labelWidth;
  const labels = row.label === '' ? [''] : wrapText(row.label, labelWidth);
  const values = row.value === '' ? [''] : wrapText(row.value, valueWidth);
  const count = Math.max(labels.length, values.length);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const value = values[i] ?? '';
    const left = padTo(labels[i] ?? '', labelWidth);
    lines.push(trimEnd(left + (row.valueAlign === 'right' ? padTo(value, valueWidth, 'right') : value)));
  }
  return lines;
}
