/**
 * The Thinkeo node as a tool of an n8n AI Agent, inside a real n8n 2.41.1: a Tools Agent whose OpenAI Chat Model
 * talks to a scripted fake of the OpenAI API on 127.0.0.1 calls Publication → Create, and the assertions follow the
 * call from the model's tool call through the sandbox's request log back to the model and the agent's answer.
 */

import { Thinkeo } from '../../nodes/Thinkeo/Thinkeo.node';
import { operationsOf } from '../support/description';
import type { Sandbox } from '../support/e2e';
import { apiTokenCredential, callApi, createApiToken, e2eFixture } from '../support/e2e';
import { startFakeOpenAi } from '../support/fake-openai';
import type { N8n } from '../support/n8n';
import type { Json, SeedApp } from '../support/types';
import { byId, thinkeoTool, toolsAgent } from '../support/workflows';

jest.setTimeout(240_000);

let sandbox: Sandbox;
let n8n: N8n;
let fake: Awaited<ReturnType<typeof startFakeOpenAi>>;
let app: SeedApp;
let bearer: string;

const THINKEO = { id: 'thinkeoAgent0001', name: 'Thinkeo agent' };
const OPENAI = { id: 'openAiFake000001', name: 'Fake OpenAI' };
const TOOL_NODE = 'Generate Report';

/** What the fake model puts in its tool call: the values of the $fromAI() keys of the tool's parameters. */
const TOOL_ARGUMENTS = { title: 'Supplier costs 2026', topic: 'Energy prices' };
const EXPECTED_DOCUMENT =
	'<h1>Supplier costs 2026</h1><p>Report on 1 topic(s).</p><ul><li>Energy prices</li></ul>';

/** The action of Publication → Create, which n8n's automatic tool description is made of. */
const createAction = operationsOf(new Thinkeo().description.properties, 'publication').find(
	(option) => option.value === 'create',
)?.action;

/** The fake model's final message quotes the heading and the publication ID that the tool returned. */
function answer(toolResult: string): string {
	const heading = /<h1>[^<]*<\/h1>/.exec(toolResult)?.[0] ?? 'no heading';
	const publicationId = /"publicationId":\s*"([^"]+)"/.exec(toolResult)?.[1] ?? 'no ID';
	return `Your report is ready as publication ${publicationId}. It starts with ${heading}.`;
}

const e2e = e2eFixture();

beforeAll(async () => {
	const setup = await e2e.startSandbox();
	({ sandbox, demoApp: app } = setup);
	const token = await createApiToken(sandbox, setup.demo, 'e2e-agent');
	bearer = `Bearer ${token}`;
	fake = await startFakeOpenAi({ toolName: /^Generate_Report$/, toolArguments: TOOL_ARGUMENTS, answer });

	n8n = await e2e.startN8n([
		apiTokenCredential(THINKEO, sandbox.apiUrl, token),
		{ ...OPENAI, type: 'openAiApi', data: { apiKey: 'sk-fake', url: fake.url, header: false } },
	]);
	await n8n.importWorkflows([
		toolsAgent('wfAgentPublish01', 'Agent generates a report', {
			prompt: 'Write a report titled "Supplier costs 2026" about energy prices.',
			openAiCredential: OPENAI,
			model: fake.model,
			tools: [
				thinkeoTool(TOOL_NODE, THINKEO, {
					resource: 'publication',
					operation: 'create',
					appId: byId(app.id),
					version: 'latest',
					attributesInput: 'fields',
					attributes: {
						attribute: [
							{ attributeId: app.attributes.title.id, value: "={{ $fromAI('title', 'The report title', 'string') }}" },
							{ attributeId: app.attributes.topics.id, value: "={{ $fromAI('topic', 'The topic the report covers', 'string') }}" },
						],
					},
				}),
			],
		}),
	]);
}, 300_000);

afterAll(async () => {
	await fake?.stop();
});

describe('AI agent tool use', () => {
	it('lets a Tools Agent generate a publication with the values the model chose and get the document back', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfAgentPublish01');
		expect(run.error).toBeUndefined();
		expect(run.code).toBe(0);

		// The model was offered the Thinkeo tool, named after its node, with the $fromAI() keys as its parameters.
		const chats = fake.requests.filter((request) => request.path.endsWith('/chat/completions'));
		expect(chats).toHaveLength(2);
		const [offered] = chats[0].body.tools as Array<{ function: { name: string; description: string; parameters: Json } }>;
		expect(offered.function.name).toBe('Generate_Report');
		expect(offered.function.description).toBe(`${createAction} in Thinkeo`);
		expect(Object.keys(offered.function.parameters.properties as Json).sort()).toEqual(['title', 'topic']);

		// The tool call reached the sandbox as one POST /publications with the values the model chose.
		const posts = await sandbox.requests({ method: 'POST', path: '/publications' });
		expect(posts).toHaveLength(1);
		expect(posts[0].status).toBe(200);
		expect(posts[0].query).toMatchObject({ app: app.id, version: 'latest' });
		expect(JSON.parse(posts[0].bodyText ?? 'null')).toEqual({
			attributes: { [app.attributes.title.id]: [TOOL_ARGUMENTS.title], [app.attributes.topics.id]: [TOOL_ARGUMENTS.topic] },
		});

		// The second model request carries the tool's result: the new publication with its assembled document.
		const messages = chats[1].body.messages as Array<{ role: string; content: string; tool_call_id?: string }>;
		const toolMessage = messages[messages.length - 1];
		expect(toolMessage.role).toBe('tool');
		const toolResult = JSON.parse(toolMessage.content) as Json | Json[];
		const [publication] = Array.isArray(toolResult) ? toolResult : [toolResult];
		expect(publication.document).toEqual({ html: EXPECTED_DOCUMENT });
		const publicationId = publication.publicationId as string;
		const stored = await callApi(sandbox, bearer, 'GET', `/publications/${publicationId}`);
		expect(stored.status).toBe(200);
		expect(stored.json).toMatchObject({
			attributes: { [app.attributes.title.id]: [TOOL_ARGUMENTS.title], [app.attributes.topics.id]: [TOOL_ARGUMENTS.topic] },
		});

		// The agent's output is the model's final message, which quotes the tool result.
		expect(run.output('AI Agent').map((item) => item.json.output)).toEqual([
			`Your report is ready as publication ${publicationId}. It starts with <h1>Supplier costs 2026</h1>.`,
		]);
	});
});
