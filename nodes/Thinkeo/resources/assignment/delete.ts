import { outputDeleted } from '../../shared/items';
import { idLocator } from '../../shared/locators';
import { defineOperation } from '../../shared/operation';

export const deleteAssignment = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete an assignment',
	description:
		'Remove an attribute value from a block. Outputs deleted: true with the ID (DELETE /assignments/{assignmentId}).',
	routing: {
		request: { method: 'DELETE', url: '/assignments/{assignmentId}' },
		output: { postReceive: [outputDeleted('assignmentId')] },
	},
	fields: [idLocator({ name: 'assignmentId', label: 'Assignment', description: 'The assignment to delete' })],
});
