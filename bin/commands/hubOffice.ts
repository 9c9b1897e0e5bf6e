// `kioskctl hub operator add --city C --name N` and `kioskctl hub audit [--city C] [--json]`: the back office's
// accounts and its audit log. The password is read from standard input (a prompt without echo, asked twice, on
// a terminal; the first line otherwise) and never from an argument, which `ps` and shell history would show.
// It is hashed here: only the scrypt hash goes to the running hub or the database.
import type { AdminOps } from '../../hub/admin';
import { hashPassword, passwordProblem } from '../../hub/office/passwords';
import { officeCitySchema, officeOperatorNameSchema } from '../../hub/routes/adminOffice';
import type { AuditRecord } from '../../hub/store/officeAudit';
import { exitCodes } from './types';

/** The first line of a piped stdin. */
async function readPipedLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/** One line typed on the terminal with nothing echoed (raw mode); Ctrl-C aborts. */
function readHiddenLine(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish(() => resolve(typed));
        if (char === '\u0003') return finish(() => reject(new Error('cancelled')));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += char;
      }
    };
    const finish = (then: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      then();
    };
    stdin.on('data', onData);
  });
}

export async function readNewPassword(name: string): Promise<string | { problem: string }> {
  if (!process.stdin.isTTY) return readPipedLine();
  const first = await readHiddenLine(`password for ${name}: `);
  const second = await readHiddenLine('the same again: ');
  return first === second ? first : { problem: 'the two passwords differ' };
}

export async function addOperatorCommand(admin: AdminOps, values: { city?: string; name?: string }): Promise<number> {
  const city = officeCitySchema.safeParse(values.city);
  const name = officeOperatorNameSchema.safeParse(values.name);
  if (!city.success || !name.success) {
    console.error('kioskctl hub: operator add needs --city CODE (a 1+8 city, e.g. 420100) and --name NAME (1–64 characters)');
    return exitCodes.usage;
  }
  const password = await readNewPassword(name.data);
  const problem = typeof password === 'string' ? passwordProblem(password) : password.problem;
  if (problem || typeof password !== 'string') {
    console.error(`kioskctl hub: ${problem}; no operator added`);
    return exitCodes.failure;
  }
  const operator = await admin.addOperator(city.data, name.data, await hashPassword(password));
  console.log(`operator ${operator.name} (${operator.id}) works the cases of ${operator.city}; sign in at <hub>/office`);
  return exitCodes.ok;
}

export async function disableOperatorCommand(admin: AdminOps, values: { name?: string }): Promise<number> {
  const name = officeOperatorNameSchema.safeParse(values.name);
  if (!name.success) {
    console.error('kioskctl hub: operator disable needs --name NAME');
    return exitCodes.usage;
  }
  const disabled = await admin.disableOperator(name.data);
  console.log(disabled ? `disabled ${disabled.name} (${disabled.id}); their sessions have ended` : `no active operator ${name.data}`);
  return disabled ? exitCodes.ok : exitCodes.failure;
}

export async function listOperatorsCommand(admin: AdminOps, values: { city?: string; json?: boolean }): Promise<number> {
  if (values.city !== undefined && !officeCitySchema.safeParse(values.city).success) {
    console.error('kioskctl hub: --city must be a 1+8 city, e.g. 420100');
    return exitCodes.usage;
  }
  const operators = await admin.listOperators(values.city);
  if (values.json) console.log(JSON.stringify(operators, null, 2));
  else for (const o of operators) console.log([o.id, o.city, o.name, o.createdAt, o.disabled ? 'disabled' : 'active'].join('  '));
  return exitCodes.ok;
}

const describe = (e: AuditRecord): string =>
  [e.at, e.action, e.operatorName ? `${e.operatorName}${e.operatorId ? ` (${e.operatorId})` : ''}` : '(unknown name)', e.city || '-', e.caseNo ?? e.applicationId ?? '-', e.detail].filter((part) => part !== '').join('  ');

export async function auditCommand(admin: AdminOps, values: { city?: string; json?: boolean }): Promise<number> {
  if (values.city !== undefined && !officeCitySchema.safeParse(values.city).success) {
    console.error('kioskctl hub: --city must be a 1+8 city, e.g. 420100');
    return exitCodes.usage;
  }
  const entries = await admin.readAudit(values.city);
  if (values.json) console.log(JSON.stringify(entries, null, 2));
  else for (const entry of entries) console.log(describe(entry));
  return exitCodes.ok;
}
