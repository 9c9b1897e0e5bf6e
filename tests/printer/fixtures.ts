// Fixed documents for the printer tests (shared with the rendered examples and the benchmark).
export { sampleGuide, sampleReceipt, sampleStatusSlip } from '../../devices/sim/printerSamples';

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').replace(/(..)(?=.)/g, '$1 ').toUpperCase();
