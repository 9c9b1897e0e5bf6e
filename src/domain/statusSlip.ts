// The status slip (办件进度告知单) a resident prints from "我的办件": where the case stands in the one
// vocabulary (src/domain/caseStatus), the handling city's note, the promised date, and when the kiosk last
// heard from the hub, so a slip printed offline says how old its news is. A printer-level document (./receipt)
// like the receipt; the QR opens the live status page. Personal data appears masked only.
import { z } from 'zod';
import { caseStatuses, caseStatusLabel, type CaseStatus } from './caseStatus';
import { maskName } from './mask';
import { qrPayloadSchema } from './receipt';
import type { ReceiptDocument, ReceiptLine } from './receipt';
import { formatBeijingTime, receiptQrPayload } from './receiptTemplate';

export const statusSlipSchema = z.object({
  receiptNo: z.string().regex(/^[A-Za-z0-9-]{4,32}$/),
  serviceName: z.string().min(1).max(200),
  caseNo: z.string().max(50).nullable().default(null),
  /** Masked on the slip (张*三); optional. */
  applicantName: z.string().max(60).optional(),
  status: z.enum(caseStatuses),
  note: z.string().max(500).default(''),
  /** 承诺办结 date (YYYY-MM-DD), shown only while accepted or completed. */
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null),
  /** When the handling city last changed the status. */
  updatedAt: z.iso.datetime({ offset: true }),
  /** When the hub last answered this kiosk (the status is as of then); null: never. */
  asOf: z.iso.datetime({ offset: true }).nullable(),
  /** The hub's public base URL; the QR opens `<queryUrl>/q/<receiptNo>` (the bare number without it). */
  queryUrl: qrPayloadSchema.optional(),
  printedAt: z.iso.datetime({ offset: true }),
  hotline: z.string().max(20).default('12345'),
});
export type StatusSlipInput = z.input<typeof statusSlipSchema>;

/** What the note means depends on the status: what to bring, why not, or a plain remark. */
const noteLabel: Record<CaseStatus, string> = { needsCorrection: '补正要求：', rejected: '不予受理理由：', received: '说明：', accepted: '说明：', completed: '说明：' };

const text = (value: string, extra: Partial<Extract<ReceiptLine, { type: 'text' }>> = {}): ReceiptLine => ({ type: 'text', text: value, align: 'left', bold: false, size: 'normal', ...extra });
const row = (label: string, value: string): ReceiptLine => ({ type: 'row', label, value, bold: false, valueAlign: 'left' });
const rule = (char: '-' | '=' = '-'): ReceiptLine => ({ type: 'separator', char });

export function buildStatusSlip(input: StatusSlipInput): ReceiptDocument {
  const s = statusSlipSchema.parse(input);
  const runs = s.status === 'accepted' || s.status === 'completed';
  const lines: ReceiptLine[] = [
    text('政务小屋', { align: 'center', bold: true, size: 'double' }),
    text('办件进度告知单', { align: 'center', bold: true, size: 'doubleHeight' }),
    rule('='),
    row('事项名称：', s.serviceName),
    row('回执编号：', s.receiptNo),
    ...(s.caseNo ? [row('办件编号：', s.caseNo)] : []),
    ...(s.applicantName ? [row('申请人：', maskName(s.applicantName))] : []),
    rule(),
    text(`办理状态：${caseStatusLabel(s.status, 'zh-CN')}`, { bold: true, size: 'doubleHeight' }),
    ...(s.note ? [row(noteLabel[s.status], s.note)] : []),
    ...(runs && s.deadline ? [row('承诺办结：', `${s.deadline} 前`)] : []),
    row('状态更新：', formatBeijingTime(s.updatedAt)),
    text(s.asOf ? `以上为截至 ${formatBeijingTime(s.asOf)} 的办理状态，最新进度请扫码查询。` : '本终端尚未取得办理地的最新状态，请扫码查询。'),
    rule(),
    text('扫码查询最新进度', { align: 'center' }),
    { type: 'qr', data: receiptQrPayload(s.queryUrl, s.receiptNo), align: 'center' },
    text(s.receiptNo, { align: 'center' }),
    rule(),
    text(`政务服务便民热线：${s.hotline}`),
    text(`打印时间：${formatBeijingTime(s.printedAt)}`),
    { type: 'feed', lines: 1 },
    { type: 'cut' },
  ];
  return { lines };
}
