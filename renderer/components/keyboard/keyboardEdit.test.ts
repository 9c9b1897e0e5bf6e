// What each key does to the text and the pinyin buffer (the keyboard component only maps taps to these).
import { describe, expect, it } from 'vitest';
import { bundledImeLexicon } from '../../../src/domain/imeLexicon';
import { createIme } from '../../../src/domain/pinyinIme';
import { applyEdit, maxBufferLength, type Edit, type EditContext, type EditState } from './keyboardEdit';

const ime = createIme(bundledImeLexicon());
const pinyin: EditContext = { mode: 'pinyin', ime };
const typeAll = (state: EditState, letters: string, context = pinyin): EditState =>
  [...letters].reduce((s, char) => applyEdit(s, { kind: 'char', char }, context), state);
const empty: EditState = { value: '', buffer: '' };
const top = (buffer: string) => ime.candidates(buffer, { limit: 1 })[0]!;

describe('pinyin mode', () => {
  it('letters go to the buffer, a candidate moves them into the text', () => {
    const typed = typeAll({ value: '湖北省', buffer: '' }, 'wuhan');
    expect(typed).toEqual({ value: '湖北省', buffer: 'wuhan' });
    expect(applyEdit(typed, { kind: 'candidate', candidate: top('wuhan') }, pinyin)).toEqual({ value: '湖北省武汉', buffer: '' });
  });
  it('a candidate for the beginning leaves the rest of the buffer, without a leading apostrophe', () => {
    const typed = typeAll(empty, "xian'ning");
    const xian = ime.candidates(typed.buffer, { limit: 40 }).find((c) => c.text === '先')!;
    expect(applyEdit(typed, { kind: 'candidate', candidate: xian }, pinyin)).toEqual({ value: '先', buffer: 'ning' });
  });
  it('delete removes a letter of the buffer first, then characters of the text', () => {
    let s = typeAll({ value: '武汉', buffer: '' }, 'ji');
    s = applyEdit(s, { kind: 'delete' }, pinyin);
    expect(s).toEqual({ value: '武汉', buffer: 'j' });
    s = applyEdit(applyEdit(s, { kind: 'delete' }, pinyin), { kind: 'delete' }, pinyin);
    expect(s).toEqual({ value: '武', buffer: '' });
  });
  it('space takes the first candidate, or types a space when nothing is composed', () => {
    expect(applyEdit(typeAll(empty, 'jiedao'), { kind: 'space' }, pinyin)).toEqual({ value: '街道', buffer: '' });
    expect(applyEdit({ value: 'A', buffer: '' }, { kind: 'space' }, pinyin)).toEqual({ value: 'A ', buffer: '' });
  });
  it('an apostrophe only separates syllables', () => {
    expect(typeAll(empty, "'")).toEqual(empty);
    expect(typeAll(empty, "xi''an").buffer).toBe("xi'an");
  });
  it('done settles the buffer: the candidate spelling all of it, else the letters (nothing typed is lost)', () => {
    expect(applyEdit(typeAll(empty, 'hubeisheng'), { kind: 'flush' }, pinyin)).toEqual({ value: '湖北省', buffer: '' });
    expect(applyEdit(typeAll({ value: '路', buffer: '' }, 'iii'), { kind: 'flush' }, pinyin)).toEqual({ value: '路iii', buffer: '' });
  });
  it('clear empties both', () => {
    expect(applyEdit(typeAll({ value: '武汉', buffer: '' }, 'shi'), { kind: 'clear' }, pinyin)).toEqual(empty);
  });
  it('the buffer is bounded', () => {
    expect(typeAll(empty, 'a'.repeat(100)).buffer).toHaveLength(maxBufferLength);
  });
});

describe('maxLength', () => {
  it('stops typing at the limit, and cuts a candidate that does not fit', () => {
    const numeric: EditContext = { mode: 'numeric', ime, maxLength: 11 };
    expect(typeAll(empty, '138001380001234', numeric).value).toBe('13800138000');
    const short: EditContext = { mode: 'pinyin', ime, maxLength: 4 };
    const s = typeAll({ value: '湖北', buffer: '' }, 'wuhanshi', short);
    expect(applyEdit(s, { kind: 'candidate', candidate: top('wuhanshi') }, short).value).toBe('湖北武汉');
    expect(typeAll({ value: '湖北武汉', buffer: '' }, 'a', short)).toEqual({ value: '湖北武汉', buffer: '' });
  });
});

describe('latin and numeric modes', () => {
  it('type characters straight into the text', () => {
    const latin: EditContext = { mode: 'latin', ime };
    const edits: Edit[] = [{ kind: 'char', char: 'A' }, { kind: 'char', char: '1' }, { kind: 'char', char: 'b' }, { kind: 'delete' }];
    expect(edits.reduce((s, e) => applyEdit(s, e, latin), { value: '鄂', buffer: '' })).toEqual({ value: '鄂A1', buffer: '' });
    expect(typeAll(empty, '42010X', { mode: 'numeric', ime }).value).toBe('42010X');
  });
});
