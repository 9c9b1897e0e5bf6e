// Maintenance checks the host performs (contract/maintenanceDevices.ts): a test card read that shows only the
// masked name and number, clearing an interrupted receipt from the printer, and the redacted log export to a
// USB stick. Shown to the roles allowed them.
import { useState } from 'react';
import type { BridgeClient } from '../../../src/bridge/client';
import type { MaintenanceRole } from '../../../src/bridge/contract/maintenance';
import { isActionAllowed } from '../../../src/bridge/contract/maintenance';
import { useLocale } from '../../context/i18n';

const readSeconds = 20;

export function Checks({ bridge, role }: { bridge: BridgeClient; role: MaintenanceRole }) {
  const { t } = useLocale();
  const [readResult, setReadResult] = useState('');
  const [exportResult, setExportResult] = useState('');
  const [clearResult, setClearResult] = useState('');
  const testRead = async () => {
    setReadResult(t('maint.testReadWaiting', { seconds: readSeconds }));
    const result = await bridge.call('maintenance.testRead', { timeoutMs: readSeconds * 1000 });
    if (!result.ok) return setReadResult(result.error.message);
    const r = result.value;
    setReadResult(
      r.outcome === 'read' ? t('maint.testReadOk', { name: r.name ?? '', idNumber: r.idNumber ?? '' }) : r.outcome === 'error' ? t('maint.testReadError', { reason: r.detail ?? '' }) : t('maint.testReadTimeout'),
    );
  };
  const exportLogs = async () => {
    setExportResult(t('common.wait'));
    const result = await bridge.call('maintenance.exportLogs', {});
    setExportResult(result.ok ? t('maint.exported', { files: result.value.files, lines: result.value.lines, folder: result.value.folder }) : result.error.message);
  };
  const clearPrinter = async () => {
    setClearResult(t('common.wait'));
    const result = await bridge.call('maintenance.printerClear', {});
    setClearResult(result.ok ? t(result.value.cleared ? 'maint.printerCleared' : 'maint.printerNothingHeld') : result.error.message);
  };
  return (
    <div className="maint-checks" data-testid="maint-checks">
      {isActionAllowed(role, 'testPrint') && (
        <>
          <button type="button" className="button" data-testid="maint-printer-clear" onClick={() => void clearPrinter()}>
            {t('maint.printerClear')}
          </button>
          <p data-testid="maint-clear-result" role="status">
            {clearResult}
          </p>
        </>
      )}
      {isActionAllowed(role, 'testRead') && (
        <>
          <button type="button" className="button" data-testid="maint-test-read" onClick={() => void testRead()}>
            {t('maint.testRead')}
          </button>
          <p data-testid="maint-read-result" role="status">
            {readResult}
          </p>
        </>
      )}
      {isActionAllowed(role, 'exportLogs') && (
        <>
          <button type="button" className="button" data-testid="maint-export-logs" onClick={() => void exportLogs()}>
            {t('maint.exportLogs')}
          </button>
          <p data-testid="maint-export-result" role="status">
            {exportResult}
          </p>
        </>
      )}
    </div>
  );
}
