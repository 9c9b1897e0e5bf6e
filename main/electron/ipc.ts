// The bridge over Electron IPC (main-process side). Written against the few members of ipcMain and
// webContents it uses, so the contract suite can run it over a faithful in-memory pair without Electron.
import { ipcChannels } from '../../src/bridge/contract';
import type { Dispatcher, EventHub } from '../../src/bridge/dispatcher';
import { err } from '../../src/bridge/result';
import type { Logger } from '../host/log';

export interface FrameLike {
  readonly url: string;
}
export interface WebContentsLike {
  readonly mainFrame: FrameLike;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}
export interface InvokeEventLike {
  readonly sender: WebContentsLike;
  readonly senderFrame: FrameLike | null;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcBridgeOptions {
  ipcMain: IpcMainLike;
  dispatcher: Dispatcher;
  events: EventHub;
  /** The page origin allowed to call, e.g. `app://kiosk`. */
  appOrigin: string;
  /** The windows that receive events. */
  targets: () => WebContentsLike[];
  log: Logger;
}

/** Only the top frame of our own page may use the bridge: no iframe, no navigated-away page. */
export function isTrustedSender(event: InvokeEventLike, appOrigin: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  try {
    return new URL(frame.url).origin === appOrigin || frame.url.startsWith(`${appOrigin}/`);
  } catch {
    return false;
  }
}

export function registerIpcBridge({ ipcMain, dispatcher, events, appOrigin, targets, log }: IpcBridgeOptions): () => void {
  ipcMain.handle(ipcChannels.invoke, async (event, method, input) => {
    if (!isTrustedSender(event, appOrigin)) {
      log.warn('bridge call refused', { reason: 'sender frame', method: String(method).slice(0, 64) });
      return err('forbidden', 'this page may not use the kiosk bridge');
    }
    return dispatcher.dispatch(method, input);
  });
  const unsubscribe = events.subscribe((envelope) => {
    for (const target of targets()) if (!target.isDestroyed()) target.send(ipcChannels.event, envelope);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(ipcChannels.invoke);
  };
}
