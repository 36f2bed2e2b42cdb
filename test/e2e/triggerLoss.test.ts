/**
 * Issue 19 in a real n8n (`n8n start`, every trigger polling every minute on n8n's own schedule): a publication and
 * a team log entry dated 3 hours ahead fire, and so does every normal one after them; one 500 on the attachment
 * listing of one publication (Output Files) fails that poll, and the next one fires every publication of it; a
 * listing that keeps failing fires its publication with the error at the third poll, which relies on n8n keeping the
 * trigger's static data from one poll to the next when a poll fails.
 */
import { NEXT_POLL_HINT } from '../../nodes/Thinkeo/trigger/pollError';
import type { Sandbox } from '../support/e2e';
import { apiTokenCredential, callApi, createApiToken, e2eFixture } from '../support/e2e';
import type { N8n } from '../support/n8n';
import type { Json, SeedApp } from '../support/types';
import { slowTestsSkipped } from '../support/slow';
import { pause, waitFor } from '../support/wait';
import { byId, thinkeo, thinkeoTrigger, triggered } from '../support/workflows';

jest.setTimeout(900_000);

const describeSlow = slowTestsSkipped ? describe.skip : describe;
const CREDENTIAL = { id: 'thinkeoTrigLoss1', name: 'Thinkeo trigger loss' };
const WORKFLOW = 'wfTriggerLoss001';
const HOUR = 60 * 60 * 1000;
/** A log entry's numeric ID, long enough not to be found by chance in what n8n stores. */
const NUMERIC_ENTRY_ID = 8_675_309_123;

let sandbox: Sandbox;
let demoApp: SeedApp;
let apiToken: string;
let n8n: N8n | undefined;

const iso = (time: number) => new Date(time).toISOString();
const inHours = (hours: number) => iso(new Date().getTime() + hours * HOUR);

async function publish(): Promise<string> {
	const { status, json } = await callApi(sandbox, `Bearer ${apiToken}`, 'POST', `/publications?app=${demoApp.id}&version=latest`, {
		attributes: {},
	});
	if (status >= 400) throw new Error(`POST /publications: HTTP ${status}`);
	return String((json as Json).publicationId);
}

/** Adds Demo Team publications dated `createdAt`; resolves their IDs. */
const addPublications = async (count: number, createdAt: string) => (await sandbox.addPublications({ count, createdAt })).ids;
const addLogEntry = async (entry: Json = {}) => (await sandbox.admin('POST', 'logs', entry)) as Json;

/** The seeded-style ID `n` places after `publicationId` (POST /_sandbox/publications numbers them in turn). */
const seededAfter = (publicationId: string, n: number) =>
	publicationId.replace(/\d{12}$/, (serial) => String(Number(serial) + n).padStart(12, '0'));

/** The publications the chain fetched after the trigger fired them, one entry per request. */
const firings = async () =>
	(await sandbox.requests({ method: 'GET' })).flatMap((request) => {
		const match = /^\/publications\/([0-9a-f-]{36})$/.exec(request.path);
		return match ? [match[1]] : [];
	});

/** How many stored executions mention `text` (a log entry fires in the execution its trigger starts). */
const executionsWith = async (pattern: RegExp) => (await n8n!.storedExecutions()).filter((execution) => pattern.test(execution.data));
const entryPattern = (entryId: unknown) => new RegExp(`(^|[^0-9a-f-])${String(entryId)}([^0-9a-f-]|$)`);

