// Regenerates the kiosk's bundled catalogue (src/domain/catalogData/catalog.json) from the research draft
// (../shared/data/catalog-draft.json, relative to the repository root) and the kiosk overlay. Node only.
//
//   npx tsx bin/buildCatalog.ts            write catalog.json
//   npx tsx bin/buildCatalog.ts --check    exit 1 if the committed catalog.json differs from what the inputs give
//   --draft <path>                         another draft file (default: ../shared/data/catalog-draft.json)
//
// The output is deterministic (no timestamps), so --check can run in CI.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCatalogFromDraft, CatalogBuildError } from '../src/domain/catalogData/fromDraft';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const defaultDraftPath = resolve(repoRoot, '../shared/data/catalog-draft.json');
export const overlayPath = resolve(repoRoot, 'src/domain/catalogData/overlay.json');
export const catalogPath = resolve(repoRoot, 'src/domain/catalogData/catalog.json');

/** The exact text catalog.json must contain for these inputs. */
export function renderCatalog(draftPath = defaultDraftPath): string {
  const draft: unknown = JSON.parse(readFileSync(draftPath, 'utf8'));
  const overlay: unknown = JSON.parse(readFileSync(overlayPath, 'utf8'));
  return `${JSON.stringify(buildCatalogFromDraft(draft, overlay), null, 2)}\n`;
}

function main(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { check: { type: 'boolean', default: false }, draft: { type: 'string' } } });
  let text: string;
  try {
    text = renderCatalog(values.draft ? resolve(values.draft) : defaultDraftPath);
  } catch (error) {
    console.error(error instanceof CatalogBuildError ? error.message : `cannot build the catalogue: ${String(error)}`);
    return 2;
  }
  if (values.check) {
    let current = '';
    try {
      current = readFileSync(catalogPath, 'utf8');
    } catch {
      // missing counts as out of date
    }
    if (current !== text) {
      console.error('src/domain/catalogData/catalog.json is out of date: run npx tsx bin/buildCatalog.ts');
      return 1;
    }
    console.log('catalog.json is up to date');
    return 0;
  }
  writeFileSync(catalogPath, text);
  const items = (JSON.parse(text) as { items: unknown[] }).items.length;
  console.log(`wrote ${catalogPath} (${items} items)`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
