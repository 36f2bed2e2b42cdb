// Builds n8n workflow JSON for the end-to-end tests: a Manual Trigger (or another trigger) followed by a chain of
// nodes.
const THINKEO_NODE_TYPE = 'n8n-nodes-thinkeo.thinkeo';
const THINKEO_TRIGGER_TYPE = 'n8n-nodes-thinkeo.thinkeoTrigger';

const MANUAL_TRIGGER = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };

/** A resource locator parameter in its "By ID" mode: `value` is an ID or an expression that gives one. */
const byId = (value) => ({ __rl: true, mode: 'id', value });

/**
 * The parameters of Publication → Create for the App `appId` (an ID or an expression) at its latest version, its
 * attributes given as JSON text (or an expression); `extra` adds or replaces parameters.
 * @param {string} appId @param {string} attributesJson @param {Record<string, unknown>} [extra]
 */
const createPublication = (appId, attributesJson, extra = {}) => ({
	resource: 'publication',
	operation: 'create',
	appId: byId(appId),
	version: 'latest',
	attributesInput: 'json',
	attributesJson,
	...extra,
});

/** Consecutive nodes linked one to the next. */
const linksOf = (nodes) => nodes.slice(1).map((node, index) => [nodes[index].name, node.name]);

/**
 * Any workflow: `rows` of nodes laid out one row each, and `edges` as [from, to] node names, or [from, to,
 * inputIndex] for a node with several inputs (Merge).
 */
function workflow(id, name, rows, edges) {
	const nodes = rows.flatMap((row, y) =>
		row.map((node, x) => ({ id: `${id}-${y}-${x}`, position: [x * 220, y * 200], ...node })),
	);
	const connections = {};
	for (const [from, to, index = 0] of edges) {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index });
	}
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

/** A Manual Trigger named "Start" followed by `nodes`, each linked to the next. */
function chain(id, name, nodes) {
	return workflow(id, name, [[MANUAL_TRIGGER, ...nodes]], linksOf([MANUAL_TRIGGER, ...nodes]));
}

/** A Manual Trigger named "Start" followed by `nodes` linked by `edges` (see `workflow`). */
function graph(id, name, nodes, edges) {
	return workflow(id, name, [[MANUAL_TRIGGER, ...nodes]], edges);
}

/**
 * A workflow of one or more chains, each started by its own trigger (e.g. `thinkeoTrigger(…)`), for `n8n start`
 * rather than `n8n execute`.
 */
function triggered(id, name, ...chains) {
	return workflow(id, name, chains, chains.flatMap(linksOf));
}

/**
 * Manual Trigger → AI Agent (Tools Agent) with `prompt`, whose language model is n8n's OpenAI Chat Model on the
 * Chat Completions API (the credential's Base URL says where) and whose tools are the given tool nodes.
 */
function toolsAgent(id, name, { prompt, openAiCredential, model, tools }) {
	const nodes = [
		MANUAL_TRIGGER,
		{
			name: 'AI Agent',
			type: '@n8n/n8n-nodes-langchain.agent',
			// Version 3: the newest Tools Agent on both n8n lines (2.x also has 3.1).
			typeVersion: 3,
			parameters: { promptType: 'define', text: prompt, options: {} },
		},
		{
			name: 'OpenAI Chat Model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.3,
			parameters: { model: byId(model), responsesApiEnabled: false, options: {} },
			credentials: { openAiApi: { id: openAiCredential.id, name: openAiCredential.name } },
		},
		...tools,
	].map((node, index) => ({ id: `${id}-${index}`, position: [index * 220, 0], ...node }));
	const toAgent = (type) => ({ [type]: [[{ node: 'AI Agent', type, index: 0 }]] });
	const connections = {
		Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		'OpenAI Chat Model': toAgent('ai_languageModel'),
		...Object.fromEntries(tools.map((tool) => [tool.name, toAgent('ai_tool')])),
	};
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

function thinkeo(name, credential, parameters, extra = {}) {
	return {
		name,
		type: THINKEO_NODE_TYPE,
		typeVersion: 1,
		parameters,
		credentials: { thinkeoApi: { id: credential.id, name: credential.name } },
		...extra,
	};
}

/** The Thinkeo node as an AI agent's tool (n8n derives the type `…thinkeoTool` from `usableAsTool`). */
function thinkeoTool(name, credential, parameters) {
	return { ...thinkeo(name, credential, parameters), type: `${THINKEO_NODE_TYPE}Tool` };
}

/** The Thinkeo Trigger, polling every minute (the shortest interval n8n accepts). */
function thinkeoTrigger(name, credential, parameters) {
	return {
		name,
		type: THINKEO_TRIGGER_TYPE,
		typeVersion: 1,
		parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...parameters },
		credentials: { thinkeoApi: { id: credential.id, name: credential.name } },
	};
}

/** Set (raw JSON) then Split Out: `count` items `{i}`. */
function items(count) {
	return [
		{
			name: 'Make Items',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				mode: 'raw',
				jsonOutput: JSON.stringify({ items: Array.from({ length: count }, (_, i) => ({ i })) }),
			},
		},
		{ name: 'Split Items', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'items' } },
	];
}

/** Set then Convert to File: one item whose binary field `data` holds exactly `bytes`. */
function file(bytes, fileName, mimeType) {
	return [
		{
			name: 'File Content',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ b64: Buffer.from(bytes).toString('base64') }) },
		},
		{
			name: 'To File',
			type: 'n8n-nodes-base.convertToFile',
			typeVersion: 1.1,
			parameters: { operation: 'toBinary', sourceProperty: 'b64', binaryPropertyName: 'data', options: { fileName, mimeType } },
		},
	];
}

module.exports = { byId, createPublication, chain, graph, triggered, thinkeo, thinkeoTool, thinkeoTrigger, toolsAgent, items, file };
