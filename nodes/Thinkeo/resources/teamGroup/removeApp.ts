import { deleteRouting } from '../../operationKit/items';
import { idLocator } from '../../operationKit/locators';
import { defineOperation } from '../../operationKit/builder';
import { groupLocator } from './fields';

export const removeTeamGroupApp = defineOperation({
	value: 'removeApp',
	name: 'Remove App',
	action: 'Stop sharing an app with a user group',
	description:
		'Stop sharing one App with a user group; outputs deleted: true with the App ID (DELETE /teams/groups/{groupId}/apps/{appId})',
	routing: deleteRouting('/teams/groups/{groupId}/apps/{appId}', 'appId'),
	fields: [
		groupLocator(),
		idLocator({ name: 'appId', label: 'App', searchListMethod: 'searchApps', description: 'The App to stop sharing with the group' }),
	],
});
