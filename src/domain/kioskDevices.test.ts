// No catalogue text promises a device this cabin lacks (issue 16 §1): every kiosk role and material note is
// scanned, clause by clause, for words of a capability; a capability found must be installed, and the item
// must name it in `needs` so adding the device later is a data change, not a hunt through prose.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogSchema, type ServiceItem } from './catalog';
import bundled from './catalogData/catalog.json';
import { buildCatalogFromDraft } from './catalogData/fromDraft';
import overlay from './catalogData/overlay.json';
import { deviceCapabilities, installedCapabilities, promisedCapabilities, unmetNeeds } from './kioskDevices';

const catalog = catalogSchema.parse(bundled);
const draft: unknown = JSON.parse(readFileSync(new URL('../../../shared/data/catalog-draft.json', import.meta.url), 'utf8'));

/** What the kiosk says it does, in every language it shows. */
const kioskTexts = (item: ServiceItem): string[] =>
  [item.kioskRole, ...item.materials.map((m) => m.note)].flatMap((t) => [t['zh-CN'], t['zh-TW']]);

describe('kiosk capabilities in the catalogue', () => {
  it('finds the promises the research draft makes (so the scan can fail)', () => {
    expect(promisedCapabilities('自助终端通过身份证阅读器读取芯片信息并人证比对，可视为原件核验')).toEqual(['faceCheck']);
    expect(promisedCapabilities('读取身份证、采集/调用照片、提交申领')).toEqual(['photo']);
    expect(promisedCapabilities('读取身份证后在线查询并现场打印带电子签章的参保证明')).toEqual(['recordQuery']);
    expect(promisedCapabilities('引导登录执业药师注册系统，终端可协助扫描上传材料')).toEqual(['scanner']);
    expect(promisedCapabilities('读取身份证并进行人脸识别活体检测')).toEqual(['faceCheck', 'liveness']);
    expect(promisedCapabilities('可由终端根据表单自动生成并签名确认')).toEqual(['eSignature']);
  });

  it('does not count a clause that sends the resident elsewhere or says the kiosk cannot', () => {
    expect(promisedCapabilities('人像与指纹采集须在受理点或专用采集设备完成')).toEqual([]);
    expect(promisedCapabilities('由办理地调用已有制卡照片；本终端不能拍照')).toEqual([]);
    expect(promisedCapabilities('读取身份证、提交转移接续申请、查询进度')).toEqual([]);
  });

  it('the draft as it is would break the rule: it promises devices on many items', () => {
    const raw = draft as { kiosk_role: string; materials: { note: string }[] }[];
    const promising = raw.filter((d) => [d.kiosk_role, ...d.materials.map((m) => m.note)].some((t) => promisedCapabilities(t).length > 0));
    expect(promising.length).toBeGreaterThan(30);
  });

  it('no item text promises a capability the cabin lacks, unless its needs are met', () => {
    const broken: string[] = [];
    for (const item of catalog.items) {
      for (const text of kioskTexts(item)) {
        for (const capability of promisedCapabilities(text)) {
          if (!installedCapabilities.includes(capability)) broken.push(`${item.id}: ${capability} in "${text}"`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('marks what each rewritten item is missing, and keeps the draft text for staff', () => {
    const byId = (id: string) => catalog.items.find((i) => i.id === id)!;
    expect(byId('WHMA-SB-06').needs).toEqual(['faceCheck', 'liveness']);
    expect(byId('WHMA-SB-01').needs).toEqual(expect.arrayContaining(['photo', 'faceCheck']));
    expect(byId('WHMA-YB-01').needs).toEqual(['eSignature', 'scanner']);
    expect(byId('WHMA-YB-01').kioskRole['zh-CN']).not.toMatch(/签署承诺/);
    expect(byId('WHMA-BDC-01').staff.draftTexts.some((t) => t.includes('人脸核验'))).toBe(true);
    expect(unmetNeeds(byId('WHMA-SB-06').needs)).toEqual(['faceCheck', 'liveness']);
    expect(unmetNeeds(byId('WHMA-SB-06').needs, ['faceCheck', 'liveness'])).toEqual([]);
    for (const item of catalog.items) for (const n of item.needs) expect(deviceCapabilities).toContain(n);
  });

  it('gives every rewritten text an English version, so an English screen shows no Chinese for it', () => {
    const byId = (id: string) => catalog.items.find((i) => i.id === id)!;
    expect(byId('WHMA-SB-06').kioskRole.en).toMatch(/no camera/);
    expect(byId('WHMA-SB-01').materials[0]!.note.en).toMatch(/reads the chip/);
  });

  it('a rewrite without a need is refused by the build', () => {
    const honestTexts = { ...overlay.honestTexts, x: { 'zh-CN': '甲', en: 'a', needs: [] } };
    expect(() => buildCatalogFromDraft(draft, { ...overlay, honestTexts })).toThrow();
  });
});
