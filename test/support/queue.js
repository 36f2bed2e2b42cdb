// n8n in queue mode, as operators scale it: Postgres and Redis (Debian's packages, which scripts/test-queue.sh
// installs) started as this process's own children on free 127.0.0.1 ports in temporary folders, a main process and
// workers. Each n8n process has its own user folder, as on separate hosts, and its own task broker port (test/support/
// n8n.js); they share only the database, Redis and the encryption key. Everything is stopped by PID.
const { execFile, execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');

const { N8n, freePort } = require('./n8n');
const { waitFor } = require('./wait');

const run = promisify(execFile);
const POSTGRES_ROOT = '/usr/lib/postgresql';

/** A long-lived child process: its output is kept, `stop(signal)` ends it by PID and waits for it. */
function daemon(command, args) {
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	const state = { child, output: '' };
	child.stdout.on('data', (chunk) => (state.output += chunk));
	child.stderr.on('data', (chunk) => (state.output += chunk));
	const exited = new Promise((resolve) => child.once('exit', resolve));
	state.stop = async (signal = 'SIGTERM') => {
		if (child.exitCode === null && child.signalCode === null) process.kill(child.pid, signal);
		await exited;
	};
	state.assertRunning = (what) => {
		if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}:\n${state.output.slice(-4000)}`);
	};
	return state;
}

function postgresBinDir() {
	const versions = (fs.existsSync(POSTGRES_ROOT) ? fs.readdirSync(POSTGRES_ROOT) : [])
		.filter((version) => fs.existsSync(path.join(POSTGRES_ROOT, version, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	if (versions.length === 0) {
		throw new Error("Postgres is not installed: run the queue tests with `npm run test:queue`, which installs Debian's postgresql");
	}
	return path.join(POSTGRES_ROOT, versions[0], 'bin');
}

/**
 * Postgres refuses to run as root, so as root its commands run as the `postgres` user. setpriv replaces itself with
 * the command (unlike runuser, which forks), so the PID we hold is the server's own.
 */
function asPostgresUser(command, args) {
	if (process.getuid() !== 0) return [command, args];
	return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', command, ...args]];
}

/** Postgres in a fresh data folder owned by the `postgres` user, in the foreground; resolves `{port, psql(sql), stop()}`. */
async function startPostgres() {
	const bin = postgresBinDir();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thinkeo-postgres-'));
	if (process.getuid() === 0) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
		fs.chownSync(dir, uid, gid);
	}
	const data = path.join(dir, 'data');
	await run(...asPostgresUser(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']));
	const port = await freePort();
	// Durability off: the database lives as long as the test.
	const settings = ['listen_addresses=127.0.0.1', `unix_socket_directories=${dir}`, 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];
	const server = daemon(...asPostgresUser(path.join(bin, 'postgres'), ['-D', data, '-p', String(port), ...settings.flatMap((setting) => ['-c', setting])]));
	const psql = async (sql) => {
		const args = ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql];
		const { stdout } = await run(path.join(bin, 'psql'), args, { maxBuffer: 256 * 1024 * 1024 });
		return stdout;
	};
	await waitFor(
		async () => {
			server.assertRunning('postgres');
			return await psql('SELECT 1').then(() => true, () => false);
		},
		{ timeoutMs: 60_000, intervalMs: 300, what: 'Postgres to accept connections' },
	);
	return {
		port,
		psql,
		stop: async () => {
			await server.stop('SIGINT'); // "fast" shutdown: does not wait for clients to disconnect
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** Redis without persistence, in the foreground; resolves `{port, stop()}`. */
async function startRedis() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thinkeo-redis-'));
	const port = await freePort();
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
	const server = daemon('redis-server', args);
	await waitFor(
		async () => {
			server.assertRunning('redis-server');
			return server.output.includes('Ready to accept connections');
		},
		{ timeoutMs: 30_000, intervalMs: 200, what: 'Redis to accept connections' },
	);
	return {
		port,
		stop: async () => {
			await server.stop();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** n8n's own parser of its stored execution data (the `flatted` format), from the n8n under test. */
function flatted() {
	return require(require.resolve('flatted', { paths: [path.dirname(process.env.N8N_BIN ?? '')] }));
}

/**
 * An execution as n8n stored it in Postgres, with its run data.
 * @typedef {{ id: number, workflowId: string, mode: string, status: string, startedAt: string, stoppedAt: string | null, runData: Record<string, any>, output: (nodeName: string) => Array<{ json: Record<string, any> }> }} StoredExecution
 */

class QueueCluster {
	/**
	 * Postgres, Redis, a main process with `credentials` and `workflows` imported and `publish` published, and
	 * `workers` workers.
	 * @param {{ workers?: number, credentials?: unknown[], workflows?: unknown[], publish?: string[] }} [options]
	 */
	static async start({ workers = 2, credentials = [], workflows = [], publish = [] } = {}) {
		const cluster = new QueueCluster();
		try {
			cluster.postgres = await startPostgres();
			cluster.redis = await startRedis();
			cluster.main = await cluster.n8n();
			if (credentials.length) await cluster.main.importCredentials(credentials);
			if (workflows.length) await cluster.main.importWorkflows(workflows);
			await cluster.main.publishWorkflows(publish);
			await cluster.main.start();
			await Promise.all(Array.from({ length: workers }, () => cluster.addWorker()));
		} catch (error) {
			await cluster.stop();
			throw error;
		}
		return cluster;
	}

	constructor() {
		/** @type {N8n[]} */
		this.workers = [];
	}

	/** An n8n with its own user folder, configured for queue mode on this cluster's Postgres and Redis. */
	async n8n() {
		const n8n = await N8n.create();
		n8n.setEnv({
			// The Code node's task runner runs the first `node` on PATH: it must be the Node.js n8n runs on.
			PATH: `${path.dirname(n8n.nodeBin)}${path.delimiter}${process.env.PATH}`,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.postgres.port),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: 'postgres',
			// n8n's default pool of 2 connections, each waited for at most 20 s, is too small for a worker running 10
			// executions of 50 items that each read the credential and, after an exchange, write it back: on a busy
			// machine items failed with "timeout exceeded when trying to connect".
			DB_POSTGRESDB_POOL_SIZE: '20',
			DB_POSTGRESDB_CONNECTION_TIMEOUT: '120000',
			// n8n pings the database every 2 s and, after 3 slow answers, rebuilds its pool while every query waits: on a
			// starved CPU that stalled whole rounds. Only a database gone for longer counts as down here.
			DB_PING_TIMEOUT_MS: '30000',
			DB_PING_MAX_FAILURES_BEFORE_RECOVERY: '10',
			// Binary data in Postgres, which every process reaches: `filesystem` works only while all processes share
			// one folder (an upload on a worker of another host fails with "File not found").
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		});
		return n8n;
	}

	/** Starts one more worker. */
	async addWorker() {
		const worker = await this.n8n();
		this.workers.push(worker);
		await worker.startWorker();
		return worker;
	}

	/**
	 * Calls a production webhook of the main process.
	 * @param {string} webhookPath
	 * @param {{ method?: string, headers?: Record<string, string>, body?: string | Buffer }} [options]
	 */
	async webhook(webhookPath, { method = 'POST', headers = {}, body } = {}) {
		return await fetch(`${this.main.url}/webhook/${webhookPath}`, { method, headers, body });
	}

	/** The production URL of an MCP Server Trigger's `mcpPath` on the main process, which holds MCP sessions. */
	mcpUrl(mcpPath) {
		return `${this.main.url}/mcp/${mcpPath}`;
	}

	/** How many webhooks n8n has registered: it registers a published workflow's triggers after it reports ready. */
	async registeredWebhooks() {
		return Number(await this.postgres.psql('SELECT count(*) FROM webhook_entity'));
	}

	/** The highest execution ID so far (0 for none), to read only the executions that follow. */
	async lastExecutionId() {
		return Number(await this.postgres.psql('SELECT coalesce(max(id), 0) FROM execution_entity'));
	}

	/**
	 * The executions after `sinceId` (of workflow `workflowId` only, when given), oldest first, with their run data.
	 * @param {number} [sinceId]
	 * @param {string} [workflowId]
	 * @returns {Promise<StoredExecution[]>}
	 */
	async executions(sinceId = 0, workflowId = undefined) {
		const rows = await this.postgres.psql(
			`SELECT coalesce(json_agg(x ORDER BY x.id), '[]') FROM (SELECT e.id, e."workflowId", e.mode, e.status,
			e."startedAt", e."stoppedAt", d.data FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
			WHERE ${this.executionFilter(sinceId, workflowId)}) x`,
		);
		const { parse } = flatted();
		return JSON.parse(rows).map(({ data, ...execution }) => {
			const runData = data ? parse(data).resultData?.runData ?? {} : {};
			return { ...execution, runData, output: (nodeName) => runData[nodeName]?.[0]?.data?.main?.[0] ?? [] };
		});
	}

	/** Waits until `count` executions of `workflowId` after `sinceId` have finished (whatever their status); resolves them. */
	async finishedExecutions(sinceId, workflowId, count, timeoutMs = 600_000) {
		const finished = () =>
			this.postgres.psql(
				`SELECT count(*) FROM execution_entity e WHERE ${this.executionFilter(sinceId, workflowId)}
				AND e.status NOT IN ('new', 'running', 'waiting')`,
			);
		await waitFor(async () => Number(await finished()) >= count, {
			timeoutMs,
			intervalMs: 500,
			what: `${count} executions of ${workflowId} to finish`,
		});
		return await this.executions(sinceId, workflowId);
	}

	executionFilter(sinceId, workflowId) {
		if (workflowId !== undefined && !/^\w+$/.test(workflowId)) throw new Error(`unexpected workflow ID ${workflowId}`);
		return `e.id > ${Number(sinceId)}${workflowId === undefined ? '' : ` AND e."workflowId" = '${workflowId}'`}`;
	}

	/** The IDs of the executions each worker ran, from the workers' logs (index i: this.workers[i]). */
	executionsByWorker() {
		return this.workers.map((worker) => [...worker.transcript.matchAll(/Worker started execution (\d+)/g)].map((match) => Number(match[1])));
	}

	/** Stops the n8n processes (workers first), then Redis and Postgres, and removes their folders. */
	async stop() {
		for (const worker of this.workers) await worker.stop();
		await this.main?.stop();
		for (const n8n of [...this.workers, this.main]) n8n?.remove();
		await this.redis?.stop();
		await this.postgres?.stop();
	}
}

module.exports = { QueueCluster };
