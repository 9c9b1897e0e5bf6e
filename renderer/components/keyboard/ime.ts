// The one pinyin engine the keyboards share. It holds only the lexicon's index (built on first use, a few
// milliseconds), never anything typed: the buffer lives in the keyboard component and dies with it.
import { bundledImeLexicon } from '../../../src/domain/imeLexicon';
import { createIme, type Ime } from '../../../src/domain/pinyinIme';

let shared: Ime | undefined;

export function sharedIme(): Ime {
  shared ??= createIme(bundledImeLexicon());
  return shared;
}
