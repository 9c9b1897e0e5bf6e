// The on-screen keyboard: numeric, Latin and pinyin input with a candidate bar of words and phrases.
// Props in, callbacks out: the text is the parent's (`value`/`onChange`); the pinyin buffer is this component's
// own state, so it is gone when the keyboard unmounts (end of session) or when the parent calls `clear()`.
// simple-keyboard draws the keys; it is told never to keep the typed text itself (inputPattern), and it is
// destroyed on unmount, which also removes it from its window-level instance registry.
import { useEffect, useId, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import { SimpleKeyboard as Keyboard } from 'simple-keyboard';
import 'simple-keyboard/build/css/index.css';
import { useLocale } from '../../context/i18n';
import { sharedIme } from './ime';
import { applyEdit, type Edit, type EditState, type KeyboardMode } from './keyboardEdit';
import { allButtons, keyName, layoutFor, layouts } from './layouts';
import './keyboard.css';

export type { KeyboardMode } from './keyboardEdit';

export interface KeyboardHandle {
  /** Forgets the pinyin letters being composed (the text is the parent's to clear). */
  clear(): void;
  /** Settles the pinyin letters into the text as Done does, without calling onDone (before switching fields). */
  flush(): void;
}

export interface OnScreenKeyboardProps {
  value: string;
  onChange: (value: string) => void;
  /** The mode the keyboard opens in (re-applied when it changes). */
  mode: KeyboardMode;
  /** Modes the switch offers. Default: only `mode` (no switch shown). */
  allowModes?: readonly KeyboardMode[];
  /** Longest text in characters. Default: no limit. */
  maxLength?: number;
  /** Adds an X key to the numeric pad (ID numbers). Default false. */
  numericX?: boolean;
  /** Latin keys for a web address (with . : /), in lower case first. Default false. */
  url?: boolean;
  /** The Done key: the buffer is settled first (see keyboardEdit.flushBuffer). Absent = no Done key. */
  onDone?: () => void;
  /** The pinyin letters being composed, on every change (search uses them to search as you type). */
  onBufferChange?: (buffer: string) => void;
  /** Candidates per page. Default 7. */
  pageSize?: number;
  ref?: Ref<KeyboardHandle>;
}

const modeLabel = { pinyin: 'keyboard.pinyin', latin: 'keyboard.latin', numeric: 'keyboard.numeric' } as const;

export function OnScreenKeyboard(props: OnScreenKeyboardProps) {
  const { value, onChange, mode: initialMode, allowModes, maxLength, numericX = false, url = false, onDone, onBufferChange, pageSize = 7, ref } = props;
  const { t, locale } = useLocale();
  const ime = sharedIme();
  const [mode, setMode] = useState<KeyboardMode>(initialMode);
  const [buffer, setBuffer] = useState('');
  const [offset, setOffset] = useState(0);
  const [upper, setUpper] = useState(!url);
  const host = useRef<HTMLDivElement>(null);
  // simple-keyboard names its instance after the element's first class, so each keyboard gets its own.
  const hostClass = `osk-host-${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const keyboard = useRef<Keyboard | null>(null);

  // The latest text: taps can arrive faster than the parent re-renders, so edits chain on this, not on props.
  const state = useRef<EditState>({ value, buffer: '' });
  const seenValue = useRef(value);
  if (seenValue.current !== value) {
    seenValue.current = value;
    state.current = { ...state.current, value };
  }
  const modeRef = useRef(mode);
  modeRef.current = mode;

  useEffect(() => setMode(initialMode), [initialMode]);
  useEffect(() => onBufferChange?.(buffer), [buffer, onBufferChange]);

  const edit = (change: Edit, nextMode: KeyboardMode = modeRef.current) => {
    const before = state.current;
    const after = applyEdit(before, change, { mode: nextMode, maxLength, ime });
    state.current = after;
    if (after.buffer !== before.buffer) {
      setBuffer(after.buffer);
      setOffset(0);
    }
    if (after.value !== before.value) {
      seenValue.current = after.value;
      onChange(after.value);
    }
  };
  const editRef = useRef(edit);
  editRef.current = edit;

  const clear = () => {
    state.current = { ...state.current, buffer: '' };
    setBuffer('');
    setOffset(0);
  };
  useImperativeHandle(ref, () => ({ clear, flush: () => editRef.current({ kind: 'flush' }) }), []);

  const onKey = (button: string) => {
    if (button === '{bksp}') editRef.current({ kind: 'delete' });
    else if (button === '{space}') editRef.current({ kind: 'space' });
    else if (button === '{shift}') setUpper((u) => !u);
    else editRef.current({ kind: 'char', char: button });
  };
  const onKeyRef = useRef(onKey);
  onKeyRef.current = onKey;

  const layoutName = layoutFor(mode, { upper, withX: numericX, url });
  const display = useMemo(
    () => ({ '{bksp}': `⌫ ${t('keyboard.delete')}`, '{space}': t('keyboard.space'), '{shift}': `⇧ ${t('keyboard.shift')}` }),
    [t],
  );

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const instance = new Keyboard(element, {
      layout: layouts,
      layoutName,
      display,
      theme: `hg-theme-default osk-keys osk-layout-${layoutName}`,
      useButtonTag: true,
      disableButtonHold: true, // a held finger must not wipe a whole address
      preventMouseDownDefault: true,
      inputPattern: /^$/, // simple-keyboard keeps no copy of what is typed
      buttonAttributes: allButtons().map((button) => ({ attribute: 'data-testid', value: `kbd-key-${keyName(button)}`, buttons: button })),
      onKeyPress: (button: string) => onKeyRef.current(button),
    });
    keyboard.current = instance;
    return () => {
      instance.destroy();
      keyboard.current = null;
    };
    // Created once per mount (layout and labels are updated by the effect below).
  }, []);

  useEffect(() => {
    keyboard.current?.setOptions({ layoutName, display, theme: `hg-theme-default osk-keys osk-layout-${layoutName}` });
  }, [layoutName, display]);

  const switchMode = (next: KeyboardMode) => {
    if (next === mode) return;
    edit({ kind: 'flush' }, mode);
    setMode(next);
  };
  const done = () => {
    edit({ kind: 'flush' });
    onDone?.();
  };

  const page = useMemo(() => (buffer === '' ? [] : ime.candidates(buffer, { limit: pageSize + 1, offset })), [ime, buffer, offset, pageSize]);
  const hasMore = page.length > pageSize;
  const shown = page.slice(0, pageSize);
  const spelled = useMemo(() => (buffer === '' ? '' : (ime.segment(buffer)[0]?.join("'") ?? buffer)), [ime, buffer]);
  const modes = allowModes && allowModes.length > 1 ? allowModes : [];

  return (
    <section className="osk" aria-label={t('keyboard.label')} data-testid="keyboard" lang={locale}>
      <div className="osk-toolbar">
        <div className="osk-modes" role="group">
          {modes.map((m) => (
            <button key={m} type="button" className="osk-tool" aria-pressed={m === mode} onClick={() => switchMode(m)} data-testid={`kbd-mode-${m}`}>
              {t(modeLabel[m])}
            </button>
          ))}
        </div>
        <button type="button" className="osk-tool" onClick={() => edit({ kind: 'clear' })} data-testid="kbd-key-clear">
          {t('keyboard.clear')}
        </button>
        {onDone && (
          <button type="button" className="osk-tool osk-done" onClick={done} data-testid="kbd-done">
            {t('keyboard.done')}
          </button>
        )}
      </div>
      {mode === 'pinyin' && (
        <div className="osk-ime">
          <div className="osk-buffer" data-testid="kbd-buffer" aria-live="polite">
            {spelled}
          </div>
          <div className="osk-candidates" role="group" aria-label={t('keyboard.candidates')}>
            {offset > 0 && (
              <button type="button" className="osk-page" onClick={() => setOffset(Math.max(0, offset - pageSize))} data-testid="kbd-previous">
                ‹ {t('keyboard.previous')}
              </button>
            )}
            {shown.map((c, i) => (
              <button key={`${offset + i}-${c.text}`} type="button" className={offset === 0 && i === 0 ? 'osk-candidate osk-first' : 'osk-candidate'} lang="zh-CN" onClick={() => edit({ kind: 'candidate', candidate: c })} data-testid={`kbd-candidate-${i}`}>
                {c.text}
              </button>
            ))}
            {hasMore && (
              <button type="button" className="osk-page" onClick={() => setOffset(offset + pageSize)} data-testid="kbd-more">
                {t('keyboard.more')} ›
              </button>
            )}
            {buffer !== '' && shown.length === 0 && <span className="osk-none">{t('keyboard.noCandidates')}</span>}
          </div>
        </div>
      )}
      <div ref={host} className={hostClass} />
    </section>
  );
}
