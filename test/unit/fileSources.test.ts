import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import fc from 'fast-check';

import { documentBlocks } from '../../nodes/Thinkeo/generation/output/document';
import {
	attachmentIdOfUrl,
	downloadTargetOf,
	fileOfAttachment,
	FILE_BLOCK_KINDS,
	filesInBlocks,
	inputsOfPublication,
	isFileBlockKind,
	isGenerationInput,
	mergeFileSources,
	publicationFiles,
} from '../../nodes/Thinkeo/generation/output/fileSources';
import { NO_INPUTS, sha1Hex } from '../../nodes/Thinkeo/generation/input/inputFiles';
import { attachment, emptyWorld, fakeApi, pollContext, runPoll } from './triggerFakeApi';

const BASE = 'https://api.thinkeo.test/v1';
const DOCX = '11111111-1111-4111-8111-111111111111';
const PNG = '22222222-2222-4222-8222-222222222222';
const INPUT = '33333333-3333-4333-8333-333333333333';
const DOCX_SHA1 = 'a'.repeat(40);
const INPUT_SHA1 = Buffer.alloc(20, 7);

const renderOutput = {
	publicationId: 'pub',
	rootBlockId: 'root',
	blocks: {
		root: { kind: 'concatenation', content: ['title', 'word', 'image', 'appendix', 'future', 'ppt'] },
		title: { kind: 'html', content: '<h1>T</h1>' },
		// An html block linking an attachment is text, not a file of the generation.
		appendix: { kind: 'html', content: `${BASE}/attachments/${INPUT}` },
		word: { kind: 'word', content: { attachmentId: DOCX.toUpperCase(), url: `${BASE}/attachments/${DOCX}`, filename: 'report.docx' } },
		image: { kind: 'image', content: `${BASE}/attachments/${PNG}` },
		// A kind the node does not know, referencing an external file.
		future: { kind: 'pdfExport', content: { href: 'https://cdn.example.test/out.pdf', name: 'out.pdf', mimeType: 'application/pdf' } },
		// A file kind whose content names its attachment by `id`, as a list.
		ppt: { kind: 'ppt', content: [{ id: INPUT }] },
	},
};

