// The two documents a resident takes away: the receipt for an application (回执) and the one-time notice of
// what a service needs (一次告知书). Both are printer-level documents (./receipt); the encoder fits them to
// 58 mm or 80 mm. Wording rule (DESIGN.md §7, domain spec §2.2): the kiosk never promises acceptance (受理),
// which only the handling place can give; until the hub confirms it, a receipt says the application was
// *received* (已收件).
import { z } from 'zod';
import { caseStatusLabels } from './caseStatus';
import { maskIdNumber, maskName } from './mask';
import { markReprint, qrPayloadSchema } from './receipt';
import type { ReceiptDocument, ReceiptLine } from './receipt';

export const handlingModes = ['全程网办', '异地代收代办', '多地联办', '窗口办理'] as const;
export type HandlingMode = (typeof handlingModes)[number];

/** What happened to one material at the kiosk. */
export const materialStatuses = ['verified', 'received', 'exempt', 'toSubmit', 'onRequest'] as const;
export type MaterialStatus = (typeof materialStatuses)[number];
const materialStatusWording: Record<MaterialStatus, string> = {
  verified: '已读取芯片', // the ID card, read from its chip (whether that counts as the original is the handling city's call)
  received: '已收取', // a paper the kiosk really took in; this cabin has no scanner or camera, so only forms it made
  exempt: '免提交', // the handling city fetches it (e-certificate library, the photo on file)
  toSubmit: '待补交', // originals that still have to be handed over or posted
  onRequest: '如需提供，办理地会通知', // 全程网办: nothing travels unless the handling city asks
};

export const timeLimitSchema = z.object({
  /** null: not known yet (the handling place says); 0: done at once after acceptance. */
  value: z.number().int().nonnegative().nullable(),
  unit: z.enum(['工作日', '自然日']).default('工作日'),
});
export type TimeLimit = z.infer<typeof timeLimitSchema>;

export const applicationReceiptSchema = z.object({
  receiptNo: z.string().regex(/^[A-Za-z0-9-]{4,32}$/, 'a receipt number is 4–32 ASCII letters, digits or -'),
  serviceName: z.string().min(1).max(200),
  /** The city that handles the case (收受分离: it may not be the city of this kiosk), e.g. 黄石市. */
  handlingCity: z.string().min(1).max(40),
  handlingDepartment: z.string().min(1).max(100),
  /** Where it was received, e.g. the cabin's name (optional). */
  receivedAtPlace: z.string().max(60).optional(),
  receivedAt: z.iso.datetime({ offset: true }),
  applicantName: z.string().min(1).max(60),
  applicantIdNumber: z.string().min(1).max(40),
  mode: z.enum(handlingModes),
  /** Set only when the hub has confirmed acceptance by the handling place; only then does it say 已受理. */
  caseNo: z.string().max(50).optional(),
  materials: z
    .array(z.object({ name: z.string().min(1).max(100), form: z.string().max(20).optional(), status: z.enum(materialStatuses) }))
    .max(30)
    .default([]),
  timeLimit: timeLimitSchema.optional(),
  /**
   * The hub's public base URL (the kiosk learns it at enrolment); the QR opens `<queryUrl>/q/<receiptNo>`.
   * Printable ASCII only. Absent (a hub that never told it): the QR holds the bare receipt number.
   */
  queryUrl: qrPayloadSchema.optional(),
  /** The service's own hotline (12333, 12329, …), printed beside 12345 when given. */
  consultPhone: z.string().max(20).optional(),
  /** Default 12345, the government-service hotline of every city. */
  hotline: z.string().max(20).default('12345'),
});
export type ApplicationReceipt = z.infer<typeof applicationReceiptSchema>;
export type ApplicationReceiptInput = z.input<typeof applicationReceiptSchema>;

