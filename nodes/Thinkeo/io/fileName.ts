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

/** Device names Windows will not create as files, whatever the extension (COM¹ to COM³ and LPT¹ to LPT³ too). */
const DEVICE_NAME = /^(con|prn|aux|nul|com[\d¹²³]|lpt[\d¹²³])(\.|$)/i;

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
	let safe = shortened(trimDotsAndSpaces(lastPart.replace(UNSAFE_CHARACTERS, '_').replace(RESERVED_CHARACTERS, '_')));
	// Checked on the shortened name: the cut can make one ("con" + 300 spaces + ".txt" becomes "con.txt").
	if (DEVICE_NAME.test(safe)) safe = shortened(`_${safe}`);
	return safe || fallback;
}

/** `name` (already free of unsafe characters) at most MAX_FILE_NAME_BYTES, its extension kept; '' if nothing is left. */
function shortened(name: string): string {
	if (utf8Bytes(name) <= MAX_FILE_NAME_BYTES) return name;
	const extension = EXTENSION.exec(name)?.[0] ?? '';
	const stem = trimDotsAndSpaces(cutToBytes(name.slice(0, name.length - extension.length), MAX_FILE_NAME_BYTES - utf8Bytes(extension)));
	return stem ? `${stem}${extension}` : '';
}
