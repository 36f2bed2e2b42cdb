import { returnAllAndLimit } from '../../operationKit/fields';
import { defineOperation } from '../../operationKit/builder';
import { groupLocator } from './fields';

export const getTeamGroupApps = defineOperation({
	value: 'getApps',
	name: 'Get Apps',
	action: 'Get the apps shared with a user group',
	description: 'List the Apps shared with a user group, one item per App (GET /teams/groups/{groupId}/apps)',
	// INFERRED: GET answering an array of Apps.
	routing: { request: { method: 'GET', url: '/teams/groups/{groupId}/apps' } },
	fields: [groupLocator(), ...returnAllAndLimit()],
});
