// Structured log lines with personal data removed inside the logger (Signal-Desktop's rule): callers cannot
// forget, because ID numbers, phone numbers and personal fields are scrubbed here, whatever they pass.
import { appendFileSync } from 'node:fs';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(scope: string): Logger;
}

/** Field names whose values are personal and never logged, at any depth. */
const personalKeys = /^(name|idnumber|address|phone|mobile|birthdate|issuer|photo|fingerprint|lookupkey|sealed|payload|form)$/i;
// 15/18-digit ID numbers, 11-digit mobiles, and any run of 6+ hanzi (names and addresses) are masked in text.
const idNumber = /\b\d{6}(?:19|20)\d{2}\d{4}\d{3}[\dXx]\b|\b\d{15}\b/g;
const mobile = /\b1[3-9]\d{9}\b/g;

export function redactText(text: string): string {
  return text.replace(idNumber, '[id]').replace(mobile, '[phone]');
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) return { error: value.name, message: redactText(value.message), code: (value as { code?: unknown }).code };
  if (value === null || typeof value !== 'object' || depth > 4) return value;
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = personalKeys.test(key) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogSinkOptions {
  /** Lowest level written (default info; KIOSK_LOG_LEVEL overrides). */
  level?: LogLevel;
  /** Also append to this file (default: stderr only). */
  file?: string;
  /** Where lines go (default stderr); tests capture them here. */
  write?: (line: string) => void;
}

export function createLogger(scope: string, options: LogSinkOptions = {}): Logger {
  const min = order[options.level ?? (process.env.KIOSK_LOG_LEVEL as LogLevel | undefined) ?? 'info'] ?? order.info;
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const log = (level: LogLevel, message: string, fields?: LogFields) => {
    if (order[level] < min) return;
    const line = JSON.stringify({ t: new Date().toISOString(), level, scope, msg: redactText(message), ...(fields ? (redact(fields) as LogFields) : {}) });
    write(line);
    if (options.file) {
      try {
        appendFileSync(options.file, line + '\n');
      } catch {
        // A full disk must not take the kiosk down with it; stderr still has the line.
      }
    }
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: (sub) => createLogger(`${scope}/${sub}`, options),
  };
}
