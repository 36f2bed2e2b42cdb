// Starts the sandbox and a local n8n with the package, a sandbox credential, an example workflow and its owner account.
// Run through scripts/try.sh, which provides Node.js 24, n8n and a fresh build. n8n's folder is kept in the tool cache
// between runs (the owner, the workflows and credentials made in the editor stay); `--fresh` starts from scratch.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

import { startSandbox } from '../test/sandbox/server.mjs';
import { DEMO_ACCOUNT } from '../test/sandbox/seed.mjs';

const require = createRequire(import.meta.url);
const { emailPasswordCredential } = require('../test/support/credentials.js');
const { N8n } = require('../test/support/n8n.js');
const { LOCAL_OWNER, setUpOwner } = require('../test/support/owner.js');

const SANDBOX_PORT = Number(process.env.THINKEO_SANDBOX_PORT ?? 8787);
const N8N_PORT = Number(process.env.THINKEO_N8N_PORT ?? 5678);
const CACHE_DIR = process.env.THINKEO_CACHE_DIR ?? join(homedir(), '.cache', 'n8n-nodes-thinkeo');
const HOME = join(CACHE_DIR, 'try-n8n');
const EXAMPLE_ID = 'thinkeoExample01';
const DOCX_EXAMPLE_ID = 'thinkeoExDocx001';

if (process.argv.includes('--fresh')) rmSync(HOME, { recursive: true, force: true });
const firstRun = !existsSync(join(HOME, '.n8n', 'database.sqlite'));

const sandbox = await startSandbox({ port: SANDBOX_PORT });
const n8n = await N8n.create({ home: HOME });
// The sandbox starts afresh each time: the credential is imported again so that it points at it.
const credential = { id: 'thinkeoSandbox01', name: 'Thinkeo sandbox (demo@thinkeo.test)' };
await n8n.importCredentials([emailPasswordCredential(credential, `${sandbox.url}/v1`, DEMO_ACCOUNT, 'n8n try-it')]);
if (firstRun) {
	// The README's example workflow, as it is in examples/ (its credential is the one above).
	const example = (name) => JSON.parse(readFileSync(new URL(`../examples/${name}.json`, import.meta.url), 'utf8'));
	await n8n.importWorkflows([
		{ ...example('publication-one-step'), id: EXAMPLE_ID, active: false },
		{ ...example('publication-to-docx'), id: DOCX_EXAMPLE_ID, active: false },
	]);
}

const url = `http://127.0.0.1:${N8N_PORT}`;
const server = spawn(n8n.nodeBin, [n8n.n8nBin, 'start'], {
	cwd: n8n.home,
	env: {
		...n8n.env,
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(N8N_PORT),
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: 'warn',
	},
	stdio: ['ignore', 'inherit', 'inherit'],
});

async function stop(code) {
	server.kill('SIGTERM');
	await sandbox.close();
	process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
server.once('exit', (code) => stop(code ?? 1));

for (let attempt = 0; attempt < 240; attempt++) {
	const ready = await fetch(`${url}/healthz/readiness`).then((r) => r.ok, () => false);
	if (ready) break;
	await new Promise((resolve) => setTimeout(resolve, 500));
}
const ownerCreated = await setUpOwner(url);
process.stdout.write(
	[
		'',
		`Thinkeo sandbox: ${sandbox.url}/v1 (account ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password})`,
		`n8n with n8n-nodes-thinkeo: ${url}`,
		`  1. Open ${url}/workflow/${EXAMPLE_ID} and sign in as ${LOCAL_OWNER.email} / ${LOCAL_OWNER.password}` +
			(ownerCreated ? ' (the local owner account, just created; it stays on this machine).' : ' (the local owner account).'),
		'  2. Click "Execute workflow": the credential "Thinkeo sandbox" is ready.',
		`  The generated .docx as a binary (Output Files): ${url}/workflow/${DOCX_EXAMPLE_ID}`,
		`n8n keeps its data in ${HOME} between runs; \`npm run try -- --fresh\` starts afresh.`,
		'Ctrl-C stops n8n and the sandbox.',
		`THINKEO_TRY_URL=${url}`,
		'',
	].join('\n'),
);
