// The sections of a service guide, in the order a resident asks: can I, what do I bring, how is it done,
// how long, how much, how do I get the result, whom do I call. Resident fields only (ResidentServiceItem).
import {
  crossRegionModeInfo, deliveryLabelKey, feeRef, materialCountRef, timeLimitRef, visitsRef,
  type GuideText, type LocalizedText, type Material, type ResidentServiceItem,
} from '../../../src/domain/catalog';
import type { MetroCityCode } from '../../../src/domain/divisions';
import { useLocale } from '../../context/i18n';
import { capabilityKey } from './ItemButton';
import { cityName, Prose, withColon } from './Prose';

/** Every piece of guide prose the body may show (to tell whether an English guide falls back to Chinese). */
export const guideTexts = (item: ResidentServiceItem): (GuideText | LocalizedText)[] => [
  item.kioskRole, item.conditions, item.handlingBody, item.timeLimit.promised.note, item.fee.note,
  ...(item.fee.charged ? [item.fee.standard] : []), ...item.materials.map((m) => m.note),
];

export function GuideBody({ item, city }: { item: ResidentServiceItem; city: MetroCityCode | null }) {
  const { t, locale } = useLocale();
  const mode = crossRegionModeInfo[item.kioskMode];
  const otherModes = item.modes.filter((m) => m !== item.kioskMode);
  const visits = visitsRef(item);
  const limit = timeLimitRef(item.timeLimit.promised);
  const fee = feeRef(item.fee);
  return (
    // Focusable so the guide, the one long text of the kiosk, can be scrolled from a keyboard or switch device.
    <article className="guide" aria-labelledby="guide-item-name" tabIndex={0}>
      <header className="guide-head">
        <h2 id="guide-item-name">{item.name[locale]}</h2>
        {city !== null && (
          <p className="context-line">
            {withColon(t('review.city'), locale)}<strong>{cityName(city, locale)}</strong>
          </p>
        )}
        <p>
          <span className={`badge kiosk-${item.kiosk}`}>{t(capabilityKey[item.kiosk])}</span>
        </p>
        <Prose text={item.kioskRole} className="muted" />
      </header>

      <section className="guide-section mode-section" aria-labelledby="guide-mode">
        <h3 id="guide-mode">{t('guide.mode')}</h3>
        <p className="mode-title">{t(mode.titleKey)}</p>
        <p>{t(mode.explainKey)}</p>
        {otherModes.length > 0 && <p className="muted">{otherModes.map((m) => t(crossRegionModeInfo[m].titleKey)).join('、')}</p>}
        {visits && <p className="fact">{t(visits.key, visits.params)}</p>}
      </section>

      <section className="guide-section" aria-labelledby="guide-conditions">
        <h3 id="guide-conditions">{t('guide.conditions')}</h3>
        <Prose text={item.conditions} />
        <p className="muted">{t(item.projectType === 'immediate' ? 'guide.projectType.immediate' : 'guide.projectType.promised')}</p>
      </section>

      <section className="guide-section" aria-labelledby="guide-materials">
        <h3 id="guide-materials">{t('guide.materials')}</h3>
        {item.materials.length === 0 ? <p>{t('guide.materialsNone')}</p> : <MaterialList materials={item.materials} />}
      </section>

      <section className="guide-section facts" aria-labelledby="guide-time">
        <h3 id="guide-time">{t('guide.timeLimit')}</h3>
        <p className="fact">{t(limit.key, limit.params)}</p>
        <Prose text={item.timeLimit.promised.note} className="muted" />
        <h3>{t('guide.fee')}</h3>
        <p className="fact">{t(fee.key, fee.params)}</p>
        {item.fee.charged === true && <Prose text={item.fee.standard} />}
        <Prose text={item.fee.note} className="muted" />
      </section>

      <section className="guide-section" aria-labelledby="guide-result">
        <h3 id="guide-result">{t('guide.result')}</h3>
        <p>{item.result.name[locale]}</p>
        <h3>{t('guide.delivery')}</h3>
        <ul className="chips">
          {item.result.delivery.map((d) => (
            <li key={d}>{t(deliveryLabelKey(d))}</li>
          ))}
        </ul>
      </section>

      <section className="guide-section" aria-labelledby="guide-body">
        <h3 id="guide-body">{t('guide.handlingBody')}</h3>
        <Prose text={item.handlingBody} />
        <h3>{t('guide.consult')}</h3>
        <p className="phone">{item.consultPhone}</p>
        <p className="muted">{t('common.helpHotline', { phone: '12345' })}</p>
      </section>
    </article>
  );
}

function MaterialList({ materials }: { materials: readonly Material[] }) {
  const { t, locale } = useLocale();
  return (
    <ul className="materials">
      {materials.map((m, index) => {
        const count = materialCountRef(m);
        return (
          <li key={index} className={m.eCertExempt ? 'material exempt' : 'material'}>
            <p className="material-name">
              {m.name[locale]}
              {!m.required && <span className="tag">{t('guide.material.ifApplicable')}</span>}
            </p>
            <p>
              {t(count.key, count.params)}
              {m.source === 'onSite' && <span className="tag">{t('guide.material.onSite')}</span>}
            </p>
            {m.eCertExempt && <p className="exempt-note">✓ {t('guide.material.eCertExempt')}</p>}
            <Prose text={m.note} className="muted" />
          </li>
        );
      })}
    </ul>
  );
}
