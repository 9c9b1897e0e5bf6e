// Structured log lines with personal data kept out by the logger itself (Signal-Desktop's rule): callers
// cannot forget. The rule (ADR 0006), in the order it is applied:
// 1. A message is a fixed string from code: `LogMessage` accepts string literals only, so a message built
//    at run time (a variable, a template with a value) fails typecheck; values go in fields. At run time a
//    message is still scrubbed of digit groups and non-Latin text, in case a cast got one through.
// 2. A field whose key names personal data (name, fullName, idNo, cardNo, phone, address, …; any casing or
//    compound) is `[redacted]` whole, at any depth.
// 3. A string value is logged only under an allowlisted key: codes, states, ids and paths from code
//    (`tokenKeys`), or the few keys whose text comes from code or devices (`textKeys`). Any other string is
//    `[redacted]`; so is any number of 5+ digits (8+ under a count, size or duration key: `measureKeys`).
// 4. Allowlisted values are scrubbed too: digit groups of 5+ digits (ID numbers of every card type, phones,
//    permit numbers, dates) and non-ASCII runs (Chinese names and addresses) are masked; a text value (or a
//    token value with spaces) also loses every word that starts with a capital (Latin names, which cards
//    and forms write capitalised). Error messages are text.
// 5. Nothing deeper than 4 levels is logged (`[deep]`), nor more than 20 array items.
import { appendFileSync, renameSync, rmSync, statSync } from 'node:fs';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;
/**
 * A string literal from code; a message built at run time is a type error (rule 1). `string` and template
 * types with holes (`card ${string}`) map to an index signature, which `{}` satisfies; a literal does not.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` is the point of the test
export type LogMessage<M extends string> = {} extends Record<M, 1> ? never : M;

export interface Logger {
  debug<M extends string>(message: LogMessage<M>, fields?: LogFields): void;
  info<M extends string>(message: LogMessage<M>, fields?: LogFields): void;
  warn<M extends string>(message: LogMessage<M>, fields?: LogFields): void;
  error<M extends string>(message: LogMessage<M>, fields?: LogFields): void;
  child(scope: string): Logger;
}

const personalWords = new Set(
  ('name names fullname surname givenname alias applicant resident person contact idno idnumber idcard cardno certno ' +
    'card cert certificate permit passport phone mobile tel telephone email address addr birth birthday birthdate dob ' +
    'issuer photo fingerprint sex gender nation lookupkey sealed payload form answers values secret token credential ' +
    'password xm sfz sfzh zjhm zjh dh lxdh dz').split(' '),
);
/** Codes, states, ids and paths that code puts in fields; values still pass rule 4. */
const tokenKeys = new Set(
  ('state from to before after outcome code kind cardType level driver profile method service services hostKind host ' +
    'version kioskId siteCode jobId samId command sw3 on etag path enrolledWith configured error syscall errno status idNumberValid ' +
    'codePoints event role source device slot channel kid signal').split(' '),
);
/** Counts, sizes and durations: numbers up to 7 digits are kept (elsewhere up to 4: rule 3). */
const measureKeys = new Set('httpStatus ms durationMs bytes items count len baud baudRate attempt attempts frames rest clockSkewMs roundTripMs failures ports port'.split(' '));
/** Free text from code or devices (a reader's status detail, a hub's reason, a renderer's log line). */
const textKeys = new Set(['detail', 'message', 'reason', 'issues', 'text']);

const wordsOf = (key: string) => key.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).map((w) => w.toLowerCase());
export function isPersonalKey(key: string): boolean {
  if (tokenKeys.has(key) || measureKeys.has(key) || textKeys.has(key)) return false; // `cardType` is a code
  const words = wordsOf(key).filter(Boolean);
  const joined = words.join('');
  return words.some((w) => personalWords.has(w)) || /idno|idnum|idcard|cardno|certno|fullname/.test(joined);
}

