// Writes the common passwords that the password policy refuses as plain text, one a line, lower-case, from the list the
// npm package zxcvbn ships (lib/frequency_lists.js: its "passwords" list, most common first; a comma-separated string in
// the file, which some versions split on load).
// Usage: node common-passwords.mjs <output file>
import { createRequire } from 'node:module';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const output = process.argv[2];
const require = createRequire(import.meta.url);
const lists = require('./node_modules/zxcvbn/lib/frequency_lists.js');
const seen = new Set();
const passwords = Array.isArray(lists.passwords) ? lists.passwords : String(lists.passwords).split(',');
for (const word of passwords) {
  const lower = word.trim().toLowerCase();
  if (lower) {
    seen.add(lower);
  }
}
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, [...seen].join('\n') + '\n', 'utf8');
