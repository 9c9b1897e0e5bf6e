// The host's one device service over the registry: every kind present (configured or not), driver ids named
// after their kind, unknown kinds and drivers logged, and a third kind added without touching the host.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ok } from '../../../src/bridge/result';
import { deviceKinds } from '../../../devices/kinds';
import type { DeviceKind, DeviceService } from '../../../devices/registry';
import { defineDriver } from '../../../devices/registry';
import { createEventHub } from '../../../src/bridge/dispatcher';
import { createLogger } from '../log';
import { createDeviceManager } from './deviceManager';

const quietLog = (lines: string[] = []) => createLogger('host', { write: (l) => lines.push(l) });

/** A stand-in third kind, as a document scanner would register itself. */
function scannerKind(started: string[]): DeviceKind {
  const service = (state: string, detail?: string): DeviceService => ({
    name: 'scanner',
    handlers: { 'app.log': () => ok({}) },
    health: () => ({ state, detail, facts: {} }),
    start: () => void started.push(state),
    stop: () => undefined,
  });
  return {
    kind: 'scanner',
    label: '扫描仪',
    drivers: [defineDriver({ id: 'scanner/test', description: 'test', optionsSchema: z.object({ dpi: z.number().default(300) }).strict(), needsPort: true, create: ({ options }) => service(`ready@${options.dpi}`) })],
    unconfigured: (detail) => service('unconfigured', detail),
  };
}

describe('device manager', () => {
  it('names every driver after its kind and gives every kind a probe order', () => {
    for (const kind of deviceKinds) {
      for (const driver of kind.drivers) expect(driver.id.startsWith(`${kind.kind}/`)).toBe(true);
      expect(kind.probe?.driver.startsWith(`${kind.kind}/`)).toBe(true);
    }
  });

  it('reports every known kind, unconfigured when absent from the config, and logs kinds it does not know', () => {
    const lines: string[] = [];
    const manager = createDeviceManager({ camera: { driver: 'camera/x', options: {} } }, quietLog(lines));
    expect(manager.health().map((h) => [h.kind, h.state, h.driver])).toEqual([
      ['idcard', 'unconfigured', 'none'],
      ['printer', 'unconfigured', 'none'],
    ]);
    expect(lines.join('\n')).toContain('config names a device kind this kiosk does not know');
  });

  it('runs a new kind from its registry entry alone: options parsed by its schema, port required, bad driver reported', async () => {
    const started: string[] = [];
    const kinds = [scannerKind(started)];
    const manager = createDeviceManager({ scanner: { driver: 'scanner/test', port: '/dev/ttyUSB3', options: {} } }, quietLog(), kinds);
    await manager.start(createEventHub());
    expect(started).toEqual(['ready@300']);
    expect(manager.health()).toEqual([{ kind: 'scanner', label: '扫描仪', driver: 'scanner/test', state: 'ready@300', facts: {} }]);
    expect(Object.keys(manager.handlers)).toEqual(['app.log']);
    const noPort = createDeviceManager({ scanner: { driver: 'scanner/test', options: {} } }, quietLog(), kinds);
    expect(noPort.health()[0]).toMatchObject({ state: 'unconfigured', detail: '未配置扫描仪串口' });
    const badOptions = createDeviceManager({ scanner: { driver: 'scanner/test', port: '/dev/x', options: { dpi: 'high' } } }, quietLog(), kinds);
    expect(badOptions.health()[0]).toMatchObject({ state: 'unconfigured', detail: '扫描仪配置无效' });
    const unknown = createDeviceManager({ scanner: { driver: 'scanner/acme', port: '/dev/x', options: {} } }, quietLog(), kinds);
    expect(unknown.health()[0]).toMatchObject({ state: 'unconfigured', detail: '未知驱动 scanner/acme' });
  });
});
