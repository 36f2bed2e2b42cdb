import type {
	ILoadOptionsFunctions,
	INodePropertyOptions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';

import { listedRecords } from '../transport/answerCheck';
import { withStepErrors } from '../transport/errors';
import { thinkeoRequest } from '../transport/request';
import { loadAppAttributes } from '../generation/input/appAttributes';
import { mapperFieldType } from '../generation/input/attributeKinds';

/** Editor lists that depend on the chosen App: its versions, its attributes for the mapper, its File attributes. */

function chosenAppId(this: ILoadOptionsFunctions): string {
	return String(this.getCurrentNodeParameter('appId', { extractValue: true }) ?? '').trim();
}

const MOVING_VERSIONS: INodePropertyOptions[] = [
	{ name: 'Latest', value: 'latest', description: 'The newest published version (recommended)' },
	{ name: 'Preview', value: 'preview', description: "The Architects' unpublished working copy, for testing" },
];

async function getAppVersions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const appId = chosenAppId.call(this);
	if (!appId) return MOVING_VERSIONS;
	const versions = listedRecords(
		await thinkeoRequest.call(this, 'listing the App versions', { method: 'GET', url: `/apps/${encodeURIComponent(appId)}/versions` }),
	);
	const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
	const published = versions
		.filter((entry) => typeof entry.version === 'string' && entry.version !== 'preview')
		.map((entry) => {
			const version = entry.version as string;
			const createdAt = text(entry.createdAt);
			return {
				name: version,
				value: version,
				description: [text(entry.description), createdAt && `published ${createdAt.slice(0, 10)}`].filter(Boolean).join(' · '),
			};
		});
	return [...MOVING_VERSIONS, ...published];
}

async function getFileAttributes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const appId = chosenAppId.call(this);
	if (!appId) return [];
	const attributes = await loadAppAttributes.call(this, appId);
	return attributes.filter(({ kind }) => kind === 'file').map(({ id, name }) => ({ name, value: id }));
}

/** The mapper's columns: one per attribute, keyed by its ID (so renaming it in Thinkeo keeps the mapping), shown by name. */
async function getAttributeColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const appId = chosenAppId.call(this);
	if (!appId) return { fields: [], emptyFieldsNotice: 'Choose an App first to map its attributes' };
	const attributes = await loadAppAttributes.call(this, appId);
	const fields: ResourceMapperField[] = attributes.map(({ id, name, kind }) => ({
		id,
		displayName: name,
		type: mapperFieldType(kind),
		required: false,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		// A toggle is never empty: the editor would fill it with false and send "false" for a flag nobody touched. A
		// flag starts out of the mapping instead, offered under "Add attribute"; once added, its value is sent.
		removed: kind === 'flag',
	}));
	return { fields, emptyFieldsNotice: 'This App has no attributes to fill in' };
}

/** The editor's lists, each with its errors named (see withStepErrors). */
export const loadOptions = {
	getAppVersions: withStepErrors(() => 'listing the App versions', 'answer', getAppVersions),
	getFileAttributes: withStepErrors(() => 'listing the File attributes of the App', 'answer', getFileAttributes),
};
export const resourceMapping = {
	getAttributeColumns: withStepErrors(() => 'listing the attributes of the App', 'answer', getAttributeColumns),
};
