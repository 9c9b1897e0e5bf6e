import { describe, expect, it } from 'vitest';
import { isReprint, markReprint, receiptDocumentSchema } from './receipt';
import type { ReceiptDocument } from './receipt';
import { buildApplicationReceipt, buildServiceGuide, formatBeijingTime, handlingModes, statusQueryPayload } from './receiptTemplate';
import type { ApplicationReceiptInput } from './receiptTemplate';

const base: ApplicationReceiptInput = {
  receiptNo: 'WH20261122-0001',
  serviceName: '社会保障卡申领',
  handlingCity: '黄石市',
  handlingDepartment: '人力资源和社会保障局',
  receivedAt: '2026-11-22T06:05:00Z',
  applicantName: '张小三',
  applicantIdNumber: '420102199003071234',
  mode: '异地代收代办',
  materials: [
    { name: '居民身份证', form: '原件', status: 'verified' },
    { name: '户口簿', form: '原件', status: 'toSubmit' },
  ],
  timeLimit: { value: 15, unit: '工作日' },
  queryUrl: 'https://zwfw.example.cn',
  consultPhone: '12333',
};

/** Everything a resident can read on the receipt, one string. */
const allText = (doc: ReceiptDocument) =>
  doc.lines.map((l) => (l.type === 'text' ? l.text : l.type === 'row' ? `${l.label}${l.value}` : l.type === 'qr' ? `[QR ${l.data}]` : '')).join('\n');

