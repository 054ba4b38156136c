// Tests for report/explain-sentence.ts (and explain-text.ts) on `in` targets: the sentence shows
// the tested value and every item, like a comparison's sides, in JSON and in `attain explain`.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

const CONTRACT = 'test/fixtures/contracts/good/membership.yaml';
const DATA = 'test/fixtures/data/explain/membership.yaml';

describe('explanations of x in [a, b, c]', () => {
  it('give the tested value and each item, percent winning as in comparisons (JSON, en)', async () => {
    const r = await runCli('evaluate', CONTRACT, '--data', DATA, '--format', 'json');
    expect(r.code).toBe(0);
    const kpis = (JSON.parse(r.stdout) as { kpis: { id: string; explanation: string }[] }).kpis;
    expect(Object.fromEntries(kpis.map((k) => [k.id, k.explanation]))).toEqual({
      pages_listed: 'pages 3 in [3, 4] (met)',
      share_listed: 'share 50% in [20%, 50%] (met)',
      tier_not_listed: 'not (pages 3 in [tier 3, 7] (met))',
      status_listed: 'status(pages_listed) "met" in ["met", "excluded"] (met)',
    });
  });

  it('show the same in the step-by-step trace and in another locale', async () => {
    const en = await runCli('explain', CONTRACT, '--data', DATA);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('    pages 3 in [3, 4]  -> met\n');
    expect(en.stdout).toContain('        pages 3 in [tier 3, 7]  -> met\n');
    const ru = await runCli('evaluate', CONTRACT, '--data', DATA, '--format', 'md', '--locale', 'ru-RU');
    expect(ru.stdout).toContain('share 50\u00a0% in \\[20\u00a0%, 50\u00a0%\\] (выполнено)');
  });
});
