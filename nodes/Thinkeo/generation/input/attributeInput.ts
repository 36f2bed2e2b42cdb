import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, ResourceMapperField } from 'n8n-workflow';

import { assertBinaryField, uploadAttachment } from '../../io/binary';
import { inputError } from '../../transport/inputError';
import { parseJsonParameter } from '../../operationKit/json';
import { isUuid } from '../../operationKit/locators';
import { attributeNameKey, loadAppAttributes } from './appAttributes';
import { generationInputsPerItem, sha1Hex } from './inputFiles';
import type { AppAttribute } from './attributeKinds';
import { convertAttributeValue, isEmptyValue, kindOfMapperFieldType } from './attributeKinds';

/**
 * The attribute values a generation runs with (Publication → Create, Block → Render): mapped by attribute name
 * (Create only, it knows the App), by attribute ID, or as JSON; plus files from the item's binary fields, uploaded
 * as attachments in the same step. Everything is checked before the first request.
 */

type AttributeValues = Record<string, string[]>;

interface MapperValue {
	mappingMode?: string;
	value?: IDataObject | null;
	schema?: ResourceMapperField[];
}

/**
 * Finds an App's attributes by ID or by name: first among the columns the editor loaded into the mapper (no request
 * needed, so wrong values fail before any request), then, for a workflow written without them, from Thinkeo.
 */
class AttributeDirectory {
	private remote?: AppAttribute[];

	constructor(
		private readonly context: IExecuteSingleFunctions,
		private readonly appId: string,
		private readonly known: AppAttribute[],
	) {}

	async find(reference: string, { lookUpRemotely }: { lookUpRemotely: boolean }): Promise<AppAttribute | undefined> {
		const local = this.match(this.known, reference);
		if (local || !lookUpRemotely || !this.appId) return local;
		this.remote ??= await loadAppAttributes.call(this.context, this.appId);
		return this.match(this.remote, reference);
	}

	/** Names of the App's attributes, to list in an error. */
	async names(): Promise<string[]> {
		const attributes = this.remote ?? (this.known.length ? this.known : await loadAppAttributes.call(this.context, this.appId));
		return attributes.map(({ name }) => name);
	}

	private match(attributes: AppAttribute[], reference: string): AppAttribute | undefined {
		if (isUuid(reference)) return attributes.find(({ id }) => id.toLowerCase() === reference.toLowerCase());
		const key = attributeNameKey(reference);
		return attributes.find(({ name }) => attributeNameKey(name) === key);
	}
}

function attributesOfMapperSchema(schema: ResourceMapperField[] | undefined): AppAttribute[] {
	return (schema ?? []).flatMap(({ id, displayName, type }) => {
		const kind = kindOfMapperFieldType(type);
		return kind ? [{ id, name: displayName, kind }] : [];
	});
}

function fail(context: IExecuteSingleFunctions, message: string, description?: string) {
	return inputError(context.getNode(), message, { itemIndex: context.getItemIndex(), description });
}

function addValues(
	context: IExecuteSingleFunctions,
	attributes: AttributeValues,
	attribute: AppAttribute,
	value: unknown,
) {
	const converted = convertAttributeValue(attribute.kind, value);
	if ('problem' in converted) {
		throw fail(context, `Attribute "${attribute.name}": ${converted.problem}`, `"${attribute.name}" is a ${attribute.kind} attribute.`);
	}
	if (converted.values.length) (attributes[attribute.id] ??= []).push(...converted.values);
}

/** "Map by Name": the mapper's columns, or with "Map Automatically" the item's fields named like attributes. */
async function mappedAttributes(this: IExecuteSingleFunctions, directory: AttributeDirectory, mapper: MapperValue) {
	const automatic = mapper.mappingMode === 'autoMapInputData';
	const entries = Object.entries(automatic ? this.getInputData().json : (mapper.value ?? {}));
	const attributes: AttributeValues = {};
	for (const [reference, value] of entries) {
		if (isEmptyValue(value)) continue;
		// The item's other fields are not meant for the App; a column the user filled in must be one of its attributes.
		const attribute = await directory.find(reference, { lookUpRemotely: !automatic });
		if (attribute) {
			addValues(this, attributes, attribute, value);
		} else if (!automatic) {
			const names = await directory.names();
			throw fail(this, `Attributes: the App has no attribute "${reference}"`, `Its attributes are: ${names.join(', ') || 'none'}.`);
		}
	}
	return attributes;
}

