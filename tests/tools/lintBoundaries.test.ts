// The dependency direction of DESIGN.md §3 is a lint rule; these prove it fails where it must.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('src may not import Node, Electron or the kiosk sides', async () => {
    expect(await restrictedImports('src/domain/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).not.toEqual([]);
    expect(await restrictedImports('src/domain/probe.ts', "import fs from 'fs';\nexport const x = fs;\n")).not.toEqual([]);
    expect(await restrictedImports('src/sync/probe.ts', "import { app } from 'electron';\nexport const x = app;\n")).not.toEqual([]);
    expect(await restrictedImports('src/flows/probe.ts', "import { createLogger } from '../../main/host/log';\nexport const x = createLogger;\n")).not.toEqual([]);
    expect(await restrictedImports('src/domain/probe.ts', "import { z } from 'zod';\nimport { ok } from '../bridge/result';\nexport const x = [z, ok];\n")).toEqual([]);
  });

  it('the renderer may not import main/ or devices/', async () => {
    expect(await restrictedImports('renderer/screens/Probe.tsx', "import { startHost } from '../../main/host/host';\nexport const x = startHost;\n")).not.toEqual([]);
    expect(await restrictedImports('renderer/Probe.ts', "import { x } from '../devices/idcard/codec';\nexport const y = x;\n")).not.toEqual([]);
    expect(await restrictedImports('renderer/Probe.ts', "import { ipcRenderer } from 'electron';\nexport const y = ipcRenderer;\n")).not.toEqual([]);
    expect(await restrictedImports('renderer/Probe.ts', "import { ok } from '../src/bridge/result';\nexport const y = ok;\n")).toEqual([]);
  });

  it('the hub shares only src/domain, and host services never import Electron', async () => {
    expect(await restrictedImports('hub/probe.ts', "import { ok } from '../src/bridge/result';\nexport const y = ok;\n")).not.toEqual([]);
    expect(await restrictedImports('hub/probe.ts', "import { identityCardSchema } from '../src/domain/card';\nexport const y = identityCardSchema;\n")).toEqual([]);
    expect(await restrictedImports('main/host/probe.ts', "import { app } from 'electron';\nexport const y = app;\n")).not.toEqual([]);
    expect(await restrictedImports('devices/idcard/probe.ts', "import { startHost } from '../../main/host/host';\nexport const y = startHost;\n")).not.toEqual([]);
  });
});
