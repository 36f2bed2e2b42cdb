/**
 * The Thinkeo tools served to MCP clients by n8n's MCP Server Trigger, in a real n8n 2.41.1: the example workflow
 * (examples/mcp-server.json) published, and the official MCP SDK client over Streamable HTTP and SSE listing its
 * tools and calling each one, with bad arguments, a Thinkeo error and refused secrets; no secret in any answer.
 * It also measures the size of the answers with and without Simplify (docs/ai-agents.md quotes the figures).
 */
import { randomUUID } from 'crypto';

import example from '../../examples/mcp-server.json';
import type { Sandbox } from '../support/e2e';
import { e2eFixture } from '../support/e2e';
import { connectMcp, mcpExampleCredentials } from '../support/mcp';
import type { N8n } from '../support/n8n';
import { report } from '../support/report';
import { waitFor } from '../support/wait';
import type { Json, SeedAccount, SeedApp } from '../support/types';

jest.setTimeout(300_000);

const WORKFLOW_ID = 'thinkeoMcpServer';
const FULL_WORKFLOW_ID = 'thinkeoMcpFull01';
// Made at run time: any value works, and none is written in the source.
const MCP_AUTH_VALUE: string = randomUUID();
const DOCUMENTS_APP_ID = '0192f0a3-2222-7c00-8d00-0000000000a4';

let sandbox: Sandbox;
let n8n: N8n;
let app: SeedApp;
let demo: SeedAccount;
let token: string;
/** Every text an MCP client received, to look for secrets in. */
const received: string[] = [];

type Client = Awaited<ReturnType<typeof connectMcp>>;
interface ToolResult {
	content: Array<{ type: string; text?: string }>;
	isError?: boolean;
}

/** The example with Simplify off and its own path: the same tools, answering in full, to compare sizes. */
function fullAnswers() {
	const nodes = example.nodes.map((node) => {
		if (node.type === '@n8n/n8n-nodes-langchain.mcpTrigger') {
			return { ...node, id: `${node.id}-full`, webhookId: 'c3a0e1de-0023-4000-8000-0000000000fe', parameters: { ...node.parameters, path: 'thinkeo-full' } };
		}
		return { ...node, id: `${node.id}-full`, parameters: { ...node.parameters, simplify: false } };
	});
	return { ...example, id: FULL_WORKFLOW_ID, name: 'Thinkeo MCP, full answers', nodes, active: false };
}

const mcpUrl = (path = 'thinkeo') => `${n8n.url}/mcp/${path}`;
const connect = (transport: 'http' | 'sse' = 'http', path = 'thinkeo', secret = MCP_AUTH_VALUE) =>
	connectMcp({ url: mcpUrl(path), headers: secret === '' ? {} : { Authorization: `Bearer ${secret}` }, transport });

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<{ result: ToolResult; text: string }> {
	const result = (await client.callTool({ name, arguments: args })) as ToolResult;
	const text = result.content.map((part) => part.text ?? '').join('');
	received.push(JSON.stringify(result));
	return { result, text };
}

/** The JSON items a tool's text holds (n8n puts the output items in one text part). */
function itemsOf(text: string): Json[] {
	const parsed = JSON.parse(text) as Json | Json[];
	return Array.isArray(parsed) ? parsed : [parsed];
}

const e2e = e2eFixture();

beforeAll(async () => {
	({ sandbox, demoApp: app, demo, token, n8n } = await e2e.start(
		(setup) => mcpExampleCredentials(setup.sandbox.apiUrl, setup.token, MCP_AUTH_VALUE),
		'e2e-mcp',
	));
	await n8n.importWorkflows([{ ...example, id: WORKFLOW_ID, active: false }, fullAnswers()]);
	await n8n.publishWorkflows([WORKFLOW_ID, FULL_WORKFLOW_ID]);
	await n8n.start();
	// n8n answers its readiness probe before it has activated the published workflows: wait for both MCP webhooks.
	await waitFor(async () => ((await n8n.queryDatabase('SELECT webhookPath FROM webhook_entity')) as unknown[]).length >= 4, {
		timeoutMs: 120_000,
		intervalMs: 1_000,
		what: 'n8n to register the MCP Server Triggers',
	});
}, 400_000);

const TOOLS = ['Generate_Publication', 'Get_Publication', 'List_App_Attributes', 'List_Apps', 'List_Publication_Files'];

