// 暂停服务 while the host runs on a fallback because config.json was damaged (issue 11 §4, main/host/configStore.ts).
// Residents see only that the kiosk is out of service; the technician sees why, what the kiosk runs on, and
// that the queued applications are kept. The maintenance gesture stays open on this screen.
import type { ConfigProblem } from '../../src/bridge/contract/app';
import { useLocale } from '../context/i18n';

export function ConfigOutOfService({ problem, queued }: { problem: ConfigProblem; queued: number }) {
  const { t } = useLocale();
  return (
    <main className="attract out-of-service" data-testid="screen-out-of-service" role="alert">
      <p className="title">{t('oos.title')}</p>
      <p className="subtitle">{t('oos.subtitle')}</p>
      <section className="oos-reason" data-testid="oos-reason" data-code={problem.code} data-fallback={problem.fallback}>
        <p>{t(`oos.config.${problem.code}`)}</p>
        <p>{t(problem.fallback === 'previous' ? 'oos.config.previous' : 'oos.config.defaults')}</p>
        <p>
          <code data-testid="oos-detail">{problem.detail}</code>
        </p>
        <p>{t('oos.config.fix')}</p>
        <p data-testid="oos-queued" data-count={queued}>
          {t('oos.queued', { count: queued })}
        </p>
      </section>
    </main>
  );
}
