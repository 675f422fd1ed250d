import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { pilotJsonSchema } from '../../src/core/pilot-json-schema.ts';

describe('pilot.schema.json', () => {
  it('is the committed output of npm run schema (it cannot drift from the zod schema)', async () => {
    const committed = JSON.parse(await readFile(new URL('../../pilot.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(pilotJsonSchema())));
  });

  it('refuses unknown keys and describes dates as typed', () => {
    const schema = (pilotJsonSchema() as { else: unknown }).else as {
      additionalProperties: boolean;
      required: string[];
      properties: Record<string, { type?: string; format?: string; items?: { additionalProperties: boolean; required: string[] } }>;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['title', 'status', 'hypothesis', 'started', 'data', 'unit', 'metrics']);
    expect(schema.properties.started).toEqual({ type: 'string', format: 'date', description: 'ISO date, YYYY-MM-DD' });
    expect(schema.properties.metrics?.items?.additionalProperties).toBe(false);
    expect(schema.properties.metrics?.items?.required).toEqual(['id', 'label', 'type']);
  });

  it('takes a qualification evidence file by its kind, with its own keys', () => {
    const schema = pilotJsonSchema() as {
      if: unknown;
      then: { additionalProperties: boolean; required: string[]; properties: Record<string, unknown> };
    };
    expect(schema.if).toEqual({ type: 'object', required: ['kind'], properties: { kind: { const: 'qualification' } } });
    expect(schema.then.additionalProperties).toBe(false);
    expect(schema.then.required).toEqual(['title', 'kind', 'question', 'data', 'criteria', 'outcome']);
    expect(schema.then.properties.kind).toEqual({ type: 'string', const: 'qualification' });
    expect(schema.then.properties.started).toMatchObject({ type: 'string', format: 'date' });
  });
});
