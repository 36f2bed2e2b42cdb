import { deleteRouting } from '../../operationKit/items';
import { defineOperation } from '../../operationKit/builder';
import { memberLocator } from './fields';

export const removeTeamMember = defineOperation({
	value: 'remove',
	name: 'Remove',
	action: 'Remove a team member',
	description:
		'Remove a member (or a pending invitation) from the current team; outputs deleted: true with the user ID (DELETE /teams/users/{userId})',
	routing: deleteRouting('/teams/users/{userId}', 'userId'),
	fields: [memberLocator()],
});
