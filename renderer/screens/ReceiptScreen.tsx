// The receipt on screen. The application is already safe in the outbox when this shows, so whatever the
// printer does, the resident leaves with their number: big, spaced for reading aloud, and as a QR code that
// grows large when the paper receipt did not come out. The wording follows the mode: in 异地代收代办 the
// kiosk has only received the application (已收件); it never claims acceptance only the handling place can give.
import { receiptStatusKey, timeLimitRef, type CrossRegionMode } from '../../src/domain/catalog';
import type { Locale } from '../../src/i18n/locales';
import { useLocale } from '../context/i18n';
import { spellOut, useSpeakOnMount } from '../context/voice';
import { Qr } from '../components/Qr';
import { Screen } from '../components/Screen';
import './screens.css';

export type ReceiptPrintState = 'printing' | 'printed' | 'paperOut' | 'unavailable' | 'failed';

export interface ReceiptScreenProps {
  receiptNo: string;
  /** The hub's case number, once it has accepted the application; null until then. */
  caseNo: string | null;
  itemName: string;
  mode: CrossRegionMode;
  /** What was submitted: an application or an appointment. Default 'apply'. */
  kind?: 'apply' | 'appointment';
  /** True when the application waits in the outbox for the network. */
  queuedOffline: boolean;
  printState: ReceiptPrintState;
  qrPayload: string;
  /** Promised time limit in days (0 = on the spot); null when the handling city has not published one. */
  promisedDays: number | null;
  /** Unit of promisedDays. Default 'workingDays'. */
  promisedUnit?: 'workingDays' | 'calendarDays';
  onReprint: () => void;
  onNext: () => void;
  onHome: () => void;
  onLocale: (locale: Locale) => void;
}

const printKeys = {
  printing: 'receipt.printing',
  printed: 'receipt.printed',
  paperOut: 'receipt.paperOut',
  unavailable: 'receipt.printerUnavailable',
  failed: 'receipt.printerUnavailable',
} as const;

export function ReceiptScreen(props: ReceiptScreenProps) {
  const { receiptNo, caseNo, itemName, mode, kind = 'apply', queuedOffline, printState, qrPayload, promisedDays, promisedUnit = 'workingDays' } = props;
  const { t, locale } = useLocale();
  const printFailed = printState === 'paperOut' || printState === 'unavailable' || printState === 'failed';
  const status = t(receiptStatusKey({ kiosk: kind, kioskMode: mode }));
  const limit = timeLimitRef({ days: promisedDays, unit: promisedUnit, note: { 'zh-CN': '', 'zh-TW': '' } });
  const groups = receiptNo.split('-');
  useSpeakOnMount(
    [status, `${t('receipt.receiptNoLabel')} ${spellOut(receiptNo)}`, t(printKeys[printState]), printFailed ? t('receipt.fallback') : ''].filter(Boolean).join('。'),
    locale,
  );

  const qr = (
    <figure className={`receipt-qr${printFailed ? ' large' : ''}`}>
      <Qr text={qrPayload} size={printFailed ? 520 : 280} label={t('receipt.scanQr')} testId="receipt-qr" />
      <figcaption>{t('receipt.scanQr')}</figcaption>
    </figure>
  );

  const footer = (
    <div className="actions">
      {printState !== 'printing' && (
        <button type="button" className="button" onClick={props.onReprint} data-testid="receipt-reprint">
          {t('receipt.reprint')}
        </button>
      )}
      {/* Held while the receipt prints: the flow leaves the screen only once the paper is out (or known not to be),
          and a tap that did nothing would leave the resident tapping again. */}
      <button type="button" className="button primary main-action" onClick={props.onNext} disabled={printState === 'printing'} data-testid="receipt-next">
        {t('common.next')}
      </button>
    </div>
  );

  return (
    <Screen title={t('receipt.title')} testId="screen-receipt" onHome={props.onHome} onLocale={props.onLocale} footer={footer}>
      {/* Focusable: on a small screen or in elder mode the receipt scrolls, and keyboard or switch users must reach all of it. */}
      <section className="receipt" aria-label={t('receipt.title')} tabIndex={0}>
        <p className={`status-banner mode-${mode}`} data-testid="receipt-status">
          <span aria-hidden="true">✓ </span>
          {status}
        </p>
        <div className="receipt-number">
          <span className="label">{t('receipt.receiptNoLabel')}</span>
          <span className="number" data-testid="receipt-no" data-receipt-no={receiptNo}>
            {groups.map((group, index) => (
              <span key={index} className="group" aria-hidden="true">
                {group}
              </span>
            ))}
            <span className="sr-only">{spellOut(receiptNo)}</span>
          </span>
        </div>
        {/* When the paper did not come out, where to get a copy and the QR come before the details. */}
        <div className={`print-panel${printFailed ? ' failed' : ''}`} role={printFailed ? 'alert' : 'status'} data-testid="receipt-print-state" data-state={printState}>
          <p className="print-message">{t(printKeys[printState])}</p>
          {printFailed && <p className="fallback">{t('receipt.fallback')}</p>}
        </div>
        {printFailed && qr}
        <p className="receipt-item">{itemName}</p>
        {caseNo && <p className="fact">{t('my.caseNo', { caseNo })}</p>}
        {/* 即办 items too: done only once the handling city has received and accepted it, never "on the spot" here. */}
        {kind === 'apply' && (
          <p className="fact" data-testid="receipt-promised">
            {promisedDays === 0
              ? t('receipt.promised.immediate')
              : promisedDays === null
                ? t('receipt.promised.unknown')
                : t('receipt.promised', { limit: t(limit.key, limit.params) })}
          </p>
        )}
        {queuedOffline && (
          <div className="note offline" data-testid="receipt-offline">
            <p>{t('common.offline')}</p>
            <p>{t('receipt.queuedOffline')}</p>
          </div>
        )}
        {!printFailed && qr}
      </section>
    </Screen>
  );
}
