// Starts the sandbox and a local n8n with the package, a sandbox credential and an example workflow.
// Run through scripts/try.sh, which provides Node.js 24, n8n and a fresh build.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { startSandbox } from '../test/sandbox/server.mjs';
import { DEMO_ACCOUNT } from '../test/sandbox/seed.mjs';

const require = createRequire(import.meta.url);
const { emailPasswordCredential } = require('../test/support/credentials.js');
const { N8n } = require('../test/support/n8n.js');

const SANDBOX_PORT = Number(process.env.THINKEO_SANDBOX_PORT ?? 8787);
const N8N_PORT = Number(process.env.THINKEO_N8N_PORT ?? 5678);

const sandbox = await startSandbox({ port: SANDBOX_PORT });
const n8n = await N8n.create();
const credential = { id: 'thinkeoSandbox01', name: 'Thinkeo sandbox (demo@thinkeo.test)' };
await n8n.importCredentials([emailPasswordCredential(credential, `${sandbox.url}/v1`, DEMO_ACCOUNT, 'n8n try-it')]);
// The README's example workflow, as it is in examples/ (its credential is the one above).
const example = JSON.parse(readFileSync(new URL('../examples/publication-one-step.json', import.meta.url), 'utf8'));
await n8n.importWorkflows([{ ...example, id: 'thinkeoExample01', active: false }]);

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
	n8n.remove();
	process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
server.once('exit', (code) => stop(code ?? 1));

for (let attempt = 0; attempt < 120; attempt++) {
	const ready = await fetch(`${url}/healthz/readiness`).then((r) => r.ok, () => false);
	if (ready) break;
	await new Promise((resolve) => setTimeout(resolve, 500));
}
process.stdout.write(
	[
		'',
		`Thinkeo sandbox: ${sandbox.url}/v1 (account ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password})`,
		`n8n with n8n-nodes-thinkeo: ${url}`,
		'  1. Open it and create the local owner account (stays on this machine).',
		'  2. Open the workflow "Thinkeo example: generate a report in one step" and click "Execute workflow".',
		'  The credential "Thinkeo sandbox" is ready; Ctrl-C stops n8n and the sandbox.',
		`THINKEO_TRY_URL=${url}`,
		'',
	].join('\n'),
);
