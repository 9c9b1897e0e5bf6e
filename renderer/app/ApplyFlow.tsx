// The screens of one application, rendered from the apply flow's state (src/flows/applyMachine.ts).
import { useSelector } from '@xstate/react';
import type { ActorRefFrom } from 'xstate';
import { formForCity } from '../../src/domain/catalog';
import { chinaToday } from '../../src/domain/clock';
import type { applyMachine } from '../../src/flows/applyMachine';
import type { Locale } from '../../src/i18n/locales';
import { FormScreen } from '../screens/FormScreen';
import { ConsentScreen } from '../screens/ConsentScreen';
import { IdentifyScreen } from '../screens/IdentifyScreen';
import { ReceiptScreen } from '../screens/ReceiptScreen';
import { ReviewScreen } from '../screens/ReviewScreen';
import { useLocale } from '../context/i18n';
import { ApplicationStepContext } from '../context/visitHelp';

/** The steps of an application as the resident counts them (第N步/共M步 on every screen of it). */
const steps = ['identify', 'form', 'review', 'receipt'] as const;

export default function ApplyFlow(props: { actor: ActorRefFrom<typeof applyMachine>; onHome: () => void; onLocale: (l: Locale) => void }) {
  const snapshot = useSelector(props.actor, (s) => s);
  const current = snapshot.hasTag('submitting') || snapshot.hasTag('submitFailed') ? 'review' : steps.find((tag) => snapshot.hasTag(tag));
  const step = current ? { step: steps.indexOf(current) + 1, total: steps.length } : null;
  return (
    <ApplicationStepContext.Provider value={step}>
      <ApplyScreens {...props} />
    </ApplicationStepContext.Provider>
  );
}

function ApplyScreens({ actor, onHome, onLocale }: { actor: ActorRefFrom<typeof applyMachine>; onHome: () => void; onLocale: (l: Locale) => void }) {
  const snapshot = useSelector(actor, (s) => s);
  const { locale, t } = useLocale();
  const { context: c } = snapshot;
  const send = actor.send;
  const nav = { onHome, onLocale, onBack: () => send({ type: 'user.back' }) };

  if (snapshot.hasTag('consent')) return <ConsentScreen service={c.item.name[locale]} onAgree={() => send({ type: 'consent.agree' })} {...nav} />;
  if (snapshot.hasTag('identify')) {
    const state = c.cardProblem ? 'error' : !c.readerReady ? 'readerUnavailable' : snapshot.hasTag('reading') ? 'reading' : 'waiting';
    return <IdentifyScreen state={state} error={c.cardProblem} onRetry={() => send({ type: 'user.retry' })} onNoCard={() => send({ type: 'user.noCard' })} {...nav} />;
  }
  if (snapshot.hasTag('form')) {
    return (
      <FormScreen
        item={{ ...c.item, form: formForCity(c.item.form, c.city) }}
        locale={locale}
        card={c.card}
        values={c.values}
        errors={c.errors}
        today={chinaToday(c.clock)}
        onChange={(field, value) => send({ type: 'form.change', field, value })}
        onSubmit={() => send({ type: 'form.submit' })}
        {...nav}
      />
    );
  }
  if (snapshot.hasTag('review') || snapshot.hasTag('submitting') || snapshot.hasTag('submitFailed')) {
    return (
      <>
        <ReviewScreen
          item={c.item}
          values={c.values}
          card={c.card}
          locale={locale}
          city={c.city}
          onEdit={() => send({ type: 'review.edit' })}
          onConfirm={() => send(snapshot.hasTag('submitFailed') ? { type: 'user.retry' } : { type: 'review.confirm' })}
          submitting={snapshot.hasTag('submitting')}
          {...nav}
        />
        {snapshot.hasTag('submitFailed') && (
          <p className="toast error" role="alert" data-testid="submit-failed">
            {t('submit.failed')}
          </p>
        )}
      </>
    );
  }
  if (snapshot.hasTag('receipt') && c.submission) {
    return (
      <ReceiptScreen
        receiptNo={c.submission.receiptNo}
        caseNo={null}
        itemName={c.item.name[locale]}
        mode={c.item.kioskMode}
        kind={c.item.kiosk === 'appointment' ? 'appointment' : 'apply'}
        queuedOffline={c.submission.queuedOffline}
        printState={c.printState}
        qrPayload={c.submission.qrPayload}
        promisedDays={c.item.timeLimit.promised.days}
        promisedUnit={c.item.timeLimit.promised.unit}
        onReprint={() => send({ type: 'user.reprint' })}
        onNext={() => send({ type: 'user.next' })}
        onHome={onHome}
        onLocale={onLocale}
      />
    );
  }
  return null;
}
