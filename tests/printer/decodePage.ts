// Bytes → the page a printer would print, for the round-trip, QR and property tests.
export { decodePages as decodeJob } from '../../devices/sim/printerPage';
