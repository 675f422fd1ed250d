/**
 * `npm run schema`: writes pilot.schema.json, the JSON Schema of a pilot's
 * frontmatter generated from the one zod schema, so editors (VS Code's YAML
 * extension and others) can validate and autocomplete pilot files.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { pilotJsonSchema } from '../src/core/pilot-json-schema.ts';

const target = fileURLToPath(new URL('../pilot.schema.json', import.meta.url));
await writeFile(target, `${JSON.stringify(pilotJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
