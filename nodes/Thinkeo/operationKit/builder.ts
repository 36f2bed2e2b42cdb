import { updateDisplayOptions } from 'n8n-workflow';
import type {
	INodeProperties,
	INodePropertyOptions,
	INodePropertyRouting,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';

import type { AnswerContext, SentBodyReader } from '../transport/answerCheck';
import { checkAnswer, operationStep } from '../transport/answerCheck';
import { withStepErrors } from '../transport/errors';
import type { QueryPaging } from '../transport/paging';
import { routedRequestDefaults, wrapEveryRequest } from '../transport/routedRequest';
import { normalizeItems } from './items';
import { locatorPaths, resolveIds } from './locators';
import { withSharedFields } from './sharedFields';
import { validateFields } from './validation';

/**
 * One API operation: the option shown in the Operation list, its routing and its fields, in one place.
 * The builder below scopes the fields to the operation and attaches what every operation shares.
 */
export interface ThinkeoOperation {
	value: string;
	name: string;
	action: string;
	/** Written for people and for AI agents choosing a tool: what it does and what it returns. */
	description: string;
	routing: INodePropertyRouting;
	fields: INodeProperties[];
	/** The endpoint authenticates with what the fields carry (the /auth/* flows), not with the credential. */
	publicEndpoint?: boolean;
	/** The operation sends raw bytes (a file): what its errors can say about their size and type, read from its fields. */
	rawBody?: SentBodyReader;
	/** Parameter paths of date fields that must lie in the future, e.g. `additionalFields.expiration`. */
	notInThePast?: string[];
	/** How Return All pages through the list (QUERY_PAGING for the POST …/query endpoints); none: one request. */
	paging?: QueryPaging;
}

export interface ThinkeoResource {
	value: string;
	name: string;
	description: string;
	operations: ThinkeoOperation[];
}

export function defineOperation(operation: ThinkeoOperation): ThinkeoOperation {
	return operation;
}

export function defineResource(resource: ThinkeoResource): ThinkeoResource {
	return resource;
}

/** The parameters filling the `{placeholders}` of the path that are not ID fields, e.g. `version`. */
function pathParameters(operation: ThinkeoOperation, locators: Array<{ path: string }>) {
	const labels = new Map(operation.fields.map((field) => [field.name, field.displayName]));
	const placeholders = [...String(operation.routing.request?.url ?? '').matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
	return placeholders
		.filter((name) => !locators.some(({ path }) => path === name))
		.map((name) => ({ path: name, label: labels.get(name) ?? name }));
}

/** Whether the operation lists records (it has Return All): an empty list is then no item, not an empty one. */
function listsRecords(operation: ThinkeoOperation): boolean {
	return operation.fields.some((field) => field.name === 'returnAll');
}

function withSharedRouting(operation: ThinkeoOperation): INodePropertyOptions {
	const { routing } = operation;
	const locators = locatorPaths(operation.fields);
	const answers: AnswerContext = {
		ids: { locators, pathParameters: pathParameters(operation, locators) },
		rawBody: operation.rawBody,
		method: routing.request?.method,
		publicEndpoint: operation.publicEndpoint,
	};
	// Every hook goes through the one guard that names the operation in whatever it throws (see withStepErrors).
	const preSend: PreSendAction[] = [
		resolveIds(operation.fields),
		validateFields(operation.fields, operation.notInThePast),
		...(routing.send?.preSend ?? []),
	].map((hook) => withStepErrors(operationStep, 'parameters', hook));
	const postReceive: PostReceiveAction[] = [
		checkAnswer(answers),
		normalizeItems(listsRecords(operation)),
		...(routing.output?.postReceive ?? []),
	].map((hook) => (typeof hook === 'function' ? withStepErrors(operationStep, 'answer', hook) : hook));
	const wrapper = wrapEveryRequest({ answers, paging: operation.paging });
	return {
		name: operation.name,
		value: operation.value,
		action: operation.action,
		description: operation.description,
		routing: {
			...routing,
			request: { ...routing.request, ...routedRequestDefaults(operation.publicEndpoint) },
			// n8n's pagination hook is the only hook of a declarative node that wraps the request, on n8n 1.x and 2.x
			// alike (a preSend sees no answer, a postReceive neither the request nor what was thrown), so every operation
			// has it: to resend on a rate limit and after a 401 n8n 1.x hands back, and to name what no postReceive sees.
			send: { ...routing.send, preSend, paginate: true },
			operations: { ...routing.operations, pagination: wrapper },
			output: { ...routing.output, postReceive },
		},
	};
}

/**
 * The Operation selector of a resource followed by every operation's fields, the fields its operations define alike
 * kept once (withSharedFields). The resource's first operation is its default and comes first (n8n's nodes panel
 * lists actions in this order), the others follow by name.
 */
export function resourceProperties(resource: ThinkeoResource): INodeProperties[] {
	const [main, ...others] = resource.operations;
	const operations = [main, ...others.sort((a, b) => a.name.localeCompare(b.name))];
	const defaultOperation = main.value;
	const selector: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options: operations.map(withSharedRouting),
		default: defaultOperation,
	};
	const fields = resource.operations.flatMap((operation) =>
		updateDisplayOptions({ show: { resource: [resource.value], operation: [operation.value] } }, operation.fields),
	);
	return [selector, ...withSharedFields(fields)];
}

/** The Resource selector, in the order given: n8n's nodes panel lists the actions of the resources in this order. */
export function resourceSelector(resources: ThinkeoResource[]): INodeProperties {
	const defaultResource = resources[0].value;
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map(({ name, value, description }) => ({ name, value, description })),
		default: defaultResource,
	};
}
