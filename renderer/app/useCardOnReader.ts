// Tracks whether a card lies on the reader, from the reader's own events (inserted/read → on, removed → off)
// and, at start, from card.status (a card may have been left there before this page loaded).
import { useEffect, useState } from 'react';
import type { BridgeClient } from '../../src/bridge/client';

export function useCardOnReaderState(bridge: BridgeClient): boolean {
  const [onReader, setOnReader] = useState(false);
  useEffect(() => {
    let live = true;
    void bridge.call('card.status', {}).then((status) => live && status.ok && setOnReader(status.value.cardPresent === true));
    const offs = [
      bridge.on('card.inserted', () => setOnReader(true)),
      bridge.on('card.read', () => setOnReader(true)),
      bridge.on('card.removed', () => setOnReader(false)),
      bridge.on('reader.status', (status) => status.state !== 'ready' && setOnReader(false)),
    ];
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [bridge]);
  return onReader;
}
