// The monthly run's journal: each announced op is on disk (written and flushed) when announce
// resolves; ops announced together share a flush but keep their order; clear starts a new journal.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, openJournal, replayJournal } from '../../../../src/pipeline/monthly/journal.js';

const work = mkdtempSync(join(tmpdir(), 'attain-journal-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const lines = (out: string): string[] => readFileSync(join(out, JOURNAL_FILE), 'utf8').split('\n').filter((l) => l !== '');

describe('openJournal', () => {
  it('an op is in the file when its announce resolves', async () => {
    const out = mkdtempSync(join(work, 'one-'));
    const journal = openJournal(out);
    await journal.announce({ op: 'swap', id: 'a', stage: null, aside: '.attain-old-a-1' });
    expect(lines(out).map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['a']);
    await journal.close();
  });

  it('ops announced at once are all written, in the order announced, and replay', async () => {
    const out = mkdtempSync(join(work, 'many-'));
    const journal = openJournal(out);
    const ids = Array.from({ length: 50 }, (_, i) => `c-${String(i).padStart(2, '0')}`);
    await Promise.all(ids.map((id) => journal.announce({ op: 'swap', id, stage: null, aside: `.attain-old-${id}-1` })));
    expect(lines(out).map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(ids);
    // Removals of directories that are not there count as done: the replay sees every op.
    const base = { period: '2026-10', finalized: false, contracts: ids.map((id) => ({ contract: id, contract_sha256: null, data_sha256: null, inputs_sha256: '', status: 'ok' as const, issued: false, files: {}, row: { contract: id, status: 'ok' as const, errors: [] }, corrections: [] })) };
    const { manifest } = await replayJournal(out, base, true);
    expect(manifest.contracts).toEqual([]);
    await journal.close();
  });

  it('clear removes the journal; a later op starts a new one', async () => {
    const out = mkdtempSync(join(work, 'clear-'));
    const journal = openJournal(out);
    await journal.announce({ op: 'swap', id: 'a', stage: null, aside: '.attain-old-a-1' });
    await journal.clear();
    expect(existsSync(join(out, JOURNAL_FILE))).toBe(false);
    await journal.announce({ op: 'swap', id: 'b', stage: null, aside: '.attain-old-b-1' });
    expect(lines(out).map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['b']);
    await journal.close();
  });

  it('a failed write rejects the ops of its flush', async () => {
    const journal = openJournal(join(work, 'no-such-dir'));
    await expect(journal.announce({ op: 'swap', id: 'a', stage: null, aside: '.attain-old-a-1' })).rejects.toThrow(/ENOENT/);
    await journal.close();
  });
});