const mask = '…';
// Digit groups of 5+ digits, spaces or dashes allowed between them ("139 1234 5678", "420102-1990…").
const digitGroups = /\d(?:[\s-]?\d){4,}/g;
const nonAscii = /[^\p{ASCII}]+/gu;
const emails = /[^\s@]+@[^\s@]+/g;
const capitalWords = /(?<![A-Za-z0-9])[A-Z][A-Za-z0-9'’]*/g;

/** Rule 4 for tokens and messages: digit groups, non-ASCII runs and e-mail addresses masked. */
export const redactText = (text: string): string => text.replace(emails, mask).replace(nonAscii, mask).replace(digitGroups, mask);
/** Rule 4 for free text: also every word that starts with a capital. */
export const redactFreeText = (text: string): string => redactText(text).replace(capitalWords, mask);

/** Ids whose digits are not personal: a site code or kiosk id (`420102-001`, `420102-001-WRTM`), a UUID. */
const knownIdShapes = /^(?:\d{6}-\d{3}(?:-[A-Z0-9]{1,8})?|[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})$/i;

type Policy = 'token' | 'measure' | 'text' | 'other';
const policyOf = (key: string): Policy =>
  isPersonalKey(key) ? 'other' : tokenKeys.has(key) ? 'token' : measureKeys.has(key) ? 'measure' : textKeys.has(key) ? 'text' : 'other';

function redactScalar(value: string | number | bigint, policy: Policy): unknown {
  // A phone or an ID number can travel as a number: only short ones are kept (rules 3 and 4).
  if (typeof value !== 'string') return Math.abs(Number(value)) < (policy === 'measure' ? 1e7 : 1e4) ? value : '[redacted]';
  if (policy === 'other') return '[redacted]';
  if (policy === 'token' && knownIdShapes.test(value)) return value;
  return policy === 'text' || /\s/.test(value) ? redactFreeText(value) : redactText(value);
}

function redactValue(value: unknown, policy: Policy, depth: number): unknown {
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return redactScalar(value, policy);
  if (typeof value !== 'object') return '[redacted]'; // functions, symbols
  if (depth > 4) return '[deep]';
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { error: redactText(value.name), message: redactFreeText(value.message), ...(code === undefined ? {} : { code: redactValue(code, 'token', depth + 1) }) };
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : redactScalar(value.toISOString(), policy);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redactValue(v, policy, depth + 1));
  return redactFields(value as Record<string, unknown>, depth + 1);
}

function redactFields(fields: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(fields)) {
    const policy = policyOf(key);
    out[redactFreeText(key)] = isPersonalKey(key) ? '[redacted]' : redactValue(v, policy, depth);
  }
  return out;
}

/** The fields as they are written: rules 2–5. */
export const redact = (fields: LogFields): LogFields => redactFields(fields, 0);

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogRotation {
  maxBytes: number;
  keep: number;
}
export const defaultLogRotation: LogRotation = { maxBytes: 5 * 1024 * 1024, keep: 5 };

// Bytes written to each log file, shared by every logger (children, scopes) that appends to it.
const fileSizes = new Map<string, number>();

/** Shifts file → file.1 → … → file.keep (the oldest is deleted). Errors are the caller's to ignore. */
function rotate(file: string, keep: number): void {
  rmSync(`${file}.${keep}`, { force: true });
  for (let i = keep - 1; i >= 1; i--) {
    try {
      renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    } catch {
      // that generation does not exist yet
    }
  }
  renameSync(file, `${file}.1`);
}

/** Appends one line, rotating first when it would pass the size limit. Never throws: a full disk must not take the kiosk down with it. */
function appendRotated(file: string, line: string, { maxBytes, keep }: LogRotation): void {
  try {
    let size = fileSizes.get(file);
    if (size === undefined) {
      try {
        size = statSync(file).size;
      } catch {
        size = 0;
      }
    }
    const bytes = Buffer.byteLength(line);
    if (size > 0 && size + bytes > maxBytes) {
      rotate(file, keep);
      size = 0;
    }
    appendFileSync(file, line);
    fileSizes.set(file, size + bytes);
  } catch {
    // ENOSPC, a read-only file system: stderr (and the journal) still have the line.
    fileSizes.delete(file); // measured again next time
  }
}

export interface LogSinkOptions {
  /** Lowest level written (default info; KIOSK_LOG_LEVEL overrides). */
  level?: LogLevel;
  /** Also append to this file (default: stderr only), rotated by size (see `rotation`). */
  file?: string;
  /**
   * The file's size limit and how many rotated files are kept (default 5 MiB and 5: kiosk.log plus
   * kiosk.log.1 … kiosk.log.5, at most 30 MiB on disk). A cabin runs for years on a small disk.
   */
  rotation?: LogRotation;
  /** Where lines go (default stderr); tests capture them here. */
  write?: (line: string) => void;
}

export function createLogger(scope: string, options: LogSinkOptions = {}): Logger {
  const min = order[options.level ?? (process.env.KIOSK_LOG_LEVEL as LogLevel | undefined) ?? 'info'] ?? order.info;
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const log = (level: LogLevel, message: string, fields?: LogFields) => {
    if (order[level] < min) return;
    // The logger's own keys come last: a field named `msg` or `t` cannot replace them.
    const own = { t: new Date().toISOString(), level, scope: redactFreeText(scope), msg: redactText(message) };
    const line = JSON.stringify({ ...own, ...(fields ? redact(fields) : {}), ...own });
    write(line);
    if (options.file) appendRotated(options.file, line + '\n', options.rotation ?? defaultLogRotation);
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: (sub) => createLogger(`${scope}/${sub}`, options),
  };
}
