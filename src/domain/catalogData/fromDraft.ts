// Builds the kiosk's bundled catalogue from the research draft plus the kiosk overlay. Pure (no I/O) and
// deterministic, so bin/buildCatalog.ts can write it and a test can prove the committed catalog.json is what
// the inputs produce. What a resident must not see (unverified markers, sources, estimated flags) goes to the
// item's staff block instead of being dropped.
import { toTraditional } from '../../i18n/hant';
import {
  catalogSchema, crossRegionModes, crossRegionScopeTerms, crossRegionModeInfo, materialsToBring,
  type Catalog, type CrossRegionMode, type DeliveryMethod, type DepartmentId, type EstimatableField, type FormField,
  type GuideText, type LocalizedText, type Material, type ServiceItem,
} from '../catalog';
import { metroCities, metroCityCodes } from '../divisions';
import { deviceCapabilities, type DeviceCapability } from '../kioskDevices';
import {
  draftDelivery, draftSchema, overlaySchema, type DraftItem, type Overlay, type OverlayField, type OverlayFormEntry, type OverlayLabel,
} from './sourceSchemas';

/** A build input that cannot be turned into a valid catalogue; `problems` lists every reason found. */
export class CatalogBuildError extends Error {
  readonly code = 'CATALOG_BUILD';
  constructor(readonly problems: string[]) {
    super(`catalogue build failed:\n- ${problems.join('\n- ')}`);
    this.name = 'CatalogBuildError';
  }
}

/** Draft 服务领域 → browse department. */
const departmentByDomain: Record<string, DepartmentId> = {
  社会保障: 'hrss', 就业: 'hrss', 医疗保障: 'medicalSecurity', 住房公积金: 'housingFund', 公安户政: 'publicSecurity',
  出入境: 'exitEntry', 交通出行: 'transport', 婚姻登记: 'civilAffairs', 市场监管: 'marketRegulation',
  '市场监管（药品监管）': 'marketRegulation', 税务: 'tax', 不动产登记: 'realEstate', 残疾人服务: 'disabledPersons',
};

const estimatedByDraftField: Record<string, EstimatableField> = {
  time_limit_promised: 'timeLimitPromised', time_limit_statutory: 'timeLimitStatutory', legal_basis: 'legalBasis',
  cross_region_scope: 'scope', materials: 'materials', fee: 'fee', visits_on_site: 'visitsOnSite', project_type: 'projectType',
  conditions: 'conditions', use_level: 'useLevel', online_depth: 'onlineDepth', handling_modes: 'modes', consult_phone: 'consultPhone',
};

const modeByTerm = Object.fromEntries(crossRegionModes.map((m) => [crossRegionModeInfo[m].term, m])) as Record<string, CrossRegionMode>;
const scopeByTerm = Object.fromEntries(Object.entries(crossRegionScopeTerms).map(([k, v]) => [v, k])) as Record<string, ServiceItem['scope'][number]>;

const unverified = /未核实|待核实/;

/** cyrb53: a small, well-mixed 53-bit string hash; enough to label a content version. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** Inputs are parsed here, so callers may pass what they read from disk as it is. */
export function buildCatalogFromDraft(draftInput: unknown, overlayInput: unknown): Catalog {
  const problems: string[] = [];
  const draft = draftSchema.safeParse(draftInput);
  const overlay = overlaySchema.safeParse(overlayInput);
  if (!draft.success) problems.push(`draft: ${draft.error.message}`);
  if (!overlay.success) problems.push(`overlay: ${overlay.error.message}`);
  if (!draft.success || !overlay.success) throw new CatalogBuildError(problems);

  const ids = new Set(draft.data.map((d) => d.id));
  for (const id of Object.keys(overlay.data.items)) if (!ids.has(id)) problems.push(`overlay has ${id}, the draft does not`);
  const items = draft.data.map((d) => buildItem(d, overlay.data, (p) => problems.push(`${d.id}: ${p}`)));
  if (problems.length > 0) throw new CatalogBuildError(problems);

  const candidate = {
    schemaVersion: 1 as const,
    version: `draft-${hash53(JSON.stringify(items))}`,
    source: 'shared/data/catalog-draft.json (research draft; codes, time limits and fees partly estimated) + src/domain/catalogData/overlay.json',
    items,
  };
  const parsed = catalogSchema.safeParse(candidate);
  if (!parsed.success) throw new CatalogBuildError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return parsed.data;
}

