// Key layouts for simple-keyboard and the data-testid of every key (kbd-key-<name>), named so an end-to-end
// test can type "湖北" as kbd-key-h, kbd-key-u, … without knowing simple-keyboard's {bksp} syntax.
import type { KeyboardMode } from './keyboardEdit';

export type LayoutName = 'pinyin' | 'latinUpper' | 'latinLower' | 'urlUpper' | 'urlLower' | 'numeric' | 'numericX';

export const layouts: Record<LayoutName, string[]> = {
  // v types ü (lü, nü); the apostrophe separates syllables (xi'an).
  pinyin: ['q w e r t y u i o p', 'a s d f g h j k l', "z x c v b n m '", '{space} {bksp}'],
  latinUpper: ['1 2 3 4 5 6 7 8 9 0', 'Q W E R T Y U I O P', 'A S D F G H J K L', '{shift} Z X C V B N M -', '{space} {bksp}'],
  latinLower: ['1 2 3 4 5 6 7 8 9 0', 'q w e r t y u i o p', 'a s d f g h j k l', '{shift} z x c v b n m -', '{space} {bksp}'],
  // A web address (the hub's, typed by a technician): the latin keys with what an address needs, no space.
  urlUpper: ['1 2 3 4 5 6 7 8 9 0', 'Q W E R T Y U I O P', 'A S D F G H J K L :', '{shift} Z X C V B N M - . /', '{bksp}'],
  urlLower: ['1 2 3 4 5 6 7 8 9 0', 'q w e r t y u i o p', 'a s d f g h j k l :', '{shift} z x c v b n m - . /', '{bksp}'],
  numeric: ['1 2 3', '4 5 6', '7 8 9', '0 {bksp}'],
  // ID numbers end in a check character that may be X.
  numericX: ['1 2 3', '4 5 6', '7 8 9', 'X 0 {bksp}'],
};

export function layoutFor(mode: KeyboardMode, options: { upper: boolean; withX: boolean; url?: boolean }): LayoutName {
  if (mode === 'pinyin') return 'pinyin';
  if (mode === 'numeric') return options.withX ? 'numericX' : 'numeric';
  if (options.url) return options.upper ? 'urlUpper' : 'urlLower';
  return options.upper ? 'latinUpper' : 'latinLower';
}

const specialNames: Record<string, string> = { '{bksp}': 'delete', '{space}': 'space', '{shift}': 'shift', "'": 'apostrophe', '-': 'dash', '.': 'dot', ':': 'colon', '/': 'slash' };

/** The name in `kbd-key-<name>`: the character itself, or delete / space / shift / apostrophe / dash / dot / colon / slash. */
export const keyName = (button: string): string => specialNames[button] ?? button;

/** Every button of every layout, once. */
export const allButtons = (): string[] => [...new Set(Object.values(layouts).flatMap((rows) => rows.flatMap((r) => r.split(' '))))];
