// "My applications": place the card, then this resident's applications made on this kiosk, newest first,
// with their status from the outbox and, when the hub answered, from the hub. Only masked or non-personal
// facts appear (service, receipt number, dates, status).
import type { KnownCaseStatus, PrintOutcome } from '../../src/flows/ports';
import type { MessageKey } from '../../src/i18n';
import { localeLangTag, type Locale } from '../../src/i18n/locales';
import { useLocale } from '../context/i18n';
import { useSpeakOnMount } from '../context/voice';
import { Screen } from '../components/Screen';
import { CardPrompt } from './parts/CardPrompt';
import { withColon } from './parts/Prose';
import './screens.css';

export type MyApplicationStatus = 'queued' | 'sending' | 'accepted' | 'rejected' | 'quarantined';

export interface MyApplication {
  receiptNo: string;
  serviceName: string;
  /** ISO 8601 instant. */
  submittedAt: string;
  status: MyApplicationStatus;
  caseNo: string | null;
  /** True when the status came from the hub rather than the kiosk's own outbox. */
  fromHub: boolean;
  /** The hub's reason for a rejection, in words, if it gave one. Default: a plain "not accepted" message. */
  reason?: string;
  /** The handling city's status as last learned from the hub (default none: the kiosk's own sending state shows). */
  case?: KnownCaseStatus | null;
  /** True once the result of this (completed) application was rated here: the offer is not shown again. */
  resultRated?: boolean;
}

export interface MyApplicationsScreenProps {
  /** 'identify': the card prompt; 'loading': reading the outbox and asking the hub; 'list': the result. */
  state: 'identify' | 'loading' | 'list';
  applications: readonly MyApplication[];
  hubOnline: boolean;
  onBack: () => void;
  onHome: () => void;
  onLocale: (locale: Locale) => void;
  /** Offered for a completed case not rated yet: the second 好差评 (评价次数 2). */
  onRateResult?: (receiptNo: string) => void;
  /** Offered for any case with a status from the hub. */
  onPrintSlip?: (receiptNo: string) => void;
  /** The slip being printed (outcome null) or last printed. */
  slip?: { receiptNo: string; outcome: PrintOutcome | null } | null;
}

const slipMessage: Record<PrintOutcome, MessageKey> = { printed: 'my.slipPrinted', paperOut: 'receipt.paperOut', unavailable: 'my.slipFailed', failed: 'my.slipFailed' };

/** The two things a resident can do with a case the hub told about: rate the result once it is done, print where it stands. */
function CaseActions({ app, onRateResult, onPrintSlip, slip }: { app: MyApplication } & Pick<MyApplicationsScreenProps, 'onRateResult' | 'onPrintSlip' | 'slip'>) {
  const { t } = useLocale();
  if (!app.case) return null;
  const mine = slip?.receiptNo === app.receiptNo ? slip : null;
  return (
    <div className="actions">
      {app.case.status === 'completed' &&
        (app.resultRated ? (
          <p className="muted" data-testid="my-result-rated">{t('my.resultRated')}</p>
        ) : (
          onRateResult && (
            <button type="button" className="button primary" onClick={() => onRateResult(app.receiptNo)} data-testid="my-rate-result">
              {t('my.rateResult')}
            </button>
          )
        ))}
      {onPrintSlip && (
        <button type="button" className="button" disabled={slip?.outcome === null} onClick={() => onPrintSlip(app.receiptNo)} data-testid="my-print-slip">
          {t('my.printSlip')}
        </button>
      )}
      {mine && (
        <p role="status" data-testid="my-slip-outcome" data-outcome={mine.outcome ?? 'printing'}>
          {t(mine.outcome === null ? 'my.slipPrinting' : slipMessage[mine.outcome])}
        </p>
      )}
    </div>
  );
}

const statusKeys: Record<Exclude<MyApplicationStatus, 'rejected'>, MessageKey> = {
  queued: 'my.status.queued',
  sending: 'my.status.sending',
  accepted: 'my.status.accepted',
  quarantined: 'my.status.quarantined',
};

