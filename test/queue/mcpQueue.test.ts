/**
 * The MCP example (examples/mcp-server.json) in queue mode: n8n 2.41.1's main process takes the MCP session, a worker
 * runs the tools (n8n's QueuedExecutionStrategy, with its fixed 120-second wait for the worker). The official SDK
 * client lists the tools and calls them; what n8n returns is pinned here, so that a change in n8n shows.
 * docs/ai-agents.md names the n8n version and issue.
 */
import { randomUUID } from 'crypto';

import example from '../../examples/mcp-server.json';
import type { Sandbox } from '../support/e2e';
import { createApiToken, startSeededSandbox } from '../support/e2e';
import { connectMcp, mcpExampleCredentials } from '../support/mcp';
import { QueueCluster } from '../support/queue';
import { report } from '../support/report';
import type { SeedApp } from '../support/types';
import { waitFor } from '../support/wait';

jest.setTimeout(900_000);

const WORKFLOW_ID = 'thinkeoMcpQueue1';
// Made at run time: any value works, and none is written in the source.
const MCP_AUTH_VALUE: string = randomUUID();

let sandbox: Sandbox;
let app: SeedApp;
let cluster: QueueCluster;

beforeAll(async () => {
	const setup = await startSeededSandbox();
	({ sandbox, demoApp: app } = setup);
	const token = await createApiToken(sandbox, setup.demo, 'queue-mcp');
	cluster = await QueueCluster.start({
		workers: 1,
		credentials: mcpExampleCredentials(sandbox.apiUrl, token, MCP_AUTH_VALUE),
		workflows: [{ ...example, id: WORKFLOW_ID, active: false }],
		publish: [WORKFLOW_ID],
	});
	await waitFor(async () => (await cluster.registeredWebhooks()) >= 2, {
		timeoutMs: 120_000,
		what: 'n8n to register the MCP Server Trigger',
	});
}, 900_000);

afterAll(async () => {
	await cluster?.stop();
	await sandbox?.stop();
});

describe('an MCP client of n8n in queue mode (main + 1 worker)', () => {
	it('lists the tools, and a tool call comes back as n8n 2.41.1 answers it', async () => {
		const client = await connectMcp({ url: cluster.mcpUrl('thinkeo'), headers: { Authorization: `Bearer ${MCP_AUTH_VALUE}` } });
		const { tools } = (await client.listTools()) as { tools: Array<{ name: string }> };
		expect(tools.map((tool) => tool.name).sort()).toEqual([
			'Generate_Publication',
			'Get_Publication',
			'List_App_Attributes',
			'List_Apps',
			'List_Publication_Files',
		]);
		const outcome = async (name: string, args: Record<string, unknown>) => {
			const started = Date.now();
			try {
				const result = (await client.callTool({ name, arguments: args }, undefined, { timeout: 300_000 })) as {
					content: Array<{ text?: string }>;
					isError?: boolean;
				};
				const text = result.content.map((part) => part.text ?? '').join('');
				return { ms: Date.now() - started, isError: Boolean(result.isError), text };
			} catch (error) {
				return { ms: Date.now() - started, thrown: String(error).slice(0, 300) };
			}
		};
		const apps = await outcome('List_Apps', {});
		const generated = await outcome('Generate_Publication', { appId: app.id, attributes: { [app.attributes.title.id]: 'Queue mode' } });
		report(`queue mode MCP: ${JSON.stringify({ apps, generated }).slice(0, 1500)}`);
		const posts = await sandbox.requests({ method: 'POST', path: '/publications' });
		report(`queue mode MCP: POST /publications seen by Thinkeo: ${posts.length}`);
		await client.close();
		expect(apps).toMatchObject({ isError: false });
		expect(JSON.parse(String(apps.text ?? '[]'))).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Demo Report' })]));
		expect(generated).toMatchObject({ isError: false });
		expect(posts).toHaveLength(1);
	});
});