describe('application receipt', () => {
  it('is a valid printer document that ends with a cut', () => {
    const doc = buildApplicationReceipt(base);
    expect(receiptDocumentSchema.parse(doc)).toEqual(doc);
    expect(doc.lines.at(-1)).toEqual({ type: 'cut' });
  });

  it('shows the name and ID number masked only', () => {
    const text = allText(buildApplicationReceipt(base));
    expect(text).toContain('张*三');
    expect(text).toContain('4201**********1234');
    expect(text).not.toContain('张小三');
    expect(text).not.toContain('420102199003071234');
  });

  it('in 异地代收代办 says 已收件 and never 已受理 (only the handling place accepts)', () => {
    const text = allText(buildApplicationReceipt(base));
    expect(text).toContain('已收件，待办理地受理');
    expect(text).not.toContain('已受理');
    expect(text).toContain('收件回执');
    expect(text).toContain('黄石市人力资源和社会保障局');
  });

  it('says 已受理 with the case number only once the hub confirmed acceptance', () => {
    const text = allText(buildApplicationReceipt({ ...base, caseNo: 'HS-2026-000123' }));
    expect(text).toContain('办理状态：已受理');
    expect(text).toContain('HS-2026-000123');
  });

  it('a 全程网办 receipt printed before the hub answered says 已收件 and promises neither delivery nor a result', () => {
    const text = allText(buildApplicationReceipt({ ...base, mode: '全程网办' }));
    expect(text).toContain('办理状态：已收件，待办理地受理');
    expect(text).toContain('将网上提交至黄石市人力资源和社会保障局');
    expect(text).toContain('是否受理以办理地通知为准');
    expect(text).not.toMatch(/已受理|经网上提交|网上受理、办理|已办结/);
  });

  it.each(handlingModes)('has wording for %s and never promises acceptance before it happens', (mode) => {
    const text = allText(buildApplicationReceipt({ ...base, mode }));
    expect(text).toContain(`办理方式：${mode}`);
    expect(text).not.toContain('已受理');
  });

  it('lists the materials with what is still to hand in (一次告知)', () => {
    const text = allText(buildApplicationReceipt(base));
    expect(text).toContain('材料清单（一次告知）');
    expect(text).toContain('[已读取芯片] 居民身份证（原件）');
    expect(text).toContain('[待补交] 户口簿（原件）');
  });

  it('in 全程网办 prints no place of receipt and nothing owed (不用跑现场)', () => {
    const text = allText(buildApplicationReceipt({ ...base, mode: '全程网办', receivedAtPlace: '百步亭政务小屋' }));
    expect(text).not.toContain('收件地点');
    expect(text).not.toContain('待补交');
    expect(text).toContain('提交时间：2026-11-22 14:05');
    expect(text).toContain('[如需提供，办理地会通知] 户口簿（原件）');
    expect(allText(buildApplicationReceipt({ ...base, receivedAtPlace: '百步亭政务小屋' }))).toContain('收件地点：百步亭政务小屋');
  });

  it('says the status in the case vocabulary and never promises 当场办结 before acceptance', () => {
    const text = allText(buildApplicationReceipt({ ...base, timeLimit: { value: 0, unit: '工作日' } }));
    expect(text).toContain('办理状态：已收件，待办理地受理');
    expect(text).toContain('办理地收到并受理后即时办结');
    expect(text).not.toContain('当场办结');
  });

  it('prints time in Beijing time, the time limit, the 12345 hotline and the service hotline', () => {
    const text = allText(buildApplicationReceipt(base));
    expect(text).toContain('2026-11-22 14:05');
    expect(text).toContain('15个工作日');
    expect(text).toContain('12345');
    expect(text).toContain('12333');
    expect(allText(buildApplicationReceipt({ ...base, timeLimit: { value: null, unit: '工作日' } }))).toContain('以办理地告知为准');
  });

  it('carries an ASCII status-query QR with the receipt number', () => {
    const qr = buildApplicationReceipt(base).lines.find((l) => l.type === 'qr');
    expect(qr).toMatchObject({ type: 'qr', data: 'https://zwfw.example.cn/q/WH20261122-0001' });
    expect(statusQueryPayload('https://hub.example/zwxw/', '420102-001-0K3M9QX')).toBe('https://hub.example/zwxw/q/420102-001-0K3M9QX');
  });

  it('rejects a non-ASCII query address (QR payloads stay ASCII)', () => {
    expect(() => buildApplicationReceipt({ ...base, queryUrl: 'https://政务.cn/q' })).toThrow();
  });

  it('marks a reprint with 重打 at the top, once', () => {
    const doc = buildApplicationReceipt(base, { reprint: true });
    expect(doc.lines[0]).toMatchObject({ type: 'text', text: '【重打】' });
    expect(isReprint(doc)).toBe(true);
    expect(markReprint(doc).lines).toHaveLength(doc.lines.length);
    expect(isReprint(buildApplicationReceipt(base))).toBe(false);
  });

  it('formats time across midnight in UTC+8', () => {
    expect(formatBeijingTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
    expect(formatBeijingTime('2026-12-31T23:30:00+08:00')).toBe('2026-12-31 23:30');
  });
});

describe('service guide (一次告知书)', () => {
  it('lists conditions, materials with counts, time limit, fee and hotlines', () => {
    const doc = buildServiceGuide({
      serviceName: '驾驶证期满换证',
      department: '公安交通管理部门',
      conditions: '驾驶证有效期满前90日内申请',
      materials: [
        { name: '居民身份证', form: '原件', countOriginal: 1 },
        { name: '身体条件证明', countOriginal: 1, countCopy: 1, note: '可在体检机构电子上传' },
        { name: '照片', required: false },
      ],
      timeLimit: { value: 1, unit: '工作日' },
      fee: '工本费10元',
      delivery: ['窗口领取', '邮政寄递'],
      consultPhone: '12123',
      printedAt: '2026-11-22T06:05:00Z',
    });
    const text = allText(doc);
    expect(text).toContain('一次告知书');
    expect(text).toContain('1. 居民身份证（原件）（原件1份）');
    expect(text).toContain('2. 身体条件证明（原件1份、复印件1份）');
    expect(text).toContain('3. 照片 [非必需]');
    expect(text).toContain('可在体检机构电子上传');
    expect(text).toContain('1个工作日');
    expect(text).toContain('窗口领取、邮政寄递');
    expect(text).toContain('12345');
    expect(doc.lines.at(-1)).toEqual({ type: 'cut' });
  });
});
