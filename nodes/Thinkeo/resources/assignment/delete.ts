import { deleteRouting } from '../../operationKit/items';
import { idLocator } from '../../operationKit/locators';
import { defineOperation } from '../../operationKit/builder';

export const deleteAssignment = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete an assignment',
	description:
		'Remove an attribute value from a block. Outputs deleted: true with the ID (DELETE /assignments/{assignmentId}).',
	routing: deleteRouting('/assignments/{assignmentId}', 'assignmentId'),
	fields: [idLocator({ name: 'assignmentId', label: 'Assignment', description: 'The assignment to delete' })],
});
