import { defineOperation } from '../../operationKit/builder';
import { groupLocator, idListBody, idListField } from './fields';

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
		idListField('appIds', 'App IDs', 'IDs of the Apps to share, separated by commas (or an array from an expression)'),
	],
});
