import { deleteRouting } from '../../operationKit/items';
import { idLocator } from '../../operationKit/locators';
import { defineOperation } from '../../operationKit/builder';
import { groupLocator } from './fields';

export const removeTeamGroupUser = defineOperation({
	value: 'removeUser',
	name: 'Remove User',
	action: 'Remove a user from a user group',
	description:
		'Take one user out of a user group (they stay in the team); outputs deleted: true with the user ID (DELETE /teams/groups/{groupId}/users/{userId})',
	routing: deleteRouting('/teams/groups/{groupId}/users/{userId}', 'userId'),
	fields: [
		groupLocator(),
		idLocator({ name: 'userId', label: 'User', searchListMethod: 'searchTeamMembers', description: 'The user to take out of the group' }),
	],
});
