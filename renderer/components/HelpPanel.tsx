// The 帮助 panel every screen offers (issue 16 §2): what this screen is for, how to go back, the hotline and
// when staff are here, and 呼叫工作人员, which then says what became of the call. Read aloud when voice is on.
// Touching outside the card closes it.
import { useState } from 'react';
import type { MessageKey } from '../../src/i18n';
import { useLocale } from '../context/i18n';
import { speak, useSpeakOnMount } from '../context/voice';
import { useVisitHelp, type CallStaffOutcome } from '../context/visitHelp';

/** Each screen's purpose in words, by the screen's test id (the one name every screen already has). */
const purposeKeys: Record<string, MessageKey> = {
  'screen-home': 'help.purpose.home',
  'screen-search': 'help.purpose.search',
  'screen-guide': 'help.purpose.guide',
  'screen-consent': 'help.purpose.consent',
  'screen-identify': 'help.purpose.identify',
  'screen-form': 'help.purpose.form',
  'screen-review': 'help.purpose.review',
  'screen-receipt': 'help.purpose.receipt',
  'screen-rating': 'help.purpose.rating',
  'screen-my-applications': 'help.purpose.myApplications',
};
const purposeKey = (screenId: string): MessageKey | undefined => purposeKeys[screenId] ?? (screenId.startsWith('screen-browse') ? 'help.purpose.browse' : undefined);

export function HelpPanel({ screenId, screenTitle, onClose }: { screenId: string; screenTitle: string; onClose: () => void }) {
  const { t, locale } = useLocale();
  const { hotline, staffedHours, callStaff } = useVisitHelp();
  const [call, setCall] = useState<CallStaffOutcome | 'calling' | null>(null);
  const key = purposeKey(screenId);
  const lines = [
    t('help.thisScreen', { purpose: key ? t(key) : screenTitle }),
    t('help.back'),
    t('help.hotline', { phone: hotline }),
    staffedHours ? t('help.staffed', { hours: staffedHours }) : t('help.staffedUnknown'),
  ];
  useSpeakOnMount(lines.join('。'), locale);
  const onCallStaff = () => {
    setCall('calling');
    void callStaff().then((outcome) => {
      setCall(outcome);
      speak(t(`help.callStaff.${outcome}`, { phone: hotline }), locale);
    });
  };
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-panel" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog help-dialog">
        <p id="help-title" className="title">{t('help.title')}</p>
        {lines.map((line, i) => (
          <p key={i} className={i === 2 ? 'help-line hotline' : 'help-line'} data-testid={`help-line-${i}`}>
            {line}
          </p>
        ))}
        {call === null || call === 'calling' ? (
          <button type="button" className="button call-staff" onClick={onCallStaff} disabled={call === 'calling'} data-testid="help-call-staff">
            {t('help.callStaff')}
          </button>
        ) : (
          <p className={`help-line call-outcome${call === 'failed' ? ' failed' : ''}`} role="status" data-testid="help-call-outcome" data-outcome={call}>
            {t(`help.callStaff.${call}`, { phone: hotline })}
          </p>
        )}
        <button type="button" className="button primary" onClick={onClose} data-testid="help-close" autoFocus>
          {t('common.close')}
        </button>
      </div>
    </div>
  );
}
