// The bundled catalogue: valid, up to date with its inputs, and honest about what is estimated.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogSchema, formForCity, toResidentItem, type ServiceItem } from '../catalog';
import { metroCityCodes } from '../divisions';
import bundled from './catalog.json';
import { buildCatalogFromDraft, CatalogBuildError, chooseKioskMode } from './fromDraft';
import overlay from './overlay.json';

const draftUrl = new URL('../../../../shared/data/catalog-draft.json', import.meta.url);
const draft = JSON.parse(readFileSync(draftUrl, 'utf8')) as { id: string; estimated_fields: string[] }[];
const catalog = catalogSchema.parse(bundled);
const byId = (id: string): ServiceItem => catalog.items.find((i) => i.id === id)!;

describe('bundled catalog.json', () => {
  it('is exactly what bin/buildCatalog.ts makes from the draft and the overlay', () => {
    expect(buildCatalogFromDraft(draft, overlay)).toEqual(bundled);
  });

  it('has all 41 draft items, each offered in the nine cities', () => {
    expect(catalog.items.map((i) => i.id)).toEqual(draft.map((d) => d.id));
    expect(catalog.items).toHaveLength(41);
    expect(catalog.items.every((i) => i.cities.join() === metroCityCodes.join())).toBe(true);
  });

  it('keeps every draft estimate flagged for staff, plus the derived city list', () => {
    for (const d of draft) {
      const item = byId(d.id);
      expect(item.staff.estimated.length).toBeGreaterThanOrEqual(d.estimated_fields.length);
      expect(item.staff.estimated).toContain('cities');
    }
    expect(byId('WHMA-CRJ-01').staff.estimated).toEqual(expect.arrayContaining(['timeLimitPromised', 'fee', 'visitsOnSite']));
  });

  it('shows residents no "unverified" markers but keeps them for staff', () => {
    for (const item of catalog.items) expect(JSON.stringify(toResidentItem(item))).not.toMatch(/未核实|待核实|未核實|待核實/);
    expect(byId('WHMA-CRJ-01').staff.unverifiedNotes).toContain('time_limit_promised: 待核实湖北承诺');
    expect(byId('WHMA-CRJ-01').timeLimit.promised.note['zh-CN']).toBe('公安部出入境证件“全国通办”一般7个工作日内出证');
  });

  it('names every item in three languages and converts zh-TW', () => {
    for (const item of catalog.items) {
      expect(item.name.en).toMatch(/[A-Za-z]/);
      expect(item.materials.every((m) => /[A-Za-z]/.test(m.name.en))).toBe(true);
    }
    expect(byId('WHMA-YB-01').name['zh-TW']).toBe('基本醫療保險參保人員異地就醫備案');
  });

  it('says what the kiosk can do for each item', () => {
    const count = (kiosk: string) => catalog.items.filter((i) => i.kiosk === kiosk).length;
    expect([count('apply'), count('appointment'), count('guide')]).toEqual([23, 9, 9]);
    expect(byId('WHMA-MZ-01').kiosk).toBe('appointment'); // both parties must attend in person
  });

  it('gives every application the card fields locked, a phone, and a mailing address only when posting', () => {
    for (const item of catalog.items.filter((i) => i.kiosk !== 'guide')) {
      const [name, id] = item.form;
      expect([name?.prefillFrom, name?.prefillMode, id?.prefillFrom, id?.prefillMode]).toEqual(['name', 'locked', 'idNumber', 'locked']);
      expect(item.form.some((f) => f.kind === 'phone' && f.required)).toBe(true);
      const mailing = item.form.find((f) => f.kind === 'address');
      if (mailing) {
        expect(item.result.delivery).toContain('post');
        expect(mailing).toMatchObject({ prefillFrom: 'address', prefillMode: 'suggest', visibleWhen: { field: 'delivery', equals: 'post' } });
      }
    }
  });

  it('lets the 黄石 retiree living in 黄冈 register for treatment there', () => {
    const yb = byId('WHMA-YB-01');
    expect(yb.kiosk).toBe('apply');
    expect(yb.form.find((f) => f.id === 'treatmentCity')?.options?.map((o) => o.value)).toEqual([...metroCityCodes]);
  });

  it('never offers the 参保地 (the handling city chosen) again as 就医城市', () => {
    const shown = formForCity(byId('WHMA-YB-01').form, '420200').find((f) => f.id === 'treatmentCity')!;
    expect(shown.options?.map((o) => o.value)).toEqual(metroCityCodes.filter((c) => c !== '420200'));
    expect(formForCity(byId('WHMA-YB-01').form, null)).toEqual(byId('WHMA-YB-01').form);
  });
});

describe('buildCatalogFromDraft', () => {
  it('fails with every problem listed when an item has no overlay or an unknown domain', () => {
    const items = { ...overlay.items } as Record<string, unknown>;
    delete items['WHMA-SB-01'];
    const broken = draft.map((d, i) => (i === 1 ? { ...d, domain: '外星事务' } : d));
    try {
      buildCatalogFromDraft(broken, { ...overlay, items });
      expect.unreachable('the build should fail');
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogBuildError);
      expect((error as CatalogBuildError).problems).toEqual(
        expect.arrayContaining(['WHMA-SB-01: no overlay entry (kiosk capability, life events, English)', 'WHMA-SB-02: unknown domain 外星事务']),
      );
    }
  });

  it('rejects a draft value it does not know instead of passing it through', () => {
    const broken = draft.map((d, i) => (i === 0 ? { ...d, handling_modes: ['飞鸽传书'] } : d));
    expect(() => buildCatalogFromDraft(broken, overlay)).toThrow(CatalogBuildError);
  });

  it('chooses remote collection when originals must still travel, else fully online', () => {
    const mustBring = [{ required: true, eCertExempt: false }] as never;
    expect(chooseKioskMode('apply', ['fullyOnline', 'remoteCollection'], mustBring)).toBe('remoteCollection');
    expect(chooseKioskMode('apply', ['fullyOnline', 'remoteCollection'], [])).toBe('fullyOnline');
    expect(chooseKioskMode('appointment', ['remoteCollection'], [])).toBe('remoteCollection');
    expect(chooseKioskMode('guide', ['window'], mustBring)).toBe('window');
  });
});
