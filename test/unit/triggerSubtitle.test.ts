import type { INodePropertyOptions, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { ThinkeoTrigger } from '../../nodes/Thinkeo/ThinkeoTrigger.node';

const trigger = new ThinkeoTrigger();
const { description } = trigger;
const events = description.properties.find((property) => property.name === 'event')?.options as INodePropertyOptions[];

/** The subtitle the editor shows under the node on the canvas: n8n evaluates it as an expression on the node. */
function subtitleFor(event: string): unknown {
	const node = {
		id: 'trigger',
		name: 'Thinkeo Trigger',
		type: 'n8n-nodes-thinkeo.thinkeoTrigger',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: { event },
	};
	const nodeTypes: INodeTypes = {
		getByName: () => trigger,
		getByNameAndVersion: () => trigger,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, description.subtitle, 'internal', {});
}

describe('Thinkeo Trigger subtitle', () => {
	it('names each event as the Event list does, not by its raw value', () => {
		expect(events.length).toBeGreaterThan(0);
		for (const { name, value } of events) expect({ value, subtitle: subtitleFor(String(value)) }).toEqual({ value, subtitle: name });
	});
});
