// What the kiosk prints, from what the session knows: the catalogue item, the handling city, the card, the
// submission or the case. Pure mappings onto the printer-level templates (receiptTemplate.ts, statusSlip.ts),
// so the renderer's print ports only fetch and send. Paper is Simplified Chinese whatever the screen's
// language: it is what the handling city's staff read.
import { crossRegionModeInfo, departmentLabelKey, localize, type ServiceItem } from './catalog';
import type { CaseStatus } from './caseStatus';
import type { IdentityCard } from './card';
import { getDivision } from './divisions';
import type { ReceiptDocument } from './receipt';
import { receiptMaterials } from './receiptMaterials';
import { buildApplicationReceipt, buildServiceGuide } from './receiptTemplate';
import { buildStatusSlip } from './statusSlip';
import { t } from '../i18n';

const zh = (item: ServiceItem) => item.name['zh-CN'];
const cityName = (code: string | null) => (code ? (getDivision(code)?.name['zh-CN'] ?? code) : undefined);
const department = (item: ServiceItem) => localize(item.handlingBody, 'zh-CN').text || t('zh-CN', departmentLabelKey(item.department));
const timeLimit = (item: ServiceItem) => ({ value: item.timeLimit.promised.days, unit: item.timeLimit.promised.unit === 'calendarDays' ? ('自然日' as const) : ('工作日' as const) });
const materialForm = { original: '原件', copy: '复印件', both: '原件和复印件' } as const;

export interface ApplicationReceiptFacts {
  receiptNo: string;
  /** When the outbox stored the application (ISO). */
  createdAt: string;
  item: ServiceItem;
  city: string;
  card: IdentityCard;
  /** The hub's public address for the status QR, when the kiosk knows it. */
  publicUrl: string | null;
}

/** The 回执 of an application: masked applicant, the mode's own wording, materials, promised time, the QR. */
export function applicationReceiptFor(facts: ApplicationReceiptFacts): ReceiptDocument {
  const { item } = facts;
  return buildApplicationReceipt({
    receiptNo: facts.receiptNo,
    serviceName: zh(item),
    handlingCity: cityName(facts.city) ?? facts.city,
    handlingDepartment: department(item),
    receivedAt: facts.createdAt,
    applicantName: facts.card.name,
    applicantIdNumber: facts.card.idNumber,
    mode: crossRegionModeInfo[item.kioskMode].term as never,
    materials: receiptMaterials(item),
    timeLimit: timeLimit(item),
    queryUrl: facts.publicUrl || undefined,
    consultPhone: item.consultPhone,
  });
}

/** The 一次告知 guide: conditions, at most 40 materials, the promised time. */
export function serviceGuideFor(item: ServiceItem, city: string | null, printedAt: string): ReceiptDocument {
  return buildServiceGuide({
    serviceName: zh(item),
    handlingCity: cityName(city),
    department: department(item),
    conditions: localize(item.conditions, 'zh-CN').text.slice(0, 1000) || undefined,
    materials: item.materials.slice(0, 40).map((m) => ({
      name: m.name['zh-CN'].slice(0, 100),
      form: materialForm[m.form],
      countOriginal: m.originals,
      countCopy: m.copies,
      required: m.required,
    })),
    timeLimit: timeLimit(item),
    consultPhone: item.consultPhone,
    printedAt,
  });
}

export interface StatusSlipFacts {
  receiptNo: string;
  /** The catalogue's item, or the name stored with the application when the catalogue no longer has it. */
  item: ServiceItem | undefined;
  serviceName: string;
  caseNo: string | null;
  /** The applicant's name, masked (张*三); absent: not printed. */
  applicantMasked?: string;
  case: { status: CaseStatus; note: string; deadline: string | null; updatedAt: string; checkedAt: string | null };
  publicUrl: string | null;
  printedAt: string;
}

/** The 办件进度告知单 of a case the hub told about. */
export function statusSlipFor(facts: StatusSlipFacts): ReceiptDocument {
  return buildStatusSlip({
    receiptNo: facts.receiptNo,
    serviceName: facts.item ? zh(facts.item) : facts.serviceName,
    caseNo: facts.caseNo,
    applicantName: facts.applicantMasked,
    status: facts.case.status,
    note: facts.case.note,
    deadline: facts.case.deadline,
    updatedAt: facts.case.updatedAt,
    asOf: facts.case.checkedAt,
    queryUrl: facts.publicUrl || undefined,
    printedAt: facts.printedAt,
  });
}
