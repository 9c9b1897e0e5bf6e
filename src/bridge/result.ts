// Answers cross the bridge as data, never as throws (Signal-Desktop's rule): a handler's failure is a value
// the renderer can show, and a transport failure is turned into the same shape by the client.
import { z } from 'zod';

export const bridgeErrorCodes = [
  'invalid_argument', // the input did not match the contract
  'unknown_method',
  'forbidden', // the caller is not the kiosk page
  'unavailable', // the service behind the method is not running (device not configured, hub not enrolled)
  'device', // a device answered with a problem; `detail` carries its kind
  'timeout',
  'transport', // the bridge itself failed (socket closed, IPC error)
  'internal', // a bug on the host; the message never carries personal data
] as const;
export type BridgeErrorCode = (typeof bridgeErrorCodes)[number];

export const bridgeErrorSchema = z.object({
  code: z.enum(bridgeErrorCodes),
  message: z.string(),
  detail: z.string().optional(),
});
export type BridgeError = z.infer<typeof bridgeErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (code: BridgeErrorCode, message: string, detail?: string): Result<never> => ({
  ok: false,
  error: detail === undefined ? { code, message } : { code, message, detail },
});

export const resultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), error: bridgeErrorSchema })]);

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
