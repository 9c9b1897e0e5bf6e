// What the loader does at each start (both hosts, and `kioskctl update boot`): choose the source to start,
// count the start of a pending slot, and return to the previous good source when a pending slot used up its
// starts or any slot fails its re-hash. Also the status report and mark-good. Every change of state is one
// atomic write (slotLayout.writeState), so a power cut between any two lines leaves a state that boots.
import type { KeyObject } from 'node:crypto';
import { checkSlot, MAX_BOOT_ATTEMPTS, readSlotManifest, readState, slotNames, StateFileError, writeState } from './slotLayout';
import type { BootSource, SlotName, UpdateState } from './slotLayout';

export interface UpdateContext {
  dataDir: string;
  /** The version of the payload shipped in the package (package.json). */
  factoryVersion: string;
  trusted: KeyObject[];
}

export interface UpdateStatus {
  current: { slot: BootSource; version: string | null };
  previous: { slot: BootSource; version: string | null } | null;
  pending: boolean;
  bootAttempts: number;
  lastResult: UpdateState['lastResult'];
  slots: Record<SlotName, { version: string | null; intact: boolean }>;
}

/** The version a source holds: the factory's, or the slot's signed manifest's (null when the slot has none). */
export function sourceVersion(context: UpdateContext, source: BootSource): string | null {
  if (source === 'factory') return context.factoryVersion;
  return readSlotManifest(context.dataDir, source, context.trusted)?.version ?? null;
}

/** The state; a damaged state file (it is written atomically, so only a disk fault does this) reads as factory. */
function readStateOrFactory(dataDir: string): { state: UpdateState; damaged: boolean } {
  try {
    return { state: readState(dataDir), damaged: false };
  } catch (error) {
    if (!(error instanceof StateFileError)) throw error;
    return { state: { format: 1, current: 'factory', previous: null, pending: false, bootAttempts: 0, lastResult: null, rolledBack: null }, damaged: true };
  }
}

export function updateStatus(context: UpdateContext): UpdateStatus {
  const { state } = readStateOrFactory(context.dataDir);
  const describe = (source: BootSource) => ({ slot: source, version: sourceVersion(context, source) });
  const slots = Object.fromEntries(
    slotNames.map((slot) => [slot, { version: sourceVersion(context, slot), intact: checkSlot(context.dataDir, slot, context.trusted) === null }]),
  ) as UpdateStatus['slots'];
  return {
    current: describe(state.current),
    previous: state.previous ? describe(state.previous) : null,
    pending: state.pending,
    bootAttempts: state.bootAttempts,
    lastResult: state.lastResult,
    slots,
  };
}

const isIntact = (context: UpdateContext, source: BootSource): boolean => source === 'factory' || checkSlot(context.dataDir, source, context.trusted) === null;

export interface BootDecision {
  source: BootSource;
  version: string | null;
  /** Why the loader did not start what the state named (a rollback), or null. */
  rolledBack: string | null;
  state: UpdateState;
}

/** Chooses the source to start now and records the start. Call once per start, before loading anything. */
export function decideBoot(context: UpdateContext): BootDecision {
  const { state, damaged } = readStateOrFactory(context.dataDir);
  let next: UpdateState;
  let reason: string | null = null;
  if (damaged) reason = 'the update state file was damaged';
  else if (!isIntact(context, state.current)) reason = checkSlot(context.dataDir, state.current as SlotName, context.trusted);
  else if (state.pending && state.bootAttempts >= MAX_BOOT_ATTEMPTS) reason = `not marked good after ${MAX_BOOT_ATTEMPTS} starts`;

  if (reason !== null) {
    // Back to the previous good source if it is still whole; the factory payload is always there.
    const target = state.previous && isIntact(context, state.previous) ? state.previous : 'factory';
    const failed = { slot: state.current, version: sourceVersion(context, state.current) ?? 'unknown', reason };
    next = { format: 1, current: target, previous: null, pending: false, bootAttempts: 0, lastResult: 'rolledBack', rolledBack: failed };
  } else if (state.pending) {
    next = { ...state, bootAttempts: state.bootAttempts + 1 };
  } else {
    next = state;
  }
  if (next !== state || damaged) writeState(context.dataDir, next);
  return { source: next.current, version: sourceVersion(context, next.current), rolledBack: reason, state: next };
}

/** The running kiosk passed its health check: the pending slot becomes the good one. Idempotent. */
export function markGood(context: UpdateContext): UpdateState {
  const { state } = readStateOrFactory(context.dataDir);
  if (!state.pending) return state;
  const next: UpdateState = { ...state, pending: false, bootAttempts: 0, lastResult: 'good', rolledBack: null };
  writeState(context.dataDir, next);
  return next;
}

/** Re-hashes the current source: null when intact (the factory always is), else the problem. */
export function checkCurrent(context: UpdateContext): { source: BootSource; problem: string | null } {
  const { state } = readStateOrFactory(context.dataDir);
  return { source: state.current, problem: state.current === 'factory' ? null : checkSlot(context.dataDir, state.current, context.trusted) };
}
