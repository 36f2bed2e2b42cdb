/**
 * The Thinkeo Trigger. First its poll, run in-process in n8n-core's PollContext against the sandbox, one poll at a
 * time with the static data n8n would store in between: every event, filters, manual test runs and errors. Then
 * inside a real n8n 2.41.1 (`n8n start`): published workflows polled on n8n's own schedule, with a restart.
 */
import type { Sandbox } from '../support/e2e';
import { callApi, createApiToken, e2eFixture, emailPasswordCredential } from '../support/e2e';
import { pollThinkeoTrigger } from '../support/inprocess';
import type { N8n } from '../support/n8n';
import type { Json, LoggedRequest, SeedAccount, SeedApp } from '../support/types';
import { pause, waitFor } from '../support/wait';
import { byId, thinkeo, thinkeoTrigger, triggered } from '../support/workflows';

jest.setTimeout(600_000);

let sandbox: Sandbox;
let demo: SeedAccount;
let demoApp: SeedApp;
let onboardingAppId: string;
let apiToken: string;
let n8n: N8n | undefined;

const NEWEST_SEEDED_PUBLICATION = '0192f0a5-4444-7e00-9f00-000000000230';
const PREVIOUS_SEEDED_PUBLICATION = '0192f0a5-4444-7e00-9f00-000000000229';
const SECOND_SEEDED_PUBLICATION = '0192f0a5-4444-7e00-9f00-000000000002';
const SEEDED_TAIL = Array.from({ length: 10 }, (_, n) => `0192f0a5-4444-7e00-9f00-${String(221 + n).padStart(12, '0')}`);
const body = (request: LoggedRequest) => JSON.parse(request.bodyText ?? 'null') as Json;
const ids = (items: Array<{ json: Json }>) => items.map((item) => item.json.id);

const api = async (method: string, path: string, payload?: unknown) => {
	const { status, json } = await callApi(sandbox, `Bearer ${apiToken}`, method, path, payload);
	if (status >= 400) throw new Error(`${method} ${path}: HTTP ${status} ${JSON.stringify(json)}`);
	return json as Json;
};

/** Generates a publication through the API, as a Thinkeo user would; resolves its ID. */
async function publish(appId: string, attributes: Record<string, string[]> = {}): Promise<string> {
	const created = await api('POST', `/publications?app=${appId}&version=latest`, { attributes });
	return String(created.publicationId);
}

async function uploadFile(filename: string): Promise<Json> {
	const response = await sandbox.api('POST', '/attachments', {
		headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'text/plain', filename },
		body: `Contents of ${filename}\n`,
	});
	return (await response.json()) as Json;
}

type PollOptions = { mode?: 'trigger' | 'manual'; staticData?: Record<string, unknown> };
const poll = (parameters: Record<string, unknown>, options: PollOptions = {}) =>
	pollThinkeoTrigger({ baseUrl: sandbox.apiUrl, apiToken, parameters, ...options });

const e2e = e2eFixture();

beforeAll(async () => {
	({ sandbox, demo, demoApp } = await e2e.startSandbox());
	apiToken = await createApiToken(sandbox, demo, 'trigger-tests');
	const [onboarding] = (await api('POST', '/apps/query', { name: 'Demo Onboarding' })) as unknown as Json[];
	onboardingAppId = String(onboarding.id);
});