describe('the file sources of a publication (INFERRED)', () => {
	it('finds the files referenced by blocks of a file kind or an unknown kind, never by html blocks', () => {
		const files = filesInBlocks(documentBlocks(renderOutput));
		expect(files).toEqual([
			{ source: 'renderBlock', blockId: 'word', blockKind: 'word', fetchable: true, attachmentId: DOCX, url: `${BASE}/attachments/${DOCX}`, fileName: 'report.docx', mimeType: undefined, sha1: undefined },
			{ source: 'renderBlock', blockId: 'image', blockKind: 'image', fetchable: true, attachmentId: PNG, url: `${BASE}/attachments/${PNG}` },
			{ source: 'renderBlock', blockId: 'future', blockKind: 'pdfExport', fetchable: true, attachmentId: undefined, url: 'https://cdn.example.test/out.pdf', fileName: 'out.pdf', mimeType: 'application/pdf', sha1: undefined },
			{ source: 'renderBlock', blockId: 'ppt', blockKind: 'ppt', fetchable: true, attachmentId: INPUT, url: undefined, fileName: undefined, mimeType: undefined, sha1: undefined },
		]);
	});

	it('does not take a bare id of an unknown kind, or text that is not a URL, for a file', () => {
		const blocks = documentBlocks({ blocks: { a: { kind: 'chart', content: { id: DOCX } }, b: { kind: 'word', content: 'not a url' } } });
		expect(filesInBlocks(blocks)).toEqual([]);
	});

	it('reads SHA-1s as the documented byte array or as hex, and attachment IDs from URLs', () => {
		expect(sha1Hex([...INPUT_SHA1])).toBe(INPUT_SHA1.toString('hex'));
		expect(sha1Hex(DOCX_SHA1.toUpperCase())).toBe(DOCX_SHA1);
		expect(sha1Hex([1, 2, 3])).toBeUndefined();
		expect(attachmentIdOfUrl(`${BASE}/attachments/${DOCX.toUpperCase()}/`)).toBe(DOCX);
		expect(attachmentIdOfUrl(`${BASE}/attachments/${DOCX}/meta`)).toBeUndefined();
	});

	it('merges both sources by attachment ID, the listing first and the block filling in its kind', () => {
		const listed = [{ source: 'publicationAttachments' as const, fetchable: true, attachmentId: DOCX, fileName: 'report.docx', sha1: DOCX_SHA1 }];
		const inBlocks = [{ source: 'renderBlock' as const, fetchable: true, attachmentId: DOCX, blockId: 'word', blockKind: 'word', fileName: 'other.docx' }];
		expect(mergeFileSources(listed, inBlocks)).toEqual([
			{ source: 'publicationAttachments', fetchable: true, attachmentId: DOCX, fileName: 'report.docx', sha1: DOCX_SHA1, blockId: 'word', blockKind: 'word' },
		]);
	});

	it('tells the inputs of a generation by uploaded ID, by SHA-1 and by URL sent', () => {
		const file = (fields: object) => ({ source: 'publicationAttachments' as const, fetchable: true, ...fields });
		const inputs = { attachmentIds: [INPUT], sha1s: [INPUT_SHA1.toString('hex')], urls: [`${BASE}/attachments/${PNG}`, 'https://x.test/a.pdf'] };
		expect(isGenerationInput(file({ attachmentId: INPUT }), inputs)).toBe(true);
		expect(isGenerationInput(file({ attachmentId: DOCX, sha1: INPUT_SHA1.toString('hex') }), inputs)).toBe(true);
		expect(isGenerationInput(file({ attachmentId: PNG }), inputs)).toBe(true);
		expect(isGenerationInput(file({ url: 'https://x.test/a.pdf' }), inputs)).toBe(true);
		expect(isGenerationInput(file({ attachmentId: DOCX, sha1: DOCX_SHA1 }), inputs)).toBe(false);
		expect(inputsOfPublication({ attributes: { a: ['x', `${BASE}/attachments/${INPUT}`], b: [] } })).toEqual({ attachmentIds: [], sha1s: [], urls: ['x', `${BASE}/attachments/${INPUT}`] });
	});

	it('downloads attachments by ID and URLs under the Base URL, never another origin', () => {
		const file = (fields: object) => ({ source: 'renderBlock' as const, blockKind: 'word', fetchable: true, ...fields });
		expect(downloadTargetOf(file({ attachmentId: DOCX, url: 'https://elsewhere.test/x' }), BASE)).toEqual({ path: `/attachments/${DOCX}` });
		expect(downloadTargetOf(file({ url: `${BASE}/exports/7/file` }), `${BASE}/`)).toEqual({ path: '/exports/7/file' });
		expect(downloadTargetOf(file({ url: 'https://api.thinkeo.test/v10/exports/7' }), BASE)).toEqual({ refused: expect.stringContaining('not under the Base URL’s path /v1/') });
		expect(downloadTargetOf(file({ url: 'https://cdn.example.test/out.pdf' }), BASE)).toEqual({ refused: expect.stringContaining('another origin') });
	});
});

