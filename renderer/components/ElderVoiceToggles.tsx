// The two switches every screen's top bar carries: 长辈模式 (large text, big targets, strong contrast) and
// 语音播报 (read the screen aloud), offered only when the engine has a voice for the language. Props in,
// callbacks out: the session owns both settings.
import { useLocale } from '../context/i18n';
import { useCanSpeak } from '../context/voice';
import '../elder.css';

export interface ElderVoiceTogglesProps {
  elder: boolean;
  voice: boolean;
  onElder: (on: boolean) => void;
  onVoice: (on: boolean) => void;
}

export function ElderVoiceToggles({ elder, voice, onElder, onVoice }: ElderVoiceTogglesProps) {
  const { t, locale } = useLocale();
  const speaks = useCanSpeak(locale);
  return (
    <div className="toggles" role="group" aria-label={speaks ? `${t('elder.toggle')} / ${t('voice.toggle')}` : t('elder.toggle')}>
      <button type="button" className="button on-dark toggle" aria-pressed={elder} onClick={() => onElder(!elder)} data-testid="toggle-elder">
        <span className="toggle-mark" aria-hidden="true">{elder ? '✓' : ''}</span>
        {t('elder.toggle')}
      </button>
      {speaks && (
        <button type="button" className="button on-dark toggle" aria-pressed={voice} onClick={() => onVoice(!voice)} data-testid="toggle-voice">
          <span className="toggle-mark" aria-hidden="true">{voice ? '✓' : ''}</span>
          {t('voice.toggle')}
        </button>
      )}
    </div>
  );
}