describe('poll (in-process, n8n-core PollContext)', () => {
	it('fires no history on the first activation, then each new publication once, oldest first, also after a restart', async () => {
		await sandbox.clearRequests();
		const first = await poll({ event: 'newPublication' });
		expect(first.items).toEqual([]);
		// The publications of the hour before the newest one are kept as seen (the look-back window).
		expect(first.staticData).toEqual({
			publicationCursor: {
				floorAt: '2025-01-10T13:00:00.000Z',
				seen: {
					[NEWEST_SEEDED_PUBLICATION]: Date.parse('2025-01-10T14:00:00.000Z'),
					[PREVIOUS_SEEDED_PUBLICATION]: Date.parse('2025-01-10T13:00:00.000Z'),
				},
			},
			// Where the list ends: its last 10 publications, the first of them at position 220 (seeded 221 to 230).
			publicationTail: { offset: 220, keys: SEEDED_TAIL.map((seededId) => `id:${seededId}`), query: '' },
		});
		// The whole list, with the node's shared query paging, which ends on an empty page.
		const queries = await sandbox.requests({ method: 'POST', path: '/publications/query' });
		expect(queries.map(body)).toEqual([
			{ limit: 100, offset: 0 },
			{ limit: 100, offset: 100 },
			{ limit: 100, offset: 200 },
			{ limit: 100, offset: 230 },
		]);

		const created = [await publish(demoApp.id), await publish(demoApp.id), await publish(demoApp.id)];
		await sandbox.clearRequests();
		const second = await poll({ event: 'newPublication' }, { staticData: first.staticData });
		expect(ids(second.items)).toEqual(created);
		expect(second.items[0].json).toMatchObject({ appId: demoApp.id, createdAt: expect.any(String) });
		// Only the end of the list: from the last 10 publications seen, which are still in place.
		expect((await sandbox.requests({ method: 'POST', path: '/publications/query' })).map(body)).toEqual([
			{ limit: 100, offset: 220 },
			{ limit: 100, offset: 233 },
		]);

		// The static data went through JSON, as n8n stores it in its database across restarts.
		const third = await poll({ event: 'newPublication' }, { staticData: second.staticData });
		expect(third.items).toEqual([]);
		expect(third.staticData).toEqual(second.staticData);
	});

	it('fires only the publications of the chosen App, and asks Thinkeo for them only', async () => {
		const parameters = { event: 'newPublication', appId: byId(onboardingAppId) };
		await sandbox.clearRequests();
		const first = await poll(parameters);
		expect(first.items).toEqual([]);

		await publish(demoApp.id);
		const onboarding = await publish(onboardingAppId);
		await publish(demoApp.id);
		const second = await poll(parameters, { staticData: first.staticData });
		expect(ids(second.items)).toEqual([onboarding]);
		expect(second.items[0].json.appId).toBe(onboardingAppId);

		const queries = await sandbox.requests({ method: 'POST', path: '/publications/query' });
		// The first poll finds none (an empty page); the second finds one, then an empty page.
		expect(queries.map(body)).toEqual([
			{ appId: onboardingAppId, limit: 100, offset: 0 },
			{ appId: onboardingAppId, limit: 100, offset: 0 },
			{ appId: onboardingAppId, limit: 100, offset: 1 },
		]);
	});

	it('rejects an App that is not an ID before sending anything', async () => {
		await sandbox.clearRequests();
		await expect(poll({ event: 'newPublication', appId: byId('demo-report') })).rejects.toThrow(
			'App: "demo-report" is not a valid ID',
		);
		expect(await sandbox.requests()).toEqual([]);
	});

	it('shows the newest publication in a manual test run and keeps no state', async () => {
		const newest = await publish(demoApp.id, { [demoApp.attributes.title.id]: ['Manual example'] });
		await publish(onboardingAppId);
		const manual = await poll({ event: 'newPublication', appId: byId(demoApp.id) }, { mode: 'manual' });
		expect(ids(manual.items)).toEqual([newest]);
		expect(manual.items[0].json.attributes).toEqual({ [demoApp.attributes.title.id]: ['Manual example'] });
		expect(manual.staticData).toEqual({});
	});

	it('fires team log entries of the chosen types only, each once', async () => {
		const parameters = { event: 'newLogEntry', logTypes: 'group.*, member.remove' };
		const first = await poll(parameters);
		expect(first.items).toEqual([]);

		await api('POST', '/teams/groups', { name: 'Trigger watchers' });
		await api('POST', '/teams/users', { email: 'watcher@thinkeo.test', role: 'User' });
		const second = await poll(parameters, { staticData: first.staticData });
		expect(second.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ action: 'group.create', target: expect.objectContaining({ name: 'Trigger watchers' }) }),
		]);
		expect((await poll(parameters, { staticData: second.staticData })).items).toEqual([]);

		const manual = await poll({ event: 'newLogEntry', logTypes: 'member.invite' }, { mode: 'manual' });
		expect(manual.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ action: 'member.invite', target: expect.objectContaining({ name: 'watcher@thinkeo.test' }) }),
		]);
	});

	it('fires a file attached to a new publication of the App, once, watching the newest publications', async () => {
		const parameters = { event: 'newAttachment', watch: 'recent', appId: byId(demoApp.id), watchCount: 5 };
		const first = await poll(parameters);
		expect(first.items).toEqual([]);

		const file = await uploadFile('brief.txt');
		const publication = await publish(demoApp.id, { [demoApp.attributes.appendix.id]: [String(file.url)] });
		await sandbox.clearRequests();
		const second = await poll(parameters, { staticData: first.staticData });
		expect(second.items.map((item) => item.json)).toEqual([
			{ publicationId: publication, id: file.id, url: file.url, filename: 'brief.txt', sha1: file.sha1 },
		]);
		// One listing of the App's publications, then the attachments of the 5 newest.
		const attachmentRequests = (await sandbox.requests()).filter((request) => request.path.endsWith('/attachments'));
		expect(attachmentRequests).toHaveLength(5);
		expect(attachmentRequests[0].path).toBe(`/publications/${publication}/attachments`);

		expect((await poll(parameters, { staticData: second.staticData })).items).toEqual([]);
	});

	it('fires a file newly linked to one chosen publication, and shows it in a manual test run', async () => {
		const parameters = { event: 'newAttachment', watch: 'publication', publicationId: byId(SECOND_SEEDED_PUBLICATION) };
		const first = await poll(parameters);
		expect(first.items).toEqual([]);

		const file = await uploadFile('linked-later.txt');
		const current = await api('GET', `/publications/${SECOND_SEEDED_PUBLICATION}`);
		await api('PUT', `/publications/${SECOND_SEEDED_PUBLICATION}`, {
			attributes: { ...(current.attributes as Json), [demoApp.attributes.appendix.id]: [String(file.url)] },
		});
		const second = await poll(parameters, { staticData: first.staticData });
		expect(second.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ publicationId: SECOND_SEEDED_PUBLICATION, id: file.id, filename: 'linked-later.txt' }),
		]);
		expect((await poll(parameters, { staticData: second.staticData })).items).toEqual([]);

		const manual = await poll(parameters, { mode: 'manual' });
		expect(ids(manual.items)).toEqual([file.id]);
	});

	it('names the field or the failed listing when the chosen publication is missing or unknown', async () => {
		const parameters = { event: 'newAttachment', watch: 'publication' };
		await expect(poll({ ...parameters, publicationId: byId('') })).rejects.toThrow('Publication: no ID given');
		const unknown = '0192f0a5-4444-7e00-9f00-999999999999';
		await expect(poll({ ...parameters, publicationId: byId(unknown) })).rejects.toThrow(
			`Thinkeo rejected listing the attachments of publication ${unknown} (HTTP 404)`,
		);
	});

	it('says there is no example in a manual test run when nothing matches', async () => {
		await expect(poll({ event: 'newLogEntry', logTypes: 'no.such.type' }, { mode: 'manual' })).rejects.toThrow(
			'No team log entry of these types found, so there is no example to show',
		);
	});
});

