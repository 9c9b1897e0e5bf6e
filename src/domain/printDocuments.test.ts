// The print mappings on the shipped catalogue: what the handling city reads on paper, in Simplified Chinese
// whatever the screen's language, with the applicant masked and the status page's address when the kiosk knows it.
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from './catalogData';
import type { ReceiptDocument } from './receipt';
import { sampleCard } from '../flows/testing';
import { applicationReceiptFor, serviceGuideFor, statusSlipFor } from './printDocuments';

const textOf = (doc: ReceiptDocument) =>
  doc.lines.map((l) => (l.type === 'text' ? l.text : l.type === 'row' ? `${l.label}${l.value}` : l.type === 'qr' ? `[QR ${l.data}]` : '')).join('\n');
const medical = bundledCatalog().items.find((i) => i.id === 'WHMA-YB-01')!;

describe('print documents', () => {
  it('a receipt names the service, the handling city and department in Chinese, masks the applicant, and links the status page', () => {
    const facts = { receiptNo: '420200-001-00001X', createdAt: '2030-01-02T03:04:05.000Z', item: medical, city: '420200', card: { ...sampleCard, idNumber: '420102199006150024' }, publicUrl: 'https://hub.example/' };
    const text = textOf(applicationReceiptFor(facts));
    expect(text).toContain('基本医疗保险参保人员异地就医备案');
    expect(text).toContain('黄石市');
    expect(text).toContain('4201**********0024');
    expect(text).not.toContain('420102199006150024');
    expect(text).toContain('[QR https://hub.example/q/420200-001-00001X]');
    expect(textOf(applicationReceiptFor({ ...facts, publicUrl: null }))).not.toContain('https://'); // the QR then holds the number only
  });

  it('a guide lists the materials and the time limit; a slip falls back to the stored name of a withdrawn item', () => {
    expect(textOf(serviceGuideFor(medical, '420200', '2030-01-02T03:04:05.000Z'))).toContain(medical.materials[0]!.name['zh-CN']);
    const slip = { receiptNo: '420200-001-00001X', serviceName: '已下线的事项', caseNo: '420200-300102-000001', applicantMasked: '测*乙', publicUrl: null, printedAt: '2030-01-02T03:04:05.000Z' };
    const status = { status: 'completed' as const, note: '备案已生效', deadline: null, updatedAt: '2030-01-02T03:00:00.000Z', checkedAt: null };
    expect(textOf(statusSlipFor({ ...slip, item: undefined, case: status }))).toContain('已下线的事项');
    expect(textOf(statusSlipFor({ ...slip, item: medical, case: status }))).toContain('异地就医备案');
  });
});
