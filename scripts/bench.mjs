// Benchmarks of the Thinkeo node inside a real n8n 2.41.1, against the sandbox on 127.0.0.1, with the same method
// as shared/research/anchors.md (n8n's HTTP Request node: 1000 GETs at about 161 items/s; a 100 MB upload peaking
// at 513 MB in the main process). Prints figures; asserts nothing. Run through scripts/bench.sh.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox } from '../test/sandbox/server.mjs';
import { DEMO_ACCOUNT, DEMO_APP } from '../test/sandbox/seed.mjs';

const require = createRequire(import.meta.url);
const { emailPasswordCredential } = require('../test/support/credentials.js');
const { N8n } = require('../test/support/n8n.js');
const { chain, items, thinkeo } = require('../test/support/workflows.js');

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ITEMS = 1000;
const scratch = mkdtempSync(join(tmpdir(), 'thinkeo-bench-'));
const sandbox = await startSandbox();
const n8n = await N8n.create();
n8n.allowFileAccess(scratch);
const credential = { id: 'thinkeoBench0001', name: 'Thinkeo bench' };
await n8n.importCredentials([emailPasswordCredential(credential, `${sandbox.url}/v1`, DEMO_ACCOUNT, 'n8n bench')]);

// A publication to read 1000 times, created through the API as a user would.
const basic = `Basic ${Buffer.from(`${DEMO_ACCOUNT.email}:${DEMO_ACCOUNT.password}`).toString('base64')}`;
const { token } = await (
	await fetch(`${sandbox.url}/v1/tokens?team=${DEMO_ACCOUNT.teamIds[0]}&name=bench`, { method: 'POST', headers: { authorization: basic } })
).json();
const created = await (
	await fetch(`${sandbox.url}/v1/publications?app=${DEMO_APP.id}&version=latest`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ attributes: { [DEMO_APP.attributes.title.id]: ['Benchmark'] } }),
	})
).json();

const sizes = { '1 MB': 1024 * 1024, '100 MB': 100 * 1024 * 1024 };
const uploads = Object.entries(sizes).map(([label, bytes], index) => {
	const path = join(scratch, `upload-${index}.bin`);
	writeFileSync(path, randomBytes(bytes));
	return { label, bytes, path, id: `thinkeoBenchUp0${index}` };
});

await n8n.importWorkflows([
	chain('thinkeoBenchGet1', `${ITEMS} publication reads`, [
		...items(ITEMS),
		thinkeo('Thinkeo', credential, {
			resource: 'publication',
			operation: 'get',
			publicationId: { __rl: true, mode: 'id', value: created.publicationId },
		}),
	]),
	...uploads.map(({ id, label, path }) =>
		chain(id, `upload ${label}`, [
			{
				name: 'Read File',
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1.1,
				parameters: { operation: 'read', fileSelector: path, options: {} },
			},
			thinkeo('Thinkeo', credential, { resource: 'attachment', operation: 'upload', binaryPropertyName: 'data' }),
		]),
	),
]);

function summary(values, unit) {
	const sorted = [...values].sort((a, b) => a - b);
	const median = sorted[Math.floor(sorted.length / 2)];
	return `${median.toFixed(0)} ${unit} [${sorted[0].toFixed(0)}–${sorted.at(-1).toFixed(0)}] (n=${values.length})`;
}

/** Runs a workflow under GNU time: the Thinkeo node's executionTime, the peak RSS of n8n's process, failures. */
async function measure(workflowId) {
	const rssFile = join(scratch, 'rss.txt');
	const run = await n8n.execute(workflowId, ['/usr/bin/time', '-f', '%M', '-o', rssFile]);
	const task = run.runData.Thinkeo?.[0];
	if (run.code !== 0 || !task) throw new Error(`benchmark workflow ${workflowId} failed:\n${run.stdout}\n${run.stderr}`);
	return { ms: task.executionTime, items: task.data.main[0].length, peakMb: Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024 };
}

const lines = [];
await measure('thinkeoBenchGet1'); // warm-up: the token exchange, and the sqlite file in the page cache
await fetch(`${sandbox.url}/_sandbox/requests`, { method: 'DELETE' });
const reads = [];
for (let i = 0; i < RUNS; i++) reads.push(await measure('thinkeoBenchGet1'));
const exchanges = (await (await fetch(`${sandbox.url}/_sandbox/requests?path=/tokens&method=POST`)).json()).length;
lines.push(
	`Publication → Get, ${ITEMS} items: ${summary(reads.map((r) => (r.items / r.ms) * 1000), 'items/s')}; ` +
		`token exchanges in those runs: ${exchanges}`,
);
for (const upload of uploads) {
	const runs = [];
	for (let i = 0; i < RUNS; i++) runs.push(await measure(upload.id));
	lines.push(
		`Attachment → Upload, ${upload.label}: n8n main process peak ${summary(runs.map((r) => r.peakMb), 'MB')}, ` +
			`node time ${summary(runs.map((r) => r.ms), 'ms')}`,
	);
}

await sandbox.close();
n8n.remove();
rmSync(scratch, { recursive: true, force: true });
process.stdout.write(`\n${lines.join('\n')}\n`);
