/**
 * Spec conformance: every operation of the node is run for real (n8n-core's RoutingNode, in-process) against a
 * freshly seeded sandbox, and each HTTP request it sends is checked against the Thinkeo API reference. The inverse
 * is checked too: every operation of the reference is reached by at least one node operation.
 */
import { createHash } from 'crypto';

import { Thinkeo } from '../../nodes/Thinkeo/Thinkeo.node';
import { runThinkeoNode } from '../support/inprocess';
import { everyOperation } from '../support/description';
import { report } from '../support/report';
import type { Sandbox } from '../support/e2e';
import { createApiToken, startSeededSandbox } from '../support/e2e';
import { matchOperation, requestProblems, specOperations } from '../support/spec';
import type { SeedAccount } from '../support/types';
import { loadFixtures } from './fixtures';

interface Fixture {
	parameters: Record<string, unknown>;
	binary?: Record<string, { bytes: Buffer; fileName: string; mimeType: string }>;
}

jest.setTimeout(120_000);

const nodeOperations = everyOperation(new Thinkeo().description.properties).map(
	([resource, operation]) => [resource, String(operation.value)] as const,
);

const spec = specOperations();
const fixtures = loadFixtures() as Record<string, Record<string, (seed: unknown) => Fixture>>;
const reached = new Set<string>();

let sandbox: Sandbox;
let demo: SeedAccount;

/** Puts the sandbox back to its seed and returns a fresh API token of the demo account. */
async function freshSandbox(): Promise<{ token: string; seed: unknown }> {
	await sandbox.reset();
	const token = await createApiToken(sandbox, demo, 'conformance');
	const seed = await sandbox.seed();
	await sandbox.clearRequests();
	return { token, seed };
}

beforeAll(async () => {
	({ sandbox, demo } = await startSeededSandbox());
});

afterAll(async () => {
	await sandbox?.stop();
});

describe('every node operation sends requests the reference describes', () => {
	it.each(nodeOperations)('%s %s', async (resource, operation) => {
		const makeFixture = fixtures[resource]?.[operation];
		if (!makeFixture) throw new Error(`No conformance fixture for ${resource} ${operation} in test/conformance/fixtures/${resource}.js`);
		const { token, seed } = await freshSandbox();
		const fixture = makeFixture(seed);

		const { items, error } = await runThinkeoNode({
			baseUrl: sandbox.apiUrl,
			apiToken: token,
			parameters: { resource, operation, ...fixture.parameters },
			binary: fixture.binary,
		});
		expect(error?.message).toBeUndefined();
		expect(items.length).toBeGreaterThan(0);

		const requests = await sandbox.requests();
		expect(requests.length).toBeGreaterThan(0);
		for (const request of requests) {
			const matches = matchOperation(spec, request.method, request.path);
			expect(matches.map((op: { key: string }) => op.key)).toHaveLength(1);
			expect(requestProblems(matches[0], request)).toEqual([]);
			expect(request.status).toBeLessThan(400);
			reached.add(matches[0].key);
		}
		for (const input of Object.values(fixture.binary ?? {})) {
			const sha1 = createHash('sha1').update(input.bytes).digest('hex');
			expect(requests.map((request) => request.bodySha1)).toContain(sha1);
		}
	});
});

describe('coverage of the reference', () => {
	it('reaches every operation of the reference', () => {
		const missing = spec.map((op: { key: string }) => op.key).filter((key: string) => !reached.has(key));
		report(`covered ${spec.length - missing.length}/${spec.length} spec operations`);
		expect(missing).toEqual([]);
	});
});
