// Builds n8n workflow JSON for the end-to-end tests: a Manual Trigger followed by a chain of nodes.
const THINKEO_NODE_TYPE = 'n8n-nodes-thinkeo.thinkeo';

function chain(id, name, nodes) {
	const names = ['Start', ...nodes.map((node) => node.name)];
	return graph(id, name, nodes, names.slice(1).map((to, index) => [names[index], to]));
}

/**
 * A workflow of any shape: `edges` are [from, to] node names, or [from, to, inputIndex] for a node with several
 * inputs (Merge); a Manual Trigger named "Start" comes first.
 */
function graph(id, name, nodes, edges) {
	const trigger = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
	const all = [trigger, ...nodes].map((node, index) => ({ id: `${id}-${index}`, position: [index * 220, 0], ...node }));
	const connections = {};
	for (const [from, to, index = 0] of edges) {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index });
	}
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes: all, connections };
}

/**
 * Manual Trigger → AI Agent (Tools Agent) with `prompt`, whose language model is n8n's OpenAI Chat Model on the
 * Chat Completions API (the credential's Base URL says where) and whose tools are the given tool nodes.
 */
function toolsAgent(id, name, { prompt, openAiCredential, model, tools }) {
	const nodes = [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
		{
			name: 'AI Agent',
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: 3.1,
			parameters: { promptType: 'define', text: prompt, options: {} },
		},
		{
			name: 'OpenAI Chat Model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.3,
			parameters: { model: { __rl: true, mode: 'id', value: model }, responsesApiEnabled: false, options: {} },
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

module.exports = { chain, graph, thinkeo, thinkeoTool, toolsAgent, items, file };
