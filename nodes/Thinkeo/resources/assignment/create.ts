import { defineOperation } from '../../operationKit/builder';
import { blockLocator } from '../block/fields';
import { assignedAttribute, valueField } from './fields';

export const createAssignment = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Assign an attribute value to a block',
	description:
		'Give a block a value for an attribute. Returns the assignment with its ID; it also appears in the block’s assignments (POST /assignments).',
	// INFERRED (method and body): the reference builds {blockId, attributeId, value} from the BlockAssignment schema.
	routing: { request: { method: 'POST', url: '/assignments' } },
	fields: [
		{
			...blockLocator('The block that gets the value'),
			routing: { send: { type: 'body', property: 'blockId' } },
		},
		assignedAttribute('The attribute to assign'),
		valueField('The value, as text (for a File attribute, a URL)'),
	],
});
