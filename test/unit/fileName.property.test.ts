/**
 * safeFileName (io/fileName.ts), the one name function of generated documents and downloads: for any text (the
 * hostile names of issue 19 item 9, random bytes read as Latin-1 or UTF-8, random Unicode), the name it gives is
 * safe to store and to write to disk, keeps what it can, and sanitising it again changes nothing.
 */
import fc from 'fast-check';

import { MAX_FILE_NAME_BYTES, safeFileName } from '../../nodes/Thinkeo/io/fileName';

/** What every name given must satisfy. */
function expectSafe(name: string) {
	expect(name.length).toBeGreaterThan(0);
	expect(name).not.toMatch(/[/\\]/);
	// No control character (C0, DEL, C1), NUL included, no bidirectional override, no lone surrogate.
	expect(name).not.toMatch(/[\p{Cc}\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u);
	expect(name).not.toMatch(/[:*?"<>|]/);
	// Not hidden, not relative ("." or ".."), not silently renamed by Windows (trailing dot or space).
	expect(name).not.toMatch(/^[.\s]|[.\s]$/u);
	expect(Buffer.byteLength(name, 'utf8')).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
	// Not a device name Windows opens instead of a file, whatever the extension.
	expect(name).not.toMatch(/^(con|prn|aux|nul|com[\d¹²³]|lpt[\d¹²³])(\.|$)/i);
	expect(safeFileName(name)).toBe(name);
}

describe('safeFileName, on the names of issue 19', () => {
	it.each([
		['..\\..\\windows\\evil.exe', 'evil.exe'],
		['../../etc/passwd', 'passwd'],
		['/tmp/upload/doc.pdf', 'doc.pdf'],
		['C:\\Users\\me\\report.docx', 'report.docx'],
		['line\r\nbreak.txt', 'line__break.txt'],
		['nul\u0000byte.pdf', 'nul_byte.pdf'],
		['invoice\u202Efdp.exe', 'invoice_fdp.exe'],
		['.bashrc', 'bashrc'],
		['..', 'file'],
		['', 'file'],
		[' . ', 'file'],
		['dir/', 'file'],
		['a<b>:c?.txt', 'a_b__c_.txt'],
		['CON.txt', '_CON.txt'],
		// Shortening once made these device names (issue 19 review, item 9), and sanitising again changed them.
		[`con${' '.repeat(300)}.txt`, '_con.txt'],
		[`aux${'.'.repeat(250)}x.pdf`, '_aux.pdf'],
		[`LPT¹${' '.repeat(300)}`, '_LPT¹'],
		['résumé 报告.pdf', 'résumé 报告.pdf'],
		['Demo Report-0192f0a5-4444-7e00-9f00-000000000001.html', 'Demo Report-0192f0a5-4444-7e00-9f00-000000000001.html'],
	])('%j → %j', (input, expected) => {
		expect(safeFileName(input)).toBe(expected);
		expectSafe(safeFileName(input));
	});

	it('bounds a 5,000-character name, whole characters only, and keeps its extension', () => {
		const long = safeFileName(`${'報'.repeat(5000)}.docx`);
		expectSafe(long);
		expect(long).toMatch(/^報+\.docx$/);
		expect(Buffer.byteLength(long)).toBeGreaterThan(MAX_FILE_NAME_BYTES - 3);
		expect(safeFileName(`${'a'.repeat(5000)}`)).toBe('a'.repeat(MAX_FILE_NAME_BYTES));
	});

	it('uses the fallback given when nothing is left', () => {
		expect(safeFileName('../', 'download.bin')).toBe('download.bin');
	});
});

describe('safeFileName, on generated names (property)', () => {
	// Pieces that make names hostile, mixed with ordinary text.
	const hostile = fc.constantFrom('/', '\\', '..', '.', '\r', '\n', '\u0000', '\u007f', '\u0085', '\u202e', '\ud800', '\udfff', ' ', ':', '"', '|', 'CON', 'nul', '~', '%2e', '%2f');
	const piece = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }), hostile, fc.constantFrom('.pdf', '.docx', '.tar.gz', '.'));
	// Windows device names in any case, with or without extensions, after a path or leading dots and spaces, followed
	// by padding a shortening cuts away.
	const deviceName = fc
		.tuple(
			fc.constantFrom('con', 'prn', 'aux', 'nul', ...'123456789¹²³'.split('').flatMap((digit) => [`com${digit}`, `lpt${digit}`])),
			fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
		)
		.map(([name, upper]) => [...name].map((character, index) => (upper[index] ? character.toUpperCase() : character)).join(''));
	const devices = fc
		.tuple(
			fc.constantFrom('', 'dir/', 'a\\b\\', '...', ' . ', `${'x'.repeat(300)}/`),
			deviceName,
			fc.constantFrom('', ' ', '.', ' .', '_'),
			fc.nat({ max: 400 }),
			fc.constantFrom('', '.txt', '.PDF', '.tar.gz', '.x', '..docx'),
		)
		.map(([before, device, pad, padding, extension]) => before + device + pad.repeat(padding) + extension);
	const names = fc.oneof(
		devices,
		fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join('')),
		// Random bytes read as a server's header would be: Latin-1, or UTF-8 with replacement characters.
		fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
		fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
		// Long names, up to thousands of characters, with or without an extension.
		fc.tuple(fc.string({ unit: 'grapheme', minLength: 150, maxLength: 3000 }), fc.constantFrom('', '.pdf', '.x', '.verylongextension123')).map(([stem, extension]) => stem + extension),
	);

	it('is always safe, bounded, never empty, and stable (sanitising twice = once)', () => {
		fc.assert(
			fc.property(names, (name) => {
				expectSafe(safeFileName(name));
			}),
			{ numRuns: 3000 },
		);
	});

	it('keeps the last part of a path whole when it is already safe', () => {
		const safePart = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 _-]{0,40}\.[a-z]{1,5}$/);
		fc.assert(
			fc.property(fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 }), safePart, fc.constantFrom('/', '\\'), (directories, base, separator) => {
				expect(safeFileName([...directories, base].join(separator))).toBe(base);
			}),
			{ numRuns: 1000 },
		);
	});

	it('keeps a short extension when it has to shorten a name', () => {
		// A stem that is not a path, starting with a character kept as it is.
		const stems = fc.string({ unit: 'grapheme', minLength: 300, maxLength: 2000 }).map((text) => `a${text.replace(/[/\\]/g, '')}`);
		fc.assert(
			fc.property(stems, fc.stringMatching(/^\.[a-z0-9]{1,8}$/), (stem, extension) => {
				fc.pre(Buffer.byteLength(stem) > MAX_FILE_NAME_BYTES);
				expect(safeFileName(stem + extension).endsWith(extension)).toBe(true);
			}),
			{ numRuns: 500 },
		);
	});
});
