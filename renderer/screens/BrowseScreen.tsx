// Browsing the catalogue: first the handling city (the city the matter belongs to, e.g. where one is insured,
// not necessarily where the kiosk stands), then by city: the items grouped by department; by department or
// life event: the group (with counts), then its items. One decision per screen, big tiles, no time pressure.
import type { Catalog, DepartmentId, LifeEventId, ServiceItem } from '../../src/domain/catalog';
import { departmentIds, departmentLabelKey, lifeEventIds, lifeEventLabelKey } from '../../src/domain/catalog';
import {
  departmentsWithItems, itemsByCity, itemsByDepartment, itemsByLifeEvent, lifeEventsWithItems,
} from '../../src/domain/catalogBrowse';
import { metroCityCodes, type MetroCityCode } from '../../src/domain/divisions';
import type { MessageKey } from '../../src/i18n';
import type { Locale } from '../../src/i18n/locales';
import { useLocale } from '../context/i18n';
import { useSpeakOnMount } from '../context/voice';
import { Screen } from '../components/Screen';
import { ItemButton } from './parts/ItemButton';
import { cityName, withColon } from './parts/Prose';
import './screens.css';

export type BrowseBy = 'city' | 'department' | 'lifeEvent';

export interface BrowseScreenProps {
  by: BrowseBy;
  /** The handling city chosen in step 1; null shows the city step. */
  city: MetroCityCode | null;
  /** Department or life event id chosen in step 2 (ignored when by = 'city'); null shows the group step. */
  groupKey: string | null;
  catalog: Catalog;
  onCity: (code: MetroCityCode) => void;
  onGroup: (key: string) => void;
  onItem: (id: string) => void;
  onBack: () => void;
  onHome: () => void;
  onLocale: (locale: Locale) => void;
}

const isDepartment = (key: string | null): key is DepartmentId => key !== null && (departmentIds as readonly string[]).includes(key);
const isLifeEvent = (key: string | null): key is LifeEventId => key !== null && (lifeEventIds as readonly string[]).includes(key);

export function BrowseScreen(props: BrowseScreenProps) {
  const { by, city, groupKey, catalog, onBack, onHome, onLocale } = props;
  const { t, locale } = useLocale();
  const groupLabel = by === 'department' && isDepartment(groupKey) ? t(departmentLabelKey(groupKey)) : by === 'lifeEvent' && isLifeEvent(groupKey) ? t(lifeEventLabelKey(groupKey)) : null;
  const step = city === null ? 'city' : by === 'city' || groupLabel !== null ? 'items' : 'group';
  const title =
    step === 'city' ? t('browse.cityTitle') : step === 'group' ? t(by === 'lifeEvent' ? 'browse.lifeEventTitle' : 'browse.departmentTitle') : groupLabel ?? cityName(city ?? '', locale);
  useSpeakOnMount(step === 'city' ? `${t('browse.cityTitle')}。${t('browse.cityHint')}` : title, locale);

  return (
    <Screen title={title} testId={`screen-browse-${step}`} onBack={onBack} onHome={onHome} onLocale={onLocale}>
      {step === 'city' && <CityStep catalog={catalog} onCity={props.onCity} />}
      {step !== 'city' && city !== null && (
        <p className="context-line">
          {withColon(t('review.city'), locale)}<strong>{cityName(city, locale)}</strong>
        </p>
      )}
      {step === 'group' && city !== null && <GroupStep by={by === 'lifeEvent' ? 'lifeEvent' : 'department'} catalog={catalog} city={city} onGroup={props.onGroup} />}
      {step === 'items' && city !== null && by === 'city' && <CityItems catalog={catalog} city={city} onItem={props.onItem} />}
      {step === 'items' && city !== null && by !== 'city' && (
        <ItemList items={isDepartment(groupKey) ? itemsByDepartment(catalog, groupKey, city) : isLifeEvent(groupKey) ? itemsByLifeEvent(catalog, groupKey, city) : []} onItem={props.onItem} />
      )}
    </Screen>
  );
}

function CityStep({ catalog, onCity }: { catalog: Catalog; onCity: (code: MetroCityCode) => void }) {
  const { t, locale } = useLocale();
  return (
    <>
      <p className="hint">{t('browse.cityHint')}</p>
      <div className="tiles city-tiles">
        {metroCityCodes.map((code) => (
          <button key={code} type="button" className="tile" onClick={() => onCity(code)} data-testid={`browse-city-${code}`}>
            {cityName(code, locale)}
            <small>{t('browse.itemCount', { count: itemsByCity(catalog, code).length })}</small>
          </button>
        ))}
      </div>
    </>
  );
}

function GroupStep({ by, catalog, city, onGroup }: { by: 'department' | 'lifeEvent'; catalog: Catalog; city: MetroCityCode; onGroup: (key: string) => void }) {
  const { t } = useLocale();
  const groups: { id: string; count: number; label: MessageKey }[] =
    by === 'department'
      ? departmentsWithItems(catalog, city).map((g) => ({ ...g, label: departmentLabelKey(g.id) }))
      : lifeEventsWithItems(catalog, city).map((g) => ({ ...g, label: lifeEventLabelKey(g.id) }));
  if (groups.length === 0) return <p className="empty">{t('browse.empty')}</p>;
  return (
    <div className="tiles">
      {groups.map((g) => (
        <button key={g.id} type="button" className="tile" onClick={() => onGroup(g.id)} data-testid={`browse-group-${g.id}`}>
          {t(g.label)}
          <small>{t('browse.itemCount', { count: g.count })}</small>
        </button>
      ))}
    </div>
  );
}

/** By city: every item the city handles, under its department's heading. */
function CityItems({ catalog, city, onItem }: { catalog: Catalog; city: MetroCityCode; onItem: (id: string) => void }) {
  const { t } = useLocale();
  const groups = departmentsWithItems(catalog, city);
  if (groups.length === 0) return <p className="empty">{t('browse.empty')}</p>;
  return (
    <>
      {groups.map((g) => (
        <section key={g.id} className="item-group" aria-labelledby={`group-${g.id}`}>
          <h2 id={`group-${g.id}`}>
            {t(departmentLabelKey(g.id))} <small>{t('browse.itemCount', { count: g.count })}</small>
          </h2>
          <ItemList items={itemsByDepartment(catalog, g.id, city)} onItem={onItem} />
        </section>
      ))}
    </>
  );
}

function ItemList({ items, onItem }: { items: readonly ServiceItem[]; onItem: (id: string) => void }) {
  const { t } = useLocale();
  if (items.length === 0) return <p className="empty">{t('browse.empty')}</p>;
  return (
    <ul className="item-list">
      {items.map((item) => (
        <li key={item.id}>
          <ItemButton item={item} onItem={onItem} testId={`browse-item-${item.id}`} />
        </li>
      ))}
    </ul>
  );
}
