// What a visit tells the staffed office through the host (bridge 'app.visitEvent', main/host/visitEvents.ts):
// a call for staff from the 帮助 panel, and an ID card still on the reader once the resident has gone.
import { useCallback, useEffect, useRef } from 'react';
import type { BridgeClient } from '../../src/bridge/client';
import type { CallStaffOutcome } from '../context/visitHelp';

/** The 帮助 panel's 呼叫工作人员: what happened to the call, so the panel says only what is true. */
export function useCallStaff(bridge: BridgeClient, hubOnline: boolean): () => Promise<CallStaffOutcome> {
  return useCallback(async () => {
    const result = await bridge.call('app.visitEvent', { kind: 'kiosk.callStaff' });
    if (!result.ok) return 'failed';
    if (!result.value.raised) return 'again';
    return hubOnline ? 'sent' : 'queued';
  }, [bridge, hubOnline]);
}

/**
 * A visit ended (back on the attract screen) with the card still on the reader, and nobody lifted it during the
 * grace that follows (the large 请取回您的证件 stays up meanwhile): the resident has walked away without it.
 * Reported once per card left behind; a card placed on the idle attract screen is not a visit's card.
 */
export function useCardLeftBehind(bridge: BridgeClient, visitOpen: boolean, cardOnReader: boolean, graceMs: number): void {
  const leftAtEnd = useRef(false);
  const wasOpen = useRef(visitOpen);
  useEffect(() => {
    if (wasOpen.current && !visitOpen) leftAtEnd.current = cardOnReader;
    if (visitOpen || !cardOnReader) leftAtEnd.current = false;
    wasOpen.current = visitOpen;
    if (!leftAtEnd.current) return;
    const timer = setTimeout(() => {
      leftAtEnd.current = false;
      void bridge.call('app.visitEvent', { kind: 'card.leftBehind' });
    }, graceMs);
    return () => clearTimeout(timer);
  }, [bridge, visitOpen, cardOnReader, graceMs]);
}
