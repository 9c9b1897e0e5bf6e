// Voice guidance must be harmless: silent when off, when the engine is missing, and never two utterances at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canSpeak, cancelSpeech, setVoiceEnabled, speak, spellOut } from './voice';

class FakeUtterance {
  lang = '';
  rate = 1;
  voice: unknown = null;
  constructor(readonly text: string) {}
}

function installEngine(voices: { lang: string; name: string }[] = []) {
  const log: string[] = [];
  const engine = {
    speak: (u: FakeUtterance) => log.push(`speak ${u.lang} ${u.text}${u.voice ? ` (${(u.voice as { name: string }).name})` : ''}`),
    cancel: () => log.push('cancel'),
    getVoices: () => voices,
  };
  Object.assign(globalThis, { window: { speechSynthesis: engine }, SpeechSynthesisUtterance: FakeUtterance });
  return log;
}

describe('voice', () => {
  beforeEach(() => setVoiceEnabled(false));
  afterEach(() => {
    setVoiceEnabled(false);
    Reflect.deleteProperty(globalThis, 'window');
    Reflect.deleteProperty(globalThis, 'SpeechSynthesisUtterance');
  });

  it('says nothing while voice is off, unless forced', () => {
    const log = installEngine();
    expect(speak('请放身份证', 'zh-CN')).toBe(false);
    expect(log).toEqual([]);
    expect(speak('语音播报已打开', 'zh-CN', { force: true })).toBe(true);
    expect(log).toEqual(['cancel', 'speak zh-CN 语音播报已打开']);
  });

  it('cancels the previous utterance before each new one and picks a voice of the language', () => {
    const log = installEngine([{ lang: 'en-US', name: 'English' }, { lang: 'zh-CN', name: 'Mandarin' }]);
    setVoiceEnabled(true);
    speak('第一句', 'zh-CN');
    speak('Second', 'en');
    speak('第三句', 'zh-TW');
    expect(log).toEqual(['cancel', 'speak zh-CN 第一句 (Mandarin)', 'cancel', 'speak en Second (English)', 'cancel', 'speak zh-TW 第三句 (Mandarin)']);
  });

  it("takes espeak-ng's Mandarin voice (lang cmn, as speech-dispatcher lists it) for Chinese", () => {
    const log = installEngine([{ lang: 'af', name: 'Afrikaans espeak-ng' }, { lang: 'cmn', name: 'Chinese (Mandarin, latin as English) espeak-ng' }, { lang: 'en', name: 'English espeak-ng' }]);
    setVoiceEnabled(true);
    speak('请放身份证', 'zh-CN');
    speak('請放身分證', 'zh-TW');
    speak('Please', 'en');
    expect(log.filter((l) => l.startsWith('speak'))).toEqual([
      'speak zh-CN 请放身份证 (Chinese (Mandarin, latin as English) espeak-ng)',
      'speak zh-TW 請放身分證 (Chinese (Mandarin, latin as English) espeak-ng)',
      'speak en Please (English espeak-ng)',
    ]);
  });

  it('offers voice only for a language the engine has a voice of (none: a hung speech-dispatcher, headless Chromium)', () => {
    expect(canSpeak('zh-CN')).toBe(false); // no engine at all
    installEngine([]);
    expect(canSpeak('zh-CN')).toBe(false);
    installEngine([{ lang: 'cmn', name: 'Mandarin espeak-ng' }]);
    expect([canSpeak('zh-CN'), canSpeak('zh-TW'), canSpeak('en')]).toEqual([true, true, false]);
    installEngine([{ lang: 'en-GB', name: 'English' }]);
    expect([canSpeak('zh-CN'), canSpeak('en')]).toEqual([false, true]);
  });

  it('switching voice off stops speech at once', () => {
    const log = installEngine();
    setVoiceEnabled(true);
    speak('一句话', 'zh-CN');
    setVoiceEnabled(false);
    expect(log.at(-1)).toBe('cancel');
  });

  it('is a quiet no-op without speechSynthesis, or when the engine throws', () => {
    setVoiceEnabled(true);
    expect(speak('请放身份证', 'zh-CN')).toBe(false);
    expect(() => cancelSpeech()).not.toThrow();
    Object.assign(globalThis, { window: { speechSynthesis: { speak: () => { throw new Error('broken'); }, cancel: () => undefined, getVoices: () => [] } }, SpeechSynthesisUtterance: FakeUtterance });
    expect(speak('请放身份证', 'zh-CN')).toBe(false);
  });

  it('spells receipt numbers out one character at a time, group by group', () => {
    expect(spellOut('420102-001-0K3M9QX')).toBe('4 2 0 1 0 2, 0 0 1, 0 K 3 M 9 Q X');
  });
});