function buildItem(d: DraftItem, overlay: Overlay, problem: (p: string) => void): ServiceItem {
  const o = overlay.items[d.id];
  const unverifiedNotes: string[] = [];
  /** Resident-facing prose: segments that only flag a value as unverified move to the staff notes. */
  const prose = (zh: string, where: string, en?: string): GuideText => {
    const kept = zh.split('；').filter((seg) => {
      if (!unverified.test(seg)) return true;
      unverifiedNotes.push(`${where}: ${seg}`);
      return false;
    });
    const text = kept.join('；');
    const english = text === '' ? '' : (en ?? overlay.phrasesEn[text]);
    return { 'zh-CN': text, 'zh-TW': toTraditional(text), ...(english === undefined ? {} : { en: english }) };
  };
  const needs = new Set<DeviceCapability>();
  const draftTexts: string[] = [];
  /** A kiosk role or material note: the honest rewrite when the draft text promises a device the cabin lacks. */
  const honest = (zh: string, where: string): GuideText => {
    const rewrite = overlay.honestTexts[zh];
    if (!rewrite) return prose(zh, where);
    rewrite.needs.forEach((n) => needs.add(n));
    draftTexts.push(`${where}: ${zh}`);
    return prose(rewrite['zh-CN'], where, rewrite.en);
  };
  const names = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, 'zh-TW': toTraditional(zh), en });
  const label = (l: OverlayLabel): LocalizedText => names(l['zh-CN'], l.en);

  if (!o) problem('no overlay entry (kiosk capability, life events, English)');
  const department = departmentByDomain[d.domain];
  if (!department) problem(`unknown domain ${d.domain}`);
  const estimated: EstimatableField[] = ['cities']; // the draft does not say per city; every item is offered in all nine
  for (const f of d.estimated_fields) {
    const mapped = estimatedByDraftField[f];
    if (mapped) estimated.push(mapped);
    else problem(`unknown estimated field ${f}`);
  }

  const materials: Material[] = d.materials.map((m, i) => {
    const en = overlay.materialsEn[m.name];
    if (!en) problem(`no English name for material ${m.name}`);
    return {
      name: names(m.name, en ?? m.name),
      form: m.form === '原件' ? 'original' : m.form === '复印件' ? 'copy' : 'both',
      originals: m.count_original,
      copies: m.count_copy,
      required: m.required,
      source: m.source === '申请人自备' ? 'applicant' : m.source === '政府部门核发' ? 'government' : 'onSite',
      eCertExempt: m.e_cert_exempt,
      note: honest(m.note, `materials[${i}].note`),
    };
  });
  const modes = d.handling_modes.map((t) => modeByTerm[t]!);
  const kiosk = o?.kiosk ?? 'guide';
  const delivery = d.result.delivery.map((t) => draftDelivery[t]);
  const form = kiosk === 'guide' ? [] : expandForm(o?.form ?? [], delivery, overlay, label, problem);
  const timeLimit = (t: DraftItem['time_limit_promised'], where: string) => ({
    days: t.value,
    unit: t.unit === '工作日' ? ('workingDays' as const) : ('calendarDays' as const),
    note: prose(t.note, where),
  });
  const fee = { charged: d.fee.charged, standard: prose(d.fee.standard, 'fee.standard'), note: prose(d.fee.note, 'fee.note') };

  const item: ServiceItem = {
    id: d.id,
    name: names(d.name, o?.nameEn ?? d.name_en),
    keywords: o?.keywords ?? [],
    department: department ?? 'hrss',
    handlingBody: prose(d.department, 'department'),
    lifeEvents: o?.lifeEvents ?? [],
    cities: [...metroCityCodes],
    scope: d.cross_region_scope.map((t) => scopeByTerm[t]!),
    modes,
    kioskMode: o?.kioskMode ?? chooseKioskMode(kiosk, modes, materials),
    kiosk,
    kioskRole: honest(d.kiosk_role, 'kiosk_role'),
    needs: deviceCapabilities.filter((c) => needs.has(c)),
    itemType: { code: d.item_type_code, name: d.item_type },
    codes: { basic: d.basic_code, implement: d.implement_code, handleItem: d.handle_item_code },
    projectType: d.project_type === '即办件' ? 'immediate' : 'promised',
    conditions: prose(d.conditions, 'conditions', o?.conditionsEn),
    materials,
    timeLimit: { statutory: timeLimit(d.time_limit_statutory, 'time_limit_statutory'), promised: timeLimit(d.time_limit_promised, 'time_limit_promised') },
    fee,
    result: {
      type: d.result.type === '证照' ? 'certificate' : d.result.type === '批文' ? 'approval' : 'other',
      name: names(d.result.name, o?.resultEn ?? d.result.name),
      delivery,
    },
    visitsOnSite: d.visits_on_site,
    consultPhone: d.consult_phone,
    form,
    staff: {
      legalBasis: d.legal_basis,
      useLevel: d.use_level,
      onlineDepth: d.online_depth,
      sources: d.sources,
      remarks: d.remarks,
      unverifiedNotes,
      draftTexts,
      // 'cities' is ours, not the draft's: it stays flagged even if the draft item were fully verified.
      estimated: d.estimated ? [...new Set(estimated)] : ['cities'],
    },
  };
  return item;
}

