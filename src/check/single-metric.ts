// Stage 6 (checkContract), advice: CheckedContract -> W050 when every paid line depends on one
// metric alone (the agencies' guides: followers can be bought, traffic can come from bots).
//
// The rule (docs/diagnostics.md, W050): a line is *paid by metrics* when any of its expressions
// (amount, quantity, price, tier prices and flat fees, package price, min, max, when) depends on
// a metric: directly, through defines, through the KPIs it names (their target and attainment
// expressions), through `score` (every weighted KPI), attainment()/status() of a KPI, previous()
// and growth(). Lines that depend on no metric (a retainer: constant amounts, period.* at most)
// are not counted. W050 when there is a paid-by-metric line and all of them together depend on
// exactly one metric. Read from the syntax trees only (names resolve by the contract's maps).
import type { Contract, JsonNode } from '../contract/model.js';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { assertNever } from '../diagnostics/diagnostic.js';
import type { Expr } from '../parser/ast.js';
import type { CheckedContract, CheckedKpi, CheckedPayment, CheckedExpr } from './checked-contract.js';

/** W050 for a contract whose paid lines all depend on a single metric; undefined otherwise. */
export function singleMetricWarning(checked: CheckedContract): Diagnostic | undefined {
  const deps = new Dependencies(checked);
  const paid: { readonly line: CheckedPayment; readonly metrics: ReadonlySet<string> }[] = [];
  for (const line of checked.payments) {
    const metrics = new Set<string>();
    for (const e of lineExpressions(line)) deps.expr(e.expr, metrics);
    if (metrics.size > 0) paid.push({ line, metrics });
  }
  const all = new Set(paid.flatMap((p) => [...p.metrics]));
  const [only] = all;
  if (all.size !== 1 || only === undefined) return undefined;
  const decl = checked.contract.metrics.get(only);
  if (decl === undefined) return undefined;
  return diag('W050', decl.nameSpan, { name: only }, {
    labels: paid.map((p) => ({ span: p.line.decl.idSpan, message: `payment "${p.line.decl.id}" depends on "${only}" alone` })),
  });
}

function lineExpressions(line: CheckedPayment): CheckedExpr[] {
  const out: CheckedExpr[] = [];
  const add = (e: CheckedExpr | undefined): void => {
    if (e !== undefined) out.push(e);
  };
  add(line.when);
  add(line.min);
  add(line.max);
  const p = line.pricing;
  switch (p.form) {
    case 'amount':
      add(p.amount);
      break;
    case 'price':
      add(p.quantity);
      add(p.price);
      break;
    case 'tiers':
      add(p.quantity);
      for (const t of p.tiers) {
        add(t.price);
        add(t.flat);
      }
      break;
    case 'package':
      add(p.quantity);
      add(p.price);
      break;
    default:
      return assertNever(p, 'pricing form');
  }
  return out;
}

/** The metrics each define and KPI depends on, computed once each (checked: no cycles). */
class Dependencies {
  private readonly contract: Contract;
  private readonly defines = new Map<string, Expr>();
  private readonly kpis = new Map<string, CheckedKpi>();
  private readonly memo = new Map<string, ReadonlySet<string>>();

  constructor(checked: CheckedContract) {
    this.contract = checked.contract;
    for (const d of checked.defines) this.defines.set(d.name, d.compiled.expr);
    for (const k of checked.kpis) this.kpis.set(k.decl.id, k);
  }

  expr(e: Expr, out: Set<string>): void {
    switch (e.kind) {
      case 'Number':
      case 'Percent':
      case 'Duration':
      case 'Money':
      case 'String':
      case 'Boolean':
        return;
      case 'Name':
        if (e.path.length === 1) this.name(e.path[0] ?? '', out);
        return;
      case 'Unary':
        return this.expr(e.operand, out);
      case 'Binary':
        this.expr(e.left, out);
        return this.expr(e.right, out);
      case 'Between':
        [e.value, e.low, e.high].forEach((x) => this.expr(x, out));
        return;
      case 'In':
        [e.value, ...e.items].forEach((x) => this.expr(x, out));
        return;
      case 'If':
        [e.cond, e.then, e.else].forEach((x) => this.expr(x, out));
        return;
      case 'Call':
        e.args.forEach((x) => this.expr(x, out));
        return;
      default:
        return assertNever(e, 'expression');
    }
  }

  private name(name: string, out: Set<string>): void {
    if (this.contract.metrics.has(name)) {
      out.add(name);
    } else if (name === 'score') {
      for (const k of this.kpis.values()) if (k.weight !== undefined) this.step(`kpi:${k.decl.id}`, out);
    } else if (this.defines.has(name)) {
      this.step(`define:${name}`, out);
    } else if (this.kpis.has(name)) {
      this.step(`kpi:${name}`, out);
    }
  }

  private step(key: string, out: Set<string>): void {
    let found = this.memo.get(key);
    if (found === undefined) {
      const metrics = new Set<string>();
      this.memo.set(key, metrics);
      const name = key.slice(key.indexOf(':') + 1);
      if (key.startsWith('define:')) {
        const e = this.defines.get(name);
        if (e !== undefined) this.expr(e, metrics);
      } else {
        this.kpi(this.kpis.get(name), metrics);
      }
      found = metrics;
    }
    for (const m of found) out.add(m);
  }

  private kpi(k: CheckedKpi | undefined, out: Set<string>): void {
    if (k === undefined) return;
    if (k.decl.jsonlogic !== undefined) jsonLogicVars(k.decl.jsonlogic, (v) => this.name(v, out));
    else this.expr(k.target.expr, out);
    if (k.form.kind === 'explicit') this.expr(k.form.attainment.expr, out);
  }
}

/** Every `{"var": name}` of a JSON Logic target (its names are declared metrics, checked). */
function jsonLogicVars(n: JsonNode, use: (name: string) => void): void {
  if (n.kind === 'array') n.items.forEach((i) => jsonLogicVars(i, use));
  if (n.kind !== 'object') return;
  for (const entry of n.entries) {
    const v = entry.value;
    const first = v.kind === 'array' ? v.items[0] : v;
    if (entry.key === 'var' && first?.kind === 'scalar' && typeof first.value === 'string') use(first.value);
    else jsonLogicVars(v, use);
  }
}
