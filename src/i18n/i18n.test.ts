import { describe, expect, it } from 'vitest';
import { defaultLocale, isLocale, locales, messages, placeholdersOf, t, toTraditional, tr, type MessageKey } from './index';
import { hasTraditionalMapping } from './hant';
import { hantCharPairs } from './hantTable';
import { zhCN } from './messages/zhCN';

const referenceKeys = Object.keys(zhCN).sort();

describe('message catalogues', () => {
  it.each(locales)('%s has exactly the keys of zh-CN', (locale) => {
    expect(Object.keys(messages[locale]).sort()).toEqual(referenceKeys);
  });

  it.each(locales)('%s has no empty message', (locale) => {
    const empty = Object.entries(messages[locale]).filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  it.each(locales)('%s uses the same {placeholders} as zh-CN in every message', (locale) => {
    const mismatched = referenceKeys.filter((key) => {
      const k = key as MessageKey;
      return placeholdersOf(messages[locale][k]).sort().join() !== placeholdersOf(zhCN[k]).sort().join();
    });
    expect(mismatched).toEqual([]);
  });

  it('zh-TW is really Traditional: no message keeps a character the conversion table would change', () => {
    const simplifiedLeft = Object.entries(messages['zh-TW']).filter(([key, text]) => !key.startsWith('language.') && toTraditional(text) !== text);
    expect(simplifiedLeft).toEqual([]);
  });

  it('carries the attract-screen, idle and paper-out wording the issue asks for', () => {
    expect(t('zh-CN', 'attract.title')).toBe('政务小屋');
    expect(t('zh-CN', 'attract.subtitle')).toBe('24小时自助服务');
    expect(t('zh-CN', 'attract.touchToStart')).toBe('轻触屏幕开始');
    expect(t('zh-CN', 'idle.countdown', { seconds: 30 })).toBe('还有30秒返回首页');
    expect(t('zh-CN', 'idle.continue')).toBe('继续办理');
    expect(t('zh-CN', 'receipt.fallback')).toBe('请凭屏幕二维码或到窗口领取回执');
  });

  it('names each language in that language, the same on every catalogue', () => {
    for (const locale of locales) {
      expect([t(locale, 'language.zh-CN'), t(locale, 'language.zh-TW'), t(locale, 'language.en')]).toEqual(['简体中文', '繁體中文', 'English']);
    }
  });
});

describe('t', () => {
  it('fills placeholders in the requested language', () => {
    expect(t('en', 'idle.countdown', { seconds: 9 })).toBe('Returning to the home screen in 9 s');
    expect(t('zh-TW', 'idle.countdown', { seconds: 9 })).toBe('還有9秒返回首頁');
    expect(t('en', 'guide.material.both', { originals: 1, copies: 2 })).toBe('1 original(s) and 2 photocopy(ies)');
  });

  it('leaves a placeholder without a value visible instead of dropping it', () => {
    expect(t('zh-CN', 'idle.countdown')).toBe('还有{seconds}秒返回首页');
    expect(t('zh-CN', 'idle.countdown', { other: 1 })).toBe('还有{seconds}秒返回首页');
  });

  it('resolves message references the domain returns', () => {
    expect(tr('en', { key: 'validation.phone.length', params: { length: 10 } })).toBe('A mobile number has 11 digits; you typed 10');
  });

  it('knows its locales', () => {
    expect(defaultLocale).toBe('zh-CN');
    expect(isLocale('zh-TW')).toBe(true);
    expect(isLocale('zh-HK')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});

describe('toTraditional', () => {
  it('converts characters and settles one-to-many ones by phrase', () => {
    expect(toTraditional('异地就医备案')).toBe('異地就醫備案');
    expect(toTraditional('身份证复印件')).toBe('身份證複印件');
    expect(toTraditional('恢复')).toBe('恢復');
    expect(toTraditional('即时制卡')).toBe('即時製卡');
    expect(toTraditional('管理制度')).toBe('管理制度');
    expect(toTraditional('以当地规定为准')).toBe('以當地規定為準');
    expect(toTraditional('武汉市黄陂区')).toBe('武漢市黃陂區');
  });

  it('keeps what it does not know, Latin text and digits unchanged', () => {
    expect(toTraditional('ABC 123 ，；')).toBe('ABC 123 ，；');
    expect(toTraditional('')).toBe('');
    expect(toTraditional('人口')).toBe('人口');
  });

  it('has a well-formed table: pairs, no character mapped two ways', () => {
    const chars = [...hantCharPairs];
    expect(chars.length % 2).toBe(0);
    const seen = new Map<string, string>();
    for (let i = 0; i < chars.length; i += 2) {
      const [from, to] = [chars[i]!, chars[i + 1]!];
      if (seen.has(from)) expect(seen.get(from)).toBe(to);
      seen.set(from, to);
    }
    expect(hasTraditionalMapping('医')).toBe(true);
    expect(hasTraditionalMapping('人')).toBe(false);
  });
});