describe('what Output Files may fetch (issue 19, items 7 and 8)', () => {
	const wordBlock = (url: string) => ({ source: 'renderBlock' as const, blockKind: 'word', fetchable: true, url });

	// Each reached another service behind the same origin with the token, or failed with a raw "Invalid URL".
	it.each([
		[`${BASE}/../../other-service/steal`, 'not under the Base URL’s path'],
		[`${BASE}/%2e%2e/%2E%2E/admin/x`, 'not under the Base URL’s path'],
		[`${BASE}/..\\..\\x`, 'not under the Base URL’s path'],
		[`${BASE}//evil.example/x`, 'empty segment'],
		[`${BASE}/exports/..%2f..%2fadmin`, 'encoded slash'],
		[`${BASE}/exports/%5c..%5cadmin`, 'encoded slash'],
		[`${BASE}/..;/admin`, 'dot segment'],
		[`${BASE}x/exports/7`, 'not under the Base URL’s path'],
		['https://user:secret@api.thinkeo.test/v1/exports/7', 'user name or password'],
		['https://api.thinkeo.test:8443/v1/exports/7', 'another origin'],
		['http://api.thinkeo.test/v1/exports/7', 'another origin'],
		['https://api.thinkeo.test@evil.example/v1/exports/7', 'user name or password'],
		['https://evil.example/v1/exports/7', 'another origin'],
		['https://[::1/v1/x', 'not a valid URL'],
	])('refuses %s: %s', (url, reason) => {
		expect(downloadTargetOf(wordBlock(url), BASE)).toEqual({ refused: expect.stringContaining(reason) });
	});

	it('sends the normalised path of a URL under the Base URL, with its query and without its fragment', () => {
		expect(downloadTargetOf(wordBlock(`${BASE}/exports/./7/../8/file?format=docx#top`), BASE)).toEqual({ path: '/exports/8/file?format=docx' });
		expect(downloadTargetOf(wordBlock('HTTPS://API.thinkeo.test:443/v1/exports/%2e/9'), BASE)).toEqual({ path: '/exports/9' });
		expect(downloadTargetOf(wordBlock(`${BASE}/exports\\9`), BASE)).toEqual({ path: '/exports/9' });
	});

	it('lists what a paragraph, an AI or an API call block names, and never fetches it', () => {
		const blocks = documentBlocks({
			blocks: {
				members: { kind: 'paragraph', content: [`${BASE}/teams/users`] },
				ai: { kind: 'ai', content: `${BASE}/attachments/${DOCX}` },
				call: { kind: 'apiCall', content: { url: `${BASE}/exports/7`, attachmentId: PNG, filename: 'x.pdf' } },
				rag: { kind: 'rag', content: { id: INPUT } },
				chart: { kind: 'chartExport', content: `${BASE}/exports/8` },
				html: { kind: 'html', content: `${BASE}/attachments/${INPUT}` },
			},
		});
		const files = filesInBlocks(blocks);
		expect(files.map((file) => [file.blockKind, file.url ?? file.attachmentId, file.fetchable])).toEqual([
			['paragraph', `${BASE}/teams/users`, false],
			['ai', `${BASE}/attachments/${DOCX}`, false],
			['apiCall', `${BASE}/exports/7`, false],
			// An undocumented kind that says it is an export is a file block.
			['chartExport', `${BASE}/exports/8`, true],
		]);
		for (const file of files.filter((candidate) => !candidate.fetchable)) {
			expect(downloadTargetOf(file, BASE)).toEqual({ refused: expect.stringContaining(`block of kind "${file.blockKind}", which is not a file block`) });
		}
		expect(downloadTargetOf(files[3], BASE)).toEqual({ path: '/exports/8' });
	});

	it('fetches a file the listing names even when a paragraph names it too', () => {
		const listed = [{ source: 'publicationAttachments' as const, fetchable: true, attachmentId: DOCX }];
		const [paragraph] = filesInBlocks(documentBlocks({ blocks: { p: { kind: 'paragraph', content: { attachmentId: DOCX } } } }));
		expect(paragraph.fetchable).toBe(false);
		expect(mergeFileSources([paragraph], listed)).toEqual([expect.objectContaining({ attachmentId: DOCX, fetchable: true })]);
		expect(mergeFileSources(listed, [paragraph])).toEqual([expect.objectContaining({ attachmentId: DOCX, fetchable: true })]);
	});

	it('makes every file name it reads safe', () => {
		expect(fileOfAttachment({ id: DOCX, filename: '..\\..\\windows\\evil.exe' }).fileName).toBe('evil.exe');
		const blocks = documentBlocks({ blocks: { w: { kind: 'word', content: { attachmentId: DOCX, filename: '../../etc/passwd' } } } });
		expect(filesInBlocks(blocks)[0].fileName).toBe('passwd');
	});
});

