// Whether the ID-card reader senses a card right now, for the "take your card" reminder and the "lift and
// place it again" hint. Provided by the app root from the reader's events (renderer/app/useCardOnReader.ts).
import { createContext, useContext } from 'react';

export const CardOnReaderContext = createContext(false);
export const useCardOnReader = () => useContext(CardOnReaderContext);
