// What the receipt says about each material of an item (一次告知 on paper), from what the kiosk really did:
// it read the ID card's chip and nothing else (no scanner, no camera, src/domain/kioskDevices.ts). So nothing
// is printed as 已收取; what the handling city fetches itself is 免提交; originals travel only in 异地代收代办
// and window handling; in 全程网办 the handling city asks if it needs anything (docs/adr/0012).
import type { CrossRegionMode, Material } from './catalog';
import type { MaterialStatus } from './receiptTemplate';

/** The material the card reader stands for (the chip read is the kiosk's only check of a document). */
const readByCardReader = (material: Material): boolean => material.name['zh-CN'] === '居民身份证';

export function receiptMaterialStatus(material: Material, kioskMode: CrossRegionMode, cardRead: boolean): MaterialStatus {
  if (readByCardReader(material) && cardRead) return 'verified';
  if (material.eCertExempt) return 'exempt';
  if (kioskMode === 'fullyOnline' || !material.required) return 'onRequest';
  return 'toSubmit';
}

const formWording = { original: '原件', copy: '复印件', both: '原件和复印件' } as const;

/** The receipt's material lines (Simplified Chinese, like the rest of the paper). */
export function receiptMaterials(item: { materials: Material[]; kioskMode: CrossRegionMode }, cardRead = true) {
  return item.materials.slice(0, 30).map((m) => ({
    name: m.name['zh-CN'].slice(0, 100),
    form: formWording[m.form],
    status: receiptMaterialStatus(m, item.kioskMode, cardRead),
  }));
}
