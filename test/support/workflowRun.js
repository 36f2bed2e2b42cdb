// What both in-process runners share (inprocess.js for the Thinkeo node, declarativeRun.js for any declarative node
// type): a workflow of a pass-through source node feeding the node under test, run by n8n-core's WorkflowExecute
// (the real RoutingNode), with the instance URLs n8n-core reads and binary data kept inline.
const { Container } = require('@n8n/di');
const { BinaryDataService, ExecutionLifecycleHooks, WorkflowExecute } = require('n8n-core');
const { Workflow } = require('n8n-workflow');

const quietLogger = { debug() {}, info() {}, warn() {}, error() {}, scoped: () => quietLogger };

/** A trigger-like node that hands its input items on: where the items under test come from. */
const sourceNodeType = {
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

/** Without a storage manager, n8n-core keeps binary data inline (base64), which is all a test run needs. */
function useInlineBinaryData() {
	if (Container.has(BinaryDataService)) return;
	Container.set(BinaryDataService, new BinaryDataService({ mode: 'default' }, { error() {} }, quietLogger));
}

/** The instance URLs and hooks-free parts of n8n-core's additional data. */
const instanceData = () => ({
	restApiUrl: 'http://127.0.0.1:5678/rest',
	instanceBaseUrl: 'http://127.0.0.1:5678',
	formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
	webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
	webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
	webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
	variables: {},
	currentNodeParameters: undefined,
	logAiEvent: () => {},
});

/**
 * Runs `node` (whose type `nodeTypes` knows; every other type is the source) on `inputItems` and resolves `{items,
 * error}`: the node's output items, or the error that stopped it.
 * `cancelAfterMs` cancels the execution that long after its start, as n8n's Stop button does.
 * @param {{ node: import('n8n-workflow').INode, nodeTypes: { getByName(type: string): unknown }, inputItems: Array<Record<string, unknown>>, executionId: string, additionalData?: Record<string, unknown>, cancelAfterMs?: number }} options
 */
async function runAfterSource({ node, nodeTypes, inputItems, executionId, additionalData = {}, cancelAfterMs }) {
	useInlineBinaryData();
	const nodes = [{ id: 'source', name: 'Source', type: 'source', typeVersion: 1, position: [0, 0], parameters: {} }, node];
	const connections = { Source: { main: [[{ node: node.name, type: 'main', index: 0 }]] } };
	const typeOf = (type) => nodeTypes.getByName(type) ?? sourceNodeType;
	const workflow = new Workflow({
		id: executionId,
		nodes,
		connections,
		active: false,
		nodeTypes: { getByName: typeOf, getByNameAndVersion: typeOf, getKnownTypes: () => ({}) },
	});
	const hooks = new ExecutionLifecycleHooks('manual', executionId, { id: executionId, nodes, connections });
	let resolveRun;
	const finished = new Promise((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));
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
	const running = new WorkflowExecute({ hooks, ...instanceData(), ...additionalData, executionId }, 'manual', runExecutionData).processRunExecutionData(workflow);
	if (cancelAfterMs !== undefined) setTimeout(() => running.cancel(), cancelAfterMs);
	await running.catch((error) => {
		if (error?.name !== 'CancelError') throw error;
	});
	const run = await finished;
	const task = run.data.resultData.runData[node.name]?.[0];
	return { items: task?.data?.main?.[0] ?? [], error: task?.error ?? run.data.resultData.error };
}

module.exports = { instanceData, runAfterSource, useInlineBinaryData };
