import { defineOperation } from '../../operation/builder';
import { appLocator } from './common';

export const getApp = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get an app',
	description: 'Get one App with its name, AI settings, latest version and archived state (GET /apps/{appId})',
	routing: { request: { method: 'GET', url: '/apps/{appId}' } },
	fields: [appLocator()],
});
