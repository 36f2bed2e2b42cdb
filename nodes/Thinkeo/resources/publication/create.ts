import { outputFilesFields } from '../../generation/output/generatedFiles';
import { documentFileOptions, documentOutputField, shapeDocumentOutput } from '../../generation/output/documentOutput';
import { optionsCollection } from '../../operationKit/fields';
import { idLocator } from '../../operationKit/locators';
import { defineOperation } from '../../operationKit/builder';
import { allowLongGeneration } from '../../generation/timeout';
import { sendAttributes } from '../../generation/input/attributeInput';
import { attributeInputByNameFields, generationOptions } from '../../generation/input/attributeInputFields';
import { simplifyField } from '../../simplify/option';
import { simplifyGeneration } from '../../simplify/publication';

export const createPublication = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Generate a publication',
	description:
		'Generate a document by running a Thinkeo App with attribute values (mapped by name) and files from binary fields, which are uploaded first. Needs the App; returns the publication ID, the document HTML and its blocks in order, and with Output Files the generated Word, PowerPoint and image files as binary fields, listed by name and URL; with Simplify, the ID, name, the document as plain text and the files by name, type and URL; it can take minutes (POST /publications).',
	routing: {
		request: { method: 'POST', url: '/publications' },
		send: { preSend: [sendAttributes, allowLongGeneration] },
		output: { postReceive: [shapeDocumentOutput('appId'), simplifyGeneration] },
	},
	fields: [
		{
			...idLocator({ name: 'appId', label: 'App', searchListMethod: 'searchApps', description: 'The App that generates the document' }),
			routing: { send: { type: 'query', property: 'app' } },
		},
		{
			displayName: 'Version Name or ID',
			name: 'version',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getAppVersions', loadOptionsDependsOn: ['appId.value'] },
			default: 'latest',
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			hint: 'Latest (recommended), Preview or a published version of the App',
			routing: { send: { type: 'query', property: 'version' } },
		},
		...attributeInputByNameFields,
		simplifyField,
		{ ...documentOutputField, displayOptions: { show: { simplify: [false] } } },
		...outputFilesFields,
		optionsCollection([...generationOptions, ...documentFileOptions]),
	],
});
