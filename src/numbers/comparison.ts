// Numbers: what a three-way comparison result (negative, zero, positive) means for each comparison
// operator. Shared by the checker's constant folding and the sources' `where` filters.

/** The comparison operators of the expression language. */
export type ComparisonOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';

const OPERATORS: ReadonlySet<string> = new Set<ComparisonOperator>(['<', '<=', '>', '>=', '==', '!=']);

export function isComparisonOperator(op: string): op is ComparisonOperator {
  return OPERATORS.has(op);
}

/** Whether `a op b` holds, given `order` = the sign of comparing a with b. */
export function holds(op: ComparisonOperator, order: number): boolean {
  switch (op) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '==':
      return order === 0;
    case '!=':
      return order !== 0;
  }
}
