import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { downloadAsBinary } from '../../io/binary';
import { binaryOutputField, downloadOptionsField } from '../../operationKit/binaryFields';
import { defineOperation } from '../../operationKit/builder';
import { appLocator } from './common';

// INFERRED: the icon comes back as raw image bytes with their Content-Type.
const download = downloadAsBinary('downloading the App icon', async function (this: IExecuteSingleFunctions) {
	return `app-icon-${String(this.getNodeParameter('appId', '', { extractValue: true }))}`;
});

export const getAppIcon = defineOperation({
	value: 'getIcon',
	name: 'Get Icon',
	action: 'Download the icon of an app',
	description: 'Download the icon image of an App into a binary field (GET /apps/{appId}/icon)',
	routing: {
		request: { method: 'GET', url: '/apps/{appId}/icon', ...download.request },
		output: { postReceive: [download.postReceive] },
	},
	fields: [appLocator(), binaryOutputField, downloadOptionsField],
});
