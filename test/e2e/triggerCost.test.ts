/**
 * What a poll of New Publication costs once the team has 10,000 publications. First the poll in n8n-core's
 * PollContext, one poll at a time: a steady poll costs at most 2 requests, a new publication fires once, and a
 * deletion in the part of the list already read makes the poll read the whole list and fire nothing twice. Then the
 * same in a real n8n (`n8n start`), polling on its own schedule every minute.
 */
import type { Sandbox } from '../support/e2e';
import { apiTokenCredential, callApi, createApiToken, e2eFixture } from '../support/e2e';
import { pollThinkeoTrigger } from '../support/inprocess';
import type { N8n } from '../support/n8n';
import type { Json, LoggedRequest, SeedApp } from '../support/types';
import { pause, waitFor } from '../support/wait';
import { byId, thinkeo, thinkeoTrigger, triggered } from '../support/workflows';

jest.setTimeout(600_000);

const PUBLICATIONS = 10_000;
const FULL_READ = PUBLICATIONS / 100 + 1; // 100 pages, then the empty page that ends every read
const CREDENTIAL = { id: 'thinkeoTrigCost1', name: 'Thinkeo trigger cost' };
const WORKFLOW = 'wfTriggerCost001';

let sandbox: Sandbox;
let demoApp: SeedApp;
let apiToken: string;
let seededIds: string[];
let n8n: N8n | undefined;

const body = (request: LoggedRequest) => JSON.parse(request.bodyText ?? 'null') as Json;
const ids = (items: Array<{ json: Json }>) => items.map((item) => item.json.id);
/** The node's pages of POST /publications/query (the test's own counts send no limit). */
const queries = async () =>
	(await sandbox.requests({ method: 'POST', path: '/publications/query' })).filter((request) => body(request).limit !== undefined);

async function api(method: string, path: string, payload?: unknown): Promise<Json> {
	const { status, json } = await callApi(sandbox, `Bearer ${apiToken}`, method, path, payload);
	if (status >= 400) throw new Error(`${method} ${path}: HTTP ${status} ${JSON.stringify(json)}`);
	return json as Json;
}

/** How many publications the team has now. */
const listed = async () => ((await api('POST', '/publications/query', {})) as unknown as Json[]).length;

const publish = async () => String((await api('POST', `/publications?app=${demoApp.id}&version=latest`, { attributes: {} })).publicationId);

const poll = (staticData?: Record<string, unknown>) =>
	pollThinkeoTrigger({ baseUrl: sandbox.apiUrl, apiToken, parameters: { event: 'newPublication' }, staticData });

const e2e = e2eFixture();

beforeAll(async () => {
	let demo;
	({ sandbox, demo, demoApp } = await e2e.startSandbox());
	apiToken = await createApiToken(sandbox, demo, 'trigger-cost');
	({ ids: seededIds } = await sandbox.addPublications({ count: PUBLICATIONS - (await listed()) }));
	expect(await listed()).toBe(PUBLICATIONS);
});

describe('poll (in-process, n8n-core PollContext)', () => {
	it('costs at most 2 requests per steady poll at 10,000 publications; new ones fire once; a deletion falls back', async () => {
		await sandbox.clearRequests();
		const first = await poll();
		expect(first.items).toEqual([]);
		expect(await queries()).toHaveLength(FULL_READ);

		await sandbox.clearRequests();
		const steady = await poll(first.staticData);
		expect(steady.items).toEqual([]);
		expect((await queries()).map(body)).toEqual([
			{ limit: 100, offset: PUBLICATIONS - 10 },
			{ limit: 100, offset: PUBLICATIONS },
		]);

		const created = await publish();
		await sandbox.clearRequests();
		const fired = await poll(steady.staticData);
		expect(ids(fired.items)).toEqual([created]);
		expect(await queries()).toHaveLength(2);

		// A deletion in the middle of what was read moves the last records: the poll reads the whole list and fires
		// only the publication that is new.
		await api('DELETE', `/publications/${seededIds[5_000]}`);
		const afterDeletion = await publish();
		await sandbox.clearRequests();
		const fallback = await poll(fired.staticData);
		expect(ids(fallback.items)).toEqual([afterDeletion]);
		const fallbackQueries = (await queries()).map(body);
		expect(fallbackQueries.slice(0, 2)).toEqual([
			{ limit: 100, offset: PUBLICATIONS + 1 - 10 },
			{ limit: 100, offset: PUBLICATIONS + 1 },
		]);
		// 10,001 publications now: 101 pages, then the empty page.
		expect(fallbackQueries.slice(2)).toHaveLength(FULL_READ + 1);
		expect(fallbackQueries[2]).toEqual({ limit: 100, offset: 0 });

		await sandbox.clearRequests();
		const after = await poll(fallback.staticData);
		expect(after.items).toEqual([]);
		expect(await queries()).toHaveLength(2);
	});
});

