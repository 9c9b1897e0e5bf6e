// Identifiers every message shares (hubApi, rating), in a module of their own so neither imports the other's.
import { z } from 'zod';

export const divisionCodeSchema = z.string().regex(/^\d{6}$/, 'expected a 6-digit division code');
export const applicationIdSchema = z.uuid(); // UUIDv7 in practice: time-ordered, and the idempotency key
