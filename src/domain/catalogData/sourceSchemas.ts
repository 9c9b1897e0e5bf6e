// Schemas of the two inputs of the bundled catalogue: the research draft (shared/data/catalog-draft.json,
// domain.md §1.8) and the kiosk overlay (overlay.json: kiosk decisions and English). Runs anywhere; used by
// bin/buildCatalog.ts through fromDraft.ts. Strict enums so that a new value in the draft fails the build
// instead of slipping into the kiosk unmapped.
import { z } from 'zod';
import { deviceCapabilities } from '../kioskDevices';
import { cardPrefillFields, deliveryMethods, fieldKinds, kioskCapabilities, lifeEventIds } from '../catalog';

const draftTimeLimitSchema = z.object({
  value: z.number().int().nonnegative().nullable(),
  unit: z.enum(['工作日', '自然日']),
  note: z.string(),
});

export const draftItemSchema = z.object({
  id: z.string(),
  name: z.string().min(1).max(200),
  name_en: z.string().min(1),
  domain: z.string(),
  item_type: z.string(),
  item_type_code: z.string().regex(/^\d{2}$/),
  basic_code: z.string().nullable(),
  implement_code: z.string().nullable(),
  handle_item_code: z.string().nullable(),
  department: z.string(),
  handle_place: z.string(),
  receive_place: z.string(),
  use_level: z.string(),
  legal_basis: z.array(z.string()),
  service_object: z.array(z.string()),
  cross_region_scope: z.array(z.enum(['全国通办', '跨省通办', '武汉都市圈跨市通办', '属地办理', '居住地办理'])),
  handling_modes: z.array(z.enum(['全程网办', '异地代收代办', '多地联办', '窗口办理'])),
  kiosk_role: z.string(),
  conditions: z.string(),
  materials: z.array(
    z.object({
      name: z.string().min(1),
      form: z.enum(['原件', '复印件', '原件和复印件']),
      count_original: z.number().int().nonnegative(),
      count_copy: z.number().int().nonnegative(),
      required: z.boolean(),
      source: z.enum(['申请人自备', '政府部门核发', '现场采集']),
      e_cert_exempt: z.boolean(),
      note: z.string(),
    }),
  ),
  project_type: z.enum(['即办件', '承诺件']),
  time_limit_statutory: draftTimeLimitSchema,
  time_limit_promised: draftTimeLimitSchema,
  fee: z.object({ charged: z.boolean().nullable(), standard: z.string(), basis: z.string(), note: z.string() }),
  result: z.object({
    type: z.enum(['证照', '批文', '其他']),
    name: z.string().min(1),
    delivery: z.array(z.enum(['窗口领取', '邮政寄递', '电子证照', '现场打印', '网上送达', '网上下载', '短信告知', '现场显示', '银行转账', '现场写入证件', '当场领取'])),
  }),
  online_depth: z.string(),
  visits_on_site: z.number().int().nonnegative().nullable(),
  consult_phone: z.string(),
  sources: z.array(z.string()),
  estimated: z.boolean(),
  estimated_fields: z.array(z.string()),
  remarks: z.string(),
});
export type DraftItem = z.infer<typeof draftItemSchema>;
export const draftSchema = z.array(draftItemSchema).min(1);

/** Draft delivery words → kiosk delivery methods. */
export const draftDelivery: Record<DraftItem['result']['delivery'][number], (typeof deliveryMethods)[number]> = {
  窗口领取: 'window', 邮政寄递: 'post', 电子证照: 'eCertificate', 现场打印: 'printOnSite', 网上送达: 'online', 网上下载: 'download',
  短信告知: 'sms', 现场显示: 'onScreen', 银行转账: 'bankTransfer', 现场写入证件: 'writtenToDocument', 当场领取: 'collectOnSite',
};

/** Labels in the overlay: Simplified Chinese and English; zh-TW is converted at build time. */
const labelSchema = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
export type OverlayLabel = z.infer<typeof labelSchema>;

const overlayFieldSchema = z.object({
  id: z.string(),
  kind: z.enum(fieldKinds),
  label: labelSchema,
  hint: labelSchema.optional(),
  required: z.boolean(),
  prefillFrom: z.enum(cardPrefillFields).optional(),
  prefillMode: z.enum(['locked', 'suggest']).optional(),
  options: z.array(z.object({ value: z.string(), label: labelSchema })).optional(),
  minLength: z.number().int().positive().optional(),
  maxLength: z.number().int().positive().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  dateRange: z.enum(['past', 'future', 'any']).optional(),
});
export type OverlayField = z.infer<typeof overlayFieldSchema>;

/** A form entry: a field set by name, "$delivery" (derived from the item's result), a metro-city choice, or a field. */
const formEntrySchema = z.union([
  z.string(),
  z.object({ $set: z.literal('metroCity'), id: z.string(), label: labelSchema, excludeHandlingCity: z.boolean().optional() }),
  overlayFieldSchema,
]);
export type OverlayFormEntry = z.infer<typeof formEntrySchema>;

export const overlaySchema = z.object({
  fieldSets: z.record(z.string(), z.array(overlayFieldSchema)),
  delivery: z.object({ choosable: z.array(z.enum(deliveryMethods)), address: overlayFieldSchema, label: labelSchema }),
  deliveryLabels: z.partialRecord(z.enum(deliveryMethods), labelSchema),
  phrasesEn: z.record(z.string(), z.string()),
  materialsEn: z.record(z.string(), z.string()),
  /**
   * Draft kiosk roles and material notes that promise a device the cabin lacks, keyed by the exact draft text:
   * what the resident reads instead, and the capabilities the draft text needed (docs/adr/0012).
   */
  honestTexts: z.record(z.string(), z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1), needs: z.array(z.enum(deviceCapabilities)).min(1) })).default({}),
  items: z.record(
    z.string(),
    z.object({
      kiosk: z.enum(kioskCapabilities),
      kioskMode: z.enum(['fullyOnline', 'remoteCollection', 'multiPlace', 'window']).optional(),
      lifeEvents: z.array(z.enum(lifeEventIds)).min(1),
      keywords: z.array(z.string()),
      nameEn: z.string().optional(),
      resultEn: z.string(),
      conditionsEn: z.string(),
      form: z.array(formEntrySchema).optional(),
    }),
  ),
});
export type Overlay = z.infer<typeof overlaySchema>;
