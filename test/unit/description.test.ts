import { Thinkeo } from '../../nodes/Thinkeo/Thinkeo.node';
import { ThinkeoApi } from '../../credentials/ThinkeoApi.credentials';
import { BASE_URL_STAND_IN } from '../../nodes/Thinkeo/transport/credentialBaseUrl';
import nodeCodex from '../../nodes/Thinkeo/Thinkeo.node.json';
import { ThinkeoTrigger } from '../../nodes/Thinkeo/ThinkeoTrigger.node';
import triggerCodex from '../../nodes/Thinkeo/ThinkeoTrigger.node.json';
import { everyOperation, fieldsOf, operationSelector, operationsOf, resourcesOf } from '../support/description';

const { description } = new Thinkeo();
const properties = description.properties;
const resources = resourcesOf(properties);
const operations = everyOperation(properties);

describe('node description', () => {
	it('is a declarative, tool-ready node whose requests evaluate no expression of their own', () => {
		expect(description.usableAsTool).toBe(true);
		// The credential's Base URL is set by the request wrapper (transport/credentialBaseUrl.ts says why).
		expect(description.requestDefaults).toEqual({ baseURL: BASE_URL_STAND_IN, headers: { Accept: 'application/json' } });
		expect(description.credentials).toEqual([{ name: 'thinkeoApi', required: true, testedBy: 'thinkeoApiTest' }]);
		expect(description.subtitle).toContain('$parameter["operation"]');
		expect(description.icon).toEqual({ light: 'file:thinkeo.svg', dark: 'file:thinkeo.dark.svg' });
	});

	it('offers the essential operations', () => {
		const offered = operations.map(([resource, operation]) => `${resource}:${String(operation.value)}`);
		expect(offered).toEqual(
			expect.arrayContaining(['team:getMany', 'token:create', 'attachment:upload', 'publication:create']),
		);
	});

	it.each(operations.map(([r, o]) => [`${r} ${String(o.value)}`, r, o] as const))(
		'%s routes somewhere, names an action and has unique, scoped fields',
		(_label, resource, operation) => {
			expect(operation.routing?.request?.method).toMatch(/^(GET|POST|PUT|DELETE|PATCH)$/);
			expect(operation.routing?.request?.url).toMatch(/^\//);
			expect(operation.action).toBeTruthy();
			expect(String(operation.description).length).toBeGreaterThan(30);
			// Shared error handling is attached by the builder to every operation. Only the public /auth/* flows, whose
			// 401 is a wrong input, must not make n8n renew the credential's token.
			const publicEndpoint = resource === 'account' && operation.value !== 'logout';
			expect(operation.routing?.request?.ignoreHttpStatusErrors).toEqual(
				publicEndpoint ? true : { ignore: true, except: [401] },
			);
			expect(operation.routing?.output?.postReceive?.[0]).toEqual(expect.any(Function));
			const names = fieldsOf(properties, resource, String(operation.value)).map((field) => field.name);
			expect(new Set(names).size).toBe(names.length);
		},
	);

	// What an AI agent reads: n8n's automatic tool description is the action followed by "in Thinkeo", and the
	// operation's description is the text to paste when the tool description is set by hand.
	describe.each(operations.map(([r, o]) => [`${r} ${String(o.value)}`, o] as const))('%s, for an agent', (_label, operation) => {
		const text = String(operation.description);

		it('has a short verb phrase as its action', () => {
			expect(operation.action).toMatch(/^[A-Z][a-z]+ [^.]+[^.]$/);
			expect(String(operation.action).split(' ').length).toBeLessThanOrEqual(8);
		});

		it('says in one or two sentences what it does, needs and returns', () => {
			const sentences = text.replace(/e\.g\./g, 'eg').split(/(?<=\.)\s+(?=[A-Z])/);
			expect(sentences.length).toBeLessThanOrEqual(2);
			// Reads are named by their verb; anything else says what comes out.
			if (!/^(Get|Download)\b/.test(String(operation.action))) expect(text).toMatch(/\b(returns?|outputs)\b/i);
		});

		it('names the request it sends, as its routing does', () => {
			const named = /\(((?:GET|POST|PUT|DELETE) then )?(GET|POST|PUT|DELETE) (\/[^\s)]*)\)/.exec(text);
			// The one exception: n8n's lint misreads "openapi.json" in a text as the word "json".
			if (operation.value === 'getOpenApi') return expect(named).toBeNull();
			const placeholders = (path: string) => path.replace(/\{[^}]+\}/g, '{}');
			expect([named?.[2], placeholders(named?.[3] ?? '')]).toEqual([
				operation.routing?.request?.method,
				placeholders(String(operation.routing?.request?.url)),
			]);
		});
	});

	// Request Options hold node-wide settings (n8n merges its own Batching, Proxy and Timeout into them).
	it('gives every parameter displayOptions except the resource selector and Request Options', () => {
		const unscoped = properties.filter((p) => !p.displayOptions && p.name !== 'resource' && p.name !== 'requestOptions');
		expect(unscoped.map((p) => p.name)).toEqual([]);
	});
});

// n8n's nodes panel lists a node's actions resource by resource, in the order of the Resource and Operation options,
// and searches node names and codex aliases, leaving out nodes of the "AI" category outside its AI view.
describe('in the nodes panel', () => {
	const trigger = new ThinkeoTrigger().description;

	it.each([
		['Thinkeo', nodeCodex],
		['Thinkeo Trigger', triggerCodex],
	] as Array<[string, { categories: string[]; alias?: string[] }]>)(
		'%s is found by the words people search for, in every panel',
		(_name, { categories, alias = [] }) => {
			expect(categories).not.toContain('AI');
			const words = alias.map((word) => word.toLowerCase());
			expect(words).toEqual(expect.arrayContaining(['publication', 'document', 'generate']));
		},
	);

	it('lists "Generate a publication" first, then publications, attachments, Apps, attributes, blocks, teams, tokens, Account last', () => {
		const actions = resources.flatMap((resource) =>
			operationsOf(properties, String(resource.value)).map((operation) => ({ resource: String(resource.value), action: operation.action })),
		);
		expect(actions[0]).toEqual({ resource: 'publication', action: 'Generate a publication' });
		const order = [...new Set(actions.map(({ resource }) => resource))];
		const position = (resource: string) => order.indexOf(resource);
		const expected = ['publication', 'attachment', 'app', 'attribute', 'block', 'team', 'token', 'account'];
		expect(expected.map(position)).toEqual([...expected.map(position)].sort((a, b) => a - b));
		expect(order.at(-1)).toBe('account');
		// The default of the editor's Resource and Operation fields is the same first action.
		expect(properties.find((p) => p.name === 'resource')?.default).toBe('publication');
		expect(operationSelector(properties, 'publication')?.default).toBe('create');
	});

	it('describes the node in the one entry it shares with the trigger, which shows the trigger’s description', () => {
		expect(trigger.description).toMatch(/^Generate documents with Thinkeo Apps\b/);
		expect(description.description).toMatch(/^Generate documents with Thinkeo Apps\b/);
	});
});

describe('credential description', () => {
	const credential = new ThinkeoApi();
	it('keeps the team token hidden, expirable and secret', () => {
		const token = credential.properties.find((p) => p.name === 'teamToken');
		expect(token).toMatchObject({ type: 'hidden', typeOptions: { expirable: true, password: true } });
	});

	it('marks every secret field as a password', () => {
		for (const name of ['password', 'apiToken']) {
			expect(credential.properties.find((p) => p.name === name)?.typeOptions?.password).toBe(true);
		}
	});
});
