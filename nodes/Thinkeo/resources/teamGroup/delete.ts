import { deleteRouting } from '../../operationKit/items';
import { defineOperation } from '../../operationKit/builder';
import { groupLocator } from './fields';

export const deleteTeamGroup = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a user group',
	description: 'Delete a user group of the current team; outputs deleted: true with the group ID (DELETE /teams/groups/{groupId})',
	routing: deleteRouting('/teams/groups/{groupId}', 'groupId'),
	fields: [groupLocator()],
});
