// Starts the sandbox and a local n8n with the package, a sandbox credential, the example workflows and its owner account.
// Run through scripts/try.sh, which provides Node.js 24, n8n and a fresh build, and prints the steps before these. n8n's
// folder is kept in the tool cache between runs (the owner, the workflows and credentials made in the editor stay);
// `--fresh` starts from scratch. n8n's own output goes to a log file: one line per step is printed here.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';

import { startSandbox } from '../test/sandbox/server.mjs';
import { DEMO_ACCOUNT } from '../test/sandbox/seed.mjs';

const require = createRequire(import.meta.url);
const { emailPasswordCredential } = require('../test/support/credentials.js');
const { N8n } = require('../test/support/n8n.js');
const { LOCAL_OWNER, setUpOwner } = require('../test/support/owner.js');
const { waitFor } = require('../test/support/wait.js');

const SANDBOX_PORT = Number(process.env.THINKEO_SANDBOX_PORT ?? 8787);
const N8N_PORT = Number(process.env.THINKEO_N8N_PORT ?? 5678);
const CACHE_DIR = process.env.THINKEO_CACHE_DIR ?? join(homedir(), '.cache', 'n8n-nodes-thinkeo');
const HOME = join(CACHE_DIR, 'try-n8n');
const LOGS = process.env.THINKEO_TRY_LOGS ?? join(process.cwd(), '.tmp', 'try');
const N8N_LOG = join(LOGS, 'n8n.log');
const STARTED = Number(process.env.THINKEO_TRY_STARTED_MS ?? Date.now());
const EXAMPLE_ID = 'thinkeoExample01';
const DOCX_EXAMPLE_ID = 'thinkeoExDocx001';
const MCP_EXAMPLE_ID = 'thinkeoExMcp0001';
// The MCP example's bearer credential (examples/mcp-server.json), given a new secret on every run.
const MCP_BEARER = { id: 'thinkeoMcpBearer', name: 'Thinkeo MCP secret' };
const mcpSecret = randomBytes(24).toString('base64url');

// What n8n 2.41.1 would otherwise fetch from n8n.io at start and while running (none of it is reachable offline, and
// each failure prints a stack trace): the list of verified community nodes, banners and "what's new". Telemetry,
// version checks, templates and the MCP registry are already off in test/support/n8n.js. n8n has no setting that
// stops its internal task runner from checking for Python at start: that warning stays in the log.
const OFFLINE_ENV = {
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
};

let stepStarted = Date.now();
/** Prints one step as `[m:ss] label (N s)`: the time since `npm run try` started, and the step's own. */
function stepDone(label) {
	const total = Math.round((Date.now() - STARTED) / 1000);
	const own = Math.round((Date.now() - stepStarted) / 1000);
	process.stdout.write(`[${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}] ${label} (${own} s)\n`);
	stepStarted = Date.now();
}

/** Resolves whether nothing listens on 127.0.0.1:`port` yet. */
async function portFree(port) {
	const probe = createServer();
	const free = await new Promise((resolve) => {
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => resolve(true));
	});
	if (free) await new Promise((resolve) => probe.close(resolve));
	return free;
}

// A second `npm run try`, or `npm run sandbox`, holds the ports: say so instead of a stack trace.
for (const [port, what, variable] of [
	[SANDBOX_PORT, 'the Thinkeo sandbox', 'THINKEO_SANDBOX_PORT'],
	[N8N_PORT, 'n8n', 'THINKEO_N8N_PORT'],
]) {
	if (!(await portFree(port))) {
		process.stderr.write(
			`Port ${port} on 127.0.0.1, for ${what}, is already in use: another \`npm run try\` or \`npm run sandbox\` may be running. Stop it, or choose another port: ${variable}=<port> npm run try\n`,
		);
		process.exit(1);
	}
}

if (process.argv.includes('--fresh')) rmSync(HOME, { recursive: true, force: true });
const firstRun = !existsSync(join(HOME, '.n8n', 'database.sqlite'));

const sandbox = await startSandbox({ port: SANDBOX_PORT });
stepDone(`Thinkeo sandbox on ${sandbox.url}/v1`);

