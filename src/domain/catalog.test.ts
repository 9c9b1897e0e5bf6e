import { describe, expect, it } from 'vitest';
import bundled from './catalogData/catalog.json';
import {
  catalogSchema, isEstimated, localize, materialsToBring, serviceItemSchema, toResidentItem, type ServiceItem,
} from './catalog';

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
