// Runs a declarative node type in-process through n8n-core's WorkflowExecute (the real RoutingNode), without
// credentials, on the given input items: for tests of what n8n's routing itself guarantees a node, such as which
// context an item's preSend and postReceive share. Resolves the node's output items, or the error that stopped it.
const { runAfterSource } = require('./workflowRun');

/**
 * @param {import('n8n-workflow').INodeType} nodeType a declarative node (routing in its properties)
 * @param {Array<{ json: Record<string, unknown> }>} inputItems
 */
async function runDeclarativeNode(nodeType, inputItems) {
	const type = 'test.declarative';
	return await runAfterSource({
		node: { id: 'declarative', name: 'Declarative', type, typeVersion: 1, position: [200, 0], parameters: {} },
		nodeTypes: { getByName: (name) => (name === type ? nodeType : undefined) },
		inputItems,
		executionId: 'declarative',
	});
}

module.exports = { runDeclarativeNode };
