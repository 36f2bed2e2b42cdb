// The history and large-file part of `npm run bench` (alone: `npm run bench -- --load`), in one n8n 2.41.1 with
// binary data on disk: what a steady poll of the Thinkeo Trigger's New Publication costs at 100 and at 10,000
// publications (polls on n8n's own schedule, counted and timed in the sandbox's log), and the peak memory of a
// 100 MB download, Thinkeo's Attachment → Download next to the HTTP Request node's download of the same file.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { median, summary } from './bench-stats.mjs';
import { startSandbox } from '../test/sandbox/server.mjs';
import { DEMO_ACCOUNT, DEMO_TEAM } from '../test/sandbox/seed.mjs';

const require = createRequire(import.meta.url);
const { apiTokenCredential } = require('../test/support/credentials.js');
const { N8n } = require('../test/support/n8n.js');
const { pause, waitFor } = require('../test/support/wait.js');
const { chain, thinkeo, thinkeoTrigger, triggered } = require('../test/support/workflows.js');

const HISTORIES = [100, 10_000];
const historyText = HISTORIES.map((count) => count.toLocaleString('en')).join(' and ');
const DOWNLOAD_BYTES = 100 * 1024 * 1024;
export const LOAD_SECTION_HEADING = '## 6. Trigger polls as history grows, and a 100 MB download';

/** A sandbox whose Demo Team has exactly `count` publications, and a team token for it. */
async function sandboxWith(count) {
	const sandbox = await startSandbox();
	const api = `${sandbox.url}/v1`;
	const basic = `Basic ${Buffer.from(`${DEMO_ACCOUNT.email}:${DEMO_ACCOUNT.password}`).toString('base64')}`;
	const { token } = await (await fetch(`${api}/tokens?team=${DEMO_TEAM.id}&name=bench-load`, { method: 'POST', headers: { authorization: basic } })).json();
	const publications = sandbox.state.publications;
	const demo = [...publications.values()].filter((publication) => publication.teamId === DEMO_TEAM.id);
	for (const publication of demo.slice(count)) publications.delete(publication.id);
	if (demo.length < count) {
		await fetch(`${sandbox.url}/_sandbox/publications`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ count: count - demo.length }),
		});
	}
	return { sandbox, api, token };
}

/** The trigger's polls in a sandbox's log: query requests a minute apart, each poll's within seconds of each other. */
function pollsIn(sandbox) {
	const polls = [];
	for (const request of sandbox.state.requests.filter((r) => r.path === '/publications/query').sort((a, b) => a.seq - b.seq)) {
		const current = polls.at(-1);
		const previous = current?.at(-1);
		if (current && Date.parse(request.startedAt) - Date.parse(previous.startedAt) < 20_000) current.push(request);
		else polls.push([request]);
	}
	return polls.map((requests) => ({
		requests: requests.length,
		ms: Date.parse(requests.at(-1).startedAt) + requests.at(-1).durationMs - Date.parse(requests[0].startedAt),
	}));
}