/**
 * The mode the kiosk's own submission follows. When originals still have to travel to the handling city, the
 * kiosk only collects (异地代收代办) even if the item is also offered fully online; otherwise online wins.
 */
export function chooseKioskMode(kiosk: ServiceItem['kiosk'], modes: CrossRegionMode[], materials: Material[]): CrossRegionMode {
  if (kiosk !== 'guide' && modes.includes('remoteCollection') && (!modes.includes('fullyOnline') || materialsToBring({ materials }).length > 0)) {
    return 'remoteCollection';
  }
  if (modes.includes('fullyOnline')) return 'fullyOnline';
  return modes[0] ?? 'window';
}

function expandForm(
  entries: OverlayFormEntry[],
  delivery: DeliveryMethod[],
  overlay: Overlay,
  label: (l: OverlayLabel) => LocalizedText,
  problem: (p: string) => void,
): FormField[] {
  const field = ({ hint, options, ...f }: OverlayField): FormField => ({
    ...f,
    label: label(f.label),
    ...(hint ? { hint: label(hint) } : {}),
    ...(options ? { options: options.map((opt) => ({ value: opt.value, label: label(opt.label) })) } : {}),
  });
  const out: FormField[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string' && entry === '$delivery') {
      const choosable = delivery.filter((m) => overlay.delivery.choosable.includes(m));
      if (choosable.length >= 2) {
        const options = choosable.map((m) => {
          const l = overlay.deliveryLabels[m];
          if (!l) problem(`no label for delivery ${m}`);
          return { value: m, label: label(l ?? { 'zh-CN': m, en: m }) };
        });
        out.push({ id: 'delivery', kind: 'choice', label: label(overlay.delivery.label), required: true, options });
      }
      if (choosable.includes('post')) {
        out.push({ ...field(overlay.delivery.address), ...(choosable.length >= 2 ? { visibleWhen: { field: 'delivery', equals: 'post' } } : {}) });
      }
    } else if (typeof entry === 'string') {
      const set = overlay.fieldSets[entry];
      if (set) out.push(...set.map(field));
      else problem(`unknown field set ${entry}`);
    } else if ('$set' in entry) {
      const options = metroCities().map((c) => ({ value: c.code, label: c.name }));
      out.push({ id: entry.id, kind: 'choice', label: label(entry.label), required: true, options, ...(entry.excludeHandlingCity ? { excludeHandlingCity: true } : {}) });
    } else {
      out.push(field(entry));
    }
  }
  return out;
}
