// Agreement of every engine with the exact reference and with hand-written JS, record by record.
// attain must equal the exact reference everywhere (hostile records included). Every engine must
// equal hand-written JS on ordinary and boundary records; where floats cannot decide (hostile
// records) the disagreements of float engines with the exact answer are counted and reported.
import { prepareAttainRules } from './attain.mjs';
import { generateClientMonths } from './data.mjs';
import { canonical, exactRules, fraction } from './exact.mjs';
import { HAND, peerEngines } from './rules.mjs';

/** attain's Value in canonical form. */
export function attainCanonical(lib, v) {
  if (v === true || v === false) return String(v);
  if (lib.isRational(v)) return fraction(v.s * v.n, v.d);
  if (typeof v === 'object' && v !== null && v.kind === 'NoData') return 'no-data';
  return `?${String(v)}`;
}

/** Float results in canonical form (R4 amounts as n/1; NaN and Infinity stay visible). */
export function floatCanonical(v) {
  return canonical(v);
}

/**
 * Run every engine over `records` (untimed) and compare. Returns per engine and rule the number
 * of records compared and the disagreements by kind, plus `ok` (attain exact everywhere, every
 * engine equal to hand-written JS outside hostile records).
 */
export async function checkAgreement(lib, records, { peers = peerEngines() } = {}) {
  const exact = records.map((r) => exactRules(r.text).map(canonical));
  const hand = records.map((r) => HAND.map((fn) => floatCanonical(fn(r.num))));
  const { rules, frames } = prepareAttainRules(lib, records);
  const rows = [];
  const attainRow = { engine: 'attain', vsExact: [0, 0, 0, 0, 0], vsHand: [0, 0, 0, 0, 0], compared: records.length, examples: [] };
  records.forEach((rec, i) => {
    rules.forEach((rule, k) => {
      const got = attainCanonical(lib, rule.evaluate(frames[i]));
      if (got !== exact[i][k]) {
        attainRow.vsExact[k]++;
        if (attainRow.examples.length < 5) attainRow.examples.push({ rule: `R${k + 1}`, kind: rec.kind, got, want: exact[i][k], text: rec.text });
      }
      if (rec.kind !== 'hostile' && got !== hand[i][k] && hand[i][k] !== exact[i][k]) attainRow.vsHand[k]++;
    });
  });
  rows.push(attainRow);
  const handRow = { engine: 'hand-written JS', vsExact: [0, 0, 0, 0, 0], vsHand: [0, 0, 0, 0, 0], compared: records.length, examples: [] };
  records.forEach((rec, i) => hand[i].forEach((h, k) => {
    if (h !== exact[i][k]) {
      handRow.vsExact[k]++;
      if (rec.kind !== 'hostile') handRow.vsHand[k]++; // a float slip outside hostile data: fail
      if (handRow.examples.length < 5) handRow.examples.push({ rule: `R${k + 1}`, kind: rec.kind, got: h, want: exact[i][k] });
    }
  }));
  rows.push(handRow);
  for (const peer of peers) {
    const n = Math.min(records.length, peer.maxRecords ?? Infinity);
    const row = { engine: peer.name, vsExact: [0, 0, 0, 0, 0], vsHand: [0, 0, 0, 0, 0], compared: n, examples: [] };
    for (let i = 0; i < n; i++) {
      const rec = records[i];
      for (let k = 0; k < 5; k++) {
        const out = peer.rules[k](rec.num);
        const got = floatCanonical(peer.async ? await out : out);
        if (got !== exact[i][k]) row.vsExact[k]++;
        if (rec.kind !== 'hostile' && got !== hand[i][k]) {
          row.vsHand[k]++;
          if (row.examples.length < 5) row.examples.push({ rule: `R${k + 1}`, kind: rec.kind, got, want: hand[i][k] });
        }
      }
    }
    rows.push(row);
  }
  const hostile = records.filter((r) => r.kind === 'hostile').length;
  const ok = attainRow.vsExact.every((c) => c === 0) && rows.every((r) => r.engine === 'attain' || r.vsHand.every((c) => c === 0));
  return { ok, rows, records: records.length, hostile };
}

/** The quick agreement run used by `npm test` (test/bench/bench-smoke.test.ts). */
export async function quickAgreement(lib, n = 1500) {
  return checkAgreement(lib, generateClientMonths(n), { peers: peerEngines().map((p) => ({ ...p, maxRecords: Math.min(p.maxRecords ?? n, 300) })) });
}

/** Agreement rows as text. */
export function formatAgreement(report) {
  const lines = [
    `Agreement on ${report.records} client-months (${report.hostile} hostile: decimals finer than a double, counts above 2^53, zero denominators)`,
    '',
    '| engine | records | differs from exact (R1 R2 R3 R4 R5) | differs from hand-written JS outside hostile records |',
    '| --- | ---: | --- | --- |',
  ];
  for (const r of report.rows) {
    lines.push(`| ${r.engine} | ${r.compared} | ${r.vsExact.join(' ')} | ${r.engine === 'attain' ? 'n/a (attain is checked against exact)' : r.vsHand.join(' ')} |`);
  }
  return lines.join('\n');
}
