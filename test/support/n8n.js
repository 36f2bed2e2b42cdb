// Drives a real n8n from the command line: a fresh user folder per instance, the package installed from its
// `npm pack` tarball as a community node, credentials and workflows imported, workflows run with `n8n execute`, or
// published and run by `n8n start` (for triggers).
// Which n8n: `$N8N_NODE $N8N_BIN`, set by scripts/toolchain.sh (2.41.1 on Node.js 24) or scripts/test-n8n1.sh
// (1.123.81 on the machine's Node.js 20). What differs between the two lines is handled here, not in the tests.
const { execFile, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');

const { waitFor } = require('./wait');

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;
const ENCRYPTION_KEY = 'thinkeo-e2e-encryption-key-000001';

function toolchain() {
	const { N8N_BIN, N8N_NODE } = process.env;
	if (!N8N_BIN || !N8N_NODE) {
		throw new Error(
			'The end-to-end tests need n8n and the Node.js it runs on (N8N_BIN, N8N_NODE). Run them with `npm test` ' +
				'or `npm run test:n8n1`, which install both (or source scripts/toolchain.sh first).',
		);
	}
	const { version } = JSON.parse(fs.readFileSync(path.join(path.dirname(N8N_BIN), '..', 'package.json'), 'utf8'));
	return { n8n: N8N_BIN, node: N8N_NODE, major: Number(version.split('.')[0]) };
}

/** The environment that differs by n8n line. */
function lineEnv(major, brokerPort) {
	if (major >= 2) {
		return {
			// 2.x always starts a task broker; a port of its own lets several instances run at once.
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_DISABLED_MODULES: 'mcp-registry',
		};
	}
	// 1.x defaults to the isolated-vm expression engine, which does not build on Node.js 20.
	return { N8N_EXPRESSION_ENGINE: 'legacy' };
}

let tarball;
/** Packs the built package once per test process, as `npm publish` would ship it. */
async function packPackage() {
	if (tarball) return tarball;
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'Thinkeo', 'Thinkeo.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` before the end-to-end tests');
	}
	const destination = fs.mkdtempSync(path.join(os.tmpdir(), 'thinkeo-pack-'));
	const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], { cwd: ROOT });
	tarball = path.join(destination, JSON.parse(stdout)[0].filename);
	return tarball;
}

