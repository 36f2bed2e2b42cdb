import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { downloadAsBinary } from '../../io/binary';
import { binaryOutputField, downloadOptionsField } from '../../operationKit/binaryFields';
import { defineOperation } from '../../operationKit/builder';
import { appLocator, versionField } from './common';

// INFERRED: the export format is not documented; the answer is kept as a file (name from Content-Disposition),
// which App → Import takes back as it is.
const download = downloadAsBinary('downloading the App export', async function (this: IExecuteSingleFunctions) {
	const appId = String(this.getNodeParameter('appId', '', { extractValue: true }));
	return `app-${appId}-${String(this.getNodeParameter('version', 'latest'))}.thinkeo.json`;
});

export const exportAppVersion = defineOperation({
	value: 'exportVersion',
	name: 'Export Version',
	action: 'Export a version of an app',
	description:
		'Export one version of an App (latest, preview or a version string) and return it as a file in a binary field, to back it up or bring it into another team with Import (GET /apps/{appId}/versions/{version}/export)',
	routing: {
		request: { method: 'GET', url: '/apps/{appId}/versions/{version}/export', ...download.request },
		output: { postReceive: [download.postReceive] },
	},
	fields: [appLocator('The App to export'), versionField, binaryOutputField, downloadOptionsField],
});
