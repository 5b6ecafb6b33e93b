/**
 * `npm run staff -- add|list|disable|enable|set-max`: manage staff accounts in the same DATA_DIR the server uses.
 * Works while the server runs (SQLite WAL allows a second writer process to wait its turn).
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { openDb } from './db.ts';
import { env } from './env.ts';
import { hashPassword } from './passwords.ts';
import { SqliteStaffStore } from './store/staff.ts';

const USAGE = `Usage:
  npm run staff -- add --email E --name N [--password P] [--max-chats N]
                                     (prompts for the password when omitted; N open chats at once, default 3)
  npm run staff -- set-max --email E --max N   (at most N open chats at once, 1–50)
  npm run staff -- list
  npm run staff -- disable --email E
  npm run staff -- enable --email E
Accounts live in DATA_DIR (now ${env.dataDir}).`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function promptPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    // Piped input: read one line, e.g. `echo secret | npm run staff -- add ...`.
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) return line;
    return '';
  }
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
    let asked = false;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => (asked ? undefined : write(s));
    rl.question('Password: ', (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    asked = true;
  });
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
    'max-chats': { type: 'string' },
    max: { type: 'string' },
  },
});
const [command] = positionals;

/** A chat limit from the command line: a whole number from 1 to 50. */
function chatLimit(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 50) fail(`${flag} must be a whole number from 1 to 50.\n\n${USAGE}`);
  return n;
}
const db = openDb(env.dataDir);
const staff = new SqliteStaffStore(db);

switch (command) {
  case 'add': {
    const email = values.email?.trim();
    const name = values.name?.trim();
    if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) fail(`--email must be an email address.\n\n${USAGE}`);
    if (!name) fail(`--name is required.\n\n${USAGE}`);
    if (staff.byEmail(email)) fail(`A staff account for ${email} already exists.`);
    const maxChats = chatLimit(values['max-chats'], '--max-chats');
    const password = values.password ?? (await promptPassword());
    if (password.length < 8) fail('The password must have at least 8 characters.');
    const row = staff.add(email, name, await hashPassword(password));
    if (maxChats !== undefined) staff.setMaxChats(row.email, maxChats);
    console.log(
      `Added ${row.name} <${row.email}> (id ${row.id}, up to ${maxChats ?? row.maxChats} chats at once). They can sign in at /staff.`,
    );
    break;
  }
  case 'list': {
    const rows = staff.list();
    if (rows.length === 0) console.log('No staff accounts yet.');
    for (const r of rows)
      console.log(
        `${String(r.id).padStart(3)}  ${r.email.padEnd(32)} ${r.name.padEnd(24)} ${`max ${r.maxChats}`.padEnd(8)} ${r.disabled ? 'disabled' : 'active'}`,
      );
    break;
  }
  case 'disable':
  case 'enable': {
    if (!values.email) fail(`--email is required.\n\n${USAGE}`);
    if (!staff.setDisabled(values.email, command === 'disable')) fail(`No staff account for ${values.email}.`);
    console.log(
      `${command === 'disable' ? 'Disabled' : 'Enabled'} ${values.email}${command === 'disable' ? '; their sessions are signed out.' : '.'}`,
    );
    break;
  }
  case 'set-max': {
    if (!values.email) fail(`--email is required.\n\n${USAGE}`);
    const max = chatLimit(values.max ?? values['max-chats'], '--max');
    if (max === undefined) fail(`--max is required.\n\n${USAGE}`);
    if (!staff.setMaxChats(values.email, max)) fail(`No staff account for ${values.email}.`);
    console.log(`${values.email} can now hold up to ${max} chats at once (new handoffs skip them at that number).`);
    break;
  }
  default:
    fail(USAGE);
}
db.close();
