import { defineOperation } from '../../shared/operation';
import { groupLocator, idListBody } from './fields';

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
		{
			displayName: 'User IDs',
			name: 'userIds',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 0193a5b2-7c1e-7d3f-9a8b-1c2d3e4f5a6b, 0193a5b2-7c1e-7d3f-9a8b-1c2d3e4f5a6c',
			description:
				'IDs of the team members to add (as Team Member → Get Many lists them), separated by commas (or an array from an expression)',
		},
	],
});
