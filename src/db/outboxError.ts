// What an outbox write that failed is called, for the resident's screen and the technician: a full disk is
// `storage_full` whichever way Chromium reports it. Measured on a full tmpfs (tests/e2e/fullDisk.spec.ts), the
// write that hits the disk aborts with an UnknownError naming FILE_ERROR_NO_SPACE, not a QuotaExceededError,
// so the message is read too; Dexie wraps the browser's error in its own (`inner`).
export class OutboxError extends Error {
  constructor(
    readonly code: 'invalid_draft' | 'duplicate_id' | 'storage_full' | 'storage',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OutboxError';
  }
}

const noSpace = /FILE_ERROR_NO_SPACE|No space left on device|QuotaExceeded/;

/** The error and the errors it wraps (Dexie's `inner`), outermost first. */
function chain(error: unknown): { name: string; message: string }[] {
  const links: { name: string; message: string }[] = [];
  for (let e = error; e instanceof Error || e instanceof DOMException; e = (e as { inner?: unknown }).inner) {
    links.push({ name: e.name, message: e.message });
    if (links.length > 4) break;
  }
  return links;
}

export function classifyStoreError(error: unknown): OutboxError {
  if (error instanceof OutboxError) return error;
  const links = chain(error);
  const name = links[0]?.name ?? '';
  if (name === 'ConstraintError') return new OutboxError('duplicate_id', 'an application with this id is already in the outbox', { cause: error });
  if (links.some((link) => link.name === 'QuotaExceededError' || noSpace.test(link.message))) return new OutboxError('storage_full', 'the kiosk storage is full', { cause: error });
  return new OutboxError('storage', `the outbox write failed: ${name || 'unknown error'}`, { cause: error });
}
