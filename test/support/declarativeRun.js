// Runs a declarative node type in-process through n8n-core's WorkflowExecute (the real RoutingNode), without
// credentials, on the given input items: for tests of what n8n's routing itself guarantees a node, such as which
// context an item's preSend and postReceive share. Resolves the node's output items, or the error that stopped it.
const { Container } = require('@n8n/di');
const { BinaryDataService, ExecutionLifecycleHooks, WorkflowExecute } = require('n8n-core');
const { Workflow } = require('n8n-workflow');

const quietLogger = { debug() {}, info() {}, warn() {}, error() {}, scoped: () => quietLogger };

const source = {
	description: {
		displayName: 'Source',
		name: 'source',
		group: ['trigger'],
		version: 1,
		defaults: {},
		inputs: [],
		outputs: ['main'],
		properties: [],
	},
	async execute() {
		return [this.getInputData()];
	},
};

/**
 * @param {import('n8n-workflow').INodeType} nodeType a declarative node (routing in its properties)
 * @param {Array<{ json: Record<string, unknown> }>} inputItems
 */
async function runDeclarativeNode(nodeType, inputItems) {
	Container.set(BinaryDataService, new BinaryDataService({ mode: 'default' }, { error() {} }, quietLogger));
	const type = 'test.declarative';
	const nodes = [
		{ id: '1', name: 'Source', type: 'source', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: '2', name: 'Declarative', type, typeVersion: 1, position: [200, 0], parameters: {} },
	];
	const connections = { Source: { main: [[{ node: 'Declarative', type: 'main', index: 0 }]] } };
	const nodeTypes = {
		getByName: (name) => (name === type ? nodeType : source),
		getByNameAndVersion: (name) => (name === type ? nodeType : source),
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ id: 'declarative', nodes, connections, active: false, nodeTypes });
	const hooks = new ExecutionLifecycleHooks('manual', 'declarative', { id: 'declarative', nodes, connections });
	let resolveRun;
	const finished = new Promise((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));
	const additionalData = {
		hooks,
		executionId: 'declarative',
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		variables: {},
		currentNodeParameters: undefined,
		logAiEvent: () => {},
	};
	const runExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: nodes[0], data: { main: [inputItems] }, source: null }],
		},
	};
	await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const run = await finished;
	const task = run.data.resultData.runData.Declarative?.[0];
	return { items: task?.data?.main?.[0] ?? [], error: task?.error ?? run.data.resultData.error };
}

module.exports = { runDeclarativeNode };
