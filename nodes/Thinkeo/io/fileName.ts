/**
 * File names the node gives to binary data: a generated document's, and a download's, which comes from the server
 * (Content-Disposition, a listing, a block) and so may hold anything. n8n-workflow's `sanitizeFilename` is not in the
 * n8n-workflow of n8n 1.x and keeps control characters and any length, so the node has its own.
 */

/** The most UTF-8 bytes of a name: below the 255 of common file systems, with room for a suffix such as " (1)". */
export const MAX_FILE_NAME_BYTES = 200;

/** An extension kept whole when a long name is shortened: a dot then up to 20 characters with no dot or space. */
const EXTENSION = /\.[^.\s]{1,20}$/u;

/**
 * Control characters (C0, DEL, C1), the bidirectional marks that disguise an extension, and lone surrogates (in a
 * `u` regex a surrogate pair is one character, so only a lone surrogate falls in \ud800-\udfff).
 */
const UNSAFE_CHARACTERS = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;

/** Characters Windows does not allow in a file name (the separators are removed before). */
const RESERVED_CHARACTERS = /[:*?"<>|]/g;

/** Device names Windows will not create as files, whatever the extension. */
const DEVICE_NAME = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** Leading dots and spaces would make the name hidden or relative; trailing ones Windows drops. */
const trimDotsAndSpaces = (text: string) => text.replace(/^[.\s]+/u, '').replace(/[.\s]+$/u, '');

/** `stem` cut, whole characters only, to at most `bytes` UTF-8 bytes. */
function cutToBytes(stem: string, bytes: number): string {
	let cut = '';
	let used = 0;
	for (const character of stem) {
		used += utf8Bytes(character);
		if (used > bytes) break;
		cut += character;
	}
	return cut;
}

/**
 * A name safe to store and to write to disk: the last part of any path (split at / and at \), control characters
 * and the characters Windows forbids replaced by "_", no leading or trailing dots or spaces, at most
 * MAX_FILE_NAME_BYTES (the extension kept), never empty (`fallback`). Sanitising a safe name leaves it as it is.
 */
export function safeFileName(name: string, fallback = 'file'): string {
	const lastPart = name.split(/[/\\]/).pop() ?? '';
	let safe = trimDotsAndSpaces(lastPart.replace(UNSAFE_CHARACTERS, '_').replace(RESERVED_CHARACTERS, '_'));
	if (DEVICE_NAME.test(safe)) safe = `_${safe}`;
	if (utf8Bytes(safe) > MAX_FILE_NAME_BYTES) {
		const extension = EXTENSION.exec(safe)?.[0] ?? '';
		const stem = trimDotsAndSpaces(cutToBytes(safe.slice(0, safe.length - extension.length), MAX_FILE_NAME_BYTES - utf8Bytes(extension)));
		safe = stem ? `${stem}${extension}` : '';
	}
	return safe || fallback;
}