describe('in a running n8n', () => {
	const CREDENTIAL = { id: 'thinkeoTrigger01', name: 'Thinkeo trigger' };
	const WORKFLOW = 'wfThinkeoTrigger';

	/**
	 * Two chains, one per App filter: new Demo Report publications → Publication Get (GET /publications/{id}), new
	 * Demo Onboarding publications → Publication Get Data (GET /publications/{id}/data). The sandbox log then shows
	 * which trigger fired which publication, and how often.
	 */
	const workflow = () =>
		triggered(
			WORKFLOW,
			'New publications',
			[
				thinkeoTrigger('Demo Report Trigger', CREDENTIAL, { event: 'newPublication', appId: byId(demoApp.id) }),
				thinkeo('Get Publication', CREDENTIAL, { resource: 'publication', operation: 'get', publicationId: byId('={{ $json.id }}') }),
			],
			[
				thinkeoTrigger('Onboarding Trigger', CREDENTIAL, { event: 'newPublication', appId: byId(onboardingAppId) }),
				thinkeo('Get Data', CREDENTIAL, { resource: 'publication', operation: 'getData', publicationId: byId('={{ $json.id }}') }),
			],
		);

	/** Whether each trigger has polled (a query page of its App) after log position `since`. */
	const bothPolledSince = async (since: number) => {
		const pages = (await sandbox.requests({ method: 'POST', path: '/publications/query' })).filter(
			(request) => request.seq > since,
		);
		return [demoApp.id, onboardingAppId].every((appId) => pages.some((request) => body(request).appId === appId));
	};
	const waitForPolls = (since: number, what: string) =>
		waitFor(() => bothPolledSince(since), { timeoutMs: 150_000, what });
	/** The publications each chain fetched: "get <id>" or "data <id>", one entry per request. */
	const firings = async () =>
		(await sandbox.requests({ method: 'GET' })).flatMap((request) => {
			const match = /^\/publications\/([0-9a-f-]{36})(\/data)?$/.exec(request.path);
			return match ? [`${match[2] ? 'data' : 'get'} ${match[1]}`] : [];
		});
	const lastSeq = async () => Math.max(0, ...(await sandbox.requests()).map((request) => request.seq));

	it('fires each new publication exactly once, only for the trigger of its App, also across a restart', async () => {
		n8n = await e2e.startN8n([emailPasswordCredential(CREDENTIAL, sandbox.apiUrl, demo, 'n8n-trigger')]);
		await n8n.importWorkflows([workflow()]);
		await n8n.publishWorkflows([WORKFLOW]);
		await sandbox.clearRequests();
		await n8n.start();

		// Activation polls each trigger once: it records where the list stands and fires none of the history.
		await waitForPolls(0, 'the activation polls');
		await pause(5_000);
		expect(await firings()).toEqual([]);
		expect(await n8n.executions()).toEqual([]);

		const demoPublications = [await publish(demoApp.id), await publish(demoApp.id), await publish(demoApp.id)];
		const onboardingPublication = await publish(onboardingAppId);
		const expected = [...demoPublications.map((publication) => `get ${publication}`), `data ${onboardingPublication}`];
		await waitFor(
			async () => {
				const fired = await firings();
				return expected.every((firing) => fired.includes(firing));
			},
			{ timeoutMs: 150_000, what: 'the scheduled polls to fire the new publications' },
		);
		await pause(5_000);
		// Each publication once, by the trigger of its App only (the other trigger's chain never fetched it).
		expect((await firings()).sort()).toEqual([...expected].sort());
		// What one poll finds arrives in one execution, one item per publication: 1 to 3 for Demo Report, 1 for Onboarding.
		const executions = await n8n.executions();
		expect(executions.length).toBeGreaterThanOrEqual(2);
		expect(executions.length).toBeLessThanOrEqual(4);
		expect(executions.every((execution) => execution.mode === 'trigger' && execution.status === 'success')).toBe(true);

		// A restart activates the triggers again, with the position n8n stored: nothing fires twice, and a publication
		// generated while n8n was down fires once (a trigger that forgot its position would miss it). The team token
		// is revoked meanwhile, so the first poll after the restart gets a 401 and renews it.
		await n8n.stop();
		const whileDown = await publish(demoApp.id);
		await sandbox.revokeTokens();
		const beforeRestart = await lastSeq();
		await n8n.start();
		await waitForPolls(beforeRestart, 'the polls after the restart');
		await waitFor(async () => (await firings()).includes(`get ${whileDown}`), {
			timeoutMs: 150_000,
			what: 'the publication generated while n8n was down to fire',
		});
		await pause(10_000);
		expect((await firings()).sort()).toEqual([...expected, `get ${whileDown}`].sort());
		const afterRestart = await n8n.executions();
		expect(afterRestart.slice(0, executions.length)).toEqual(executions);
		expect(afterRestart).toHaveLength(executions.length + 1);
		// One token exchange at the first poll, one renewal after the revocation; no failed execution.
		expect(await sandbox.requests({ method: 'POST', path: '/tokens' })).toHaveLength(2);
		// Rejected after the restart only: the poll itself, and the credential's check of that token on GET /teams
		// before it creates a new one.
		const rejected = (await sandbox.requests()).filter((request) => request.status === 401);
		expect(rejected.length).toBeGreaterThanOrEqual(1);
		expect(rejected.every((request) => request.seq > beforeRestart)).toBe(true);
		expect([...new Set(rejected.map((request) => `${request.method} ${request.path}`))].sort()).toEqual([
			'GET /teams',
			'POST /publications/query',
		]);
	});
});
