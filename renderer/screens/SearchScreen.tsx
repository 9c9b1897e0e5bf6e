// Search: the keyboard is always open in pinyin mode, and the results follow every key press. The letters
// being composed search too (the catalogue search understands pinyin and initials), so "sbk" finds 社保卡
// before any candidate is chosen. Props in, callbacks out: the flow owns the query; this screen keeps only the
// text chosen so far and the keyboard's letters, both gone when it unmounts.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ServiceItem } from '../../src/domain/catalog';
import type { SearchHit } from '../../src/domain/catalogSearch';
import type { Locale } from '../../src/i18n/locales';
import { useLocale } from '../context/i18n';
import { useSpeakOnMount } from '../context/voice';
import { composedQuery } from '../components/keyboard/composedQuery';
import { OnScreenKeyboard, type KeyboardHandle } from '../components/keyboard/OnScreenKeyboard';
import { Screen } from '../components/Screen';
import { ItemButton } from './parts/ItemButton';
import './screens.css';
import './search.css';

export interface SearchScreenProps {
  /** The query the flow holds (what this screen last sent, or '' on entry). */
  query: string;
  onQuery: (query: string) => void;
  /** Hits for `query`, best first (catalogSearch), or plain items. */
  results: readonly (SearchHit | ServiceItem)[];
  locale: Locale;
  onItem: (id: string) => void;
  onBack: () => void;
  onHome: () => void;
  onLocale: (locale: Locale) => void;
}

const itemOf = (r: SearchHit | ServiceItem): ServiceItem => ('item' in r ? r.item : r);

export function SearchScreen({ query, onQuery, results, locale, onItem, onBack, onHome, onLocale }: SearchScreenProps) {
  const { t } = useLocale();
  useSpeakOnMount(`${t('search.title')}。${t('help.purpose.search')}`, locale);
  const [committed, setCommitted] = useState(query);
  const [buffer, setBuffer] = useState('');
  const keyboard = useRef<KeyboardHandle>(null);
  const sent = useRef(query);
  // The keyboard covers half the screen: it can be put away to read the results, and brought back.
  const [keyboardShown, setKeyboardShown] = useState(true);

  // The flow cleared the query (a new visit to this screen without unmounting): start over. Any other
  // difference is the flow trimming what was sent, which must not overwrite what the resident typed.
  useEffect(() => {
    if (query !== '' || sent.current === '') return;
    sent.current = query;
    setCommitted(query);
    keyboard.current?.clear();
  }, [query]);

  useEffect(() => {
    const next = composedQuery(committed, buffer);
    if (next === sent.current) return;
    sent.current = next;
    onQuery(next);
  }, [committed, buffer, onQuery]);

  const onBuffer = useCallback((letters: string) => setBuffer(letters), []);
  const clear = () => {
    keyboard.current?.clear();
    setCommitted('');
  };

  const items = results.map(itemOf);
  const shown = composedQuery(committed, buffer);
  // English readers search by English names and pinyin letters: letters first, the Chinese IME one tap away.
  const keyboardView = keyboardShown ? (
    <OnScreenKeyboard ref={keyboard} value={committed} onChange={setCommitted} mode={locale === 'en' ? 'latin' : 'pinyin'} allowModes={['pinyin', 'latin']} maxLength={32} onBufferChange={onBuffer} />
  ) : undefined;

  return (
    <Screen title={t('search.title')} testId="screen-search" onBack={onBack} onHome={onHome} onLocale={onLocale} footer={keyboardView}>
      <div className="sr-bar">
        <div className="sr-input" role="searchbox" aria-label={t('search.title')} aria-readonly="true" data-testid="search-input">
          {committed === '' && buffer === '' ? (
            <span className="sr-placeholder">{t('home.searchPlaceholder')}</span>
          ) : (
            <>
              <span lang="zh-CN">{committed}</span>
              <span className="sr-buffer">{buffer}</span>
            </>
          )}
        </div>
        <button type="button" className="button" onClick={clear} disabled={committed === '' && buffer === ''} data-testid="search-clear">
          {t('search.clear')}
        </button>
        <button type="button" className="button" onClick={() => setKeyboardShown((shown) => !shown)} aria-pressed={!keyboardShown} data-testid="search-keyboard-toggle">
          {t(keyboardShown ? 'search.hideKeyboard' : 'search.showKeyboard')}
        </button>
      </div>
      <p className="sr-count" role="status" data-testid="search-count">
        {shown === '' ? '' : items.length > 0 ? t('search.results', { count: items.length }) : t('search.noResults', { query: `${committed}${buffer}` })}
      </p>
      <div className="item-list sr-results" lang={locale}>
        {items.map((item) => (
          <ItemButton key={item.id} item={item} onItem={onItem} testId={`search-result-${item.id}`} showWhere />
        ))}
      </div>
    </Screen>
  );
}
