// The catalogue the kiosk ships for first boot (DESIGN.md §4: later versions come signed from the hub and are
// cached). Runs anywhere. Parsed on first use, not at import, so start-up does not pay for it until needed.
import { catalogSchema, type Catalog } from '../catalog';
import bundled from './catalog.json';

let parsed: Catalog | undefined;

/** The bundled catalogue, validated against the schema once (a broken bundle fails loudly in tests and on first use). */
export function bundledCatalog(): Catalog {
  parsed ??= catalogSchema.parse(bundled);
  return parsed;
}
