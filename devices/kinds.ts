// Every kind of device the kiosk knows, for the host's device service, auto-detect and the technician
// screens. A new kind (document scanner, QR reader) is a `devices/<kind>/drivers.ts` and one line here.
import { idcardKind } from './idcard/drivers';
import { printerKind } from './printer/drivers';
import type { DeviceDriver, DeviceKind } from './registry';

export const deviceKinds: readonly DeviceKind[] = [idcardKind, printerKind];

export const findKind = (kind: string): DeviceKind | undefined => deviceKinds.find((k) => k.kind === kind);

export const findDriver = (kind: DeviceKind, id: string): DeviceDriver<never> | undefined => kind.drivers.find((d) => d.id === id);
