/**
 * A generation that takes minutes: Thinkeo's AI runs can. The sandbox answers POST /publications only after 6.5
 * minutes, longer than n8n's 5-minute limit for a declarative node's request, and Publication → Create, with its
 * default settings, still gets the document. Wall-clock, not CPU: set THINKEO_SKIP_SLOW_TESTS=1 to skip it in quick
 * runs (`npm test` runs it).
 */
import type { N8n } from '../support/n8n';
import type { Sandbox } from '../support/e2e';
import { apiTokenCredential, callApi, createApiToken, e2eFixture } from '../support/e2e';
import type { SeedApp } from '../support/types';
import { report } from '../support/report';
import { slowTestsSkipped } from '../support/slow';
import { chain, createPublication, thinkeo } from '../support/workflows';

const GENERATION_MS = 390_000;
jest.setTimeout(GENERATION_MS + 600_000);

const CREDENTIAL = { id: 'thinkeoLongGen001', name: 'Thinkeo long generation' };
const describeSlow = slowTestsSkipped ? describe.skip : describe;

let sandbox: Sandbox;
let n8n: N8n;
let app: SeedApp;
let bearer: string;

describeSlow('a generation that takes 6.5 minutes', () => {
	const e2e = e2eFixture();

	beforeAll(async () => {
		const setup = await e2e.startSandbox();
		({ sandbox, demoApp: app } = setup);
		const token = await createApiToken(sandbox, setup.demo, 'e2e-long-generation');
		bearer = `Bearer ${token}`;
		n8n = await e2e.startN8n([apiTokenCredential(CREDENTIAL, sandbox.apiUrl, token)]);
		await n8n.importWorkflows([
			chain('wfLongGeneration1', 'Long generation', [
				thinkeo('Generate', CREDENTIAL, createPublication(app.id, JSON.stringify({ [app.attributes.title.id]: ['A long report'] }))),
			]),
		]);
		await sandbox.clearRequests();
		await sandbox.slow({ method: 'POST', path: '/publications', ms: GENERATION_MS });
	});

	it('completes Publication → Create with the default settings', async () => {
		const started = Date.now();
		const run = await n8n.execute('wfLongGeneration1');
		const seconds = (Date.now() - started) / 1000;
		report(`long generation: Publication → Create answered after ${seconds.toFixed(0)} s`);

		expect(run.error).toBeUndefined();
		const [item] = run.output('Generate');
		expect(item.json.document.html).toContain('<h1>A long report</h1>');
		const requests = await sandbox.requests({ method: 'POST', path: '/publications' });
		expect(requests.map((request) => request.status)).toEqual([200]);
		expect(requests[0].durationMs).toBeGreaterThanOrEqual(GENERATION_MS);
		expect(seconds * 1000).toBeGreaterThanOrEqual(GENERATION_MS);
		const stored = await callApi(sandbox, bearer, 'GET', `/publications/${String(item.json.publicationId)}`);
		expect(stored.status).toBe(200);
	});
});
