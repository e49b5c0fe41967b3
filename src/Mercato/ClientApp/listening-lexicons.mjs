// Writes the emoji names VADER reads emoji by as plain "emoji<TAB>words" lines, from the Unicode data that the npm
// package unicode-emoji-json ships (a JSON object). VADER's own emoji lexicon is not on npm; its word lexicon,
// vader_lexicon.txt from the vader-sentiment package, is already plain text and is copied as it is.
// Usage: node listening-lexicons.mjs <output file>
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const output = process.argv[2];
const data = JSON.parse(readFileSync(new URL('./node_modules/unicode-emoji-json/data-by-emoji.json', import.meta.url), 'utf8'));
const lines = [];
for (const [emoji, entry] of Object.entries(data)) {
  // The reference looks emoji up one code point at a time: keep those that are one code point once the emoji
  // presentation selector (U+FE0F) is dropped.
  const points = [...emoji.replaceAll('\uFE0F', '')];
  if (points.length === 1 && entry.name) {
    lines.push(`${points[0]}\t${entry.name}`);
  }
}
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, lines.join('\n') + '\n', 'utf8');
