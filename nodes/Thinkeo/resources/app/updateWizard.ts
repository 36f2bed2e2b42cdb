import { defineOperation } from '../../operationKit/builder';
import { appLocator, sendWizardBody, wizardFields } from './common';

// INFERRED: PUT replaces the wizard with a full Wizard body {appId, name, steps} (all required by the schema).
export const updateAppWizard = defineOperation({
	value: 'updateWizard',
	name: 'Update Wizard',
	action: 'Update the wizard of an app',
	description:
		'Replace the name and steps (JSON) of the existing wizard of an App; returns the updated wizard (PUT /apps/{appId}/wizard)',
	routing: {
		request: { method: 'PUT', url: '/apps/{appId}/wizard' },
		send: { preSend: [sendWizardBody] },
	},
	fields: [appLocator(), ...wizardFields()],
});