async function freePort() {
	const server = net.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** `n8n execute --rawOutput` prints log lines around the run data; the JSON starts at a line that is just "{". */
function parseRunData(stdout) {
	const start = stdout.search(/^\{$/m);
	const end = stdout.lastIndexOf('\n}');
	if (start < 0 || end < start) return undefined;
	return JSON.parse(stdout.slice(start, end + 2));
}

class N8n {
	/** `home`: a user folder to keep (`npm run try`), the package in it replaced by this build; else a fresh one. */
	static async create({ home = fs.mkdtempSync(path.join(os.tmpdir(), 'thinkeo-n8n-')) } = {}) {
		const { n8n, node, major } = toolchain();
		const modules = path.join(home, '.n8n', 'nodes', 'node_modules');
		fs.mkdirSync(modules, { recursive: true });
		await run('tar', ['-xzf', await packPackage(), '-C', home]);
		fs.rmSync(path.join(modules, PACKAGE_NAME), { recursive: true, force: true });
		fs.renameSync(path.join(home, 'package'), path.join(modules, PACKAGE_NAME));
		return new N8n(home, n8n, node, major, lineEnv(major, await freePort()));
	}

	constructor(home, n8nBin, nodeBin, major, versionEnv) {
		this.home = home;
		/** The n8n line: 1 or 2. */
		this.major = major;
		this.n8nBin = n8nBin;
		this.nodeBin = nodeBin;
		this.env = {
			PATH: process.env.PATH,
			HOME: home,
			N8N_USER_FOLDER: home,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			DB_TYPE: 'sqlite',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			// Binary data on disk, as 2.x does by default (1.x keeps it in memory): uploads stream from there.
			N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
			...versionEnv,
			// The run data of `execute --rawOutput` is printed at info level.
			N8N_LOG_LEVEL: 'info',
		};
		/** Everything n8n printed, to check that no secret reached a log line. */
		this.transcript = '';
	}

	/** Lets workflows read and write files in `dir` (n8n's Read/Write Files node is confined to it). */
	allowFileAccess(dir) {
		this.env.N8N_RESTRICT_FILE_ACCESS_TO = dir;
	}

	/** Runs an n8n command; `prefix` wraps it, e.g. ['/usr/bin/time', '-f', '%M', '-o', file] to measure memory. */
	async cli(args, prefix = []) {
		const [command, ...rest] = [...prefix, this.nodeBin, this.n8nBin, ...args];
		// Files, not pipes: n8n exits right after printing the run data, and writes to a pipe that are still
		// pending then are lost (a 1000-item run lost the end of its JSON). Writes to a file are synchronous.
		const outFile = path.join(this.home, 'cli-stdout.txt');
		const errFile = path.join(this.home, 'cli-stderr.txt');
		const out = fs.openSync(outFile, 'w');
		const err = fs.openSync(errFile, 'w');
		const child = spawn(command, rest, { cwd: this.home, env: this.env, stdio: ['ignore', out, err] });
		const code = await new Promise((resolve) => child.once('close', resolve));
		fs.closeSync(out);
		fs.closeSync(err);
		const stdout = fs.readFileSync(outFile, 'utf8');
		const stderr = fs.readFileSync(errFile, 'utf8');
		this.transcript += stdout + stderr;
		return { code, stdout, stderr };
	}

	async importFile(kind, name, data) {
		const file = path.join(this.home, name);
		fs.writeFileSync(file, JSON.stringify(data));
		const result = await this.cli([`import:${kind}`, `--input=${file}`]);
		if (result.code !== 0) throw new Error(`n8n import:${kind} failed:\n${result.stdout}\n${result.stderr}`);
	}

	async importCredentials(credentials) {
		await this.importFile('credentials', 'credentials.json', credentials);
	}

	/** One CLI call for all of them: each n8n start costs seconds. */
	async importWorkflows(workflows) {
		await this.importFile('workflow', 'workflows.json', workflows);
	}

	/**
	 * Runs a workflow; resolves `{code, runData, error, output(nodeName)}` where output lists the node's items.
	 * @typedef {{ json: Record<string, any>, binary?: Record<string, any>, error?: unknown, pairedItem?: unknown }} Item
	 * @returns {Promise<{ code: number, stdout: string, stderr: string, runData: Record<string, any>, error: any, output: (nodeName: string) => Item[] }>}
	 */
	async execute(workflowId, prefix = []) {
		const { code, stdout, stderr } = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], prefix);
		const run = parseRunData(stdout);
		const runData = run?.data?.resultData?.runData ?? {};
		return {
			code,
			stdout,
			stderr,
			runData,
			error: run?.data?.resultData?.error,
			output: (nodeName) => runData[nodeName]?.[0]?.data?.main?.[0] ?? [],
		};
	}

	/** Publishes (activates) workflows, so that `start()` runs their triggers (2.x publishes; 1.x activates). */
	async publishWorkflows(ids) {
		for (const id of ids) {
			const args = this.major >= 2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'];
			const result = await this.cli(args);
			if (result.code !== 0) throw new Error(`n8n ${args[0]} failed:\n${result.stdout}\n${result.stderr}`);
		}
	}

	/** Adds or replaces environment variables of every command this instance runs (e.g. queue mode's database). */
	setEnv(values) {
		Object.assign(this.env, values);
	}

	/**
	 * Starts the main process (`n8n start`), which activates the published workflows and runs their pollers;
	 * resolves once it answers on its readiness endpoint, at `this.url`. `stop()` ends it.
	 */
	async start() {
		await this.serve(['start'], (port) => ({ N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_HOST: '127.0.0.1' }));
	}

	/**
	 * Starts a queue-mode worker (`n8n worker`, needs queue mode's environment, see test/support/queue.js); resolves
	 * once its health server says it is connected to the database and Redis. `stop()` ends it.
	 */
	async startWorker() {
		await this.serve(['worker'], (port) => ({
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(port),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		}));
	}

	/** Runs a long-lived n8n command whose HTTP server listens on a free port given by `portEnv(port)`. */
	async serve(args, portEnv) {
		if (this.server) throw new Error('n8n is already started');
		const port = await freePort();
		/** Where the process answers while started (`n8n start`: the editor, its REST API and webhooks). */
		this.url = `http://127.0.0.1:${port}`;
		const child = spawn(this.nodeBin, [this.n8nBin, ...args], { cwd: this.home, env: { ...this.env, ...portEnv(port) } });
		child.stdout.on('data', (chunk) => (this.transcript += chunk));
		child.stderr.on('data', (chunk) => (this.transcript += chunk));
		const exited = new Promise((resolve) => child.once('exit', resolve));
		this.server = { child, exited };
		await waitFor(
			async () => {
				if (child.exitCode !== null) throw new Error(`n8n ${args[0]} exited with ${child.exitCode}:\n${this.transcript.slice(-4000)}`);
				return await fetch(`${this.url}/healthz/readiness`).then((response) => response.ok, () => false);
			},
			{ timeoutMs: 180_000, intervalMs: 500, what: `n8n ${args[0]} to answer on ${this.url}` },
		);
	}

	/** Stops `n8n start` or `n8n worker` with SIGTERM (its clean shutdown), or SIGKILL after 30 s. */
	async stop() {
		if (!this.server) return;
		const { child, exited } = this.server;
		this.server = undefined;
		if (child.exitCode !== null) return;
		child.kill('SIGTERM');
		const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
		await exited;
		clearTimeout(killer);
	}

	/**
	 * The executions n8n saved, oldest first, read from its SQLite database.
	 * @returns {Promise<Array<{ id: number, workflowId: string, mode: string, status: string }>>}
	 */
	async executions() {
		return await this.queryDatabase('SELECT id, workflowId, mode, status FROM execution_entity ORDER BY id');
	}

	/** The credential as n8n stores it, decrypted (to see the team token it kept). */
	async credentialData(id) {
		const file = path.join(this.home, `export-${id}.json`);
		const result = await this.cli(['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`]);
		if (result.code !== 0) throw new Error(`n8n export:credentials failed:\n${result.stderr}`);
		return JSON.parse(fs.readFileSync(file, 'utf8'))[0].data;
	}

	/**
	 * What n8n stored of its executions in its SQLite database (execution_entity and execution_data), as raw text per
	 * execution, to search for secrets. Read with Node's own SQLite module in a child process (jest cannot load it).
	 * @returns {Promise<Array<{ id: string, status: string, data: string }>>}
	 */
	async storedExecutions() {
		const rows = await this.queryDatabase(
			'SELECT e.id, e.status, d.data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id',
		);
		return rows.map((row) => ({ id: String(row.id), status: row.status, data: String(row.data) }));
	}

	/**
	 * Rows of a query on n8n's SQLite database, read in a child process with Node's own SQLite module (jest cannot
	 * load it). That module needs Node.js 22.5+, so it runs on the toolchain's Node.js 24 even when n8n 1.x runs on 20.
	 * n8n 1.x keeps SQLite in rollback-journal mode, so a read during one of its writes meets "database is locked":
	 * the busy timeout makes the read wait for the write instead of failing.
	 */
	async queryDatabase(sql) {
		const script = [
			"const { DatabaseSync } = require('node:sqlite');",
			'const db = new DatabaseSync(process.argv[1], { readOnly: true, timeout: 20000 });',
			'process.stdout.write(JSON.stringify(db.prepare(process.argv[2]).all()));',
		].join('\n');
		const nodeBin = process.env.NODE24_DIR ? path.join(process.env.NODE24_DIR, 'bin', 'node') : this.nodeBin;
		const database = path.join(this.home, '.n8n', 'database.sqlite');
		const { stdout } = await run(nodeBin, ['--no-warnings', '-e', script, database, sql]);
		return JSON.parse(stdout);
	}

	remove() {
		fs.rmSync(this.home, { recursive: true, force: true });
	}
}

module.exports = { N8n, packPackage, freePort };
