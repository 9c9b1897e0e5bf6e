// What a key does to the text and the pinyin buffer: pure, so every rule is unit-tested without a DOM.
// The keyboard component only maps taps to these edits.
import type { Ime, ImeCandidate } from '../../../src/domain/pinyinIme';

export type KeyboardMode = 'pinyin' | 'latin' | 'numeric';

export interface EditState {
  /** The field's text. */
  value: string;
  /** Pinyin letters not yet turned into hanzi (pinyin mode only; '' otherwise). */
  buffer: string;
}

export type Edit =
  | { kind: 'char'; char: string }
  | { kind: 'delete' }
  | { kind: 'space' }
  | { kind: 'clear' }
  | { kind: 'candidate'; candidate: ImeCandidate }
  /** Done or a mode switch: settle the buffer (see {@link flushBuffer}). */
  | { kind: 'flush' };

export interface EditContext {
  mode: KeyboardMode;
  /** Longest text in characters (code points). Undefined = no limit. */
  maxLength?: number;
  ime: Ime;
}

/** The pinyin buffer never grows beyond this (the IME ignores more anyway). */
export const maxBufferLength = 32;

const length = (s: string): number => [...s].length;
const dropLast = (s: string): string => [...s].slice(0, -1).join('');

/** Appends as much of `text` as fits under maxLength. */
function append(value: string, text: string, maxLength?: number): string {
  if (maxLength === undefined) return value + text;
  const room = Math.max(0, maxLength - length(value));
  return value + [...text].slice(0, room).join('');
}

const isFull = (value: string, maxLength?: number): boolean => maxLength !== undefined && length(value) >= maxLength;

/** Takes a candidate: its hanzi go into the text, the letters it spelled leave the buffer. */
function takeCandidate(state: EditState, candidate: ImeCandidate, maxLength?: number): EditState {
  const rest = state.buffer.slice(Math.max(1, candidate.consumed)).replace(/^'+/, '');
  return { value: append(state.value, candidate.text, maxLength), buffer: rest };
}

/**
 * Settles the buffer when the resident presses Done or switches mode: the first candidate when it spells the
 * whole buffer (what they saw highlighted), otherwise the letters themselves, so nothing typed is lost.
 */
export function flushBuffer(state: EditState, context: EditContext): EditState {
  if (state.buffer === '') return state;
  const top = context.ime.candidates(state.buffer, { limit: 1 })[0];
  if (top && top.consumed >= state.buffer.length) return takeCandidate(state, top, context.maxLength);
  return { value: append(state.value, state.buffer.replace(/'/g, ''), context.maxLength), buffer: '' };
}

export function applyEdit(state: EditState, edit: Edit, context: EditContext): EditState {
  const { mode, maxLength } = context;
  switch (edit.kind) {
    case 'char': {
      if (mode === 'pinyin' && /^[a-z']$/i.test(edit.char)) {
        const char = edit.char.toLowerCase();
        if (char === "'" && (state.buffer === '' || state.buffer.endsWith("'"))) return state;
        if (state.buffer.length >= maxBufferLength || isFull(state.value, maxLength)) return state;
        return { ...state, buffer: state.buffer + char };
      }
      return isFull(state.value, maxLength) ? state : { ...state, value: append(state.value, edit.char, maxLength) };
    }
    case 'delete':
      return state.buffer !== '' ? { ...state, buffer: state.buffer.slice(0, -1) } : { ...state, value: dropLast(state.value) };
    case 'space': {
      if (state.buffer !== '') {
        const top = context.ime.candidates(state.buffer, { limit: 1 })[0];
        return top ? takeCandidate(state, top, maxLength) : state;
      }
      return isFull(state.value, maxLength) ? state : { ...state, value: append(state.value, ' ', maxLength) };
    }
    case 'clear':
      return { value: '', buffer: '' };
    case 'candidate':
      return takeCandidate(state, edit.candidate, maxLength);
    case 'flush':
      return flushBuffer(state, context);
  }
}
