import { idLocator } from '../../operationKit/locators';
import { defineOperation } from '../../operationKit/builder';
import { assignedAttribute, valueField } from './fields';

export const updateAssignment = defineOperation({
	value: 'update',
	name: 'Update',
	action: 'Update an assignment',
	description:
		'Change the value (and the attribute) of an attribute assignment on a block; returns the updated assignment (PUT /assignments/{assignmentId})',
	// INFERRED: the reference's body is the whole BlockAssignment {id, attributeId, value}, so all three are sent.
	routing: { request: { method: 'PUT', url: '/assignments/{assignmentId}' } },
	fields: [
		{
			...idLocator({ name: 'assignmentId', label: 'Assignment', description: 'The assignment to change (its ID from Assignment → Create or the block’s assignments)' }),
			routing: { send: { type: 'body', property: 'id' } },
		},
		assignedAttribute('The attribute of the assignment'),
		valueField('The new value, as text (for a File attribute, a URL)'),
	],
});