/** A date and time as people in China read it (the kiosk's time zone, whatever the host's is). */
function formatWhen(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeLangTag[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(date);
}

const caseMarks: Record<KnownCaseStatus['status'], string> = { received: '…', accepted: '…', completed: '✓', needsCorrection: '!', rejected: '!' };

/** A YYYY-MM-DD China date in the resident's language. */
function formatDay(day: string, locale: Locale): string {
  const date = new Date(`${day}T12:00:00+08:00`);
  return Number.isNaN(date.getTime()) ? day : new Intl.DateTimeFormat(localeLangTag[locale], { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(date);
}

/** The handling city's status in the one vocabulary, its note, the deadline and, offline, how old it is. */
function CaseStatusLines({ known, hubOnline }: { known: KnownCaseStatus; hubOnline: boolean }) {
  const { t, locale } = useLocale();
  return (
    <>
      <p className="application-status" data-testid="case-status" data-case-status={known.status}>
        <span className="status-mark" aria-hidden="true">{caseMarks[known.status]}</span>
        {t(`case.status.${known.status}`)}
      </p>
      {known.note && <p className="note" data-testid="case-note">{t('my.note', { note: known.note })}</p>}
      {known.deadline && (known.status === 'accepted' || known.status === 'completed') && <p data-testid="case-deadline">{t('my.deadline', { date: formatDay(known.deadline, locale) })}</p>}
      {!hubOnline && known.checkedAt && <p className="muted" data-testid="case-as-of">{t('my.asOf', { date: formatWhen(known.checkedAt, locale) })}</p>}
    </>
  );
}

export function MyApplicationsScreen({ state, applications, hubOnline, onBack, onHome, onLocale, onRateResult, onPrintSlip, slip }: MyApplicationsScreenProps) {
  const { t, locale } = useLocale();
  const spoken = state === 'identify' ? t('my.prompt') : state === 'loading' ? t('common.wait') : applications.length === 0 ? t('my.empty') : t('my.title');
  useSpeakOnMount(spoken, locale);
  const sorted = [...applications].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));

  return (
    <Screen title={t('my.title')} testId="screen-my-applications" waitsForCard={state !== 'list'} onBack={onBack} onHome={onHome} onLocale={onLocale}>
      {state === 'identify' && <CardPrompt state="waiting" promptKey="my.prompt" testId="my-prompt" />}
      {state === 'loading' && (
        <p className="prompt-text" role="status" data-testid="my-loading">
          {t('common.wait')}
        </p>
      )}
      {state === 'list' && (
        <>
          <p className="muted">{t('my.onlyThisKiosk')}</p>
          {!hubOnline && (
            <p className="note" data-testid="my-offline">
              {t('my.offline')}
            </p>
          )}
          {sorted.length === 0 ? (
            <p className="empty" data-testid="my-empty">
              {t('my.empty')}
            </p>
          ) : (
            <ul className="applications">
              {sorted.map((app) => (
                <li key={app.receiptNo} className={`application status-${app.status}`} data-testid={`my-app-${app.receiptNo}`} data-status={app.status}>
                  <p className="application-name">{app.serviceName}</p>
                  <p className="application-no">
                    {withColon(t('receipt.receiptNoLabel'), locale)}<span className="mono">{app.receiptNo}</span>
                  </p>
                  <p>{t('my.submittedAt', { date: formatWhen(app.submittedAt, locale) })}</p>
                  {app.caseNo && <p>{t('my.caseNo', { caseNo: app.caseNo })}</p>}
                  {app.case ? (
                    <>
                      <CaseStatusLines known={app.case} hubOnline={hubOnline} />
                      <CaseActions app={app} onRateResult={onRateResult} onPrintSlip={onPrintSlip} slip={slip} />
                    </>
                  ) : (
                    <p className="application-status">
                      <span className="status-mark" aria-hidden="true">{app.status === 'accepted' ? '✓' : app.status === 'rejected' || app.status === 'quarantined' ? '!' : '…'}</span>
                      {app.status === 'rejected'
                        ? app.reason
                          ? t('my.status.rejected', { reason: app.reason })
                          : t('my.status.rejectedNoReason')
                        : t(statusKeys[app.status])}
                      {app.fromHub && <span className="tag">{t('my.fromHub')}</span>}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Screen>
  );
}