// About 8 minutes of n8n's one-minute polls: a slow test (test/support/slow.js), run beside the others in CI.
describeSlow('the trigger in a real n8n after records dated ahead and a failed listing', () => {
	const e2e = e2eFixture();

	beforeAll(async () => {
		let demo;
		({ sandbox, demo, demoApp } = await e2e.startSandbox());
		apiToken = await createApiToken(sandbox, demo, 'trigger-loss');
	});

	it('fires every publication and log entry after ones dated ahead, and loses none to a failed attachment listing', async () => {
		n8n = await e2e.startN8n([apiTokenCredential(CREDENTIAL, sandbox.apiUrl, apiToken)]);
		await n8n.importWorkflows([
			triggered(
				WORKFLOW,
				'Trigger loss',
				[
					thinkeoTrigger('New Publication', CREDENTIAL, { event: 'newPublication', outputFiles: 'all' }),
					thinkeo('Get Publication', CREDENTIAL, { resource: 'publication', operation: 'get', publicationId: byId('={{ $json.id }}') }),
				],
				[thinkeoTrigger('New Log Entry', CREDENTIAL, { event: 'newLogEntry' })],
			),
		]);
		await n8n.publishWorkflows([WORKFLOW]);
		await sandbox.clearRequests();
		await n8n.start();

		// Activation polls each trigger once and fires none of the history.
		await waitFor(
			async () =>
				(await sandbox.requests({ method: 'POST', path: '/publications/query' })).length > 0 &&
				(await sandbox.requests({ method: 'GET', path: '/teams/logs' })).length > 0,
			{ timeoutMs: 150_000, what: 'the activation polls' },
		);
		await pause(3_000);

		// 1. A publication and a log entry dated 3 hours ahead (a server clock, an import) fire.
		const [ahead] = await addPublications(1, inHours(3));
		const aheadEntry = await addLogEntry({ createdAt: inHours(3) });
		await waitFor(async () => (await firings()).includes(ahead) && (await executionsWith(entryPattern(aheadEntry.id))).length > 0, {
			timeoutMs: 150_000,
			what: 'the records dated ahead to fire',
		});

		// 2. Normal ones after them fire too (the former code dropped them for 2 hours), though the attachment listing of
		// the second of these publications answers 500 once: that poll fails, and the next one fires all three.
		const [first, second] = [seededAfter(ahead, 1), seededAfter(ahead, 2)];
		await sandbox.fault({ status: 500, method: 'GET', path: `/publications/${second}/attachments` });
		expect(await addPublications(2, iso(new Date().getTime()))).toEqual([first, second]);
		const generated = await publish();
		const entries = [await addLogEntry({ action: 'group.create' }), await addLogEntry({ id: NUMERIC_ENTRY_ID })];
		const normal = [first, second, generated];
		await waitFor(
			async () => {
				const fired = await firings();
				const entriesFired = await Promise.all(entries.map(async (entry) => (await executionsWith(entryPattern(entry.id))).length));
				return normal.every((publication) => fired.includes(publication)) && entriesFired.every((count) => count > 0);
			},
			{ timeoutMs: 200_000, what: 'the normal records to fire' },
		);

		// 3. A listing that keeps failing: two failed polls, then the publication fires with the error.
		const [stuck] = [seededAfter(ahead, 3)];
		await sandbox.fault({ status: 503, method: 'GET', path: `/publications/${stuck}/attachments`, count: 3 });
		expect(await addPublications(1, iso(new Date().getTime()))).toEqual([stuck]);
		await waitFor(async () => (await firings()).includes(stuck), { timeoutMs: 300_000, what: 'the publication whose files keep failing' });
		await pause(65_000);

		// Each publication once, each log entry once.
		expect((await firings()).sort()).toEqual([ahead, ...normal, stuck].sort());
		for (const entry of [aheadEntry, ...entries]) expect(await executionsWith(entryPattern(entry.id))).toHaveLength(1);
		const listings = await sandbox.requests({ method: 'GET', path: `/publications/${second}/attachments` });
		expect(listings.map((request) => request.status)).toEqual([500, 200]);
		expect(
			(await sandbox.requests({ method: 'GET', path: `/publications/${stuck}/attachments` })).map((request) => request.status),
		).toEqual([503, 503, 503]);

		// The failed polls are recorded as failed trigger executions whose error says the next poll tries again; the
		// third attempt fired the publication with the listing's error.
		const stored = await n8n.storedExecutions();
		const failed = stored.filter((execution) => execution.status === 'error');
		expect(failed).toHaveLength(3);
		for (const execution of failed) {
			expect(execution.data).toContain(NEXT_POLL_HINT);
			expect(execution.data).not.toMatch(/Retry On Fail/i);
		}
		const [withError] = await executionsWith(new RegExp(`The files of publication ${stuck} could not be listed`));
		expect(withError.status).toBe('success');
		expect(stored.filter((execution) => execution.status !== 'error').every((execution) => execution.status === 'success')).toBe(true);
	});
});
