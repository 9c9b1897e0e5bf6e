// The labels of each service's form fields (and of their choices), read once from the published catalogue, so
// the back office shows "联系电话" rather than "phone" when it opens a sealed application. An item or field the
// catalogue does not describe keeps its id as its label.
import { z } from 'zod';
import type { PublishedCatalog } from '../catalog';

const zh = z.union([z.string(), z.object({ 'zh-CN': z.string() }).transform((t) => t['zh-CN'])]);
const fieldSchema = z.object({ id: z.string(), label: zh, options: z.array(z.object({ value: z.string(), label: zh })).optional() });

export interface FieldLabel {
  label: string;
  options: Map<string, string>;
}

export type FormLabels = (serviceId: string) => Map<string, FieldLabel>;

export function readFormLabels(catalog: PublishedCatalog): FormLabels {
  const byService = new Map<string, Map<string, FieldLabel>>();
  const payload = JSON.parse(catalog.signed.payload) as { items?: unknown[] };
  for (const raw of payload.items ?? []) {
    const item = z.looseObject({ id: z.string(), form: z.array(z.unknown()).optional() }).safeParse(raw);
    if (!item.success) continue;
    const fields = new Map<string, FieldLabel>();
    for (const rawField of item.data.form ?? []) {
      const field = fieldSchema.safeParse(rawField);
      if (field.success) fields.set(field.data.id, { label: field.data.label, options: new Map((field.data.options ?? []).map((o) => [o.value, o.label])) });
    }
    byService.set(item.data.id, fields);
  }
  return (serviceId) => byService.get(serviceId) ?? new Map();
}
