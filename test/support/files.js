// Scratch files for end-to-end tests that feed n8n's Read/Write Files node.
const { createHash, randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** A file of `size` random bytes in a fresh folder: {dir, path, sha1 (hex), size, remove()}. */
function randomFile(size, name = 'random.bin') {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thinkeo-files-'));
	const bytes = randomBytes(size);
	const file = path.join(dir, name);
	fs.writeFileSync(file, bytes);
	return {
		dir,
		path: file,
		size,
		sha1: createHash('sha1').update(bytes).digest('hex'),
		remove: () => fs.rmSync(dir, { recursive: true, force: true }),
	};
}

module.exports = { randomFile };