const n8n = await N8n.create({ home: HOME });
n8n.setEnv(OFFLINE_ENV);
// The sandbox starts afresh each time: the credential is imported again so that it points at it.
const credential = { id: 'thinkeoSandbox01', name: 'Thinkeo sandbox (demo@thinkeo.test)' };
await n8n.importCredentials([
	emailPasswordCredential(credential, `${sandbox.url}/v1`, DEMO_ACCOUNT, 'n8n try-it'),
	{ ...MCP_BEARER, type: 'httpBearerAuth', data: { token: mcpSecret } },
]);
if (firstRun) {
	// The README's example workflows, as they are in examples/ (their credential is the one above).
	const example = (name) => JSON.parse(readFileSync(new URL(`../examples/${name}.json`, import.meta.url), 'utf8'));
	await n8n.importWorkflows([
		{ ...example('publication-one-step'), id: EXAMPLE_ID, active: false },
		{ ...example('publication-to-docx'), id: DOCX_EXAMPLE_ID, active: false },
	]);
}
// The MCP example, also into an n8n folder made before it existed; published, so that its MCP Server Trigger answers
// on its production URL once n8n runs.
const mcpImported = !firstRun && (await n8n.queryDatabase(`SELECT id FROM workflow_entity WHERE id = '${MCP_EXAMPLE_ID}'`)).length > 0;
if (!mcpImported) {
	const mcp = JSON.parse(readFileSync(new URL('../examples/mcp-server.json', import.meta.url), 'utf8'));
	await n8n.importWorkflows([{ ...mcp, id: MCP_EXAMPLE_ID, active: false }]);
	await n8n.publishWorkflows([MCP_EXAMPLE_ID]);
}
stepDone(firstRun ? 'n8n folder with the package, the credential and the example workflows' : 'the package and the credential updated');

const url = `http://127.0.0.1:${N8N_PORT}`;
const log = openSync(N8N_LOG, 'a');
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
	stdio: ['ignore', log, log],
});

let stopping = false;
async function stop(code) {
	if (stopping) return;
	stopping = true;
	server.kill('SIGTERM');
	await sandbox.close();
	process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
server.once('exit', (code) => {
	if (!stopping) process.stderr.write(`n8n stopped (exit code ${code}); its output is in ${N8N_LOG}\n`);
	void stop(code ?? 1);
});

try {
	await waitFor(async () => await fetch(`${url}/healthz/readiness`).then((r) => r.ok, () => false), {
		timeoutMs: 300_000,
		intervalMs: 500,
		what: `n8n at ${url}`,
	});
} catch (error) {
	process.stderr.write(`${error.message}; its output is in ${N8N_LOG}\n`);
	await stop(1);
}
stepDone(`n8n on ${url}`);
const ownerCreated = await setUpOwner(url);
stepDone(ownerCreated ? 'local owner account created' : 'local owner account');

process.stdout.write(
	[
		'',
		`Thinkeo sandbox: ${sandbox.url}/v1 (account ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password})`,
		`n8n with n8n-nodes-thinkeo: ${url}`,
		`  1. Open ${url}/workflow/${EXAMPLE_ID} and sign in as ${LOCAL_OWNER.email} / ${LOCAL_OWNER.password}` +
			' (the local owner account; it stays on this machine).',
		`  2. Click "Execute workflow": the credential "${credential.name}" is ready.`,
		`  The generated .docx as a binary (Output Files): ${url}/workflow/${DOCX_EXAMPLE_ID}`,
		`MCP server (examples/mcp-server.json, ${url}/workflow/${MCP_EXAMPLE_ID}): ${url}/mcp/thinkeo, Streamable HTTP or SSE,`,
		`  header "Authorization: Bearer ${mcpSecret}" (a new secret each run; docs/ai-agents.md shows the client setup).`,
		`n8n keeps its data in ${HOME} between runs; \`npm run try -- --fresh\` starts afresh.`,
		`Logs: ${LOGS}/ (n8n's own output in ${N8N_LOG}).`,
		'Ctrl-C stops n8n and the sandbox.',
		`THINKEO_TRY_URL=${url}`,
		`THINKEO_TRY_MCP_URL=${url}/mcp/thinkeo`,
		`THINKEO_TRY_MCP_SECRET=${mcpSecret}`,
		'',
	].join('\n'),
);