describe('in a running n8n', () => {
	/** The publications the chain fetched after the trigger fired them, one entry per request. */
	const firings = async () =>
		(await sandbox.requests({ method: 'GET' })).flatMap((request) => {
			const match = /^\/publications\/([0-9a-f-]{36})$/.exec(request.path);
			return match ? [match[1]] : [];
		});

	/**
	 * The query requests grouped by poll: each poll reads forward (rising offsets); a request that does not go further
	 * starts the next poll, unless it is the whole read a poll falls back to, which starts at offset 0 right away.
	 */
	const polls = async () => {
		const grouped: LoggedRequest[][] = [];
		for (const request of await queries()) {
			const current = grouped.at(-1);
			const previous = current?.at(-1);
			const offset = Number(body(request).offset);
			const forward = previous !== undefined && offset > Number(body(previous).offset);
			const fallback =
				previous !== undefined && offset === 0 && Date.parse(request.startedAt) - Date.parse(previous.startedAt) < 5_000;
			if (current && (forward || fallback)) current.push(request);
			else grouped.push([request]);
		}
		return grouped;
	};

	it('polls on its schedule at 2 requests each, fires each new publication once, and falls back after a deletion', async () => {
		n8n = await e2e.startN8n([apiTokenCredential(CREDENTIAL, sandbox.apiUrl, apiToken)]);
		await n8n.importWorkflows([
			triggered(WORKFLOW, 'Trigger cost', [
				thinkeoTrigger('New Publication', CREDENTIAL, { event: 'newPublication' }),
				thinkeo('Get Publication', CREDENTIAL, { resource: 'publication', operation: 'get', publicationId: byId('={{ $json.id }}') }),
			]),
		]);
		await n8n.publishWorkflows([WORKFLOW]);
		await sandbox.clearRequests();
		await n8n.start();

		// Activation reads the whole list once and fires none of it: a publication made before its last (empty) page
		// would be part of the history it records.
		const wholeRead = async () => Math.ceil((await listed()) / 100) + 1;
		const activationRequests = await wholeRead();
		await waitFor(async () => (await queries()).length >= activationRequests, { timeoutMs: 150_000, what: 'the activation poll' });
		await pause(3_000);
		const first = await publish();
		await waitFor(async () => (await firings()).includes(first), { timeoutMs: 150_000, what: 'the first publication to fire' });
		await api('DELETE', `/publications/${seededIds[1_000]}`);
		const second = await publish();
		const fallbackRequests = 2 + (await wholeRead());
		await waitFor(async () => (await firings()).includes(second), { timeoutMs: 150_000, what: 'the second publication to fire' });
		const pollsSoFar = (await polls()).length;
		await waitFor(async () => (await polls()).length > pollsSoFar, { timeoutMs: 150_000, what: 'one more poll' });
		await pause(5_000);

		expect(await firings()).toEqual([first, second]);
		const executions = await n8n.executions();
		expect(executions.map((execution) => `${execution.mode} ${execution.status}`)).toEqual(['trigger success', 'trigger success']);

		const [activation, ...scheduled] = await polls();
		expect(activation).toHaveLength(activationRequests);
		expect(body(activation[0])).toEqual({ limit: 100, offset: 0 });
		// The poll after the deletion read the end, found its records moved, then the whole list; every other poll
		// read the end only.
		const sizes = scheduled.map((requests) => requests.length);
		expect(sizes.filter((size) => size > 2)).toEqual([fallbackRequests]);
		expect(sizes.at(-1)).toBe(2);
		expect(sizes.length).toBeGreaterThanOrEqual(3);
	});
});
