// One service item as a wide button: its name and what this kiosk can do for it (apply, book, guide only),
// so a resident knows before opening it whether the matter can be finished here.
import type { KioskCapability, ServiceItem } from '../../../src/domain/catalog';
import type { MessageKey } from '../../../src/i18n';
import { useLocale } from '../../context/i18n';

const capabilityKey: Record<KioskCapability, MessageKey> = { apply: 'kiosk.apply', appointment: 'kiosk.appointment', guide: 'kiosk.guide' };

export function ItemButton({ item, onItem, testId }: { item: ServiceItem; onItem: (id: string) => void; testId: string }) {
  const { t, locale } = useLocale();
  return (
    <button type="button" className="item-button" onClick={() => onItem(item.id)} data-testid={testId}>
      <span className="item-name">{item.name[locale]}</span>
      <span className={`badge kiosk-${item.kiosk}`}>{t(capabilityKey[item.kiosk])}</span>
    </button>
  );
}

export { capabilityKey };
