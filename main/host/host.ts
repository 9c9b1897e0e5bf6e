// The container for host services (device manager, hub client, config, logs). Plain Node, no Electron:
// both hosts and the CLI build the same thing and put a transport in front of it.
import { randomUUID } from 'node:crypto';
import { createDispatcher, createEventHub } from '../../src/bridge/dispatcher';
import type { Dispatcher, EventHub } from '../../src/bridge/dispatcher';
import type { Handlers } from '../../src/bridge/contract';
import type { ConfigProblem, StorageHealth } from '../../src/bridge/contract/app';
import { ok } from '../../src/bridge/result';
import type { KioskConfig } from './config';
import type { Logger } from './log';

/** One host service: the bridge methods it answers, and its lifetime. Services never throw out of events. */
export interface HostService {
  readonly name: string;
  readonly handlers: Handlers;
  start(events: EventHub): Promise<void> | void;
  stop(): Promise<void> | void;
}

export interface KioskHost {
  readonly dispatcher: Dispatcher;
  readonly events: EventHub;
  stop(): Promise<void>;
}

export interface HostOptions {
  hostKind: 'electron' | 'browser';
  version: string;
  config: KioskConfig;
  log: Logger;
  services: HostService[];
  /** What the host found of the renderer's storage at start (reported in 'app.info'; default: not checked). */
  storage?: StorageHealth;
  /** config.json was damaged: the host runs on a fallback and the renderer shows 暂停服务 (configStore.ts). */
  configProblem?: ConfigProblem;
}

export async function startHost({ hostKind, version, config, log, services, storage, configProblem }: HostOptions): Promise<KioskHost> {
  const events = createEventHub();
  const bootId = randomUUID();
  const handlers: Handlers = {
    'app.info': () => ok({ version, host: hostKind, bootId, lastEventSeq: events.lastSeq, settings: config.settings, ...(storage ? { storage } : {}), ...(configProblem ? { configProblem } : {}) }),
    'app.log': ({ level, scope, message }) => {
      // The renderer's line is text built at run time: a field under the free-text rule, never the message.
      log.child(`renderer/${scope}`)[level]('renderer log', { text: message });
      return ok({});
    },
  };
  for (const service of services) Object.assign(handlers, service.handlers);
  const dispatcher = createDispatcher(handlers, (method, error) => log.error('bridge handler failed', { method, error }));

  const started: HostService[] = [];
  for (const service of services) {
    try {
      await service.start(events);
      started.push(service);
    } catch (error) {
      // A broken device must not stop the kiosk: the service reports its own status; we log and go on.
      log.error('service failed to start', { service: service.name, error });
    }
  }
  log.info('host started', { hostKind, version, services: started.map((s) => s.name) });

  return {
    dispatcher,
    events,
    async stop() {
      for (const service of started.reverse()) {
        try {
          await service.stop();
        } catch (error) {
          log.warn('service failed to stop', { service: service.name, error });
        }
      }
    },
  };
}
