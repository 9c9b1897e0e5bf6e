// Browsing the catalogue by city, department or life event: plain filters, kept apart from search so that the
// screens which only browse do not load the pinyin tables search needs.
import { departmentIds, lifeEventIds, type Catalog, type DepartmentId, type KioskCapability, type LifeEventId, type ServiceItem } from './catalog';
import type { MetroCityCode } from './divisions';

/** Offered in the city (if given) and for one of the capabilities (if given). */
export function isOffered(item: ServiceItem, options: { city?: MetroCityCode; kiosk?: readonly KioskCapability[] }): boolean {
  return (options.city === undefined || item.cities.includes(options.city)) && (options.kiosk === undefined || options.kiosk.includes(item.kiosk));
}

const itemsOf = (catalog: Catalog | readonly ServiceItem[]): readonly ServiceItem[] => ('items' in catalog ? catalog.items : catalog);

/** Items handled in a city, in catalogue order. */
export const itemsByCity = (catalog: Catalog | readonly ServiceItem[], city: MetroCityCode): ServiceItem[] =>
  itemsOf(catalog).filter((item) => item.cities.includes(city));

/** Items of a department, optionally only those handled in a city. */
export const itemsByDepartment = (catalog: Catalog | readonly ServiceItem[], department: DepartmentId, city?: MetroCityCode): ServiceItem[] =>
  itemsOf(catalog).filter((item) => item.department === department && isOffered(item, { city }));

/** Items for a life event, optionally only those handled in a city. */
export const itemsByLifeEvent = (catalog: Catalog | readonly ServiceItem[], event: LifeEventId, city?: MetroCityCode): ServiceItem[] =>
  itemsOf(catalog).filter((item) => item.lifeEvents.includes(event) && isOffered(item, { city }));

/** Departments that have at least one item (in a city), with counts, in a fixed order: the browse menu. */
export const departmentsWithItems = (catalog: Catalog | readonly ServiceItem[], city?: MetroCityCode): { id: DepartmentId; count: number }[] =>
  departmentIds.map((id) => ({ id, count: itemsByDepartment(catalog, id, city).length })).filter((d) => d.count > 0);

/** Life events that have at least one item (in a city), with counts, in a fixed order. */
export const lifeEventsWithItems = (catalog: Catalog | readonly ServiceItem[], city?: MetroCityCode): { id: LifeEventId; count: number }[] =>
  lifeEventIds.map((id) => ({ id, count: itemsByLifeEvent(catalog, id, city).length })).filter((d) => d.count > 0);
