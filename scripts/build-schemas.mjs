// Writes dist/schema/*.schema.json from the zod schemas of the built SDK (the one source of truth).
import { mkdirSync, writeFileSync } from 'node:fs';
import { toJSONSchema } from 'zod/mini';
import * as sdk from '../dist/index.js';

const SCHEMAS = {
  'cycle-feed': sdk.CycleFeedSchema,
  'catalogue-feed': sdk.CatalogueFeedSchema,
  feed: sdk.FeedSchema,
  cycle: sdk.CycleSchema,
  'registration-request': sdk.RegistrationRequestSchema,
  registration: sdk.RegistrationSchema,
  'feedback-form': sdk.FeedbackFormSchema,
  'feedback-submission': sdk.FeedbackSubmissionSchema,
  'feedback-response': sdk.FeedbackResponseSchema,
};

mkdirSync('dist/schema', { recursive: true });
for (const [name, schema] of Object.entries(SCHEMAS)) {
  // Inputs are what people write: defaults are optional there.
  const json = toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  json.$id = `https://formacoop.example/schema/${name}.schema.json`;
  json.title ??= `formacoop ${name}`;
  writeFileSync(`dist/schema/${name}.schema.json`, JSON.stringify(json, null, 2) + '\n');
}
console.log(`dist/schema: ${Object.keys(SCHEMAS).length} JSON Schema files`);
