import { deleteRouting } from '../../operationKit/items';
import { defineOperation } from '../../operationKit/builder';
import { appLocator } from './common';

export const deleteAppWizard = defineOperation({
	value: 'deleteWizard',
	name: 'Delete Wizard',
	action: 'Delete the wizard of an app',
	description: 'Remove the wizard of an App; outputs deleted: true with the App ID (DELETE /apps/{appId}/wizard)',
	routing: deleteRouting('/apps/{appId}/wizard', 'appId'),
	fields: [appLocator()],
});
