import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { loadOptions, resourceMapping } from './methods/appInputs';
import { credentialTest } from './methods/credentialTest';
import { listSearch } from './methods/listSearch';
import { resources } from './resources';
import { resourceProperties, resourceSelector } from './operationKit/builder';
import { rateLimitRequestOptions } from './operationKit/requestOptions';
import { BASE_URL_STAND_IN } from './transport/credentialBaseUrl';

export class Thinkeo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Thinkeo',
		name: 'thinkeo',
		icon: { light: 'file:thinkeo.svg', dark: 'file:thinkeo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Generate documents with Thinkeo Apps, upload files and manage teams and API tokens',
		documentationUrl: 'https://github.com/thinkeo/n8n-nodes-thinkeo#readme',
		defaults: { name: 'Thinkeo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'thinkeoApi', required: true, testedBy: 'thinkeoApiTest' }],
		// A constant: the request wrapper sets the credential's Base URL (transport/credentialBaseUrl.ts says why).
		requestDefaults: { baseURL: BASE_URL_STAND_IN, headers: { Accept: 'application/json' } },
		properties: [resourceSelector(resources), ...resources.flatMap(resourceProperties), rateLimitRequestOptions],
	};

	methods = { credentialTest, listSearch, loadOptions, resourceMapping };
}
