// Reads the Thinkeo API reference (test/conformance/thinkeo-openapi.json) and matches logged requests to it.
const spec = require('../conformance/thinkeo-openapi.json');

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/**
 * The reference lists a few endpoints twice, with and without a trailing slash (`/attributes/views/`); they are
 * one operation of the API, so paths are compared without it.
 */
function normalizePath(path) {
	return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function compileTemplate(path) {
	const segments = normalizePath(path).split('/').slice(1);
	const pattern = segments.map((segment) => (/^\{.+\}$/.test(segment) ? '([^/]+)' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
	return {
		regex: new RegExp(`^/${pattern.join('/')}$`),
		literalSegments: segments.filter((segment) => !segment.startsWith('{')).length,
	};
}

/** One entry per distinct operation: {key, method, path, operation (the spec object), regex, literalSegments}. */
function specOperations() {
	const byKey = new Map();
	for (const [path, item] of Object.entries(spec.paths)) {
		for (const method of METHODS) {
			if (!item[method]) continue;
			const key = `${method.toUpperCase()} ${normalizePath(path)}`;
			if (byKey.has(key)) continue;
			const parameters = [...(item.parameters ?? []), ...(item[method].parameters ?? [])];
			byKey.set(key, { key, method: method.toUpperCase(), path, operation: item[method], parameters, ...compileTemplate(path) });
		}
	}
	return [...byKey.values()];
}

/**
 * The spec operations a request's method and path fit. Literal segments win over templates, as in OpenAPI
 * (`GET /blocks/ai-models` is not `GET /blocks/{block_id}`), so a well-formed request fits exactly one.
 */
function matchOperation(operations, method, path) {
	const candidates = operations.filter((op) => op.method === method && op.regex.test(normalizePath(path)));
	const best = Math.max(...candidates.map((op) => op.literalSegments));
	return candidates.filter((op) => op.literalSegments === best);
}

function isJsonType(type) {
	return /^application\/([\w.+-]+\+)?json\b/.test(String(type ?? ''));
}

/**
 * Problems of a logged request against its spec operation: required query and header parameters, JSON bodies
 * that parse, raw bodies where the reference wants raw bytes. Empty when it conforms.
 */
function requestProblems(op, request) {
	const problems = [];
	for (const parameter of op.parameters) {
		if (!parameter.required) continue;
		if (parameter.in === 'query' && !(parameter.name in request.query)) problems.push(`missing query parameter "${parameter.name}"`);
		if (parameter.in === 'header' && !request.headers[parameter.name.toLowerCase()]) problems.push(`missing header "${parameter.name}"`);
	}
	const content = op.operation.requestBody?.content ?? {};
	const types = Object.keys(content);
	const contentType = request.headers['content-type'];
	if (op.operation.requestBody?.required && request.bodyBytes === 0) problems.push('the reference requires a body; none was sent');
	if (request.bodyBytes > 0) {
		if (types.length > 0 && types.every(isJsonType)) {
			if (!isJsonType(contentType)) problems.push(`JSON body expected, Content-Type was "${contentType}"`);
			try {
				JSON.parse(request.bodyText ?? '');
			} catch (error) {
				problems.push(`body is not valid JSON: ${error.message}`);
			}
		}
		if (types.length > 0 && !types.some(isJsonType)) {
			if (/multipart\//.test(String(contentType)) || isJsonType(contentType)) {
				problems.push(`raw bytes expected, Content-Type was "${contentType}"`);
			}
		}
	}
	return problems;
}

module.exports = { specOperations, matchOperation, requestProblems };