describe('publicationFiles', () => {
	const listing = [
		{ id: INPUT, url: `${BASE}/attachments/${INPUT}`, filename: 'brief.pdf', sha1: [...INPUT_SHA1] },
		{ id: DOCX, url: `${BASE}/attachments/${DOCX}`, filename: 'report.docx', sha1: DOCX_SHA1 },
	];
	function context(requests: string[], body: unknown = listing) {
		return {
			getNode: () => ({ name: 'Thinkeo', type: 'thinkeo', typeVersion: 1, parameters: {} }),
			getCredentials: async () => ({ baseUrl: BASE }),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, request: { method: string; url: string }) => {
					requests.push(`${request.method} ${request.url}`);
					return { statusCode: 200, headers: { 'content-type': 'application/json' }, body };
				},
			},
		} as unknown as IExecuteSingleFunctions;
	}
	const blocks = documentBlocks(renderOutput);

	it('lists the attachments then the block files, without the inputs for Generated', async () => {
		const requests: string[] = [];
		const inputs = { attachmentIds: [INPUT], sha1s: [], urls: [] };
		const files = await publicationFiles.call(context(requests), { publicationId: 'pub', blocks, listAttachments: true, inputs, scope: 'generated' });
		expect(requests).toEqual(['GET /publications/pub/attachments']);
		expect(files.map((file) => [file.attachmentId ?? file.url, file.source, file.blockKind])).toEqual([
			[DOCX, 'publicationAttachments', 'word'],
			[PNG, 'renderBlock', 'image'],
			['https://cdn.example.test/out.pdf', 'renderBlock', 'pdfExport'],
		]);
	});

	it('keeps every file for All, and lists no attachments of a publication that is not kept', async () => {
		const requests: string[] = [];
		const all = await publicationFiles.call(context(requests), { publicationId: 'pub', blocks, listAttachments: true, inputs: NO_INPUTS, scope: 'all' });
		expect(all.map((file) => file.attachmentId ?? file.url)).toEqual([INPUT, DOCX, PNG, 'https://cdn.example.test/out.pdf']);
		const preview = await publicationFiles.call(context(requests), { publicationId: 'pub', blocks, listAttachments: false, inputs: NO_INPUTS, scope: 'all' });
		expect(preview.map((file) => file.source)).toEqual(['renderBlock', 'renderBlock', 'renderBlock', 'renderBlock']);
		expect(requests).toEqual(['GET /publications/pub/attachments']);
	});

	// Review of issue 19, item 5: such an answer was read as "no files", and the trigger fired without them.
	it.each([
		[{ message: 'try later' }, 'an object'],
		[7, 'a number (7)'],
		[null, 'null'],
	])('refuses a 200 listing that is no list (%j), naming the step', async (body, shown) => {
		const query = { publicationId: 'pub', blocks: [], listAttachments: true, inputs: NO_INPUTS, scope: 'all' as const };
		const listingFiles = publicationFiles.call(context([], body), query);
		await expect(listingFiles).rejects.toThrow(NodeApiError);
		await expect(listingFiles).rejects.toThrow(`listing the files of publication pub: Thinkeo answered with ${shown}, not a list`);
	});
});

describe('New Publication with Output Files, when the listing answers 200 with no list', () => {
	it('fails the poll, then fires the publication with its file once the listing is a list', async () => {
		const world = emptyWorld();
		const api = fakeApi(world);
		const staticData: IDataObject = {};
		const poll = async () => await runPoll(pollContext({ event: 'newPublication', outputFiles: 'all' }, staticData, api.send));
		expect(await poll()).toEqual({ items: [] });
		const id = '0192f0a5-4444-7e00-9f00-000000000001';
		world.publications.push({ id, appId: 'app', createdAt: new Date().toISOString() });
		world.attachments.set(id, { message: 'try later' } as unknown as IDataObject[]);
		const failed = await poll();
		expect(failed).toEqual({ error: expect.objectContaining({ message: expect.stringContaining(`listing the files of publication ${id}: Thinkeo answered with an object, not a list`) }) });
		world.attachments.set(id, [attachment(1)]);
		const fired = await poll();
		expect('items' in fired && fired.items.map((item) => [item.json.id, (item.json.files as IDataObject[]).map((file) => file.attachmentId), Object.keys(item.binary ?? {})])).toEqual([
			[id, [attachment(1).id], ['file_0']],
		]);
		expect(await poll()).toEqual({ items: [] });
	});
});