/** "By ID" and JSON: attribute UUIDs with text values, sent without looking the App up (for Apps one cannot list). */
function attributesById(this: IExecuteSingleFunctions): AttributeValues {
	const attributes: AttributeValues = {};
	const add = (label: string, id: string, value: unknown) => {
		if (!isUuid(id)) throw fail(this, `${label}: "${id}" is not a valid attribute ID (expected a UUID)`);
		const list = Array.isArray(value) ? value : [value];
		if (list.some((entry) => entry === null || entry === undefined || typeof entry === 'object')) {
			throw fail(this, `${label}: the value of attribute ${id} must be a string or a list of strings`);
		}
		(attributes[id] ??= []).push(...list.map(String));
	};
	if (this.getNodeParameter('attributesInput', 'fields') === 'json') {
		const parsed = parseJsonParameter.call(this, 'attributesJson', 'Attributes (JSON)');
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
			throw fail(this, 'Attributes (JSON): expected an object mapping attribute IDs to values, e.g. {"<attribute id>": ["value"]}');
		}
		for (const [id, value] of Object.entries(parsed)) add('Attributes (JSON)', id, value);
		return attributes;
	}
	const entries = this.getNodeParameter('attributes.attribute', []) as IDataObject[];
	for (const { attributeId, value } of entries) add('Attributes', String(attributeId ?? '').trim(), value);
	return attributes;
}

interface FileUpload {
	attribute: AppAttribute;
	binaryFields: string[];
}

/**
 * The Files From Binary Data entries (Publication → Create only), each checked: a File attribute of the App, binary
 * fields present on the item. In the By ID modes an attribute UUID is taken as it is, without looking the App up.
 */
async function plannedUploads(
	this: IExecuteSingleFunctions,
	directory: AttributeDirectory,
	{ byId }: { byId: boolean },
): Promise<FileUpload[]> {
	const entries = this.getNodeParameter('files.file', []) as IDataObject[];
	const uploads: FileUpload[] = [];
	for (const entry of entries) {
		const reference = String(entry.attribute ?? '').trim();
		if (!reference) throw fail(this, 'Files From Binary Data: no File Attribute chosen');
		const takenAsGiven = byId && isUuid(reference);
		const attribute = takenAsGiven
			? { id: reference, name: reference, kind: 'file' as const }
			: await directory.find(reference, { lookUpRemotely: true });
		if (!attribute) throw fail(this, `Files From Binary Data: the App has no attribute "${reference}"`);
		if (attribute.kind !== 'file') {
			throw fail(this, `Files From Binary Data: "${attribute.name}" is a ${attribute.kind} attribute, not a File attribute`);
		}
		const binaryFields = String(entry.binaryPropertyName ?? '')
			.split(',')
			.map((name) => name.trim())
			.filter(Boolean);
		if (binaryFields.length === 0) throw fail(this, `Files From Binary Data: no Input Binary Field given for "${attribute.name}"`);
		for (const name of binaryFields) {
			assertBinaryField.call(this, name, 'Files From Binary Data', ` (for attribute "${attribute.name}")`);
		}
		uploads.push({ attribute, binaryFields });
	}
	return uploads;
}

/**
 * preSend setting the body's `attributes` (attribute UUID → list of strings, as documented). Values and files are
 * all checked first; then each file is uploaded (POST /attachments) and its `url` added to its attribute, so the
 * publication request that follows holds them.
 */
export async function sendAttributes(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const byName = this.getNodeParameter('attributesInput', 'fields') === 'mapper';
	const mapper = byName ? (this.getNodeParameter('attributeValues', {}) as MapperValue) : {};
	// Block → Render has no App field (and no files); extracting a locator's value needs the field to exist.
	const hasApp = 'appId' in this.getNode().parameters;
	const appId = hasApp ? String(this.getNodeParameter('appId', '', { extractValue: true }) ?? '') : '';
	const directory = new AttributeDirectory(this, appId, attributesOfMapperSchema(mapper.schema));
	const attributes = byName ? await mappedAttributes.call(this, directory, mapper) : attributesById.call(this);
	const uploads = await plannedUploads.call(this, directory, { byId: !byName });
	const uploaded = { attachmentIds: [] as string[], sha1s: [] as string[] };
	for (const { attribute, binaryFields } of uploads) {
		for (const field of binaryFields) {
			const { id, url, sha1 } = await uploadAttachment.call(this, field);
			if (!url) throw fail(this, `Files From Binary Data: Thinkeo returned no URL for the file of binary field "${field}"`);
			(attributes[attribute.id] ??= []).push(url);
			if (id) uploaded.attachmentIds.push(id.toLowerCase());
			const hex = sha1Hex(sha1);
			if (hex) uploaded.sha1s.push(hex);
		}
	}
	// For Output Files = Generated: these are the generation's inputs, not its results.
	generationInputsPerItem.keep(this, { ...uploaded, urls: Object.values(attributes).flat() });
	return { ...requestOptions, body: { ...(requestOptions.body as IDataObject), attributes } };
}
