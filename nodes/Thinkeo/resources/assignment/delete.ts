import { deleteRouting } from '../../shared/items';
import { idLocator } from '../../shared/locators';
import { defineOperation } from '../../shared/operation';

export const deleteAssignment = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete an assignment',
	description:
		'Remove an attribute value from a block. Outputs deleted: true with the ID (DELETE /assignments/{assignmentId}).',
	routing: deleteRouting('/assignments/{assignmentId}', 'assignmentId'),
	fields: [idLocator({ name: 'assignmentId', label: 'Assignment', description: 'The assignment to delete' })],
});