/** Requests and time of the activation poll (a whole read) and of `runs` steady polls, at each history size. */
async function benchPollCost({ runs, log }) {
	log(`6a. trigger polls at ${historyText} publications (one poll a minute)…`);
	const apis = await Promise.all(HISTORIES.map(sandboxWith));
	const n8n = await N8n.create();
	try {
		const credentials = apis.map(({ api, token }, index) => apiTokenCredential({ id: `thinkeoBenchPol${index}`, name: `poll ${index}` }, api, token));
		await n8n.importCredentials(credentials);
		const workflows = credentials.map((credential, index) =>
			triggered(`benchPollCost00${index}`, `New Publication at ${HISTORIES[index]}`, [
				thinkeoTrigger('New Publication', credential, { event: 'newPublication' }),
				{ name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
			]),
		);
		await n8n.importWorkflows(workflows);
		await n8n.publishWorkflows(workflows.map((workflow) => workflow.id));
		await n8n.start();
		await waitFor(async () => apis.every(({ sandbox }) => pollsIn(sandbox).length > runs), {
			timeoutMs: (runs + 3) * 70_000,
			what: `${runs} polls after the activation`,
			intervalMs: 5_000,
		});
		// Let the last poll finish.
		await pause(5_000);
		return apis.map(({ sandbox }, index) => {
			const [activation, ...steady] = pollsIn(sandbox);
			return { publications: HISTORIES[index], activation, steady: steady.slice(0, runs) };
		});
	} finally {
		await n8n.stop();
		n8n.remove();
		for (const { sandbox } of apis) await sandbox.close();
	}
}

/** Peak RSS (MB) of `n8n execute` for a floor, Thinkeo's download and the HTTP Request node's, `runs` times each. */
async function benchDownload({ runs, log }) {
	log('6b. 100 MB download memory…');
	// Made first: the upload then follows the token request before the sandbox closes that keep-alive connection.
	const bytes = randomBytes(DOWNLOAD_BYTES);
	const { sandbox, api, token } = await sandboxWith(1);
	const uploaded = await fetch(`${api}/attachments`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', filename: 'download.bin' },
		body: bytes,
	});
	const { id: attachmentId } = await uploaded.json();
	const n8n = await N8n.create();
	try {
		const THINKEO = { id: 'thinkeoBenchDown', name: 'Thinkeo bench download' };
		const HEADER = { id: 'httpHeaderBenchD', name: 'Thinkeo Bearer token (Header Auth)', type: 'httpHeaderAuth' };
		await n8n.importCredentials([
			apiTokenCredential(THINKEO, api, token),
			{ ...HEADER, data: { name: 'Authorization', value: `Bearer ${token}` } },
		]);
		const attachment = { __rl: true, mode: 'id', value: attachmentId };
		const workflows = {
			floor: chain('benchDownFloor01', 'metadata only', [
				thinkeo('Thinkeo', THINKEO, { resource: 'attachment', operation: 'getMetadata', attachmentId: attachment }),
			]),
			thinkeo: chain('benchDownThinkeo', 'download 100 MB, Thinkeo', [
				thinkeo('Thinkeo', THINKEO, { resource: 'attachment', operation: 'download', attachmentId: attachment }),
			]),
			http: chain('benchDownHttp001', 'download 100 MB, HTTP Request', [
				{
					name: 'HTTP Request',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					parameters: {
						url: `${api}/attachments/${attachmentId}`,
						authentication: 'genericCredentialType',
						genericAuthType: 'httpHeaderAuth',
						options: { response: { response: { responseFormat: 'file' } } },
					},
					credentials: { httpHeaderAuth: { id: HEADER.id, name: HEADER.name } },
				},
			]),
		};
		await n8n.importWorkflows(Object.values(workflows));
		const rssFile = join(n8n.home, 'rss.txt');
		const measure = async (workflow, node) => {
			const result = await n8n.execute(workflow.id, ['/usr/bin/time', '-f', '%M', '-o', rssFile]);
			const [item] = result.runData[node]?.[0]?.data?.main?.[0] ?? [];
			if (result.code !== 0 || !item) throw new Error(`${workflow.name} failed:\n${result.stdout.slice(-3000)}\n${result.stderr}`);
			const size = item.binary?.data?.bytes ?? Number(item.json.fileSize ?? 0);
			if (workflow !== workflows.floor && size !== DOWNLOAD_BYTES) throw new Error(`${workflow.name}: ${size} bytes stored`);
			// Each run leaves a 100 MB file in n8n's binary store.
			rmSync(join(n8n.home, '.n8n', 'storage'), { recursive: true, force: true });
			return Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024;
		};
		const peaks = { floor: [], thinkeo: [], http: [] };
		for (let i = 0; i < runs; i++) {
			peaks.floor.push(await measure(workflows.floor, 'Thinkeo'));
			peaks.thinkeo.push(await measure(workflows.thinkeo, 'Thinkeo'));
			peaks.http.push(await measure(workflows.http, 'HTTP Request'));
		}
		return peaks;
	} finally {
		n8n.remove();
		await sandbox.close();
	}
}

/** Runs both parts; resolves their figures. */
export async function benchLoad({ runs, log }) {
	return { polls: await benchPollCost({ runs, log }), download: await benchDownload({ runs, log }) };
}

const met = (ok) => (ok ? '**met**' : '**missed**');

/** Whether each target of the part was met, for the Targets table and the explanations of what was missed. */
export function loadTargets({ polls, download }) {
	const steadyMax = Math.max(...polls.flatMap((poll) => poll.steady.map((steady) => steady.requests)));
	const floor = median(download.floor);
	const thinkeo = median(download.thinkeo);
	return {
		rows: [
			`| steady poll of New Publication ≤ 2 requests at ${historyText} publications | at most ${steadyMax}: ${met(steadyMax <= 2)} |`,
			`| 100 MB download peak RSS ≤ floor + 20 MB | ${thinkeo.toFixed(0)} vs ${floor.toFixed(0)} + 20 MB: ${met(thinkeo <= floor + 20)} |`,
		],
		missed: [
			...(steadyMax > 2
				? [`**Trigger polls.** A steady poll made ${steadyMax} requests: the end of the list moved between polls (see the poll figures).`]
				: []),
			...(thinkeo > floor + 20
				? [
						`**Download memory: ${(thinkeo - floor).toFixed(0)} MB above the floor, not 20.** The node streams the body into n8n's binary ` +
							`store and never holds the file whole (a buffered download would hold all 100 MB at once, more with copies). The ` +
							`likely cause, not measured apart: each chunk the socket delivers is a new buffer that V8 frees only at its next garbage collection, which it ` +
							`starts once about 64 MB of such memory is outstanding: the peak lands up to about that far above the floor, ` +
							`by when the collection runs. A node cannot start a collection (no \`--expose-gc\`) nor choose the socket's ` +
							`chunks. n8n's HTTP Request node, downloading the same file, rose by ${(median(download.http) - floor).toFixed(0)} MB.`,
					]
				: []),
		],
	};
}

