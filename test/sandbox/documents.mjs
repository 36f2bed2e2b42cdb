// "Demo Documents": a Demo Team App with a `word` and an `image` block, whose publications produce real files.
// Each generation stores a Word document (.docx, a valid OOXML zip built here with node:zlib) and a PNG chart as
// attachments of the publication, listed by GET /publications/{id}/attachments after the input files, and
// references them from the render output: the `word` block's content is {attachmentId, url, filename}, the
// `image` block's content the attachment's URL. So the sandbox models both sources the node reads
// (nodes/Thinkeo/generation/output/fileSources.ts); a publication's files appear in both.
import { createHash, randomUUID } from 'node:crypto';
import { deflateRawSync, deflateSync } from 'node:zlib';

import { DEMO_APP, DEMO_TEAM } from './seed.mjs';

export const DOCUMENTS_APP_ID = '0192f0a3-2222-7c00-8d00-0000000000a4';

/** The App record (attributes shared with the Demo App: Title, and Appendix for an input file). */
export function documentsApp() {
	return {
		id: DOCUMENTS_APP_ID,
		teamId: DEMO_TEAM.id,
		name: 'Demo Documents',
		latestVersion: '1.0.0',
		versions: ['1.0.0'],
		attributes: structuredClone({ title: DEMO_APP.attributes.title, appendix: DEMO_APP.attributes.appendix }),
		description: 'A Word report and a PNG chart, generated as files',
	};
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes) {
	let crc = 0xffffffff;
	for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

/** A zip archive of `entries` ({name, text}), deflated, dated 1980-01-01 so the same input gives the same bytes. */
function zip(entries) {
	const locals = [];
	const centrals = [];
	let offset = 0;
	for (const { name, text } of entries) {
		const data = Buffer.from(text, 'utf8');
		const packed = deflateRawSync(data);
		const fileName = Buffer.from(name, 'utf8');
		const crc = crc32(data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4); // version needed
		local.writeUInt16LE(0x0800, 6); // UTF-8 names
		local.writeUInt16LE(8, 8); // deflate
		local.writeUInt16LE(0, 10); // time
		local.writeUInt16LE(0x21, 12); // date: 1980-01-01
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(packed.length, 18);
		local.writeUInt32LE(data.length, 22);
		local.writeUInt16LE(fileName.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		local.copy(central, 6, 4, 30); // version needed … name length, the same fields
		central.writeUInt32LE(offset, 42);
		locals.push(local, fileName, packed);
		centrals.push(central, fileName);
		offset += local.length + fileName.length + packed.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

const escapeXml = (text) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The smallest Word document Word opens: content types, the package relationship and the body. */
export function buildDocx(title, paragraphs) {
	const run = (text) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
	const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
	return zip([
		{
			name: '[Content_Types].xml',
			text:
				'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
				'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
				'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
				'<Default Extension="xml" ContentType="application/xml"/>' +
				'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
				'</Types>',
		},
		{
			name: '_rels/.rels',
			text:
				'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
				'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
				'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
				'</Relationships>',
		},
		{
			name: 'word/document.xml',
			text:
				`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>` +
				`<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t xml:space="preserve">${escapeXml(title)}</w:t></w:r></w:p>` +
				paragraphs.map(run).join('') +
				'</w:body></w:document>',
		},
	]);
}

function pngChunk(type, data) {
	const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData));
	return Buffer.concat([length, typeAndData, crc]);
}

/** A 48×32 RGB PNG bar chart, one bar per value (0–1), deterministic. */
export function buildPng(values) {
	const width = 48;
	const height = 32;
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.writeUInt8(8, 8); // bit depth
	header.writeUInt8(2, 9); // truecolour
	const barWidth = Math.floor(width / Math.max(values.length, 1));
	const rows = [];
	for (let y = 0; y < height; y++) {
		const row = Buffer.alloc(1 + width * 3, 0xff); // white
		row[0] = 0; // filter: none
		for (let x = 0; x < width; x++) {
			const value = values[Math.floor(x / barWidth)] ?? 0;
			if (height - y <= Math.round(value * height)) row.set([0x1f, 0x6f, 0xb4], 1 + x * 3);
		}
		rows.push(row);
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', header),
		pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

export const DOCX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function storeAttachment(store, teamId, filename, mimeType, bytes) {
	const attachment = {
		id: randomUUID(),
		teamId,
		filename,
		mimeType,
		size: bytes.length,
		sha1: [...createHash('sha1').update(bytes).digest()],
		bytes,
		createdAt: new Date().toISOString(),
	};
	store.attachments.set(attachment.id, attachment);
	return attachment;
}

/**
 * Generates a Demo Documents publication: stores its two files and returns the render output referencing them,
 * with the ids of the generated attachments (GET /publications/{id}/attachments lists them).
 */
export function renderDocuments(store, app, attributes, apiBaseUrl) {
	const title = attributes[app.attributes.title.id]?.[0] || 'Untitled';
	const docx = storeAttachment(store, app.teamId, 'report.docx', DOCX_MIME_TYPE, buildDocx(title, ['Generated by the Thinkeo sandbox.']));
	const chartValues = [...createHash('sha1').update(title).digest()].slice(0, 4).map((byte) => (byte + 32) / 288);
	const png = storeAttachment(store, app.teamId, 'chart.png', 'image/png', buildPng(chartValues));
	const url = (attachment) => `${apiBaseUrl}/attachments/${attachment.id}`;
	const ids = { root: randomUUID(), heading: randomUUID(), word: randomUUID(), image: randomUUID() };
	const blocks = {
		[ids.image]: { kind: 'image', content: url(png) },
		[ids.word]: { kind: 'word', content: { attachmentId: docx.id, url: url(docx), filename: docx.filename } },
		[ids.heading]: { kind: 'html', content: `<h1>${escapeXml(title)}</h1>` },
		[ids.root]: { kind: 'concatenation', content: [ids.heading, ids.word, ids.image] },
	};
	return { rootBlockId: ids.root, blocks, generatedAttachmentIds: [docx.id, png.id] };
}