/** China has one time zone and no daylight saving: UTC+8 all year. */
export function formatBeijingTime(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`;
}

export function formatTimeLimit(limit: TimeLimit | undefined): string {
  if (!limit || limit.value === null) return '以办理地告知为准';
  if (limit.value === 0) return '办理地收到并受理后即时办结';
  return `${limit.value}个${limit.unit}（自受理之日起）`;
}

/**
 * The ASCII payload of the receipt's QR code: the hub's public status page for this receipt,
 * `<hub public URL>/q/<receiptNo>` (hub/routes/publicStatus.ts).
 */
export function statusQueryPayload(hubPublicUrl: string, receiptNo: string): string {
  return `${hubPublicUrl.replace(/\/+$/, '')}/q/${encodeURIComponent(receiptNo)}`;
}

/** The QR payload: the status page when the hub's public URL is known, else the receipt number alone. */
export const receiptQrPayload = (hubPublicUrl: string | null | undefined, receiptNo: string): string =>
  hubPublicUrl ? statusQueryPayload(hubPublicUrl, receiptNo) : receiptNo;

interface ModeWording {
  title: string;
  explanation: (r: ApplicationReceipt) => string;
}
const modeWording: Record<HandlingMode, ModeWording> = {
  异地代收代办: {
    title: '收件回执',
    explanation: (r) => `本终端已收到您的申请，将转交${r.handlingCity}${r.handlingDepartment}受理、办理。是否受理以办理地通知为准。`,
  },
  全程网办: {
    title: '申报回执',
    // Printed before the hub answers (offline, it is still queued here): what happens next, never a result.
    explanation: (r) => `本终端已收到您的申请，将网上提交至${r.handlingCity}${r.handlingDepartment}，由办理地网上审核，无需到现场。是否受理以办理地通知为准。`,
  },
  多地联办: {
    title: '收件回执',
    explanation: (r) => `由${r.handlingCity}${r.handlingDepartment}一地受理，相关地区部门协同办理，您无需往返多地。`,
  },
  窗口办理: {
    title: '预审回执',
    explanation: (r) => `本事项须到窗口办理。请携带下列材料原件到${r.handlingCity}${r.handlingDepartment}窗口办理。`,
  },
};

const text = (value: string, extra: Partial<Extract<ReceiptLine, { type: 'text' }>> = {}): ReceiptLine => ({
  type: 'text',
  text: value,
  align: 'left',
  bold: false,
  size: 'normal',
  ...extra,
});
const row = (label: string, value: string): ReceiptLine => ({ type: 'row', label, value, bold: false, valueAlign: 'left' });
const rule = (char: '-' | '=' = '-'): ReceiptLine => ({ type: 'separator', char });

export interface ReceiptOptions {
  /** Prepend the 重打 mark (default false): a copy printed again after a failed or lost first print. */
  reprint?: boolean;
}

/** Builds the application receipt. Personal data appears masked only (张*三, 4201**********1234). */
export function buildApplicationReceipt(input: ApplicationReceiptInput, options: ReceiptOptions = {}): ReceiptDocument {
  const r = applicationReceiptSchema.parse(input);
  const wording = modeWording[r.mode];
  const accepted = r.caseNo !== undefined;
  // 全程网办 means no trip and nothing handed in here: no place of receipt, and nothing printed as owed.
  const online = r.mode === '全程网办';
  const materials = online ? r.materials.map((m) => (m.status === 'toSubmit' ? { ...m, status: 'onRequest' as const } : m)) : r.materials;
  const lines: ReceiptLine[] = [
    text('政务小屋', { align: 'center', bold: true, size: 'double' }),
    text(accepted ? '受理回执' : wording.title, { align: 'center', bold: true, size: 'doubleHeight' }),
    rule('='),
    row('事项名称：', r.serviceName),
    row('办理地：', r.handlingCity),
    row('办理部门：', r.handlingDepartment),
    ...(r.receivedAtPlace && !online ? [row('收件地点：', r.receivedAtPlace)] : []),
    row(online ? '提交时间：' : '收件时间：', formatBeijingTime(r.receivedAt)),
    row('回执编号：', r.receiptNo),
    ...(accepted ? [row('办件编号：', r.caseNo ?? '')] : []),
    row('申请人：', maskName(r.applicantName)),
    row('证件号码：', maskIdNumber(r.applicantIdNumber)),
    row('办理方式：', r.mode),
    rule(),
    text(`办理状态：${accepted ? caseStatusLabels.accepted['zh-CN'] : `${caseStatusLabels.received['zh-CN']}，待办理地受理`}`, { bold: true }),
    text(accepted ? `${r.handlingCity}${r.handlingDepartment}已受理您的申请。` : wording.explanation(r)),
  ];
  if (materials.length > 0) {
    lines.push(rule(), text('材料清单（一次告知）', { bold: true }));
    materials.forEach((m, i) => {
      lines.push(text(`${i + 1}. [${materialStatusWording[m.status]}] ${m.name}${m.form ? `（${m.form}）` : ''}`));
    });
    if (materials.some((m) => m.status === 'toSubmit')) {
      lines.push(text('标注“待补交”的材料请按办理地通知提交，其余无需再交。'));
    }
  }
  lines.push(
    rule(),
    row('承诺时限：', formatTimeLimit(r.timeLimit)),
    rule(),
    text('扫码查询办理进度', { align: 'center' }),
    { type: 'qr', data: receiptQrPayload(r.queryUrl, r.receiptNo), align: 'center' },
    text(r.receiptNo, { align: 'center' }),
    rule(),
    ...(r.consultPhone ? [text(`咨询电话：${r.consultPhone}`)] : []),
    text(`政务服务便民热线：${r.hotline}`),
    text('请妥善保管本回执，凭回执编号查询办理进度。', { align: 'left' }),
    { type: 'feed', lines: 1 },
    { type: 'cut' },
  );
  const document: ReceiptDocument = { lines };
  return options.reprint ? markReprint(document) : document;
}

export const serviceGuideSchema = z.object({
  serviceName: z.string().min(1).max(200),
  handlingCity: z.string().max(40).optional(),
  department: z.string().max(100).optional(),
  conditions: z.string().max(1000).optional(),
  materials: z
    .array(
      z.object({
        name: z.string().min(1).max(100),
        /** 原件 / 复印件 / 原件和复印件 / 电子 … */
        form: z.string().max(20).optional(),
        countOriginal: z.number().int().nonnegative().optional(),
        countCopy: z.number().int().nonnegative().optional(),
        /** Default true. */
        required: z.boolean().default(true),
        note: z.string().max(300).optional(),
      }),
    )
    .max(40)
    .default([]),
  timeLimit: timeLimitSchema.optional(),
  fee: z.string().max(100).optional(),
  delivery: z.array(z.string().max(20)).max(8).default([]),
  consultPhone: z.string().max(20).optional(),
  /** Default 12345. */
  hotline: z.string().max(20).default('12345'),
  printedAt: z.iso.datetime({ offset: true }),
});
export type ServiceGuideInput = z.input<typeof serviceGuideSchema>;

const countWording = (original?: number, copy?: number): string => {
  const parts = [original ? `原件${original}份` : '', copy ? `复印件${copy}份` : ''].filter(Boolean);
  return parts.length ? `（${parts.join('、')}）` : '';
};

/** The one-time notice (一次告知): everything a service needs, so nobody has to come back twice. */
export function buildServiceGuide(input: ServiceGuideInput): ReceiptDocument {
  const g = serviceGuideSchema.parse(input);
  const lines: ReceiptLine[] = [
    text('一次告知书', { align: 'center', bold: true, size: 'double' }),
    text(g.serviceName, { align: 'center', bold: true }),
    rule('='),
    ...(g.handlingCity ? [row('办理地：', g.handlingCity)] : []),
    ...(g.department ? [row('办理部门：', g.department)] : []),
    row('承诺时限：', formatTimeLimit(g.timeLimit)),
    ...(g.fee ? [row('收费标准：', g.fee)] : []),
    ...(g.delivery.length ? [row('结果送达：', g.delivery.join('、'))] : []),
  ];
  if (g.conditions) lines.push(rule(), text('受理条件', { bold: true }), text(g.conditions));
  if (g.materials.length) {
    lines.push(rule(), text('所需材料', { bold: true }));
    g.materials.forEach((m, i) => {
      const form = m.form ? `（${m.form}）` : '';
      lines.push(text(`${i + 1}. ${m.name}${form}${countWording(m.countOriginal, m.countCopy)}${m.required ? '' : ' [非必需]'}`));
      if (m.note) lines.push(text(`   ${m.note}`));
    });
  }
  lines.push(
    rule(),
    ...(g.consultPhone ? [text(`咨询电话：${g.consultPhone}`)] : []),
    text(`政务服务便民热线：${g.hotline}`),
    text(`打印时间：${formatBeijingTime(g.printedAt)}`),
    { type: 'feed', lines: 1 },
    { type: 'cut' },
  );
  return { lines };
}