describe.each(['http', 'sse'] as const)('an MCP client over %s', (transport) => {
	let client: Client;

	beforeAll(async () => {
		client = await connect(transport);
	});

	afterAll(async () => {
		await client?.close();
	});

	it('lists the five Thinkeo tools with their $fromAI keys as input schema', async () => {
		const { tools } = (await client.listTools()) as { tools: Array<{ name: string; description: string; inputSchema: { properties?: Json } }> };
		received.push(JSON.stringify(tools));
		expect(tools.map((tool) => tool.name).sort()).toEqual(TOOLS);
		const schema = (name: string) => Object.keys(tools.find((tool) => tool.name === name)!.inputSchema.properties ?? {}).sort();
		expect(schema('List_Apps')).toEqual([]);
		expect(schema('List_App_Attributes')).toEqual(['appId']);
		expect(schema('Generate_Publication')).toEqual(['appId', 'attributes']);
		expect(schema('Get_Publication')).toEqual(['publicationId']);
		expect(schema('List_Publication_Files')).toEqual(['publicationId']);
		expect(tools.find((tool) => tool.name === 'Generate_Publication')!.description).toMatch(/several minutes/);
	});

	it('calls each tool: list the Apps and an App’s attributes, generate, get and list the files', async () => {
		const apps = itemsOf((await call(client, 'List_Apps', {})).text);
		expect(apps.map((entry) => entry.name)).toEqual(['Demo Report', 'Demo Onboarding', 'Demo Documents']);
		expect(Object.keys(apps[0]).sort()).toEqual(['archived', 'id', 'latestVersion', 'name']);

		const { text: attributesText } = await call(client, 'List_App_Attributes', { appId: DOCUMENTS_APP_ID });
		expect(attributesText).toContain(app.attributes.title.id);

		await sandbox.clearRequests();
		const generated = await call(client, 'Generate_Publication', { appId: DOCUMENTS_APP_ID, attributes: { [app.attributes.title.id]: `Chart over ${transport}` } });
		expect(generated.result.isError).toBeFalsy();
		const [publication] = itemsOf(generated.text);
		expect(publication.text).toBe(`Chart over ${transport}`);
		const files = publication.files as Array<{ name: string; type: string; url: string }>;
		expect(files.map((file) => file.name)).toEqual(['report.docx', 'chart.png']);
		const posts = await sandbox.requests({ method: 'POST', path: '/publications' });
		expect(posts).toHaveLength(1);
		expect(JSON.parse(posts[0].bodyText ?? 'null')).toEqual({ attributes: { [app.attributes.title.id]: [`Chart over ${transport}`] } });

		const got = itemsOf((await call(client, 'Get_Publication', { publicationId: publication.publicationId })).text);
		expect(got).toEqual([publication]);
		const listed = itemsOf((await call(client, 'List_Publication_Files', { publicationId: publication.publicationId })).text);
		expect(listed.map((file) => [file.name, file.url])).toEqual(files.map((file) => [file.name, file.url]));
	});

	it('answers bad arguments and a Thinkeo error with an error the model can read', async () => {
		const badId = await call(client, 'Get_Publication', { publicationId: 'not an id' });
		expect(badId.text).toMatch(/Publication/);
		expect(badId.text).toMatch(/not an id|ID|UUID/i);
		const missing = await call(client, 'Get_Publication', { publicationId: '0192f0a9-9999-7000-8000-000000000000' });
		expect(missing.text).toMatch(/404|not found/i);
		const wrongAttribute = await call(client, 'Generate_Publication', { appId: DOCUMENTS_APP_ID, attributes: 'not JSON' });
		expect(wrongAttribute.text).toMatch(/attribute|JSON/i);
	});
});

describe('the MCP server’s secret', () => {
	it.each([
		['a wrong secret', 'wrong-secret'],
		['no secret', ''],
	])('refuses %s', async (_case, secret) => {
		await expect(connect('http', 'thinkeo', secret)).rejects.toThrow(/401|403|Unauthorized|Authorization/i);
	});

	it('and no Thinkeo secret appears in any answer a client received', () => {
		const everything = received.join('\n');
		expect(everything.length).toBeGreaterThan(1000);
		for (const secret of [MCP_AUTH_VALUE, token, demo.password, 'Bearer ']) expect(everything).not.toContain(secret);
	});
});

describe('answer sizes through MCP, with and without Simplify', () => {
	it('measures the demo Apps’ publications and lists', async () => {
		const simple = await connect();
		const full = await connect('http', 'thinkeo-full');
		const sizes: Record<string, [number, number]> = {};
		const measure = async (label: string, name: string, args: Record<string, unknown>) => {
			const [a, b] = [await call(simple, name, args), await call(full, name, args)];
			sizes[label] = [Buffer.byteLength(a.text), Buffer.byteLength(b.text)];
			return [itemsOf(a.text), itemsOf(b.text)];
		};
		const reportValues = { [app.attributes.title.id]: 'Supplier costs 2026', [app.attributes.topics.id]: ['Energy prices', 'Logistics'] };
		await measure('Publication → Create, Demo Report', 'Generate_Publication', { appId: app.id, attributes: reportValues });
		const [[documents]] = await measure('Publication → Create, Demo Documents', 'Generate_Publication', { appId: DOCUMENTS_APP_ID, attributes: { [app.attributes.title.id]: 'Chart' } });
		await measure('Publication → Get, Demo Documents', 'Get_Publication', { publicationId: documents.publicationId });
		await measure('App → Get Many', 'List_Apps', {});
		await measure('Publication → Get Attachments, Demo Documents', 'List_Publication_Files', { publicationId: documents.publicationId });
		await simple.close();
		await full.close();
		report(`MCP answer sizes in bytes [Simplify, full]: ${JSON.stringify(sizes)}`);
		// Get is the exception: without Simplify it leaves the document out (Get Data has it), with Simplify it brings it.
		for (const [label, [simplified, whole]] of Object.entries(sizes)) {
			if (!label.startsWith('Publication → Get,')) expect({ label, smaller: simplified < whole }).toEqual({ label, smaller: true });
		}
	});
});
