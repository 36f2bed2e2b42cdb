/**
 * Paging that always ends, against a Thinkeo that does not page as the node infers (sandbox paging faults): one
 * that ignores limit and offset (always the same 150 records) and one that caps its pages at 50. Return All and
 * Limit in a real n8n; the trigger's New Publication poll in n8n-core's PollContext. Then the trigger's look-back:
 * a publication listed after a newer one already fired still fires, once.
 */
import type { Sandbox } from '../support/e2e';
import { apiTokenCredential, callApi, e2eFixture } from '../support/e2e';
import { pollThinkeoTrigger } from '../support/inprocess';
import type { N8n } from '../support/n8n';
import type { Json, LoggedRequest, SeedApp } from '../support/types';
import { chain, thinkeo } from '../support/workflows';

jest.setTimeout(300_000);

const CREDENTIAL = { id: 'thinkeoPaging001', name: 'Thinkeo paging' };
/** The static data of a trigger that has seen nothing yet (activated on an empty list): everything listed fires. */
const SEEN_NOTHING = { publicationCursor: { seen: {} } };

let sandbox: Sandbox;
let n8n: N8n;
let demoApp: SeedApp;
let apiToken: string;

const body = (request: LoggedRequest) => JSON.parse(request.bodyText ?? 'null') as Json;
const idsOf = (items: Array<{ json: Json }>) => items.map((item) => String(item.json.id));
const queries = async () => await sandbox.requests({ method: 'POST', path: '/publications/query' });

const api = async (method: string, path: string, payload?: unknown) => {
	const { status, json } = await callApi(sandbox, `Bearer ${apiToken}`, method, path, payload);
	if (status >= 400) throw new Error(`${method} ${path}: HTTP ${status} ${JSON.stringify(json)}`);
	return json;
};

/** The IDs of every publication of the team, oldest first, read in one request without any paging fault. */
const everyPublication = async () => ((await api('POST', '/publications/query', {})) as Json[]).map((publication) => String(publication.id));

/** The offsets a reader that advances by what it got asks for, with `cap` records a page, over `total` records. */
const cappedOffsets = (total: number, cap: number) => [...Array.from({ length: Math.ceil(total / cap) }, (_, page) => page * cap), total];

const poll = async (staticData?: Record<string, unknown>) =>
	await pollThinkeoTrigger({ baseUrl: sandbox.apiUrl, apiToken, parameters: { event: 'newPublication' }, staticData });

const e2e = e2eFixture();

beforeAll(async () => {
	({ sandbox, demoApp, token: apiToken, n8n } = await e2e.start((setup) => [apiTokenCredential(CREDENTIAL, setup.sandbox.apiUrl, setup.token)], 'paging-tests'));
	const getMany = (parameters: Record<string, unknown>) =>
		thinkeo('Publications', CREDENTIAL, { resource: 'publication', operation: 'getMany', filtersJson: '{}', ...parameters });
	await n8n.importWorkflows([
		chain('wfPagingAll00001', 'Every publication', [getMany({ returnAll: true })]),
		chain('wfPagingLimit001', 'Ten publications', [getMany({ returnAll: false, limit: 10 })]),
	]);
}, 300_000);

afterEach(async () => {
	await sandbox.pagingFault({});
});

describe('Return All in n8n', () => {
	it('against an API that ignores limit and offset: the 150 records once each, in 2 requests, within 5 s', async () => {
		const expected = (await everyPublication()).slice(0, 150);
		await sandbox.pagingFault({ ignore: 150 });
		await sandbox.clearRequests();
		const run = await n8n.execute('wfPagingAll00001');
		expect(run.code).toBe(0);
		expect(idsOf(run.output('Publications'))).toEqual(expected);
		expect((await queries()).map(body)).toEqual([
			{ limit: 100, offset: 0 },
			{ limit: 100, offset: 150 },
		]);
		expect(run.runData.Publications[0].executionTime).toBeLessThan(5_000);
	});

	it('against an API that caps its pages at 50: every record once', async () => {
		const expected = await everyPublication();
		await sandbox.pagingFault({ cap: 50 });
		await sandbox.clearRequests();
		const run = await n8n.execute('wfPagingAll00001');
		expect(run.code).toBe(0);
		expect(idsOf(run.output('Publications'))).toEqual(expected);
		const pages = await queries();
		expect(pages.map((page) => body(page).offset)).toEqual(cappedOffsets(expected.length, 50));
		expect(pages.every((page) => body(page).limit === 100)).toBe(true);
	});

	it('with Return All off, the Limit holds even when the API ignores it', async () => {
		const expected = (await everyPublication()).slice(0, 10);
		await sandbox.pagingFault({ ignore: 150 });
		await sandbox.clearRequests();
		const run = await n8n.execute('wfPagingLimit001');
		expect(run.code).toBe(0);
		expect(idsOf(run.output('Publications'))).toEqual(expected);
		expect((await queries()).map(body)).toEqual([{ limit: 10 }]);
	});
});

describe("the trigger's New Publication poll (n8n-core PollContext)", () => {
	it('against an API that ignores limit and offset: the 150 records fire once each, in 2 requests, within 5 s', async () => {
		const expected = (await everyPublication()).slice(0, 150);
		await sandbox.pagingFault({ ignore: 150 });
		await sandbox.clearRequests();
		const started = Date.now();
		const { items, staticData } = await poll(SEEN_NOTHING);
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(idsOf(items)).toEqual(expected);
		expect((await queries()).map(body)).toEqual([
			{ limit: 100, offset: 0 },
			{ limit: 100, offset: 150 },
		]);
		expect((await poll(staticData)).items).toEqual([]);
	});

	it('against an API that caps its pages at 50: every record fires once', async () => {
		const expected = await everyPublication();
		await sandbox.pagingFault({ cap: 50 });
		await sandbox.clearRequests();
		const { items, staticData } = await poll(SEEN_NOTHING);
		expect(idsOf(items)).toEqual(expected);
		expect((await queries()).map((page) => body(page).offset)).toEqual(cappedOffsets(expected.length, 50));
		expect((await poll(staticData)).items).toEqual([]);
	});
});

describe("the trigger's look-back window", () => {
	it('fires a publication listed late, created before one that already fired, exactly once', async () => {
		const first = await poll();
		expect(first.items).toEqual([]);

		// Poll 2 sees Q; then L appears, dated 20 s before Q (a long generation that finished after a faster one).
		const created = (await api('POST', `/publications?app=${demoApp.id}&version=latest`, { attributes: {} })) as Json;
		const q = String(created.publicationId);
		const second = await poll(first.staticData);
		expect(idsOf(second.items)).toEqual([q]);

		const { createdAt } = (await api('GET', `/publications/${q}`)) as Json;
		const lateCreatedAt = new Date(Date.parse(String(createdAt)) - 20_000).toISOString();
		const { ids: lateIds } = await sandbox.addPublications({ count: 1, createdAt: lateCreatedAt });
		const third = await poll(second.staticData);
		expect(idsOf(third.items)).toEqual(lateIds);
		expect(third.items[0].json.createdAt).toBe(lateCreatedAt);

		expect((await poll(third.staticData)).items).toEqual([]);
	});
});
