// The card reader port: the reader's events over the bridge, for as long as a flow listens.
import { fromCallback } from 'xstate';
import type { BridgeClient } from '../../../src/bridge/client';
import type { CardReaderEvent } from '../../../src/flows/ports';

export const cardReaderPort = (bridge: BridgeClient) =>
  fromCallback<{ type: 'none' }>(({ sendBack }) => {
    const send = (event: CardReaderEvent) => sendBack(event as never);
    void bridge.call('card.status', {}).then(async (status) => {
      send({ type: 'reader.status', ready: status.ok && status.value.state === 'ready' });
      // A card left lying on the reader was read once, for someone else's screen or an earlier visit: read it
      // again for this one (the reader reads once per placing otherwise, and an elder would wait forever).
      if (status.ok && status.value.cardPresent) {
        const again = await bridge.call('card.readAgain', {});
        if (again.ok && again.value.present) send({ type: 'card.inserted' });
      }
    });
    const offs = [
      bridge.on('card.inserted', () => send({ type: 'card.inserted' })),
      bridge.on('card.read', (card) => send({ type: 'card.read', card })),
      bridge.on('card.error', ({ reason }) => send({ type: 'card.error', reason })),
      bridge.on('card.removed', () => send({ type: 'card.removed' })),
      bridge.on('reader.status', (status) => send({ type: 'reader.status', ready: status.state === 'ready' })),
    ];
    return () => offs.forEach((off) => off());
  });
