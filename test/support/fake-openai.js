// A scripted stand-in for the OpenAI Chat Completions API on 127.0.0.1, for n8n's OpenAI Chat Model node (its
// credential's Base URL points here). It plays a model that calls one tool and then answers:
// - a request whose last message is not a tool result gets a call to the offered tool whose name matches `toolName`,
//   with `toolArguments`;
// - a request whose last message is a tool result gets the final message `answer(toolResult)`.
// Every request is recorded. Only what n8n 2.41.1 sends is answered: POST /chat/completions with `stream: false`
// (the Tools Agent streams only when a chat or webhook caller asks for a streamed response, never under
// `n8n execute`). Anything else gets a 400 or 404 that names it, so a change in n8n fails with a clear message.
// CommonJS on purpose: the TypeScript tests are linted with n8n's rules, which forbid process and timers.
const http = require('node:http');

const MODEL = 'fake-gpt';

function readBody(request) {
	return new Promise((resolve, reject) => {
		let text = '';
		request.setEncoding('utf8');
		request.on('data', (chunk) => (text += chunk));
		request.on('end', () => resolve(text));
		request.on('error', reject);
	});
}

/** The assistant message the script gives for a chat request, as OpenAI would put it in `choices[0].message`. */
function scriptedMessage(body, { toolName, toolArguments, answer }) {
	const messages = body.messages ?? [];
	const last = messages[messages.length - 1];
	if (last?.role === 'tool') {
		const content = typeof last.content === 'string' ? last.content : JSON.stringify(last.content);
		return { role: 'assistant', content: answer(content) };
	}
	const offered = (body.tools ?? []).map((tool) => tool.function?.name);
	const name = offered.find((candidate) => toolName.test(candidate));
	if (!name) {
		return { role: 'assistant', content: `No tool matching ${toolName} was offered (got: ${offered.join(', ')})` };
	}
	return {
		role: 'assistant',
		content: null,
		tool_calls: [
			{ id: `call_${Date.now().toString(36)}`, type: 'function', function: { name, arguments: JSON.stringify(toolArguments) } },
		],
	};
}

const USAGE = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

function completion(message) {
	return {
		id: `chatcmpl-${Date.now().toString(36)}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: MODEL,
		choices: [{ index: 0, message, finish_reason: message.tool_calls ? 'tool_calls' : 'stop', logprobs: null }],
		usage: USAGE,
	};
}

/**
 * Starts the fake. Resolves `{ url, model, requests, stop() }`: `url` is the Base URL for the credential (ends in
 * /v1), `model` the model name to configure, `requests` lists every request as `{ method, path, body }`
 * (body parsed from JSON).
 * @param {{ toolName: RegExp, toolArguments: Record<string, unknown>, answer: (toolResult: string) => string }} script
 */
async function startFakeOpenAi(script) {
	const requests = [];
	const server = http.createServer(async (request, response) => {
		const text = await readBody(request);
		const body = text ? JSON.parse(text) : null;
		requests.push({ method: request.method, path: request.url, body });
		const send = (status, payload) => {
			response.writeHead(status, { 'content-type': 'application/json' });
			response.end(JSON.stringify(payload));
		};

		if (request.method !== 'POST' || !request.url.endsWith('/chat/completions')) {
			send(404, { error: { message: `The fake OpenAI API has no ${request.method} ${request.url}`, type: 'invalid_request_error' } });
			return;
		}
		if (body.stream) {
			send(400, { error: { message: 'The fake OpenAI API does not stream (stream: true)', type: 'invalid_request_error' } });
			return;
		}
		send(200, completion(scriptedMessage(body, script)));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}/v1`,
		model: MODEL,
		requests,
		stop: () => new Promise((resolve) => server.close(resolve)),
	};
}

module.exports = { startFakeOpenAi };
