import { defineOperation } from '../../shared/operation';
import { groupLocator, idListBody } from './fields';

export const addTeamGroupApps = defineOperation({
	value: 'addApps',
	name: 'Add Apps',
	action: 'Share apps with a user group',
	description:
		'Share one or more Apps of the team with a user group; returns the Apps the group now has, one item each (POST /teams/groups/{groupId}/apps)',
	// INFERRED: the reference leaves the body open; the node sends {"appIds": ["<uuid>", …]}.
	routing: {
		request: { method: 'POST', url: '/teams/groups/{groupId}/apps' },
		send: { preSend: [idListBody('appIds', 'App IDs', 'App', 'appIds')] },
	},
	fields: [
		groupLocator(),
		{
			displayName: 'App IDs',
			name: 'appIds',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 0193a5b2-7c1e-7d3f-9a8b-1c2d3e4f5a6b, 0193a5b2-7c1e-7d3f-9a8b-1c2d3e4f5a6c',
			description: 'IDs of the Apps to share, separated by commas (or an array from an expression)',
		},
	],
});
