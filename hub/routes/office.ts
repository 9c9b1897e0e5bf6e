// The back office at /office (issue 13, ADR 0017): server-rendered pages for the handling city's operators.
// Its own plugin scope, so the form parser (application/x-www-form-urlencoded, 16 KiB) exists here only and
// the API keeps accepting nothing but JSON. The opener of sealed parts is handed to this scope alone.
import type { FastifyInstance } from 'fastify';
import { readFormLabels } from '../office/formLabels';
import type { SealedOpener } from '../office/opener';
import type { CaseContext } from './caseContext';
import { registerOfficeCaseRoutes } from './officeCases';
import { registerOfficeLoginRoutes } from './officeLogin';
import { registerOfficeQueueRoutes } from './officeQueue';
import type { OfficeContext } from './officeSession';

const formBodyLimit = 16 * 1024;

export function registerOfficeRoutes(app: FastifyInstance, caseCtx: CaseContext, opener: SealedOpener | null): void {
  const ctx: OfficeContext = { ...caseCtx, opener, formLabels: readFormLabels(caseCtx.catalog) };
  void app.register(async (office) => {
    office.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: formBodyLimit }, (_request, body, done) => {
      // Repeated names keep the first value; the office's forms never repeat one.
      const fields: Record<string, string> = {};
      for (const [key, value] of new URLSearchParams(body as string)) if (!(key in fields)) fields[key] = value;
      done(null, fields);
    });
    registerOfficeLoginRoutes(office, ctx);
    registerOfficeQueueRoutes(office, ctx);
    registerOfficeCaseRoutes(office, ctx);
  });
}
