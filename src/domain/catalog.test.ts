import { describe, expect, it } from 'vitest';
import bundled from './catalogData/catalog.json';
import { t } from '../i18n';
import {
  catalogSchema, feeRef, isEstimated, localize, materialCountRef, materialsToBring, receiptStatusKey, serviceItemSchema, timeLimitRef,
  toResidentItem, visitsRef, type ServiceItem,
} from './catalog';
import { bundledCatalog } from './catalogData';

const catalog = catalogSchema.parse(bundled);
const item = (id: string): ServiceItem => {
  const found = catalog.items.find((i) => i.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
};
const issues = (candidate: unknown): string[] => {
  const result = serviceItemSchema.safeParse(candidate);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('service item schema', () => {
  const yb = item('WHMA-YB-01');

  it('accepts the bundled items', () => {
    expect(issues(yb)).toEqual([]);
  });

  it('keeps kioskMode among the modes', () => {
    expect(issues({ ...yb, kioskMode: 'window' })).toContain('kioskMode must be one of modes');
  });

  it('gives apply and appointment items a form and guide-only items none', () => {
    expect(issues({ ...yb, form: [] })).toContain('a apply item needs a form');
    expect(issues({ ...yb, kiosk: 'guide' })).toContain('a guide-only item has no form');
  });

  it('checks form fields: unique ids, options only on choices, conditions on earlier choices', () => {
    const [first] = yb.form;
    expect(issues({ ...yb, form: [first, first] })).toContain('duplicate field id applicantName');
    expect(issues({ ...yb, form: [{ ...first, kind: 'choice' }] })).toContain('a choice needs options');
    const hidden = { ...first, id: 'x', visibleWhen: { field: 'filingType', equals: 'nope' } };
    expect(issues({ ...yb, form: [...yb.form, hidden] })).toContain('visibleWhen must name an earlier choice and one of its options');
  });

  it('rejects unknown cities and enumeration values', () => {
    expect(issues({ ...yb, cities: ['420300'] }).length).toBeGreaterThan(0);
    expect(issues({ ...yb, kiosk: 'print' }).length).toBeGreaterThan(0);
  });
});

describe('catalogue helpers', () => {
  it('localize falls back to Chinese for untranslated guide prose and says so', () => {
    expect(localize({ 'zh-CN': '不收费', 'zh-TW': '不收費', en: 'Free' }, 'en')).toEqual({ text: 'Free', lang: 'en' });
    expect(localize({ 'zh-CN': '参保地', 'zh-TW': '參保地' }, 'en')).toEqual({ text: '参保地', lang: 'zh-CN' });
    expect(localize({ 'zh-CN': '参保地', 'zh-TW': '參保地' }, 'zh-TW')).toEqual({ text: '參保地', lang: 'zh-TW' });
  });

  it('toResidentItem drops the staff block (sources, estimated flags, unverified notes)', () => {
    const resident = toResidentItem(item('WHMA-SB-03'));
    expect('staff' in resident).toBe(false);
    expect(JSON.stringify(resident)).not.toMatch(/未核实|待核实/);
  });

  it('isEstimated reads the staff flags', () => {
    expect(isEstimated(item('WHMA-SB-03'), 'fee')).toBe(true);
    expect(isEstimated(item('WHMA-SB-02'), 'fee')).toBe(false);
  });

  it('materialsToBring leaves out what an e-certificate or the card read replaces', () => {
    const jt = item('WHMA-JT-02');
    expect(materialsToBring(jt).every((m) => m.required && !m.eCertExempt)).toBe(true);
    expect(materialsToBring(item('WHMA-SB-02'))).toEqual([]); // only the ID card, read at the kiosk
  });
});

describe('guide wording helpers', () => {
  const note = { 'zh-CN': '', 'zh-TW': '' };
  it('words time limits, fees, material counts and visits as message references', () => {
    expect(t('zh-CN', 'guide.timeLimit.workingDays', timeLimitRef({ days: 7, unit: 'workingDays', note }).params)).toBe('7个工作日内');
    expect(timeLimitRef({ days: 0, unit: 'workingDays', note })).toEqual({ key: 'guide.timeLimit.immediate' });
    expect(timeLimitRef({ days: null, unit: 'workingDays', note })).toEqual({ key: 'guide.timeLimit.unknown' });
    expect(timeLimitRef({ days: 60, unit: 'calendarDays', note })).toEqual({ key: 'guide.timeLimit.calendarDays', params: { days: 60 } });
    expect([true, false, null].map((charged) => feeRef({ charged, standard: note, note }).key)).toEqual(['guide.fee.charged', 'guide.fee.free', 'guide.fee.unknown']);
    const material = item('WHMA-SB-01').materials[0]!;
    expect(materialCountRef(material)).toEqual({ key: 'guide.material.original', params: { count: 1 } });
    expect(materialCountRef({ ...material, form: 'both', copies: 2 })).toEqual({ key: 'guide.material.both', params: { originals: 1, copies: 2 } });
    expect(visitsRef({ visitsOnSite: 0 })).toEqual({ key: 'guide.visits.zero' });
    expect(visitsRef({ visitsOnSite: null })).toBeNull();
  });

  it('never lets a receipt claim more than the kiosk did', () => {
    expect(receiptStatusKey(item('WHMA-GJJ-03'))).toBe('receipt.status.received'); // 异地代收代办: only received
    expect(receiptStatusKey(item('WHMA-YB-01'))).toBe('receipt.status.submitted');
    expect(receiptStatusKey(item('WHMA-MZ-01'))).toBe('receipt.status.appointment');
  });

  it('bundledCatalog parses the shipped file once', () => {
    expect(bundledCatalog()).toBe(bundledCatalog());
    expect(bundledCatalog().items).toHaveLength(41);
  });
});
