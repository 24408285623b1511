/*
 * Reading CloudFormation expressions of a synthesized template, without evaluating them.
 */

/** A value as text: literals as they are, expressions as `${...}` placeholders. */
export function renderExpression(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (Array.isArray(value)) {
    return value.map(renderExpression).join(',');
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [fn, arg] = entries[0];
      if (fn === 'Ref' && typeof arg === 'string') {
        return `\${${arg}}`;
      }
      if (fn === 'Fn::GetAtt') {
        return `\${${Array.isArray(arg) ? arg.map(renderExpression).join('.') : renderExpression(arg)}}`;
      }
      if (fn === 'Fn::Join' && Array.isArray(arg) && arg.length === 2 && Array.isArray(arg[1])) {
        return arg[1].map(renderExpression).join(typeof arg[0] === 'string' ? arg[0] : '');
      }
      if (fn === 'Fn::Sub') {
        return renderExpression(Array.isArray(arg) ? arg[0] : arg);
      }
      if (fn === 'Fn::ImportValue') {
        return `\${Import:${renderExpression(arg)}}`;
      }
    }
  }
  return JSON.stringify(value);
}

/**
 * The issuer named by an OIDC provider ARN, literal or built with `Fn::Join`/`Fn::Sub` around a
 * literal issuer (as `Stack.formatArn` does); undefined when the issuer part is not literal.
 */
export function issuerOfProviderArn(value: unknown): string | undefined {
  const match = /:oidc-provider\/(.+)$/.exec(renderExpression(value));
  return match && !match[1].includes('${') ? match[1] : undefined;
}

/** The logical id a `Ref` or `Fn::GetAtt` expression points at. */
export function referencedLogicalId(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.Ref === 'string') {
    return record.Ref;
  }
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
    return getAtt[0];
  }
  if (typeof getAtt === 'string') {
    return getAtt.split('.')[0];
  }
  return undefined;
}

/** A value or list of values as a list. */
export function asList(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Whether a value is a CloudFormation intrinsic function or reference: one key, `Ref` or `Fn::...`. */
export function isIntrinsic(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return false;
  }
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/**
 * The string a value deploys as when the template alone decides it: a string, or
 * `Fn::Join` / `Fn::Sub` (without variables) of such; undefined for anything else.
 */
export function literalString(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (!isIntrinsic(value)) {
    return undefined;
  }
  const [[fn, arg]] = Object.entries(value as Record<string, unknown>);
  if (fn === 'Fn::Join' && Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
    const parts = arg[1].map(literalString);
    return parts.every((part) => part !== undefined) ? parts.join(arg[0]) : undefined;
  }
  if (fn === 'Fn::Sub' && typeof arg === 'string' && !/\$\{(?!!)/.test(arg)) {
    return arg.replace(/\$\{!/g, '${');
  }
  return undefined;
}

/** Whether `Fn::If` occurs anywhere in a value: the deployed value then depends on a template condition. */
export function containsFnIf(value: unknown): boolean {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  return Object.entries(value as Record<string, unknown>).some(([key, inner]) => key === 'Fn::If' || containsFnIf(inner));
}
