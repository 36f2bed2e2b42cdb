import { defineOperation } from '../../operationKit/builder';
import { appLocator } from './common';

// INFERRED: no body; the answer is the App, now archived.
export const archiveApp = defineOperation({
	value: 'archive',
	name: 'Archive',
	action: 'Archive an app',
	description:
		'Archive an App so it no longer appears in the App list (Get Many shows it only with the Archived filter); returns the App (POST /apps/{appId}/archive)',
	routing: { request: { method: 'POST', url: '/apps/{appId}/archive' } },
	fields: [appLocator('The App to archive')],
});
