#!/usr/bin/env node
// `npx kioskctl …`: runs the TypeScript CLI through tsx, so the CLI needs no build step on a kiosk.
import { register } from 'tsx/esm/api';

register();
await import('./kioskctl.ts');
