import { describe, expect, it } from 'vitest';
import { catalogSchema } from './catalog';
import bundled from './catalogData/catalog.json';
import { receiptMaterials } from './receiptMaterials';

const catalog = catalogSchema.parse(bundled);
const byId = (id: string) => catalog.items.find((i) => i.id === id)!;

describe('receipt materials from what the kiosk did', () => {
  it('社会保障卡申领 (全程网办): the card is read, the photo is fetched by the city, nothing 已收取 or 待补交', () => {
    const lines = receiptMaterials(byId('WHMA-SB-01'));
    expect(lines).toEqual([
      { name: '居民身份证', form: '原件', status: 'verified' },
      { name: '近期免冠证件照片（电子）', form: '原件', status: 'exempt' },
    ]);
  });

  it('no item of the catalogue prints 已收取 (no scanner, no camera), and 全程网办 owes nothing', () => {
    for (const item of catalog.items) {
      const statuses = receiptMaterials(item).map((m) => m.status);
      expect(statuses).not.toContain('received');
      if (item.kioskMode === 'fullyOnline') expect(statuses).not.toContain('toSubmit');
    }
  });

  it('in 异地代收代办 the originals that travel are 待补交', () => {
    const lines = receiptMaterials(byId('WHMA-JT-04'));
    expect(lines.find((m) => m.name === '原船员适任证书')?.status).toBe('toSubmit');
  });

  it('does not claim the card was read when it was not', () => {
    expect(receiptMaterials(byId('WHMA-SB-01'), false)[0]?.status).toBe('exempt');
  });
});