/** The part's section of bench/results.md. */
export function loadSection({ polls, download }) {
	const pollRow = ({ publications, activation, steady }) =>
		`| ${publications.toLocaleString('en')} | **${summary(steady.map((poll) => poll.requests))}** | ${summary(steady.map((poll) => poll.ms))} | ${activation.requests} | ${activation.ms} |`;
	return `${LOAD_SECTION_HEADING}

**Polls.** One n8n with two published workflows, Thinkeo Trigger (New Publication, every minute) → No Operation,
each against its own sandbox whose team has ${HISTORIES.map((count) => count.toLocaleString('en')).join(' or ')} publications, nothing new arriving. Requests and time
per poll are read from the sandbox's log (time: from the poll's first request to the end of its last answer), median
of ${polls[0].steady.length} steady polls with the range in brackets. The activation poll reads the whole list once (and is what every
poll cost before the trigger read only the end of the list).

| publications | requests per steady poll | time per steady poll, ms | activation poll: requests | activation poll: ms |
| --- | --- | --- | --- | --- |
${polls.map(pollRow).join('\n')}

**Download.** A 100 MB attachment, binary data mode \`filesystem\`, peak RSS of the \`n8n execute\` process under
\`/usr/bin/time\`, median of ${download.floor.length} runs with the range in brackets.

| workflow | peak RSS, MB |
| --- | --- |
| Thinkeo, Attachment → Get Metadata (no download): the floor | ${summary(download.floor)} |
| Thinkeo, Attachment → Download | **${summary(download.thinkeo)}** |
| HTTP Request node 4.2, GET with Response Format: File (Header Auth) | ${summary(download.http)} |

Thinkeo − floor: **${(median(download.thinkeo) - median(download.floor)).toFixed(0)} MB** (target ≤ 20); HTTP Request node − floor: ${(median(download.http) - median(download.floor)).toFixed(0)} MB.
`;
}

/** `text` with its section starting at `heading` replaced by `section` (or added before the targets). */
function withSection(text, heading, section) {
	const start = text.indexOf(heading);
	if (start >= 0) {
		const next = text.indexOf('\n## ', start + 1);
		return `${text.slice(0, start)}${section}${next >= 0 ? `\n${text.slice(next + 1)}` : ''}`;
	}
	const targets = text.indexOf('## Targets');
	return targets >= 0 ? `${text.slice(0, targets)}${section}\n${text.slice(targets)}` : `${text}\n${section}`;
}

/**
 * `results` (bench/results.md of an earlier full run) updated by this part alone (`--load`): its section, its rows of
 * the Targets table, and its paragraphs under "Why targets were missed".
 */
export function withLoadSection(results, load) {
	const { rows, missed } = loadTargets(load);
	const ownRow = (line) => rows.some((row) => line.startsWith(row.slice(0, row.indexOf(' ≤ '))));
	let text = withSection(results, LOAD_SECTION_HEADING, loadSection(load));
	const lines = text.split('\n').filter((line) => !ownRow(line) && !/^\*\*(Trigger polls|Download memory)\.\*\*/.test(line));
	const targets = lines.indexOf('## Targets');
	let end = targets + 1;
	while (end < lines.length && (lines[end] === '' || lines[end].startsWith('|'))) end += 1;
	while (lines[end - 1] === '') end -= 1;
	lines.splice(end, 0, ...rows);
	// The paragraphs removed above leave blank lines behind.
	text = lines.join('\n').replace(/\n{3,}/g, '\n\n');
	if (missed.length === 0) return text;
	const why = '## Why targets were missed';
	return text.includes(why) ? text.replace(`${why}\n`, `${why}\n\n${missed.join('\n\n')}\n`) : `${text.trimEnd()}\n\n${why}\n\n${missed.join('\n\n')}\n`;
}
