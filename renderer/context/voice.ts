// Voice guidance (语音播报): reads a screen's main instruction aloud with the browser's speechSynthesis.
// Renderer only. Safe everywhere: when speech is switched off, when the host has no speechSynthesis (some
// kiosk Chromium builds) or no voice for the language (headless Chromium has the API but no voices), every
// call is a quiet no-op, never an exception. Each new utterance cancels the one before, so a resident who
// taps on quickly never hears two screens talking over each other.
import { useEffect, useSyncExternalStore } from 'react';
import { localeLangTag, type Locale } from '../../src/i18n/locales';

/**
 * Whether voice guidance is on. Module state rather than a prop because speech is one device shared by the
 * whole renderer; the session wiring sets it from the voice toggle. Default false (a kiosk is silent until
 * the resident asks for voice).
 */
let voiceEnabled = false;
const listeners = new Set<() => void>();

const synthesis = (): SpeechSynthesis | null =>
  typeof window !== 'undefined' && 'speechSynthesis' in window && typeof window.speechSynthesis?.speak === 'function' ? window.speechSynthesis : null;

/** Stops anything being said now. */
export function cancelSpeech(): void {
  try {
    synthesis()?.cancel();
  } catch {
    // A broken speech engine must not break the screen.
  }
}

/** Switches voice guidance on or off; switching off stops the current utterance at once. */
export function setVoiceEnabled(enabled: boolean): void {
  if (enabled === voiceEnabled) return;
  voiceEnabled = enabled;
  if (!enabled) cancelSpeech();
  for (const listener of listeners) listener();
}

export const isVoiceEnabled = (): boolean => voiceEnabled;

const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The voice switch as React state, so a screen re-reads its instruction the moment voice is switched on. */
export const useVoiceEnabled = (): boolean => useSyncExternalStore(subscribe, isVoiceEnabled, () => false);

/**
 * Other tags of a language family: speech-dispatcher with espeak-ng (the kiosk's offline engine on Linux) names
 * its Mandarin voices "cmn", not "zh-CN".
 */
const familyAliases: Record<string, string[]> = { zh: ['zh', 'cmn'] };

/** A voice for the language tag if the engine has one ('zh-TW' falls back to any Chinese voice, then the engine's default). */
function pickVoice(engine: SpeechSynthesis, tag: string): SpeechSynthesisVoice | undefined {
  const voices = engine.getVoices();
  const lower = tag.toLowerCase();
  const family = lower.split('-')[0] ?? lower;
  const inFamily = (lang: string) => (familyAliases[family] ?? [family]).some((f) => lang === f || lang.startsWith(`${f}-`));
  return voices.find((v) => v.lang.toLowerCase() === lower) ?? voices.find((v) => inFamily(v.lang.toLowerCase()));
}

/**
 * Whether the engine can speak `lang`: it lists a voice of that language. A hung speech-dispatcher, a missing
 * espeak-ng or a headless Chromium lists none, and then the kiosk must not offer voice: a screen never promises
 * what the kiosk cannot do.
 */
export function canSpeak(lang: Locale): boolean {
  const engine = synthesis();
  try {
    return engine !== null && pickVoice(engine, localeLangTag[lang]) !== undefined;
  } catch {
    return false;
  }
}

const subscribeVoices = (listener: () => void): (() => void) => {
  const engine = synthesis();
  engine?.addEventListener?.('voiceschanged', listener);
  return () => engine?.removeEventListener?.('voiceschanged', listener);
};

/** {@link canSpeak} as React state: the list fills in a moment after the page opens (speech-dispatcher starts its modules). */
export const useCanSpeak = (lang: Locale): boolean => useSyncExternalStore(subscribeVoices, () => canSpeak(lang), () => false);

export interface SpeakOptions {
  /** Speak even while voice guidance is off (e.g. the confirmation "voice is on"). Default false. */
  force?: boolean;
  /** Speech rate; elderly listeners prefer slower speech. Default 0.9. */
  rate?: number;
}

/**
 * Says `text` in `lang`, cancelling whatever was being said. No-op when voice is off (unless forced), when the
 * text is empty, or when speechSynthesis is missing. Returns true when an utterance was queued.
 */
export function speak(text: string, lang: Locale, options: SpeakOptions = {}): boolean {
  const engine = synthesis();
  const words = text.trim();
  if (!engine || words === '' || (!voiceEnabled && !options.force)) return false;
  try {
    engine.cancel();
    const utterance = new SpeechSynthesisUtterance(words);
    const tag = localeLangTag[lang];
    utterance.lang = tag;
    utterance.rate = options.rate ?? 0.9;
    const voice = pickVoice(engine, tag);
    if (voice) utterance.voice = voice;
    engine.speak(utterance);
    return true;
  } catch {
    return false;
  }
}

/** Reads a receipt or case number one character at a time ("4 2 0 1 0 2, 0 0 1, …"), the way people say them. */
export const spellOut = (code: string): string =>
  code
    .split('-')
    .map((group) => [...group].join(' '))
    .join(', ');

/**
 * Reads a screen's main instruction when the screen appears and again whenever the text changes (a new
 * language, a new error) or voice is switched on. `enabled` lets a screen stay quiet in some states. Stops speaking when the screen
 * goes away, so a resident who walked off does not leave the kiosk talking about their matter.
 */
export function useSpeakOnMount(text: string, lang: Locale, enabled = true): void {
  const voiceOn = useVoiceEnabled();
  useEffect(() => {
    if (!enabled || !voiceOn) return undefined;
    speak(text, lang);
    return () => cancelSpeech();
  }, [text, lang, enabled, voiceOn]);
}
