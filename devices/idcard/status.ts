// SW3, the reader/SAM's own status byte (spec §2.12), as a typed result. Success and failure are decided on
// SW3 alone: SW1/SW2 may carry the card's APDU status next to a failure.

export type StatusKind =
  | 'ok' // 90
  | 'cardFound' // 9F
  | 'noContent' // 91: e.g. no additional address on the card
  | 'noCard' // 80: the normal idle answer to find
  | 'selectFailed' // 81
  | 'cardError' // 31 32 33 40 41 47: the card could not be authenticated or read; try again from find
  | 'hostFrameError' // 10 11: the reader did not understand our frame; resend once
  | 'commandError' // 21: not supported (e.g. 30 10 without fingerprint support)
  | 'samFault' // 23 24 60 66: the security module is unusable until reset
  | 'commFault' // FF
  | 'unknown';

export interface SamStatus {
  sw3: number;
  kind: StatusKind;
  /** Stable English identifier, safe for logs and technician screens. */
  name: string;
  /** The vendor sheets' wording. */
  zh: string;
}

const table: Record<number, Omit<SamStatus, 'sw3'>> = {
  0x90: { kind: 'ok', name: 'success', zh: '操作成功' },
  0x9f: { kind: 'cardFound', name: 'card found', zh: '寻找证/卡成功' },
  0x91: { kind: 'noContent', name: 'item has no content', zh: '证/卡中此项无内容' },
  0x10: { kind: 'hostFrameError', name: 'host frame checksum error', zh: '接收业务终端数据的校验和错' },
  0x11: { kind: 'hostFrameError', name: 'host frame length error', zh: '接收业务终端数据的长度错' },
  0x21: { kind: 'commandError', name: 'command error', zh: '接收业务终端的命令错误' },
  0x23: { kind: 'samFault', name: 'operation not permitted', zh: '越权操作' },
  0x24: { kind: 'samFault', name: 'unrecognised error', zh: '无法识别的错误' },
  0x31: { kind: 'cardError', name: 'card failed to authenticate the SAM', zh: '证/卡认证SAM失败' },
  0x32: { kind: 'cardError', name: 'SAM failed to authenticate the card', zh: 'SAM认证证/卡失败' },
  0x33: { kind: 'cardError', name: 'information verification error', zh: '信息验证错误' },
  0x40: { kind: 'cardError', name: 'unknown card type', zh: '无法识别的证/卡类型' },
  0x41: { kind: 'cardError', name: 'read failed', zh: '读证/卡操作失败' },
  0x47: { kind: 'cardError', name: 'get-random failed', zh: '取随机数失败' },
  0x60: { kind: 'samFault', name: 'SAM self-test failed', zh: 'SAM自检失败，不能接收命令' },
  0x66: { kind: 'samFault', name: 'SAM not authorised', zh: 'SAM未经授权，无法使用' },
  0x80: { kind: 'noCard', name: 'find failed / no card', zh: '寻找证/卡失败' },
  0x81: { kind: 'selectFailed', name: 'select failed', zh: '选取证/卡失败' },
  0xff: { kind: 'commFault', name: 'communication fault', zh: '通信故障' },
};

export const knownStatusCodes: readonly number[] = Object.keys(table).map(Number);

export function describeStatus(sw3: number): SamStatus {
  const known = table[sw3];
  return known ? { sw3, ...known } : { sw3, kind: 'unknown', name: 'unknown status', zh: '未知状态' };
}

export const statusLabel = (sw3: number): string => `${sw3.toString(16).toUpperCase().padStart(2, '0')} ${describeStatus(sw3).name}`;
