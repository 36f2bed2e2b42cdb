import { defineResource } from '../../shared/operation';

export const assignmentResource = defineResource({
	value: 'assignment',
	name: 'Assignment',
	description: 'Attribute values assigned to blocks',
	operations: [],
});
