// The few web-platform globals that every place src runs has (browsers, workers, Node ≥ 20), declared
// narrowly so that src cannot reach for DOM or Node APIs by accident.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}
declare interface CryptoKey {
  readonly type: string;
  readonly extractable: boolean;
  readonly algorithm: unknown;
  readonly usages: string[];
}
/** Only the WebCrypto calls src makes itself (HMAC for src/sync's lookup key); @hpke/core brings its own. */
declare interface SubtleCryptoNarrow {
  importKey(format: 'raw', keyData: ArrayBufferView | ArrayBuffer, algorithm: { name: 'HMAC'; hash: 'SHA-256' }, extractable: boolean, usages: 'sign'[]): Promise<CryptoKey>;
  sign(algorithm: 'HMAC', key: CryptoKey, data: ArrayBufferView | ArrayBuffer): Promise<ArrayBuffer>;
  /** SHA-256 for the hub key fingerprint (src/domain/hubApi.ts). */
  digest(algorithm: 'SHA-256', data: ArrayBufferView | ArrayBuffer): Promise<ArrayBuffer>;
}
declare const crypto: {
  getRandomValues<T extends ArrayBufferView>(array: T): T;
  randomUUID(): string;
  readonly subtle: SubtleCryptoNarrow;
};
declare const console: {
  debug(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
};
declare function setTimeout(handler: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare function queueMicrotask(callback: () => void): void;
declare function atob(data: string): string;
declare function btoa(data: string): string;
