import { defineOperation } from '../../operationKit/builder';
import { groupLocator, idListBody, idListField } from './fields';

export const addTeamGroupUsers = defineOperation({
	value: 'addUsers',
	name: 'Add Users',
	action: 'Add users to a user group',
	description:
		'Add one or more team members to a user group; returns the users the group now has, one item each (POST /teams/groups/{groupId}/users)',
	// INFERRED: the reference leaves the body open; the node sends {"userIds": ["<uuid>", …]}.
	routing: {
		request: { method: 'POST', url: '/teams/groups/{groupId}/users' },
		send: { preSend: [idListBody('userIds', 'User IDs', 'user', 'userIds')] },
	},
	fields: [
		groupLocator(),
		idListField(
			'userIds',
			'User IDs',
			'IDs of the team members to add (as Team Member → Get Many lists them), separated by commas (or an array from an expression)',
		),
	],
});
