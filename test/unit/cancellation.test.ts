/**
 * A cancelled execution (n8n's Stop button) sends nothing more: items still waiting for their turn at Thinkeo's rate
 * must not go out afterwards, e.g. 300 Publication → Create would otherwise go on creating publications. n8n puts the
 * execution's cancel signal on every request made through its helpers, the node's included; this test keeps it so.
 * Run in-process (n8n-core's WorkflowExecute, the node wrapped as n8n wraps a declarative node, cancelled as the Stop
 * button does) against the sandbox's request log.
 */
import { sleep } from 'n8n-workflow';

import { runThinkeoNode } from '../support/inprocess';
import type { Sandbox } from '../support/e2e';
import { sandboxWithToken } from '../support/e2e';
import type { SeedApp } from '../support/types';
import { createPublication } from '../support/workflows';

jest.setTimeout(60_000);

let sandbox: Sandbox;
let app: SeedApp;
let token: string;

beforeAll(async () => {
	({ sandbox, app, token } = await sandboxWithToken('cancellation'));
});

afterAll(async () => {
	await sandbox?.rateLimit({});
	await sandbox?.stop();
});

it('sends no request after the execution is cancelled, while items wait for their turn at the rate limit', async () => {
	await sandbox.rateLimit({ perSecond: 5 });
	await sandbox.clearRequests();
	const items = Array.from({ length: 40 }, (_, i) => ({ json: { i } }));
	const started = Date.now();
	const cancelAfterMs = 1500;
	await runThinkeoNode({
		baseUrl: sandbox.apiUrl,
		apiToken: token,
		parameters: createPublication(app.id, JSON.stringify({ [app.attributes.title.id]: ['Cancelled'] })),
		items,
		executionId: 'cancelled',
		cancelAfterMs,
	});
	// The waits the gate had planned run out (40 items at 5 per second: 8 s); nothing may be sent meanwhile.
	await sleep(Math.max(0, started + 10_000 - Date.now()));
	const creates = (await sandbox.requests({ method: 'POST', path: '/publications' })) as Array<{ startedAt: string }>;
	const afterCancel = creates.filter((request) => Date.parse(request.startedAt) > started + cancelAfterMs + 200);
	expect(creates.length).toBeGreaterThan(0);
	expect(creates.length).toBeLessThan(items.length);
	expect(afterCancel).toEqual([]);
});
