// `attain schema`: print the shipped contract JSON Schema.
import { readFile } from 'node:fs/promises';
import { EXIT, type CliIo } from './io.js';

export async function runSchema(io: CliIo): Promise<number> {
  // dist/src/cli/schema.js and src/cli/schema.ts both sit three levels below the package root.
  const url = new URL('../../../schema/contract.schema.json', import.meta.url);
  const candidates = [url, new URL('../../schema/contract.schema.json', import.meta.url)];
  for (const candidate of candidates) {
    try {
      io.stdout(await readFile(candidate, 'utf8'));
      return EXIT.ok;
    } catch {
      // try the next layout
    }
  }
  io.stderr('attain: the contract schema is missing from this installation\n');
  return EXIT.usage;
}
