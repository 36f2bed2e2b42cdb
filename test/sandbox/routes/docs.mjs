// Docs: GET /docs/openapi.json serves a small OpenAPI 3 document of this sandbox, built from its own route table
// (so it lists exactly the endpoints the sandbox serves), with the server URL the caller used. Public.
import { jsonReply } from '../http-utils.mjs';
import { apiRoutes } from './index.mjs';

const SECURITY = {
	bearer: [{ bearerAuth: [] }],
	'basic-or-bearer': [{ basicAuth: [] }, { bearerAuth: [] }],
	public: [],
};

function tagOf(path) {
	const first = path.split('/')[1] ?? '';
	return first.charAt(0).toUpperCase() + first.slice(1);
}

function operationOf(route) {
	const parameters = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
		name,
		in: 'path',
		required: true,
		schema: { type: 'string' },
	}));
	return {
		tags: [tagOf(route.path)],
		operationId: `${route.method.toLowerCase()}${route.path.replace(/[^a-zA-Z0-9]+(\w)?/g, (_match, next = '') => next.toUpperCase())}`,
		...(parameters.length > 0 ? { parameters } : {}),
		security: SECURITY[route.auth] ?? SECURITY.bearer,
		responses: {
			200: { description: 'OK' },
			400: { description: 'Bad Request' },
			401: { description: 'Unauthorized' },
			404: { description: 'Not Found' },
		},
	};
}

export function openApiDocument(apiBaseUrl) {
	const paths = {};
	for (const route of apiRoutes) {
		const path = route.path.replace(/:(\w+)/g, '{$1}');
		paths[path] ??= {};
		paths[path][route.method.toLowerCase()] = operationOf(route);
	}
	return {
		openapi: '3.0.3',
		info: {
			title: 'Thinkeo API (sandbox)',
			version: '1.0.0-sandbox',
			description: 'The endpoints served by the local Thinkeo sandbox used to test the n8n node.',
		},
		servers: [{ url: apiBaseUrl }],
		paths,
		components: {
			securitySchemes: {
				basicAuth: { type: 'http', scheme: 'basic' },
				bearerAuth: { type: 'http', scheme: 'bearer' },
			},
		},
	};
}

function getOpenApi({ apiBaseUrl }) {
	return jsonReply(openApiDocument(apiBaseUrl));
}

export const routes = [{ method: 'GET', path: '/docs/openapi.json', auth: 'public', handler: getOpenApi }];
