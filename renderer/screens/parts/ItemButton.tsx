// One service item as a wide button: its name and what this kiosk can do for it (apply, book, guide only),
// so a resident knows before opening it whether the matter can be finished here. Where the list is not already
// one city's or one department's (search results), a second line says which department and which cities.
import { departmentLabelKey, type KioskCapability, type ServiceItem } from '../../../src/domain/catalog';
import { getDivision, metroCityCodes } from '../../../src/domain/divisions';
import type { MessageKey } from '../../../src/i18n';
import { useLocale } from '../../context/i18n';

const capabilityKey: Record<KioskCapability, MessageKey> = { apply: 'kiosk.apply', appointment: 'kiosk.appointment', guide: 'kiosk.guide' };

export function ItemButton({ item, onItem, testId, showWhere = false }: { item: ServiceItem; onItem: (id: string) => void; testId: string; showWhere?: boolean }) {
  const { t, locale } = useLocale();
  const cities = item.cities.length === metroCityCodes.length ? t('search.allCities') : item.cities.map((c) => getDivision(c)?.name[locale] ?? c).join(locale === 'en' ? ', ' : '、');
  return (
    <button type="button" className="item-button" onClick={() => onItem(item.id)} data-testid={testId}>
      <span className="item-text">
        <span className="item-name">{item.name[locale]}</span>
        {showWhere && (
          <span className="item-where" data-testid={`${testId}-where`}>
            {t('search.where', { department: t(departmentLabelKey(item.department)), cities })}
          </span>
        )}
      </span>
      <span className={`badge kiosk-${item.kiosk}`}>{t(capabilityKey[item.kiosk])}</span>
    </button>
  );
}

export { capabilityKey };
