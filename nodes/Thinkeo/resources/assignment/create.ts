import { idLocator } from '../../shared/locators';
import { defineOperation } from '../../shared/operation';

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
			...idLocator({ name: 'blockId', label: 'Block', searchListMethod: 'searchBlocks', description: 'The block that gets the value' }),
			routing: { send: { type: 'body', property: 'blockId' } },
		},
		{
			...idLocator({ name: 'attributeId', label: 'Attribute', searchListMethod: 'searchAttributes', description: 'The attribute to assign' }),
			routing: { send: { type: 'body', property: 'attributeId' } },
		},
		{
			displayName: 'Value',
			name: 'value',
			type: 'string',
			default: '',
			required: true,
			description: 'The value, as text (for a File attribute, a URL)',
			routing: { send: { type: 'body', property: 'value' } },
		},
	],
});
