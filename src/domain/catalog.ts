// Service items (政务服务事项) and their guides (办事指南) as the kiosk ships, caches and renders them. Runs
// anywhere; the hub shares these schemas to publish signed catalogue versions. Labels of enumerations live in
// the i18n catalogues (keys below), so a resident never sees an internal id.
import { z } from 'zod';
import type { IdentityCard } from './card';
import { metroCityCodes } from './divisions';
import { deviceCapabilitySchema } from './kioskDevices';
import type { MessageRef } from '../i18n';
import type { Locale } from '../i18n/locales';
import type { MessageKey } from '../i18n/messages/zhCN';

/** Text in all three display languages (names, labels: always translated). */
export const localizedTextSchema = z.object({ 'zh-CN': z.string().min(1), 'zh-TW': z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/**
 * Guide prose: Chinese always; English only where a reviewed translation exists. May be empty ("" = nothing to
 * say). Render with {@link localize}, which says which language it actually returned.
 */
export const guideTextSchema = z.object({ 'zh-CN': z.string(), 'zh-TW': z.string(), en: z.string().optional() });
export type GuideText = z.infer<typeof guideTextSchema>;

/**
 * Picks the text for a locale; English falls back to Simplified Chinese when untranslated. `lang` is the
 * language of the returned text, so the renderer can set a `lang` attribute and speech uses the right voice.
 */
export function localize(text: GuideText | LocalizedText, locale: Locale): { text: string; lang: Locale } {
  if (locale === 'en') return text.en === undefined ? { text: text['zh-CN'], lang: 'zh-CN' } : { text: text.en, lang: 'en' };
  return { text: text[locale], lang: locale };
}

/** How an item crosses city lines (国办发〔2020〕35号), plus plain window handling (窗口办理). */
export const crossRegionModes = ['fullyOnline', 'remoteCollection', 'multiPlace', 'window'] as const;
export type CrossRegionMode = (typeof crossRegionModes)[number];
/** The official Chinese term of each mode (what staff and documents use), and where its plain-words text is. */
export const crossRegionModeInfo: Record<CrossRegionMode, { term: string; titleKey: MessageKey; explainKey: MessageKey }> = {
  fullyOnline: { term: '全程网办', titleKey: 'mode.fullyOnline.title', explainKey: 'mode.fullyOnline.explain' },
  remoteCollection: { term: '异地代收代办', titleKey: 'mode.remoteCollection.title', explainKey: 'mode.remoteCollection.explain' },
  multiPlace: { term: '多地联办', titleKey: 'mode.multiPlace.title', explainKey: 'mode.multiPlace.explain' },
  window: { term: '窗口办理', titleKey: 'mode.window.title', explainKey: 'mode.window.explain' },
};

/** 通办范围. */
export const crossRegionScopes = ['national', 'crossProvince', 'metroCrossCity', 'local', 'residence'] as const;
export type CrossRegionScope = (typeof crossRegionScopes)[number];
export const crossRegionScopeTerms: Record<CrossRegionScope, string> = {
  national: '全国通办',
  crossProvince: '跨省通办',
  metroCrossCity: '武汉都市圈跨市通办',
  local: '属地办理',
  residence: '居住地办理',
};

/** What the kiosk itself can do for an item: take the full application, book an appointment, or only show the guide. */
export const kioskCapabilities = ['apply', 'appointment', 'guide'] as const;
export type KioskCapability = (typeof kioskCapabilities)[number];

/** Browsing by department (the kind of implementing body; the concrete body differs per city). */
export const departmentIds = [
  'hrss', 'medicalSecurity', 'housingFund', 'publicSecurity', 'exitEntry', 'transport',
  'civilAffairs', 'marketRegulation', 'tax', 'realEstate', 'disabledPersons',
] as const;
export type DepartmentId = (typeof departmentIds)[number];
export const departmentLabelKey = (id: DepartmentId): MessageKey => `department.${id}`;

/** Browsing by life event (人生事件 / 主题服务). */
export const lifeEventIds = ['job', 'retirement', 'medical', 'housing', 'moving', 'documents', 'certificates', 'travel', 'marriage', 'business', 'disability'] as const;
export type LifeEventId = (typeof lifeEventIds)[number];
export const lifeEventLabelKey = (id: LifeEventId): MessageKey => `lifeEvent.${id}`;

/** How the result reaches the resident (办理结果送达方式). */
export const deliveryMethods = [
  'window', 'post', 'eCertificate', 'printOnSite', 'online', 'download', 'sms', 'onScreen', 'bankTransfer', 'writtenToDocument', 'collectOnSite',
] as const;
export type DeliveryMethod = (typeof deliveryMethods)[number];
export const deliveryLabelKey = (method: DeliveryMethod): MessageKey => `delivery.${method}`;

export const materialSchema = z.object({
  name: localizedTextSchema,
  /** 原件 / 复印件 / 原件和复印件. */
  form: z.enum(['original', 'copy', 'both']),
  originals: z.number().int().nonnegative(),
  copies: z.number().int().nonnegative(),
  required: z.boolean(),
  /** 申请人自备 / 政府部门核发 / 现场采集. */
  source: z.enum(['applicant', 'government', 'onSite']),
  /** True when an electronic certificate (or the card read at the kiosk) makes bringing this unnecessary. */
  eCertExempt: z.boolean(),
  note: guideTextSchema,
});
export type Material = z.infer<typeof materialSchema>;

/** A time limit; `days` 0 = done on the spot (即时办结), null = not yet known (the guide says so). */
export const timeLimitSchema = z.object({
  days: z.number().int().nonnegative().nullable(),
  unit: z.enum(['workingDays', 'calendarDays']),
  note: guideTextSchema,
});
export type TimeLimit = z.infer<typeof timeLimitSchema>;

/** Card fields a form may be filled from (a subset of what the reader returns). */
export const cardPrefillFields = ['name', 'idNumber', 'address', 'birthDate', 'sex'] as const satisfies readonly (keyof IdentityCard)[];
export type CardPrefillField = (typeof cardPrefillFields)[number];

export const fieldKinds = ['text', 'phone', 'address', 'choice', 'date', 'idNumber', 'number'] as const;
export type FieldKind = (typeof fieldKinds)[number];

export const formFieldSchema = z.object({
  /** Stable key of the value in the application payload. */
  id: z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/),
  kind: z.enum(fieldKinds),
  label: localizedTextSchema,
  /** A short line under the label (what to enter, an example). Absent = none. */
  hint: localizedTextSchema.optional(),
  required: z.boolean(),
  /** Filled from the identity card when one was read. Absent = typed by the resident. */
  prefillFrom: z.enum(cardPrefillFields).optional(),
  /**
   * 'locked' (default when prefillFrom is set): shown read-only, the card is the source of truth.
   * 'suggest': only a starting value the resident may change (e.g. the card address is the 户籍 address,
   * often not where the resident lives, domain.md §6.4).
   */
  prefillMode: z.enum(['locked', 'suggest']).optional(),
  /** For kind 'choice' (required there, forbidden elsewhere). */
  options: z.array(z.object({ value: z.string().regex(/^[A-Za-z0-9]{1,40}$/), label: localizedTextSchema })).optional(),
  /** Length limits in characters (digits for kind 'number'). Absent = the kind's default (see validation.ts). */
  minLength: z.number().int().positive().optional(),
  maxLength: z.number().int().positive().optional(),
  /** For kind 'number': inclusive bounds of the value. Absent = unbounded. */
  min: z.number().optional(),
  max: z.number().optional(),
  /** For kind 'date': which side of today is allowed. Absent = 'any'. */
  dateRange: z.enum(['past', 'future', 'any']).optional(),
  /** Shown (and validated) only while another choice field has this value. Absent = always shown. */
  visibleWhen: z.object({ field: z.string(), equals: z.string() }).optional(),
  /** A city choice that must not offer the handling city (异地就医: the 参保地 is never the 就医城市). */
  excludeHandlingCity: z.boolean().optional(),
});
export type FormField = z.infer<typeof formFieldSchema>;

/** The form as shown for one handling city: city choices marked excludeHandlingCity lose that city. */
export const formForCity = (form: readonly FormField[], city: string | null): FormField[] =>
  form.map((f) => (f.excludeHandlingCity && f.options && city ? { ...f, options: f.options.filter((o) => o.value !== city) } : f));

/** Guide fields whose draft values are guesses; staff see the flag, residents never do. */
export const estimatableFields = [
  'timeLimitPromised', 'timeLimitStatutory', 'legalBasis', 'scope', 'cities', 'materials', 'fee', 'visitsOnSite',
  'projectType', 'conditions', 'useLevel', 'onlineDepth', 'modes', 'consultPhone',
] as const;
export type EstimatableField = (typeof estimatableFields)[number];

const codeSchema = z.string().min(1).max(50).nullable();

export const serviceItemSchema = z
  .object({
    /** Kiosk-local id, e.g. `WHMA-YB-01`; the national codes are in `codes`. */
    id: z.string().regex(/^[A-Z][A-Z0-9-]{2,31}$/),
    name: localizedTextSchema,
    /** Everyday words residents search with (社保卡, 医保…), Simplified Chinese. */
    keywords: z.array(z.string().min(1)),
    department: z.enum(departmentIds),
    /** 实施主体 in words; the concrete body and its credit code come from the hub per city. */
    handlingBody: guideTextSchema,
    lifeEvents: z.array(z.enum(lifeEventIds)).min(1),
    /** The 1+8 cities where the item can be handled through this kiosk (the resident picks one). */
    cities: z.array(z.enum(metroCityCodes)).min(1),
    scope: z.array(z.enum(crossRegionScopes)).min(1),
    modes: z.array(z.enum(crossRegionModes)).min(1),
    /**
     * The mode the kiosk's own submission follows; it decides the receipt wording (in remoteCollection the kiosk
     * has only received the application, "已收件", DESIGN.md §7). Always one of `modes`.
     */
    kioskMode: z.enum(crossRegionModes),
    kiosk: z.enum(kioskCapabilities),
    /** What the kiosk does for this item, in words. */
    kioskRole: guideTextSchema,
    /**
     * Devices the item's full kiosk service would use that a cabin may lack (camera, signature pad…,
     * ./kioskDevices). Its texts say what happens without them; absent in older published catalogues.
     */
    needs: z.array(deviceCapabilitySchema).default([]),
    itemType: z.object({ code: z.string().regex(/^\d{2}$/), name: z.string() }),
    codes: z.object({ basic: codeSchema, implement: codeSchema, handleItem: codeSchema }),
    /** 即办件 (done on the spot) or 承诺件 (done within a promised time). */
    projectType: z.enum(['immediate', 'promised']),
    conditions: guideTextSchema,
    materials: z.array(materialSchema),
    timeLimit: z.object({ statutory: timeLimitSchema, promised: timeLimitSchema }),
    fee: z.object({ charged: z.boolean().nullable(), standard: guideTextSchema, note: guideTextSchema }),
    result: z.object({ type: z.enum(['certificate', 'approval', 'other']), name: localizedTextSchema, delivery: z.array(z.enum(deliveryMethods)).min(1) }),
    /** 到办事现场次数; null = unknown. */
    visitsOnSite: z.number().int().nonnegative().nullable(),
    consultPhone: z.string().regex(/^\d{3,12}$/),
    /** The application or appointment form; empty for guide-only items. */
    form: z.array(formFieldSchema),
    /** Staff-only facts: never rendered on resident screens. */
    staff: z.object({
      legalBasis: z.array(z.string()),
      useLevel: z.string(),
      onlineDepth: z.string(),
      sources: z.array(z.string()),
      remarks: z.string(),
      /** Draft notes kept from residents because they only say a value is unverified (未核实 / 待核实). */
      unverifiedNotes: z.array(z.string()),
      /** Draft texts replaced because they promised a device the cabin lacks (kept to restore with the device). */
      draftTexts: z.array(z.string()).default([]),
      estimated: z.array(z.enum(estimatableFields)),
    }),
  })
  .superRefine((item, ctx) => {
    const problem = (message: string, path: PropertyKey[]) => ctx.addIssue({ code: 'custom', message, path });
    if (!item.modes.includes(item.kioskMode)) problem('kioskMode must be one of modes', ['kioskMode']);
    if (item.kiosk === 'guide' && item.form.length > 0) problem('a guide-only item has no form', ['form']);
    if (item.kiosk !== 'guide' && item.form.length === 0) problem(`a ${item.kiosk} item needs a form`, ['form']);
    const seen = new Map<string, FormField>();
    item.form.forEach((field, index) => {
      if (seen.has(field.id)) problem(`duplicate field id ${field.id}`, ['form', index, 'id']);
      if (field.kind === 'choice' && !(field.options && field.options.length > 0)) problem('a choice needs options', ['form', index, 'options']);
      if (field.kind !== 'choice' && field.options) problem('only a choice has options', ['form', index, 'options']);
      if (field.options && new Set(field.options.map((o) => o.value)).size !== field.options.length) problem('duplicate option', ['form', index, 'options']);
      const when = field.visibleWhen;
      if (when) {
        const controller = seen.get(when.field);
        if (!controller?.options?.some((o) => o.value === when.equals)) problem('visibleWhen must name an earlier choice and one of its options', ['form', index, 'visibleWhen']);
      }
      seen.set(field.id, field);
    });
  });
export type ServiceItem = z.infer<typeof serviceItemSchema>;

export const catalogSchema = z
  .object({
    schemaVersion: z.literal(1),
    /** Content version (a hash of the items for the bundled catalogue; the hub's version for published ones). */
    version: z.string().min(1),
    /** Where the content came from, for staff. */
    source: z.string(),
    items: z.array(serviceItemSchema),
  })
  .refine((c) => new Set(c.items.map((i) => i.id)).size === c.items.length, { message: 'duplicate item id', path: ['items'] });
export type Catalog = z.infer<typeof catalogSchema>;

/** True when staff must treat this part of the guide as a guess. Resident screens never call this. */
export const isEstimated = (item: ServiceItem, field: EstimatableField): boolean => item.staff.estimated.includes(field);

/** The item without its staff-only block: what resident screens, receipts and printed guides may use. */
export type ResidentServiceItem = Omit<ServiceItem, 'staff'>;
export function toResidentItem(item: ServiceItem): ResidentServiceItem {
  const { staff: _staff, ...rest } = item;
  return rest;
}

/** Materials the resident must still bring or send: required and not replaced by an e-certificate or the card read. */
export const materialsToBring = (item: Pick<ServiceItem, 'materials'>): Material[] => item.materials.filter((m) => m.required && !m.eCertExempt);

/** The time limit in words: on the spot, within N (working) days, or "as the handling city promises" when unknown. */
export function timeLimitRef(limit: TimeLimit): MessageRef {
  if (limit.days === null) return { key: 'guide.timeLimit.unknown' };
  if (limit.days === 0) return { key: 'guide.timeLimit.immediate' };
  return { key: limit.unit === 'workingDays' ? 'guide.timeLimit.workingDays' : 'guide.timeLimit.calendarDays', params: { days: limit.days } };
}

/** Free, charged (show `fee.standard` next to it), or unknown (as the handling city rules). */
export const feeRef = (fee: ServiceItem['fee']): MessageRef => ({
  key: fee.charged === null ? 'guide.fee.unknown' : fee.charged ? 'guide.fee.charged' : 'guide.fee.free',
});

/** "原件1份" / "复印件2份" / "原件1份、复印件2份". */
export function materialCountRef(material: Material): MessageRef {
  if (material.form === 'original') return { key: 'guide.material.original', params: { count: material.originals } };
  if (material.form === 'copy') return { key: 'guide.material.copy', params: { count: material.copies } };
  return { key: 'guide.material.both', params: { originals: material.originals, copies: material.copies } };
}

/** 到办事现场次数 in words, or null when unknown. */
export const visitsRef = (item: Pick<ServiceItem, 'visitsOnSite'>): MessageRef | null =>
  item.visitsOnSite === null ? null : item.visitsOnSite === 0 ? { key: 'guide.visits.zero' } : { key: 'guide.visits.count', params: { count: item.visitsOnSite } };

/**
 * What the receipt may claim (DESIGN.md §7): in 异地代收代办 the kiosk has only received the application
 * (已收件); otherwise it is submitted, never "accepted", since only the handling department can accept.
 */
export function receiptStatusKey(item: Pick<ServiceItem, 'kiosk' | 'kioskMode'>): MessageKey {
  if (item.kiosk === 'appointment') return 'receipt.status.appointment';
  return item.kioskMode === 'remoteCollection' ? 'receipt.status.received' : 'receipt.status.submitted';
}