describe('which block kinds are file blocks (review of issue 19, item 6; property)', () => {
	const MEMBERS = `${BASE}/teams/users`;
	/** Whether the block of `kind`, naming a URL under the Base URL, would have it fetched with the token. */
	const fetched = (kind: unknown) => {
		const files = filesInBlocks(documentBlocks({ blocks: { b: { kind, content: `${MEMBERS}?via=block` } } }));
		return files.length === 1 && 'path' in downloadTargetOf(files[0], BASE);
	};

	it.each([['profile'], ['userProfileCard'], [['ai', 'file']], [{ kind: 'file' }], ['fileexport'], ['exporter'], ['refiled']])('never fetches for the kind %j', (kind) => {
		expect(fetched(kind)).toBe(false);
	});

	it.each([['word'], ['fileBeta'], ['file'], ['files'], ['pdfFile'], ['pdfExport'], ['export'], ['PDFExport'], ['xlsx_file'], ['FILE']])('fetches for the kind %j', (kind) => {
		expect(fetched(kind)).toBe(true);
	});

	const fileWord = fc.constantFrom('file', 'files', 'export', 'exports');
	// Words that hold "file" or "export" without being one, and ordinary words.
	const otherWord = fc.oneof(
		fc.constantFrom('profile', 'filed', 'exporter', 'fileexport', 'refile', 'exportsx', 'ai', 'card', 'user', 'pdf', 'beta'),
		fc.stringMatching(/^[a-z]{1,8}$/).filter((word) => !['file', 'files', 'export', 'exports'].includes(word)),
		fc.tuple(fc.stringMatching(/^[a-z]{1,4}$/), fileWord, fc.stringMatching(/^[a-z]{0,4}$/)).map(([before, word, after]) => before + word + after),
	);
	const capitalised = (word: string) => word[0].toUpperCase() + word.slice(1);
	/** A kind name made of words, camelCase, PascalCase, upper case or separated, with whether a word is a file word. */
	const kinds = fc
		.tuple(
			fc.array(fc.tuple(fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 4 }).chain((shape) =>
				fc.tuple(...shape.map(([isFileWord]) => (isFileWord ? fileWord : otherWord)), fc.constant(shape)),
			),
			fc.constantFrom('camel', 'pascal', '_', '-', '2'),
		)
		.map(([[...generated], style]) => {
			const shape = generated.pop() as Array<[boolean, boolean]>;
			const words = generated as string[];
			const joined =
				style === 'camel'
					? words.map((word, index) => (index === 0 ? word : capitalised(word))).join('')
					: style === 'pascal'
						? words.map(capitalised).join('')
						: words.join(style);
			return { kind: joined, hasFileWord: shape.some(([isFileWord]) => isFileWord) };
		});

	it('a kind is a file block exactly when it is a documented file kind or has a file word as a whole word', () => {
		fc.assert(
			fc.property(kinds, ({ kind, hasFileWord }) => {
				expect(isFileBlockKind(kind)).toBe(hasFileWord || FILE_BLOCK_KINDS.includes(kind));
				expect(fetched(kind)).toBe(hasFileWord || FILE_BLOCK_KINDS.includes(kind));
			}),
			{ numRuns: 3000 },
		);
	});

	it('no kind without "file" or "export" in it, other than the documented ones, is a file block', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 30 }), (kind) => {
				if (!FILE_BLOCK_KINDS.includes(kind) && !/file|export/i.test(kind)) expect(fetched(kind)).toBe(false);
			}),
			{ numRuns: 3000 },
		);
	});

	it('a kind that is not text is never a file block, whatever it holds', () => {
		const notText = fc.oneof(
			fc.anything().filter((value) => typeof value !== 'string'),
			fc.array(fc.constantFrom('file', 'word', 'export', 'fileBeta', 'ai')),
			fc.constantFrom('file', 'word').map((kind) => ({ kind, toString: kind })),
		);
		fc.assert(
			fc.property(notText, (kind) => {
				expect(isFileBlockKind(kind)).toBe(false);
				expect(fetched(kind)).toBe(false);
			}),
			{ numRuns: 2000 },
		);
	});
});
