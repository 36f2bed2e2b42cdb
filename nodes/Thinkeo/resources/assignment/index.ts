import { defineResource } from '../../operationKit/builder';
import { createAssignment } from './create';
import { deleteAssignment } from './delete';
import { updateAssignment } from './update';

export const assignmentResource = defineResource({
	value: 'assignment',
	name: 'Assignment',
	description: 'Attribute values assigned to blocks',
	operations: [createAssignment, updateAssignment, deleteAssignment],
});
